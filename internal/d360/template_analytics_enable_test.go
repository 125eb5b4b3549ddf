package d360

import (
	"context"
	"net/http"
	"testing"
)

func TestEnableAnalytics_request(t *testing.T) {
	s, srv := newScripted(t, answer{status: 200, body: `{"success":true}`})
	if err := newTestClient(t, srv.URL, nil).Templates.EnableAnalytics(context.Background()); err != nil {
		t.Fatal(err)
	}
	if s.count() != 1 {
		t.Fatalf("%d requests, want 1", s.count())
	}
	r := s.requests[0]
	if r.Method != http.MethodPost || r.URL.Path != "/marketing/template_analytics" || r.URL.RawQuery != "enable=true" {
		t.Fatalf("request %s %s?%s, want POST /marketing/template_analytics?enable=true", r.Method, r.URL.Path, r.URL.RawQuery)
	}
	if got := r.Header.Get("D360-API-KEY"); got != testKey {
		t.Fatalf("D360-API-KEY %q, want the key", got)
	}
	if s.bodies[0] != "" {
		t.Fatalf("body %q, want none", s.bodies[0])
	}
}

// Confirming is idempotent, so a 5xx is retried, as a read is.
func TestEnableAnalytics_retriesServerErrors(t *testing.T) {
	s, srv := newScripted(t, answer{status: 500, body: `{"error":"Internal server error"}`}, answer{status: 200, body: `{}`})
	if err := newTestClient(t, srv.URL, nil).Templates.EnableAnalytics(context.Background()); err != nil {
		t.Fatal(err)
	}
	if s.count() != 2 {
		t.Fatalf("%d requests, want 2 (one retry)", s.count())
	}
}

// A refusal is an *APIError with 360dialog's text, and is not retried.
func TestEnableAnalytics_refused(t *testing.T) {
	s, srv := newScripted(t, answer{status: 400, body: `{"error":"Bad request - enable=true required"}`})
	err := newTestClient(t, srv.URL, nil).Templates.EnableAnalytics(context.Background())
	e, ok := asAPIError(err)
	if !ok || e.HTTPStatus != 400 {
		t.Fatalf("error %v, want an APIError with HTTP 400", err)
	}
	if s.count() != 1 {
		t.Fatalf("%d requests, want 1", s.count())
	}
}
