package d360

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
)

// fixedAnswer serves body with status 200 to every request and counts them.
func fixedAnswer(t *testing.T, body string) (*Client, *atomic.Int64) {
	t.Helper()
	var n atomic.Int64
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(body))
	}))
	t.Cleanup(ts.Close)
	c, err := New(Config{BaseURL: ts.URL, APIKey: testKey, GraphURL: ts.URL, GraphToken: "graph-token", MaxRetries: 0})
	if err != nil {
		t.Fatal(err)
	}
	return c, &n
}

// An empty or malformed health answer is an error: the eligibility gate
// must never read "nothing" as "fine".
func TestHealthGetRefusesUnusableAnswers(t *testing.T) {
	for _, body := range []string{``, `{}`, `null`, `""`, `[]`, `{"health_status":{}}`, `{"health_status":null}`, `{"health_status":{"can_send_message":""}}`, `<html>oops</html>`} {
		t.Run(body, func(t *testing.T) {
			c, requests := fixedAnswer(t, body)
			h, err := c.Health.Get(context.Background())
			if err == nil {
				t.Fatalf("answer %q gave %+v and no error", body, h)
			}
			// A well-formed HTTP answer with an unusable body will not get
			// better by asking again.
			if n := requests.Load(); n != 1 {
				t.Fatalf("answer %q was requested %d times, want 1", body, n)
			}
			if !strings.Contains(err.Error(), "GET /health_status") {
				t.Fatalf("the error should name the request: %v", err)
			}
		})
	}
	c, _ := fixedAnswer(t, `{"health_status":{"can_send_message":"LIMITED","entities":[]},"id":"1"}`)
	if h, err := c.Health.Get(context.Background()); err != nil || h.HealthStatus.CanSendMessage != HealthLimited {
		t.Fatalf("a well-formed answer: %+v, %v", h, err)
	}
}

func TestGetWABARefusesEmptyAnswers(t *testing.T) {
	for _, body := range []string{``, `{}`, `null`} {
		c, _ := fixedAnswer(t, body)
		if w, err := c.Graph.GetWABA(context.Background(), "102", WABAOnboardingFields...); err == nil {
			t.Fatalf("answer %q gave %+v and no error", body, w)
		}
	}
}

// A template list that is empty or malformed is an error, never "no such
// template": Read would otherwise drop a template from state.
func TestTemplateListRefusesUnusableAnswers(t *testing.T) {
	for _, body := range []string{``, `{}`, `null`, `[]`, `{"count":0,"total":0}`, `{"waba_templates":null}`, `{"waba_templates":{}}`, `<html>oops</html>`} {
		t.Run(body, func(t *testing.T) {
			c, _ := fixedAnswer(t, body)
			tmpl, err := c.Templates.Find(context.Background(), "summer_sale", "en")
			if err == nil {
				t.Fatalf("answer %q: Find gave %+v and no error", body, tmpl)
			}
			var bad *UnusableAnswerError
			if strings.TrimSpace(body) != "<html>oops</html>" && !errors.As(err, &bad) {
				t.Fatalf("want an *UnusableAnswerError, got %T: %v", err, err)
			}
			if !strings.Contains(err.Error(), "GET /v1/configs/templates") {
				t.Fatalf("the error should name the request: %v", err)
			}
		})
	}
	// Only a well-formed list without the template means it is gone.
	c, _ := fixedAnswer(t, `{"count":0,"limit":1000,"offset":0,"total":0,"waba_templates":[]}`)
	if tmpl, err := c.Templates.Find(context.Background(), "summer_sale", "en"); err != nil || tmpl != nil {
		t.Fatalf("a well-formed empty list: %+v, %v", tmpl, err)
	}
}
