package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/d360-tf/terraform-provider-d360/internal/mock360"
)

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

var exportsRe = regexp.MustCompile(`^# d360-mock run_id=[0-9a-f]{16} pid=\d+ version=dev
(export D360_BASE_URL=(http://127\.0\.0\.1:\d+)
export D360_API_KEY=k3y
export D360_GRAPH_API_URL=(http://127\.0\.0\.1:\d+)/v24\.0
export D360_GRAPH_API_TOKEN='tok en'
)$`)

func TestRun(t *testing.T) {
	dir := t.TempDir()
	seed := mock360.DefaultState()
	seed.OnboardingStatus = "ELIGIBLE"
	raw, _ := json.Marshal(seed)
	seedPath := filepath.Join(dir, "seed.json")
	if err := os.WriteFile(seedPath, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	envPath := filepath.Join(dir, "mock.env")

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stdout, stderr syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-api-key", "k3y", "-graph-token", "tok en", "-seed", seedPath, "-env-file", envPath, "-rate-limit", "1"}, &stdout, &stderr)
	}()

	var env []byte
	deadline := time.Now().Add(10 * time.Second)
	for {
		var err error
		if env, err = os.ReadFile(envPath); err == nil || time.Now().After(deadline) {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	m := exportsRe.FindStringSubmatch(string(env))
	if m == nil || m[2] != m[3] {
		t.Fatalf("env file:\n%s", env)
	}
	base := m[2]
	if !strings.Contains(stdout.String(), "360dialog API: "+base+"\n  Graph API:     "+base+"/v24.0\n  Control API:   "+base+"/_mock/\n") ||
		!strings.HasSuffix(stdout.String(), m[1]) {
		t.Fatalf("stdout:\n%s", stdout.String())
	}

	get := func(path string, header, value string) (int, string) {
		req, _ := http.NewRequest("GET", base+path, nil)
		req.Header.Set(header, value)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if code, body := get("/health_status", "D360-API-KEY", "k3y"); code != 200 || !strings.Contains(body, `"can_send_message":"AVAILABLE"`) {
		t.Fatalf("health: %d %s", code, body)
	}
	if code, body := get("/v24.0/102290129340398?fields=marketing_messages_onboarding_status", "Authorization", "Bearer tok en"); code != 200 ||
		body != `{"id":"102290129340398","marketing_messages_onboarding_status":"ELIGIBLE"}`+"\n" {
		t.Fatalf("graph: %d %s", code, body)
	}
	// -rate-limit 1: the second send in a row is throttled.
	post := func() int {
		req, _ := http.NewRequest("POST", base+"/messages", strings.NewReader(`{"messaging_product":"whatsapp","to":"1","type":"text","text":{"body":"x"}}`))
		req.Header.Set("D360-API-KEY", "k3y")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if a, b := post(), post(); a != 200 || b != 400 {
		t.Fatalf("sends: %d then %d", a, b)
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("run: %v (stderr %s)", err, stderr.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("run did not stop")
	}
	if !strings.HasSuffix(stdout.String(), "d360-mock stopped\n") {
		t.Fatalf("stdout:\n%s", stdout.String())
	}
}

func TestRunErrors(t *testing.T) {
	dir := t.TempDir()
	badSeed := filepath.Join(dir, "bad.json")
	_ = os.WriteFile(badSeed, []byte(`{"waba":"1"}`), 0o600)
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"unknown flag", []string{"-nope"}, "flag provided but not defined: -nope"},
		{"missing seed", []string{"-seed", filepath.Join(dir, "none.json")}, "no such file or directory"},
		{"bad seed", []string{"-seed", badSeed}, `seed ` + badSeed + `: json: unknown field "waba"`},
		{"bad address", []string{"-addr", "127.0.0.1:-1"}, "invalid port"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var out syncBuffer
			err := run(context.Background(), tc.args, &out, &out)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tc.want)
			}
		})
	}
}

func TestShellQuote(t *testing.T) {
	for in, want := range map[string]string{
		"mock-api-key":          "mock-api-key",
		"http://127.0.0.1:80/x": "http://127.0.0.1:80/x",
		"a b":                   "'a b'",
		"it's":                  `'it'\''s'`,
		"":                      "''",
		"$HOME":                 "'$HOME'",
	} {
		if got := shellQuote(in); got != want {
			t.Errorf("shellQuote(%q) = %s, want %s", in, got, want)
		}
	}
}
