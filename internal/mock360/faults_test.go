package mock360

import (
	"bytes"
	"encoding/json"
	"net/http"
	"testing"
	"time"
)

func TestFaults(t *testing.T) {
	cases := []struct {
		name  string
		fault Fault
		path  string
		check func(t *testing.T, a answer)
	}{
		{"gateway 500", Fault{Status: 500}, "/marketing_messages", func(t *testing.T, a answer) {
			wantGateway(t, a, 500, "Internal server error")
		}},
		{"gateway 400 is the throttle text", Fault{Status: 400}, "/messages", func(t *testing.T, a answer) {
			wantGateway(t, a, 400, "You have exceeded the endpoint rate limit.")
		}},
		{"gateway 403", Fault{Status: 403}, "/v1/configs/templates", func(t *testing.T, a answer) {
			wantGateway(t, a, 403, "The endpoint is blocked")
		}},
		{"gateway 502", Fault{Status: 502}, "/health_status", func(t *testing.T, a answer) {
			wantGateway(t, a, 502, "WhatsApp for Business API not available")
		}},
		{"429 with Retry-After", Fault{Status: 429, RetryAfter: "7"}, "/marketing_messages", func(t *testing.T, a answer) {
			wantGateway(t, a, 429, "Too Many Requests")
			if a.header.Get("Retry-After") != "7" {
				t.Fatalf("Retry-After = %q", a.header.Get("Retry-After"))
			}
		}},
		{"message override", Fault{Status: 400, Message: "Your WhatsApp for Business API has been disabled"}, "/messages", func(t *testing.T, a answer) {
			wantGateway(t, a, 400, "Your WhatsApp for Business API has been disabled")
		}},
		{"Meta code on MM is wrapped", Fault{Code: 130429, Subcode: 2494055}, "/marketing_messages", func(t *testing.T, a answer) {
			wantMetaError(t, a, 400, metaErr{wrapped: true, code: 130429, subcode: 2494055, message: "(#130429) Rate limit hit", details: "Rate limit hit"})
		}},
		{"Meta code on Cloud is plain", Fault{Status: 400, Code: 131056}, "/messages", func(t *testing.T, a answer) {
			wantMetaError(t, a, 400, metaErr{code: 131056, message: "(#131056) (Business Account, Consumer Account) pair rate limit hit",
				details: "(Business Account, Consumer Account) pair rate limit hit"})
		}},
		{"Meta code with message", Fault{Status: 500, Code: 131000, Message: "boom"}, "/messages", func(t *testing.T, a answer) {
			wantMetaError(t, a, 500, metaErr{code: 131000, message: "boom", details: "boom"})
		}},
		{"Graph 500 without code", Fault{Status: 500}, "/v24.0/102290129340398", func(t *testing.T, a answer) {
			wantMetaError(t, a, 500, metaErr{code: 1, message: "An unknown error has occurred."})
		}},
		{"Graph throttle", Fault{Status: 429}, "/v24.0/102290129340398", func(t *testing.T, a answer) {
			wantMetaError(t, a, 429, metaErr{code: 4, message: "(#4) Application request limit reached"})
		}},
		{"Graph with code", Fault{Status: 400, Code: 80007}, "/v24.0/102290129340398", func(t *testing.T, a answer) {
			wantMetaError(t, a, 400, metaErr{code: 80007, message: "(#80007) Rate limit issues"})
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			mock, ts := newTestServer(t, Options{})
			mock.AddFault(tc.fault)
			method := "POST"
			if tc.path == "/health_status" || tc.path == "/v1/configs/templates" || tc.path[:4] == "/v24" {
				method = "GET"
			}
			headers := map[string]string{"Authorization": "Bearer " + testToken}
			tc.check(t, call(t, ts, method, tc.path, send(nil), headers))
			// The fault was spent and had no effect.
			if n := len(mock.State().Messages); n != 0 {
				t.Fatalf("a faulted send took effect")
			}
			if a := call(t, ts, method, tc.path, send(nil), headers); a.status != http.StatusOK {
				t.Fatalf("second request still faulted: %d %s", a.status, a.raw)
			}
			if got := mock.Requests()[0].Status; got != tc.fault.Status && (tc.fault.Status != 0 || got != 400) {
				t.Fatalf("recorded status %d", got)
			}
		})
	}
}

func TestFaultCounting(t *testing.T) {
	mock, ts := newTestServer(t, Options{})
	mock.AddFault(Fault{Method: "POST", Path: "/marketing_messages", Status: 500, Times: 2})
	mock.AddFault(Fault{Method: "GET", Path: "/health_status", Status: 502, Every: 3})

	var got []int
	for range 3 {
		got = append(got, call(t, ts, "POST", "/marketing_messages", send(nil), nil).status)
	}
	for range 6 {
		got = append(got, call(t, ts, "GET", "/health_status", nil, nil).status)
	}
	want := []int{500, 500, 200, 200, 200, 502, 200, 200, 502}
	if !equalInts(got, want) {
		t.Fatalf("statuses %v, want %v", got, want)
	}
	if n := len(mock.State().Messages); n != 1 {
		t.Fatalf("messages = %d, want 1", n)
	}
	mock.ClearFaults()
	for range 3 {
		if s := call(t, ts, "GET", "/health_status", nil, nil).status; s != 200 {
			t.Fatalf("after ClearFaults: %d", s)
		}
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestFaultAfterEffect(t *testing.T) {
	rcv := newReceiver(t, http.StatusOK)
	mock, ts := newTestServer(t, Options{WebhookDelays: fastDelays})
	mock.Update(func(st *State) { st.Webhook = &WebhookConfig{URL: rcv.srv.URL} })
	mock.AddFault(Fault{Path: "/marketing_messages", Status: 502, AfterEffect: true})

	wantGateway(t, call(t, ts, "POST", "/marketing_messages", send(nil), nil), 502, "WhatsApp for Business API not available")
	if n := len(mock.State().Messages); n != 1 {
		t.Fatalf("the send did not take effect: %d messages", n)
	}
	waitDeliveries(t, mock, 3)
}

func TestFaultDropConnection(t *testing.T) {
	rcv := newReceiver(t, http.StatusOK)
	mock, ts := newTestServer(t, Options{WebhookDelays: fastDelays})
	mock.Update(func(st *State) { st.Webhook = &WebhookConfig{URL: rcv.srv.URL} })
	mock.AddFault(Fault{Method: "POST", Path: "/marketing_messages", DropConnection: true})

	raw, _ := json.Marshal(send(nil))
	req, _ := http.NewRequest("POST", ts.URL+"/marketing_messages", bytes.NewReader(raw))
	req.Header.Set("D360-API-KEY", testKey)
	resp, err := ts.Client().Do(req)
	if err == nil {
		resp.Body.Close()
		t.Fatalf("client got an answer (%d), want a dropped connection", resp.StatusCode)
	}
	st := mock.State()
	if len(st.Messages) != 1 || st.Messages[0].TemplateName != "marketing_text_no_param" {
		t.Fatalf("the send did not take effect: %+v", st.Messages)
	}
	deliveries := waitDeliveries(t, mock, 3)
	var ev event
	_ = json.Unmarshal(deliveries[0].Body, &ev)
	if ev.Entry[0].Changes[0].Value.Statuses[0].ID != st.Messages[0].ID {
		t.Fatalf("webhook for another message: %s", deliveries[0].Body)
	}
	if reqs := mock.Requests(); len(reqs) != 1 || reqs[0].Status != 0 || len(reqs[0].Body) != len(raw) {
		t.Fatalf("recorded %+v", reqs)
	}
}

func TestFaultsNeverApplyToControl(t *testing.T) {
	mock, ts := newTestServer(t, Options{})
	mock.AddFault(Fault{Status: 500, Every: 1})
	mock.SetLatency(time.Second)
	start := time.Now()
	if a := call(t, ts, "GET", "/_mock/state", nil, nil); a.status != 200 {
		t.Fatalf("control call faulted: %d", a.status)
	}
	if d := time.Since(start); d > 500*time.Millisecond {
		t.Fatalf("control call was delayed %v", d)
	}
}

func TestLatency(t *testing.T) {
	mock, ts := newTestServer(t, Options{Latency: 150 * time.Millisecond})
	start := time.Now()
	call(t, ts, "GET", "/health_status", nil, nil)
	if d := time.Since(start); d < 150*time.Millisecond {
		t.Fatalf("answered after %v, want >= 150ms", d)
	}
	mock.SetLatency(0)
	start = time.Now()
	call(t, ts, "GET", "/health_status", nil, nil)
	if d := time.Since(start); d > 100*time.Millisecond {
		t.Fatalf("answered after %v with no latency", d)
	}
}

func TestFaultRawAnswer(t *testing.T) {
	mock, ts := newTestServer(t, Options{})
	mock.AddFault(Fault{Path: "/marketing_messages", Raw: true, AfterEffect: true, Body: `{"messages":[]}`})
	mock.AddFault(Fault{Path: "/health_status", Raw: true, Status: 302, Headers: map[string]string{"Location": "http://elsewhere.test/"}})

	a := call(t, ts, "POST", "/marketing_messages", send(nil), nil)
	if a.status != 200 || string(a.raw) != `{"messages":[]}` {
		t.Fatalf("raw 2xx: got %d %q", a.status, a.raw)
	}
	if n := len(mock.State().Messages); n != 1 {
		t.Fatalf("after_effect with raw: the send did not take effect: %d messages", n)
	}
	req, _ := http.NewRequest("GET", ts.URL+"/health_status", nil)
	resp, err := (&http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 302 || resp.Header.Get("Location") != "http://elsewhere.test/" {
		t.Fatalf("raw redirect: got %d Location %q", resp.StatusCode, resp.Header.Get("Location"))
	}
}
