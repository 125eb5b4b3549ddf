package main

import (
	"bytes"
	"context"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

// wait runs `d360-mock wait` with args and returns its stdout, how long it
// took and its error.
func wait(t *testing.T, ctx context.Context, args ...string) (string, time.Duration, error) {
	t.Helper()
	var stdout bytes.Buffer
	start := time.Now()
	err := run(ctx, append([]string{"wait"}, args...), &stdout, &stdout)
	return stdout.String(), time.Since(start), err
}

func TestWaitReady(t *testing.T) {
	m := serveMock(t, filepath.Join(t.TempDir(), "mock.env"))
	f, _ := readEnvFile(m.envPath)
	for _, args := range [][]string{
		{"-env-file", m.envPath},
		{"-url", m.base},
		{"-url", m.base + "/"},
		{"-env-file", m.envPath, "-pid", "1"}, // a live process: no effect
	} {
		out, _, err := wait(t, context.Background(), append(args, "-timeout", "5s")...)
		if err != nil || out != "d360-mock ready at "+m.base+" (run "+f.runID+", version dev)\n" {
			t.Fatalf("wait %v: %v, %q", args, err, out)
		}
	}
}

// wait started before the mock returns as soon as the mock listens.
func TestWaitForAMockStartingLater(t *testing.T) {
	envPath := filepath.Join(t.TempDir(), "mock.env")
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() {
		time.Sleep(300 * time.Millisecond)
		served <- run(ctx, []string{"-env-file", envPath}, &bytes.Buffer{}, &bytes.Buffer{})
	}()
	_, took, err := wait(t, context.Background(), "-env-file", envPath, "-timeout", "10s")
	cancel()
	if err != nil || took < 300*time.Millisecond || took > 5*time.Second {
		t.Fatalf("wait: %v after %v", err, took)
	}
	if err := <-served; err != nil {
		t.Fatalf("d360-mock: %v", err)
	}
}

func TestWaitRefusesAStaleEnvFile(t *testing.T) {
	dir := t.TempDir()
	closed, _ := net.Listen("tcp", "127.0.0.1:0")
	closedURL := "http://" + closed.Addr().String()
	closed.Close()
	live := serveMock(t, filepath.Join(dir, "live.env"))

	cases := []struct {
		name, file, want string
	}{
		{"no file", "", "does not exist (is a d360-mock running with -env-file"},
		{"its mock stopped", "# d360-mock run_id=0123456789abcdef pid=1 version=dev\nexport D360_BASE_URL=" + closedURL + "\n",
			"names " + closedURL + ", which does not answer: dial tcp"},
		// The address is in use again, by another run: the file is still stale.
		{"another mock at its address", "# d360-mock run_id=0123456789abcdef pid=1 version=dev\nexport D360_BASE_URL=" + live.base + "\n",
			"answers as run "},
		{"not a d360-mock file", "hello\n", "has no D360_BASE_URL line"},
	}
	// Long enough for a probe to finish on a loaded machine: the error
	// says why the last whole probe failed.
	t.Run("group", func(t *testing.T) {
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				t.Parallel()
				envPath := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "_")+".env")
				if tc.file != "" {
					_ = os.WriteFile(envPath, []byte(tc.file), 0o600)
				}
				_, took, err := wait(t, context.Background(), "-env-file", envPath, "-timeout", "2s")
				if err == nil || !strings.HasPrefix(err.Error(), "no d360-mock ready within 2s: ") || !strings.Contains(err.Error(), tc.want) {
					t.Fatalf("err = %v, want one containing %q", err, tc.want)
				}
				if code := exitCode(err, &bytes.Buffer{}); code != exitFailed {
					t.Errorf("exit %d", code)
				}
				if took > 8*time.Second {
					t.Errorf("took %v for a 2s timeout", took)
				}
			})
		}
	})
}

// -pid ends the wait as soon as the mock's process is gone, reaped or not.
func TestWaitStopsWhenTheProcessExits(t *testing.T) {
	envPath := filepath.Join(t.TempDir(), "mock.env")
	reaped := exec.Command("true")
	if err := reaped.Run(); err != nil {
		t.Skip("no true command:", err)
	}
	zombie := exec.Command("true")
	if err := zombie.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = zombie.Wait() }()
	time.Sleep(100 * time.Millisecond) // exited, not waited for: a zombie
	pids := map[string]int{"reaped": reaped.Process.Pid, "zombie": zombie.Process.Pid}
	if runtime.GOOS != "linux" {
		delete(pids, "zombie") // told apart through /proc alone
	}
	for name, pid := range pids {
		_, took, err := wait(t, context.Background(), "-env-file", envPath, "-pid", strconv.Itoa(pid), "-timeout", "10s")
		if err == nil || !strings.Contains(err.Error(), "exited before it was ready; its output says why") || took > 5*time.Second {
			t.Errorf("%s: err %v after %v", name, err, took)
		}
	}
}

func TestWaitInterrupted(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	_, took, err := wait(t, ctx, "-env-file", filepath.Join(t.TempDir(), "none"), "-timeout", "10s")
	if err == nil || err.Error() != "interrupted" || took > 3*time.Second {
		t.Fatalf("err %v after %v", err, took)
	}
}
