package mock360

import (
	"net/http"
	"testing"
	"time"
)

func TestRateLimit(t *testing.T) {
	mock, ts := newTestServer(t, Options{RateLimit: 4})
	// The burst is 4, shared by both send endpoints.
	for i, path := range []string{"/marketing_messages", "/messages", "/marketing_messages", "/messages"} {
		if a := call(t, ts, "POST", path, send(nil), nil); a.status != http.StatusOK {
			t.Fatalf("send %d: %d %s", i, a.status, a.raw)
		}
	}
	wantGateway(t, call(t, ts, "POST", "/marketing_messages", send(nil), nil), http.StatusBadRequest, "You have exceeded the endpoint rate limit.")
	wantGateway(t, call(t, ts, "POST", "/messages", send(nil), nil), http.StatusBadRequest, "You have exceeded the endpoint rate limit.")
	if n := len(mock.State().Messages); n != 4 {
		t.Fatalf("refused sends took effect: %d messages", n)
	}
	// Other endpoints are not throttled.
	if a := call(t, ts, "GET", "/health_status", nil, nil); a.status != http.StatusOK {
		t.Fatalf("health throttled: %d", a.status)
	}
	time.Sleep(300 * time.Millisecond) // 4/s refills one token per 250ms
	if a := call(t, ts, "POST", "/marketing_messages", send(nil), nil); a.status != http.StatusOK {
		t.Fatalf("after waiting: %d %s", a.status, a.raw)
	}

	mock.SetRateLimit(0)
	for range 20 {
		if a := call(t, ts, "POST", "/messages", send(nil), nil); a.status != http.StatusOK {
			t.Fatalf("unlimited: %d", a.status)
		}
	}
}

func TestRateLimitBelowOnePerSecond(t *testing.T) {
	_, ts := newTestServer(t, Options{RateLimit: 0.5})
	if a := call(t, ts, "POST", "/marketing_messages", send(nil), nil); a.status != http.StatusOK {
		t.Fatalf("first send: %d", a.status) // burst is max(1, rate)
	}
	wantGateway(t, call(t, ts, "POST", "/marketing_messages", send(nil), nil), http.StatusBadRequest, "You have exceeded the endpoint rate limit.")
}

func TestRateLimitCountsInvalidSends(t *testing.T) {
	_, ts := newTestServer(t, Options{RateLimit: 1})
	a := call(t, ts, "POST", "/marketing_messages", `{}`, nil)
	if a.status != http.StatusBadRequest || a.body["detail"] == nil {
		t.Fatalf("invalid send: %d %s", a.status, a.raw)
	}
	wantGateway(t, call(t, ts, "POST", "/marketing_messages", send(nil), nil), http.StatusBadRequest, "You have exceeded the endpoint rate limit.")
}

// The burst is the whole number of sends in one second's worth of tokens,
// and SetRateLimit at runtime starts a full bucket of the new size.
func TestRateLimitBurstAndRuntimeChange(t *testing.T) {
	mock, ts := newTestServer(t, Options{RateLimit: 2.5})
	sends := func(n int) {
		t.Helper()
		for i := range n {
			if a := call(t, ts, "POST", "/messages", send(nil), nil); a.status != http.StatusOK {
				t.Fatalf("send %d of %d: %d %s", i+1, n, a.status, a.raw)
			}
		}
		wantGateway(t, call(t, ts, "POST", "/messages", send(nil), nil), http.StatusBadRequest, rateLimitText)
	}
	sends(2)
	mock.SetRateLimit(3)
	sends(3)
	mock.SetRateLimit(0.25)
	sends(1)
	mock.Reset() // back to Options.RateLimit, full
	sends(2)
	mock.SetRateLimit(1e30) // a burst this large must not overflow to nothing
	for range 5 {
		if a := call(t, ts, "POST", "/messages", send(nil), nil); a.status != http.StatusOK {
			t.Fatalf("huge rate: %d %s", a.status, a.raw)
		}
	}
}
