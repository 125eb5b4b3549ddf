package main

import (
	"fmt"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
)

// pprofDirEnv names a directory where the provider process writes a CPU
// profile for its whole life and a heap profile when it ends, for finding
// where a plan or apply spends its time (go tool pprof). Unset, nothing is
// profiled. Terraform starts one process per run and configuration, so the
// files carry the process id.
const pprofDirEnv = "D360_PPROF_DIR"

// startProfiling starts the CPU profile when D360_PPROF_DIR is set and
// returns the function that stops it and writes the heap profile.
func startProfiling() (stop func()) {
	dir := os.Getenv(pprofDirEnv)
	if dir == "" {
		return func() {}
	}
	name := func(kind string) string { return filepath.Join(dir, fmt.Sprintf("%s-%d.pprof", kind, os.Getpid())) }
	if err := os.MkdirAll(dir, 0o755); err != nil {
		log.Printf("%s: %v", pprofDirEnv, err)
		return func() {}
	}
	cpu, err := os.Create(name("cpu"))
	if err != nil {
		log.Printf("%s: %v", pprofDirEnv, err)
		return func() {}
	}
	if err := pprof.StartCPUProfile(cpu); err != nil {
		log.Printf("%s: %v", pprofDirEnv, err)
		_ = cpu.Close()
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		_ = cpu.Close()
		heap, err := os.Create(name("heap"))
		if err != nil {
			log.Printf("%s: %v", pprofDirEnv, err)
			return
		}
		defer heap.Close()
		runtime.GC() // the heap profile shows what is live after the last collection
		if err := pprof.WriteHeapProfile(heap); err != nil {
			log.Printf("%s: %v", pprofDirEnv, err)
		}
	}
}
