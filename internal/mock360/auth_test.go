package mock360

import (
	"net/http"
	"testing"
)

func TestAPIKeyRequired(t *testing.T) {
	cases := []struct {
		name   string
		method string
		path   string
		key    string // "" = no header
	}{
		{"missing key, send", "POST", "/marketing_messages", ""},
		{"wrong key, send", "POST", "/messages", "other-key"},
		{"Bearer prefix", "POST", "/marketing_messages", "Bearer " + testKey},
		{"key with different case", "GET", "/health_status", "TEST-API-KEY"},
		{"missing key, templates", "GET", "/v1/configs/templates", ""},
		{"wrong key, webhook", "POST", "/v1/configs/webhook", "nope"},
		{"wrong key, unknown path", "GET", "/does/not/exist", "nope"},
	}
	mock, ts := newTestServer(t, Options{})
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a := call(t, ts, tc.method, tc.path, send(nil), map[string]string{"D360-API-KEY": tc.key})
			wantGateway(t, a, http.StatusUnauthorized, "Invalid api_key")
		})
	}
	if n := len(mock.State().Messages); n != 0 {
		t.Fatalf("unauthenticated sends took effect: %d", n)
	}
}

func TestRoutingErrors(t *testing.T) {
	_, ts := newTestServer(t, Options{})
	wantGateway(t, call(t, ts, "GET", "/nothing/here", nil, nil), http.StatusNotFound, "Not Found")
	a := call(t, ts, "GET", "/marketing_messages", nil, nil)
	wantGateway(t, a, http.StatusMethodNotAllowed, "Method Not Allowed")
	if got := a.header.Get("Allow"); got != "POST" {
		t.Fatalf("Allow = %q", got)
	}
}

func TestRequestRecordingRedactsSecrets(t *testing.T) {
	mock, ts := newTestServer(t, Options{})
	call(t, ts, "POST", "/marketing_messages", send(nil), map[string]string{"Authorization": "Bearer leak"})
	call(t, ts, "GET", "/v24.0/102290129340398?fields=id&access_token="+testToken, nil, map[string]string{"D360-API-KEY": ""})
	call(t, ts, "GET", "/_mock/state", nil, nil) // control calls are not recorded

	reqs := mock.Requests()
	if len(reqs) != 2 {
		t.Fatalf("recorded %d requests, want 2", len(reqs))
	}
	send := reqs[0]
	if send.Method != "POST" || send.Path != "/marketing_messages" || send.Status != http.StatusOK {
		t.Fatalf("first request = %s %s %d", send.Method, send.Path, send.Status)
	}
	if got := send.Header.Values("D360-API-KEY"); len(got) != 1 || got[0] != "REDACTED" {
		t.Fatalf("D360-API-KEY recorded as %q", got)
	}
	if got := send.Header.Get("Authorization"); got != "REDACTED" {
		t.Fatalf("Authorization recorded as %q", got)
	}
	if string(send.Body) == "" || reqs[1].RawQuery != "access_token=REDACTED&fields=id" || reqs[1].Status != http.StatusOK {
		t.Fatalf("graph request recorded as %q status %d", reqs[1].RawQuery, reqs[1].Status)
	}
	if got := mock.RequestsTo("POST", "/marketing_messages"); len(got) != 1 {
		t.Fatalf("RequestsTo found %d", len(got))
	}
	if got := mock.RequestsTo("GET", "/marketing_messages"); len(got) != 0 {
		t.Fatalf("RequestsTo matched the wrong method: %d", len(got))
	}
	mock.ResetRequests()
	if got := mock.Requests(); len(got) != 0 {
		t.Fatalf("after ResetRequests: %d", len(got))
	}
}
