package mock360

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"
)

func TestControlAPI(t *testing.T) {
	rcv := newReceiver(t, http.StatusAccepted)
	mock, ts := newTestServer(t, Options{WebhookDelays: fastDelays})
	ctl := func(method, path string, body any) answer {
		return call(t, ts, method, path, body, map[string]string{"D360-API-KEY": ""})
	}
	ok := `{"ok":true}`

	// Seed a state with a webhook and a non-onboarded WABA.
	seed := DefaultState()
	seed.OnboardingStatus = "ELIGIBLE"
	seed.Webhook = &WebhookConfig{URL: rcv.srv.URL, Headers: map[string]string{}}
	wantJSON(t, ctl("POST", "/_mock/seed", seed), http.StatusOK, ok)
	var st State
	if err := json.Unmarshal(ctl("GET", "/_mock/state", nil).raw, &st); err != nil || st.OnboardingStatus != "ELIGIBLE" || len(st.Templates) != 3 {
		t.Fatalf("state after seed: %+v (%v)", st, err)
	}

	// Faults through the control API.
	wantJSON(t, ctl("POST", "/_mock/faults", map[string]any{"path": "/health_status", "status": 503, "times": 1}), http.StatusOK, ok)
	wantGateway(t, call(t, ts, "GET", "/health_status", nil, nil), 503, "Service Unavailable")
	wantJSON(t, ctl("POST", "/_mock/faults", map[string]any{"status": 500, "every": 1}), http.StatusOK, ok)
	for range 2 {
		wantGateway(t, call(t, ts, "GET", "/v1/configs/webhook", nil, nil), 500, "Internal server error")
	}
	wantJSON(t, ctl("DELETE", "/_mock/faults", nil), http.StatusOK, ok)

	// A send (a fallback, since the seed is not onboarded) and its webhooks.
	if a := call(t, ts, "POST", "/marketing_messages", send(nil), nil); a.status != http.StatusOK {
		t.Fatalf("send: %d %s", a.status, a.raw)
	}
	waitDeliveries(t, mock, 3)
	var deliveries []map[string]any
	_ = json.Unmarshal(ctl("GET", "/_mock/webhook_deliveries", nil).raw, &deliveries)
	if len(deliveries) != 3 || deliveries[0]["status"] != 202.0 || deliveries[0]["url"] != rcv.srv.URL {
		t.Fatalf("deliveries: %v", deliveries)
	}
	var first event
	if err := json.Unmarshal([]byte(deliveries[0]["body"].(string)), &first); err != nil ||
		first.Entry[0].Changes[0].Value.Statuses[0].Status != "sent" {
		t.Fatalf("delivery body is not the event text: %v", deliveries[0]["body"])
	}

	// Recorded requests, as JSON with the body as text.
	var reqs []map[string]any
	_ = json.Unmarshal(ctl("GET", "/_mock/requests", nil).raw, &reqs)
	if len(reqs) != 4 || reqs[3]["method"] != "POST" || reqs[3]["path"] != "/marketing_messages" || reqs[3]["status"] != 200.0 {
		t.Fatalf("requests: %v", reqs)
	}
	var sent map[string]any
	if err := json.Unmarshal([]byte(reqs[3]["body"].(string)), &sent); err != nil || sent["to"] != "441234567890" {
		t.Fatalf("request body: %v", reqs[3]["body"])
	}
	if h := reqs[3]["header"].(map[string]any); h["D360-Api-Key"].([]any)[0] != "REDACTED" {
		t.Fatalf("key not redacted: %v", h)
	}
	wantJSON(t, ctl("DELETE", "/_mock/requests", nil), http.StatusOK, ok)
	wantJSON(t, ctl("GET", "/_mock/requests", nil), http.StatusOK, `[]`)

	// Rate limit and latency.
	wantJSON(t, ctl("POST", "/_mock/rate_limit", map[string]any{"per_second": 1}), http.StatusOK, ok)
	call(t, ts, "POST", "/messages", send(nil), nil)
	wantGateway(t, call(t, ts, "POST", "/messages", send(nil), nil), http.StatusBadRequest, rateLimitText)
	wantJSON(t, ctl("POST", "/_mock/latency", map[string]any{"ms": 120}), http.StatusOK, ok)
	start := time.Now()
	call(t, ts, "GET", "/health_status", nil, nil)
	if d := time.Since(start); d < 120*time.Millisecond {
		t.Fatalf("latency not applied: %v", d)
	}

	// Reset goes back to the seed the mock started with, not the one
	// POSTed since, and to the Options.
	wantJSON(t, ctl("POST", "/_mock/reset", nil), http.StatusOK, ok)
	if st := mock.State(); st.OnboardingStatus != "ONBOARDED" || st.Webhook != nil || len(st.Templates) != 3 || len(st.Messages) != 0 {
		t.Fatalf("after reset: %+v", st)
	}
	if n := len(mock.WebhookDeliveries()) + len(mock.Requests()); n != 0 {
		t.Fatalf("reset left %d deliveries/requests", n)
	}
	start = time.Now()
	for range 3 {
		if a := call(t, ts, "POST", "/messages", send(nil), nil); a.status != http.StatusOK {
			t.Fatalf("rate limit survived reset: %d", a.status)
		}
	}
	if d := time.Since(start); d > 100*time.Millisecond {
		t.Fatalf("latency survived reset: %v", d)
	}

	bad := []struct{ method, path, body, text string }{
		{"POST", "/_mock/seed", `{"waba":"x"}`, `invalid JSON: json: unknown field "waba"`},
		{"POST", "/_mock/faults", `{"status":`, "invalid JSON: unexpected EOF"},
		{"POST", "/_mock/rate_limit", `{}`, "per_second must be a number >= 0"},
		{"POST", "/_mock/latency", `{"ms":-1}`, "ms must be an integer >= 0"},
		{"GET", "/_mock/nothing", ``, "unknown control endpoint: GET /_mock/nothing"},
	}
	for _, b := range bad {
		a := ctl(b.method, b.path, b.body)
		status := http.StatusBadRequest
		if b.path == "/_mock/nothing" {
			status = http.StatusNotFound
		}
		wantGateway(t, a, status, b.text)
	}
}

func TestResetCancelsPendingWebhooks(t *testing.T) {
	rcv := newReceiver(t, http.StatusOK)
	mock, ts := newTestServer(t, Options{WebhookDelays: WebhookDelays{Sent: 100 * time.Millisecond, Delivered: 100 * time.Millisecond, Read: 100 * time.Millisecond, Click: 100 * time.Millisecond}})
	mock.Update(func(st *State) { st.Webhook = &WebhookConfig{URL: rcv.srv.URL} })
	call(t, ts, "POST", "/marketing_messages", send(nil), nil)
	mock.Reset()
	time.Sleep(250 * time.Millisecond)
	rcv.mu.Lock()
	defer rcv.mu.Unlock()
	if n := len(mock.WebhookDeliveries()); n != 0 || len(rcv.bodies) != 0 {
		t.Fatalf("webhooks after Reset: %d recorded, %d received", n, len(rcv.bodies))
	}
}

func TestSeedFileParsing(t *testing.T) {
	raw, _ := json.Marshal(DefaultState())
	st, err := ParseState(raw)
	if err != nil || st.WABAID != "102290129340398" || len(st.Templates) != 3 || st.Templates[1].Components[3].Buttons[0].URL != "https://shop.example.com/sale/{{1}}" {
		t.Fatalf("round trip: %+v %v", st, err)
	}
	if _, err := ParseState([]byte(`{"wabaid":"1"}`)); err == nil {
		t.Fatal("unknown field accepted")
	}
}
