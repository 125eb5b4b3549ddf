//go:build !windows

package main

import (
	"bytes"
	"errors"
	"os"
	"strconv"
	"syscall"
)

// processExited reports whether process pid is gone. A child that exited
// but was not reaped yet (a zombie) still answers kill -0, so on Linux its
// state in /proc counts too.
func processExited(pid int) bool {
	if err := syscall.Kill(pid, 0); errors.Is(err, syscall.ESRCH) {
		return true
	}
	stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return false // not Linux, or no /proc: kill -0 said it is there
	}
	// The state follows the command name, which is in parentheses and may
	// itself hold spaces or parentheses (proc(5)).
	if i := bytes.LastIndexByte(stat, ')'); i >= 0 && len(stat) > i+2 {
		return stat[i+2] == 'Z' || stat[i+2] == 'X'
	}
	return false
}
