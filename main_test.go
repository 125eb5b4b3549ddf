package main

import (
	"os"
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
