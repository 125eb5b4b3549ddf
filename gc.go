package main

import (
	"os"
	"runtime/debug"
)

// tuneGC makes the garbage collector run less often unless GOGC or
// GOMEMLIMIT is set. A plan of 200 sends spent about a fifth of the
// provider's CPU collecting the framework's short-lived conversions at
// Go's default (a collection whenever the heap doubles). A collection when
// it triples, and at the latest at 100 MiB, keeps a broadcast to 10,000
// recipients within its memory budget.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(200)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(100 << 20)
	}
}
