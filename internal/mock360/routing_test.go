package mock360

import (
	"net/http"
	"testing"
)

// A known path with the wrong method answers 405 in the gateway's JSON
// envelope, with an Allow header that lists exactly the methods the path
// serves (GET implies HEAD, RFC 9110 section 9.3.2); the API request is
// recorded with its status, a control request is not.
func TestMethodNotAllowedAllowHeader(t *testing.T) {
	cases := []struct {
		method, path, allow, text string
	}{
		{"DELETE", "/v1/configs/webhook", "GET, HEAD, POST", "Method Not Allowed"},
		{"PUT", "/v1/configs/templates", "GET, HEAD, POST", "Method Not Allowed"},
		{"GET", "/v1/configs/templates/spring_sale", "DELETE", "Method Not Allowed"},
		{"POST", "/health_status", "GET, HEAD", "Method Not Allowed"},
		{"GET", "/marketing/marketing_messages", "POST", "Method Not Allowed"},
		{"POST", "/_mock/state", "GET, HEAD", "method not allowed on control endpoint: POST /_mock/state"},
		{"PUT", "/_mock/faults", "DELETE, POST", "method not allowed on control endpoint: PUT /_mock/faults"},
		{"GET", "/_mock/pacing", "DELETE, POST", "method not allowed on control endpoint: GET /_mock/pacing"},
	}
	mock, ts := newTestServer(t, Options{})
	for _, tc := range cases {
		t.Run(tc.method+" "+tc.path, func(t *testing.T) {
			mock.ResetRequests()
			a := call(t, ts, tc.method, tc.path, nil, nil)
			wantGateway(t, a, http.StatusMethodNotAllowed, tc.text)
			if got := a.header.Get("Allow"); got != tc.allow {
				t.Fatalf("Allow = %q, want %q", got, tc.allow)
			}
			reqs := mock.Requests()
			if isControlPath(tc.path) {
				if len(reqs) != 0 {
					t.Fatalf("control call recorded: %+v", reqs)
				}
				return
			}
			if len(reqs) != 1 || reqs[0].Method != tc.method || reqs[0].Path != tc.path || reqs[0].Status != http.StatusMethodNotAllowed {
				t.Fatalf("recorded %+v", reqs)
			}
		})
	}
}

// Paths without a route answer 404 in the gateway's envelope, never a
// plain-text body or a redirect to a cleaned path, and API ones are
// recorded.
func TestUnknownPaths(t *testing.T) {
	cases := []struct {
		method, path, text string
	}{
		{"GET", "/nothing/here", "Not Found"},
		{"POST", "/messages/", "Not Found"},
		{"POST", "//messages", "Not Found"},
		{"POST", "/x/../messages", "Not Found"},
		{"DELETE", "/v1/configs/templates/", "Not Found"},
		{"DELETE", "/v1/configs/templates/a/b", "Not Found"},
		{"GET", "/v1", "Not Found"},
		{"GET", "/_mock", "unknown control endpoint: GET /_mock"},
		{"GET", "/_mock/nope", "unknown control endpoint: GET /_mock/nope"},
		{"GET", "/_mock//state", "unknown control endpoint: GET /_mock//state"},
	}
	mock, ts := newTestServer(t, Options{})
	for _, tc := range cases {
		t.Run(tc.method+" "+tc.path, func(t *testing.T) {
			mock.ResetRequests()
			a := call(t, ts, tc.method, tc.path, nil, nil)
			wantGateway(t, a, http.StatusNotFound, tc.text)
			if a.header.Get("Allow") != "" {
				t.Fatalf("Allow on a 404: %q", a.header.Get("Allow"))
			}
			reqs := mock.Requests()
			if isControlPath(tc.path) {
				if len(reqs) != 0 {
					t.Fatalf("control call recorded: %+v", reqs)
				}
				return
			}
			if len(reqs) != 1 || reqs[0].Path != tc.path || reqs[0].Status != http.StatusNotFound {
				t.Fatalf("recorded %+v", reqs)
			}
		})
	}
	if n := len(mock.State().Messages); n != 0 {
		t.Fatalf("an unknown path sent a message: %d", n)
	}
}

// Faults answer wrong methods and unknown paths too, like any API request,
// and latency does not apply to control calls.
func TestFaultOnUnroutedRequest(t *testing.T) {
	mock, ts := newTestServer(t, Options{})
	mock.AddFault(Fault{Status: http.StatusServiceUnavailable, Every: 1})
	wantGateway(t, call(t, ts, "DELETE", "/v1/configs/webhook", nil, nil), http.StatusServiceUnavailable, "Service Unavailable")
	wantGateway(t, call(t, ts, "GET", "/nothing/here", nil, nil), http.StatusServiceUnavailable, "Service Unavailable")
	// Control endpoints never see faults, including their 405s.
	wantGateway(t, call(t, ts, "POST", "/_mock/state", nil, nil), http.StatusMethodNotAllowed,
		"method not allowed on control endpoint: POST /_mock/state")
}
