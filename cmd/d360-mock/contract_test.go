package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/d360-tf/terraform-provider-d360/internal/mock360"
)

// mockRun is a d360-mock serving in the test, started through run as the
// command line would.
type mockRun struct {
	envPath string
	base    string
	out     *syncBuffer
	cancel  context.CancelFunc
	done    chan error
}

// serveMock runs d360-mock with -env-file and args until stop or the end of
// the test, and returns once the env file is there.
func serveMock(t *testing.T, envPath string, args ...string) *mockRun {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	m := &mockRun{envPath: envPath, out: &syncBuffer{}, cancel: cancel, done: make(chan error, 1)}
	go func() { m.done <- run(ctx, append([]string{"-env-file", envPath}, args...), m.out, m.out) }()
	t.Cleanup(func() { m.stop(t) })
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if f, err := readEnvFile(envPath); err == nil {
			m.base = f.baseURL
			return m
		}
		select {
		case err := <-m.done:
			m.done <- err
			t.Fatalf("d360-mock exited: %v\n%s", err, m.out.String())
		case <-time.After(10 * time.Millisecond):
		}
	}
	t.Fatalf("no env file after 10 s:\n%s", m.out.String())
	return nil
}

func (m *mockRun) stop(t *testing.T) {
	t.Helper()
	m.cancel()
	select {
	case err := <-m.done:
		if err != nil {
			t.Errorf("d360-mock: %v", err)
		}
		m.done <- nil
	case <-time.After(10 * time.Second):
		t.Error("d360-mock did not stop")
	}
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return !errors.Is(err, fs.ErrNotExist)
}

// The env file is removed at start, before anything can fail, appears whole
// and private once the mock listens, and goes when it stops.
func TestEnvFileLifecycle(t *testing.T) {
	dir := t.TempDir()
	envPath := filepath.Join(dir, "mock.env")

	// A start that fails still removes an earlier run's file.
	if err := os.WriteFile(envPath, []byte("export D360_BASE_URL=http://127.0.0.1:1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	err := run(context.Background(), []string{"-env-file", envPath, "-seed", filepath.Join(dir, "none.json")}, io.Discard, io.Discard)
	if err == nil || exists(envPath) {
		t.Fatalf("failed start: err %v, env file left: %v", err, exists(envPath))
	}

	m := serveMock(t, envPath)
	raw, _ := os.ReadFile(envPath)
	lines := strings.Split(string(raw), "\n")
	if !strings.HasPrefix(lines[0], "# d360-mock run_id=") || !strings.HasPrefix(lines[1], "export D360_BASE_URL=") {
		t.Fatalf("env file:\n%s", raw)
	}
	if fi, _ := os.Stat(envPath); fi.Mode().Perm() != 0o600 {
		t.Errorf("env file mode %v, want 0600: it holds the key", fi.Mode().Perm())
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".d360-mock-env-*")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
	m.stop(t)
	if exists(envPath) {
		t.Error("the env file outlived the mock")
	}

	// A file that something else wrote since is not the mock's to remove.
	m = serveMock(t, envPath)
	if err := os.WriteFile(envPath, []byte("mine\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	m.stop(t)
	if got, _ := os.ReadFile(envPath); string(got) != "mine\n" {
		t.Errorf("the mock removed or changed a file it did not write: %q", got)
	}
}

// A port in use fails at once, says what to do, and leaves no env file.
func TestCannotListen(t *testing.T) {
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	addr := taken.Addr().String()
	envPath := filepath.Join(t.TempDir(), "mock.env")
	_ = os.WriteFile(envPath, []byte("stale\n"), 0o600)

	var stderr bytes.Buffer
	err = run(context.Background(), []string{"-addr", addr, "-env-file", envPath}, io.Discard, io.Discard)
	code := exitCode(err, &stderr)
	want := "d360-mock: cannot listen on " + addr + ": address already in use; pick another -addr (port 0 picks a free one) or stop what uses it\n"
	if code != exitFailed || stderr.String() != want {
		t.Fatalf("exit %d, stderr %q; want %d, %q", code, stderr.String(), exitFailed, want)
	}
	if exists(envPath) {
		t.Error("an env file was left although the mock never listened")
	}
}

func TestExitCodes(t *testing.T) {
	cases := []struct {
		args   []string
		code   int
		stderr string // the last line
	}{
		{[]string{"-h"}, 0, ""},
		{[]string{"-nope"}, exitUsage, "d360-mock: flag provided but not defined: -nope"},
		{[]string{"serve"}, exitUsage, `d360-mock: unexpected argument "serve": d360-mock takes only flags (see -h)`},
		{[]string{"-read-timeout", "0"}, exitUsage, "d360-mock: -read-timeout must be greater than 0"},
		{[]string{"-addr", "127.0.0.1:-1"}, exitFailed, "d360-mock: cannot listen on 127.0.0.1:-1: address -1: invalid port; check -addr"},
		{[]string{"wait", "-h"}, 0, ""},
		{[]string{"wait"}, exitUsage, "d360-mock wait: give -env-file or -url (one of them)"},
		{[]string{"wait", "-url", "d360-mock:8360"}, exitUsage, `d360-mock wait: -url "d360-mock:8360" is not an http(s) URL such as http://127.0.0.1:8360`},
		{[]string{"wait", "-env-file", "x", "-timeout", "0s"}, exitUsage, "d360-mock wait: -timeout must be greater than 0"},
		{[]string{"wait", "-env-file", filepath.Join(t.TempDir(), "none"), "-timeout", "50ms"}, exitFailed, ""},
	}
	for _, tc := range cases {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			var stderr bytes.Buffer
			err := run(context.Background(), tc.args, io.Discard, &stderr)
			if tc.code == 0 && err != nil && !errors.Is(err, flag.ErrHelp) {
				t.Fatalf("err = %v", err)
			}
			code := exitCode(err, &stderr)
			lines := strings.Split(strings.TrimRight(stderr.String(), "\n"), "\n")
			if code != tc.code || (tc.stderr != "" && lines[len(lines)-1] != tc.stderr) {
				t.Fatalf("exit %d, last line %q; want %d, %q", code, lines[len(lines)-1], tc.code, tc.stderr)
			}
		})
	}
}

// A mock listening on every interface, as in a container, is written down
// at 127.0.0.1: the provider sends a key over http only to loopback.
func TestUnspecifiedAddressIsWrittenAsLoopback(t *testing.T) {
	m := serveMock(t, filepath.Join(t.TempDir(), "mock.env"), "-addr", "0.0.0.0:0", "-webhook-inbox")
	if !strings.HasPrefix(m.base, "http://127.0.0.1:") {
		t.Fatalf("base URL %s, want http://127.0.0.1:<port>", m.base)
	}
	if !strings.HasPrefix(m.out.String(), "d360-mock listening on port "+strings.TrimPrefix(m.base, "http://127.0.0.1:")+" of every interface (run ") {
		t.Errorf("stdout does not say where it listens:\n%s", m.out.String())
	}
	if code, body := get(t, m.base+"/v1/configs/webhook", "mock-api-key"); code != 200 || !strings.Contains(body, `"url":"`+m.base+mock360.InboxPath+`"`) {
		t.Fatalf("inbox webhook: %d %s", code, body)
	}
}

// GET /_mock/run names the run the env file names.
func TestRunInfo(t *testing.T) {
	m := serveMock(t, filepath.Join(t.TempDir(), "mock.env"))
	f, _ := readEnvFile(m.envPath)
	code, body := get(t, m.base+runInfoPath, "")
	var info runInfo
	if code != 200 || json.Unmarshal([]byte(body), &info) != nil || info.RunID != f.runID || info.BaseURL != m.base || info.Version != version {
		t.Fatalf("GET %s: %d %s; env file run %s", runInfoPath, code, body, f.runID)
	}
	resp, err := http.Post(m.base+runInfoPath, "application/json", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Fatalf("POST %s: %d", runInfoPath, resp.StatusCode)
	}
}

func get(t *testing.T, url, key string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	if key != "" {
		req.Header.Set("D360-API-KEY", key)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func post(t *testing.T, url, key, body string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
	if key != "" {
		req.Header.Set("D360-API-KEY", key)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// POST /_mock/reset goes back to how the command line started the mock:
// the -seed state, the -webhook-inbox webhook and the -api-key.
func TestResetKeepsTheStartupConfiguration(t *testing.T) {
	dir := t.TempDir()
	seed := mock360.DefaultState()
	seed.OnboardingStatus = "ELIGIBLE"
	raw, _ := json.Marshal(seed)
	seedPath := filepath.Join(dir, "seed.json")
	_ = os.WriteFile(seedPath, raw, 0o600)
	m := serveMock(t, filepath.Join(dir, "mock.env"), "-webhook-inbox", "-api-key", "k3y", "-seed", seedPath)
	inbox := `{"url":"` + m.base + mock360.InboxPath + `","headers":{}}`

	if code, body := get(t, m.base+"/v1/configs/webhook", "k3y"); code != 200 || strings.TrimSpace(body) != inbox {
		t.Fatalf("webhook at start: %d %s", code, body)
	}
	// Change what reset must undo: the webhook, the state.
	if code, body := post(t, m.base+"/v1/configs/webhook", "k3y", `{"url":"https://hooks.example.com/whatsapp"}`); code != 200 {
		t.Fatalf("set webhook: %d %s", code, body)
	}
	if code, body := post(t, m.base+"/_mock/onboard", "", ""); code != 200 {
		t.Fatalf("onboard: %d %s", code, body)
	}
	if code, body := post(t, m.base+"/_mock/reset", "", ""); code != 200 {
		t.Fatalf("reset: %d %s", code, body)
	}

	if code, body := get(t, m.base+"/v1/configs/webhook", "k3y"); code != 200 || strings.TrimSpace(body) != inbox {
		t.Fatalf("webhook after reset: %d %s, want the inbox %s", code, body, inbox)
	}
	if code, _ := get(t, m.base+"/health_status", "mock-api-key"); code != http.StatusUnauthorized {
		t.Fatalf("after reset the default key works (%d): -api-key was lost", code)
	}
	if code, body := get(t, m.base+"/_mock/state", ""); code != 200 || !strings.Contains(body, `"onboarding_status":"ELIGIBLE"`) {
		t.Fatalf("state after reset is not the -seed one: %d %s", code, body)
	}
	// And events still reach the inbox.
	send := `{"messaging_product":"whatsapp","to":"4915112345678","type":"template","template":{"name":"marketing_text_no_param","language":{"code":"en"}}}`
	if code, body := post(t, m.base+"/messages", "k3y", send); code != 200 {
		t.Fatalf("send after reset: %d %s", code, body)
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		_, summary := get(t, m.base+"/_mock/summary", "")
		if strings.Contains(summary, "webhook events received at /_mock/inbox: 3") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no events at the inbox after reset:\n%s", summary)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
