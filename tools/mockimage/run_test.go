//go:build linux

package main

import (
	"bytes"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// The binary from the layer serves the API when run as the image runs it:
// the entrypoint's arguments, as the image's user when the test may switch
// to it. A later -addr moves it to a free loopback port, which also proves
// that arguments given to `docker run` override the entrypoint's address.
func TestEntrypointServes(t *testing.T) {
	cf, err := loadImage(t).ConfigFile()
	if err != nil {
		t.Fatal(err)
	}
	if cf.Architecture != runtime.GOARCH {
		t.Skipf("a linux/%s image does not run on linux/%s", cf.Architecture, runtime.GOARCH)
	}
	// Directories the image's user can read, and one it can write; not
	// t.TempDir, whose parent only root may enter.
	dir, err := os.MkdirTemp("", "mockimage-run-") //nolint:usetesting // see above
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.RemoveAll(dir) })
	envDir := filepath.Join(dir, "env")
	for _, d := range []string{dir, envDir} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	bin, args := extractedEntrypoint(t, dir)
	envFile := filepath.Join(envDir, "mock.env")

	var stdout, stderr lockedBuffer
	cmd := exec.Command(bin, append(args, "-addr", "127.0.0.1:0", "-env-file", envFile)...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if os.Geteuid() == 0 {
		uid, gid := imageUser(t, cf.Config.User)
		if err := os.Chown(envDir, uid, gid); err != nil {
			t.Fatal(err)
		}
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}}
		t.Logf("running as the image's user %s", cf.Config.User)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// done is closed once Wait has returned waitErr, so that a cleanup
	// after any failure can tell whether there is a process left to kill.
	var waitErr error
	done := make(chan struct{})
	go func() { waitErr = cmd.Wait(); close(done) }()
	t.Cleanup(func() {
		select {
		case <-done:
		default:
			_ = cmd.Process.Kill()
			<-done
		}
	})

	base := waitForBaseURL(t, envFile, done, &stderr)
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	if ip := net.ParseIP(u.Hostname()); ip == nil || !ip.IsLoopback() {
		t.Fatalf("listening at %s: the later -addr 127.0.0.1:0 did not win over the entrypoint's", base)
	}
	client := &http.Client{Timeout: 10 * time.Second}
	resp, err := client.Get(base + "/_mock/summary")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	if resp.StatusCode != http.StatusOK || len(body) == 0 {
		t.Fatalf("GET /_mock/summary: %s %q", resp.Status, body)
	}

	// SIGTERM is how docker stop ends it; as PID 1 it must handle the
	// signal itself, or docker waits and kills it.
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case <-done:
		if waitErr != nil {
			t.Fatalf("exit after SIGTERM: %v\n%s", waitErr, stderr.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("still running 10s after SIGTERM")
	}
	if !strings.Contains(stdout.String(), "d360-mock stopped") {
		t.Errorf("no clean stop in its output:\n%s", stdout.String())
	}
}

func imageUser(t *testing.T, user string) (uid, gid int) {
	t.Helper()
	u, g, ok := strings.Cut(user, ":")
	var err1, err2 error
	uid, err1 = strconv.Atoi(u)
	gid, err2 = strconv.Atoi(g)
	if !ok || err1 != nil || err2 != nil || uid == 0 {
		t.Fatalf("image user %q is not a numeric non-root uid:gid", user)
	}
	return uid, gid
}

// waitForBaseURL reads D360_BASE_URL from the env file the mock writes once
// it listens, failing fast if the mock exits first.
func waitForBaseURL(t *testing.T, envFile string, done <-chan struct{}, stderr *lockedBuffer) string {
	t.Helper()
	deadline := time.After(15 * time.Second)
	for {
		if raw, err := os.ReadFile(envFile); err == nil {
			for _, line := range strings.Split(string(raw), "\n") {
				if v, ok := strings.CutPrefix(line, "export D360_BASE_URL="); ok {
					return strings.Trim(v, "'")
				}
			}
		}
		select {
		case <-done:
			t.Fatalf("d360-mock exited before listening:\n%s", stderr.String())
		case <-deadline:
			t.Fatalf("no D360_BASE_URL in %s after 15s\n%s", envFile, stderr.String())
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// lockedBuffer collects a process's output while the test reads it.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
