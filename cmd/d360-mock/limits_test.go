package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// startMock runs d360-mock with args until the test ends and returns its base URL.
func startMock(t *testing.T, args ...string) string {
	t.Helper()
	envPath := filepath.Join(t.TempDir(), "mock.env")
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	var out syncBuffer
	var runErr error
	go func() {
		defer close(done)
		runErr = run(ctx, append([]string{"-env-file", envPath}, args...), &out, &out)
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Error("run did not stop")
		}
	})
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if env, err := os.ReadFile(envPath); err == nil {
			if m := exportsBase.FindStringSubmatch(string(env)); m != nil {
				return m[1]
			}
		}
		select {
		case <-done:
			t.Fatalf("run: %v\n%s", runErr, out.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
	t.Fatalf("no env file; output:\n%s", out.String())
	return ""
}

var exportsBase = regexp.MustCompile(`export D360_BASE_URL=(http://[^\s]+)`)

// closedWithin reads from conn until the server ends the connection and
// returns what it sent and how long that took; it fails after limit.
func closedWithin(t *testing.T, conn net.Conn, limit time.Duration) (string, time.Duration) {
	t.Helper()
	start := time.Now()
	_ = conn.SetReadDeadline(start.Add(limit))
	got, err := io.ReadAll(conn)
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		t.Fatalf("the server kept a stalled connection open for %v (read %q)", limit, got)
	}
	return string(got), time.Since(start)
}

// A client that sends half a request header and stalls is disconnected
// after -read-header-timeout.
func TestStalledHeaderIsDisconnected(t *testing.T) {
	base := startMock(t, "-read-header-timeout", "200ms")
	conn, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := io.WriteString(conn, "GET /health_status HTTP/1.1\r\nHost: mock\r\nD360-API-"); err != nil {
		t.Fatal(err)
	}
	if _, took := closedWithin(t, conn, 3*time.Second); took < 100*time.Millisecond {
		t.Fatalf("closed after %v, before the timeout", took)
	}
}

// A client that sends the headers but stalls in the body is answered and
// disconnected after -read-timeout; the partial body never takes effect.
func TestStalledBodyIsDisconnected(t *testing.T) {
	base := startMock(t, "-read-timeout", "300ms")
	conn, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := io.WriteString(conn, "POST /messages HTTP/1.1\r\nHost: mock\r\nD360-API-KEY: mock-api-key\r\nContent-Length: 100\r\n\r\n{\"to\":"); err != nil {
		t.Fatal(err)
	}
	got, _ := closedWithin(t, conn, 3*time.Second)
	if !strings.HasPrefix(got, "HTTP/1.1 408 ") {
		t.Fatalf("answer to a stalled body: %q", got)
	}
	resp, err := http.Get(base + "/_mock/state")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var st struct{ Messages []any }
	if err := json.NewDecoder(resp.Body).Decode(&st); err != nil || len(st.Messages) != 0 {
		t.Fatalf("state after a stalled body: %v %v", st.Messages, err)
	}
}

// The read timeout bounds only reading the request: the mock's own latency
// (and a hung-server fault made of it) may keep an answer longer.
func TestLatencyOutlastsReadTimeout(t *testing.T) {
	base := startMock(t, "-read-timeout", "200ms", "-read-header-timeout", "200ms", "-latency", "600ms")
	req, _ := http.NewRequest("GET", base+"/health_status", nil)
	req.Header.Set("D360-API-KEY", "mock-api-key")
	start := time.Now()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("a slow answer was cut: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || time.Since(start) < 600*time.Millisecond {
		t.Fatalf("status %d after %v", resp.StatusCode, time.Since(start))
	}
}

// -webhook-inbox is part of the starting state, so POST /_mock/reset keeps it.
func TestWebhookInboxSurvivesReset(t *testing.T) {
	base := startMock(t, "-webhook-inbox")
	resp, err := http.Post(base+"/_mock/reset", "application/json", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	resp, err = http.Get(base + "/_mock/state")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var st struct {
		Webhook *struct{ URL string } `json:"webhook"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&st); err != nil || st.Webhook == nil || st.Webhook.URL != base+"/_mock/inbox" {
		t.Fatalf("webhook after reset: %+v %v", st.Webhook, err)
	}
}

// The request log's limits are flags; nonsense values are refused at start.
func TestRequestLogFlags(t *testing.T) {
	base := startMock(t, "-request-log-size", "2", "-request-log-body-bytes", "10", "-max-body-bytes", "50")
	post := func(body string) int {
		req, _ := http.NewRequest("POST", base+"/messages", strings.NewReader(body))
		req.Header.Set("D360-API-KEY", "mock-api-key")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	for range 3 {
		post(strings.Repeat("b", 20))
	}
	if code := post(strings.Repeat("b", 51)); code != http.StatusRequestEntityTooLarge {
		t.Fatalf("51 bytes with -max-body-bytes 50: %d", code)
	}
	resp, err := http.Get(base + "/_mock/requests")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var reqs []struct {
		Body      string `json:"body"`
		Truncated bool   `json:"body_truncated"`
	}
	if err := json.NewDecoder(bufio.NewReader(resp.Body)).Decode(&reqs); err != nil || len(reqs) != 2 || len(reqs[1].Body) != 10 || !reqs[1].Truncated ||
		resp.Header.Get("X-Mock-Requests-Dropped") != "2" {
		t.Fatalf("log: %+v (dropped %q) %v", reqs, resp.Header.Get("X-Mock-Requests-Dropped"), err)
	}

	for _, args := range [][]string{
		{"-request-log-size", "0"}, {"-request-log-body-bytes", "-1"}, {"-request-log-bytes", "0"}, {"-max-body-bytes", "0"},
		{"-read-timeout", "0s"}, {"-read-header-timeout", "-1s"},
	} {
		var out syncBuffer
		err := run(context.Background(), args, &out, &out)
		if err == nil || !strings.Contains(err.Error(), args[0]+" must be") {
			t.Errorf("%v: err = %v", args, err)
		}
	}
}
