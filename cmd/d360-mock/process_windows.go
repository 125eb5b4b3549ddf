//go:build windows

package main

import "os"

// processExited reports whether process pid is gone: on Windows,
// os.FindProcess opens the process and fails once it no longer exists.
func processExited(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return true
	}
	_ = p.Release()
	return false
}
