package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

func TestQuietSDKLogsUnlessAsked(t *testing.T) {
	quieted := []string{"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_PROVIDER"}
	unsetAll := func() {
		for _, name := range append(append([]string{}, logEnv...), quieted...) {
			t.Setenv(name, "")
		}
	}

	unsetAll()
	quietSDKLogsUnlessAsked()
	for _, name := range quieted {
		if got := os.Getenv(name); got != "OFF" {
			t.Errorf("with no log asked for, %s = %q, want OFF", name, got)
		}
	}

	for _, asked := range logEnv {
		unsetAll()
		t.Setenv(asked, "TRACE")
		quietSDKLogsUnlessAsked()
		for _, name := range quieted {
			if name != asked && os.Getenv(name) != "" {
				t.Errorf("with %s set, %s was changed to %q", asked, name, os.Getenv(name))
			}
		}
	}
}

func TestProfilingWritesCPUAndHeapProfiles(t *testing.T) {
	dir := t.TempDir()
	t.Setenv(pprofDirEnv, dir)
	startProfiling()()
	for _, kind := range []string{"cpu", "heap"} {
		st, err := os.Stat(filepath.Join(dir, fmt.Sprintf("%s-%d.pprof", kind, os.Getpid())))
		if err != nil || st.Size() == 0 {
			t.Errorf("%s profile: %v (size %v)", kind, err, st)
		}
	}
}

func TestNoProfilingUnlessAsked(t *testing.T) {
	t.Setenv(pprofDirEnv, "")
	t.Chdir(t.TempDir())
	startProfiling()()
	if entries, _ := os.ReadDir("."); len(entries) != 0 {
		t.Errorf("wrote %d files with %s unset", len(entries), pprofDirEnv)
	}
}

func TestPrintVersion(t *testing.T) {
	old := version
	t.Cleanup(func() { version = old })
	version = "1.2.3"
	var out bytes.Buffer
	printVersion(&out)
	if got := out.String(); got != "terraform-provider-d360 1.2.3\n" {
		t.Errorf("printVersion wrote %q", got)
	}
}
