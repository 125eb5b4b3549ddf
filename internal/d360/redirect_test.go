package d360

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// elsewhere is a second origin a redirect points at. It records whether any
// request, and any key, reached it.
type elsewhere struct {
	requests atomic.Int32
	keys     atomic.Int32
}

func newElsewhere(t *testing.T) (*elsewhere, *httptest.Server) {
	t.Helper()
	e := &elsewhere{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		e.requests.Add(1)
		if r.Header.Get("D360-API-KEY") != "" || r.Header.Get("Authorization") != "" {
			e.keys.Add(1)
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(okSend.body[:len(okSend.body)-1] + `,"health_status":{"can_send_message":"AVAILABLE"}}`))
	}))
	t.Cleanup(srv.Close)
	return e, srv
}

func redirectTo(status int, target string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Location", target+r.URL.Path)
		w.WriteHeader(status)
	}
}

func TestRedirectsAreNeverFollowed(t *testing.T) {
	for _, status := range []int{301, 302, 303, 307, 308} {
		t.Run(fmt.Sprint(status), func(t *testing.T) {
			other, otherSrv := newElsewhere(t)
			api := httptest.NewServer(redirectTo(status, otherSrv.URL))
			t.Cleanup(api.Close)
			// A caller's own client: New must not follow redirects with it
			// either, and must not change it.
			callers := &http.Client{Timeout: 5 * time.Second}
			c := newTestClient(t, api.URL, func(cfg *Config) { cfg.HTTPClient = callers })

			res, err := c.Messages.SendMarketing(context.Background(), testMessage())
			if !IsOutcomeUnknown(err) {
				t.Fatalf("send answered with a redirect: want outcome unknown, got %v, %v", res, err)
			}
			for _, want := range []string{"redirect", fmt.Sprint(status), "API root"} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q does not mention %q", err, want)
				}
			}
			if _, err := c.Health.Get(context.Background()); err == nil || !strings.Contains(err.Error(), "redirect") {
				t.Fatalf("read answered with a redirect: want a redirect error, got %v", err)
			}
			if n := other.requests.Load(); n != 0 {
				t.Fatalf("the other origin received %d requests (%d with a key), want none", n, other.keys.Load())
			}
			if callers.CheckRedirect != nil {
				t.Fatal("New changed the caller's http.Client")
			}
		})
	}
}

func TestEmptySuccessIsOutcomeUnknown(t *testing.T) {
	for _, body := range []string{``, `{}`, `null`, `{"messages":[]}`, `{"messages":[{"id":""}]}`} {
		t.Run(body, func(t *testing.T) {
			srv, ts := newScripted(t, answer{status: 200, body: body}, okSend)
			c := newTestClient(t, ts.URL, nil)
			res, err := c.Messages.SendMarketing(context.Background(), testMessage())
			if !IsOutcomeUnknown(err) || !strings.Contains(err.Error(), "malformed") {
				t.Fatalf("want outcome unknown naming a malformed answer, got %+v, %v", res, err)
			}
			if srv.count() != 1 {
				t.Fatalf("server saw %d requests, want exactly 1", srv.count())
			}
		})
	}
}
