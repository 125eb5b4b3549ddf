package mock360

import (
	"net/http"
	"testing"
)

func TestEnableAnalytics(t *testing.T) {
	st := DefaultState()
	st.TemplateAnalyticsEnabled = false
	mock, ts := newTestServer(t, Options{Seed: &st})
	a := call(t, ts, http.MethodPost, "/marketing/template_analytics?enable=true", nil, nil)
	wantJSON(t, a, http.StatusOK, `{"success":true}`)
	if !mock.State().TemplateAnalyticsEnabled {
		t.Fatal("template_analytics_enabled is still false after the confirmation")
	}
	// Confirming again is harmless.
	a = call(t, ts, http.MethodPost, "/marketing/template_analytics?enable=true", nil, nil)
	wantJSON(t, a, http.StatusOK, `{"success":true}`)
	if !mock.State().TemplateAnalyticsEnabled {
		t.Fatal("a second confirmation turned analytics off")
	}
}

func TestEnableAnalytics_refusesWithoutEnableTrue(t *testing.T) {
	for _, query := range []string{"", "?enable=false", "?enable=TRUE", "?enable=1", "?enable=", "?enable=true&enable=true", "?enabled=true"} {
		t.Run(query, func(t *testing.T) {
			st := DefaultState()
			st.TemplateAnalyticsEnabled = false
			mock, ts := newTestServer(t, Options{Seed: &st})
			a := call(t, ts, http.MethodPost, "/marketing/template_analytics"+query, nil, nil)
			wantGateway(t, a, http.StatusBadRequest, "Bad request - enable=true required")
			if mock.State().TemplateAnalyticsEnabled {
				t.Fatal("a refused request confirmed analytics")
			}
		})
	}
}

func TestEnableAnalytics_needsTheKey(t *testing.T) {
	st := DefaultState()
	st.TemplateAnalyticsEnabled = false
	mock, ts := newTestServer(t, Options{Seed: &st})
	for _, key := range []string{"", "wrong-key"} {
		a := call(t, ts, http.MethodPost, "/marketing/template_analytics?enable=true", nil, map[string]string{"D360-API-KEY": key})
		wantGateway(t, a, http.StatusUnauthorized, "Invalid api_key")
	}
	if mock.State().TemplateAnalyticsEnabled {
		t.Fatal("a request without the key confirmed analytics")
	}
}

// The built-in seed is a channel that confirmed analytics already, and a
// seed file without the key (written before it existed) is still a whole
// state.
func TestEnableAnalytics_seed(t *testing.T) {
	if !DefaultState().TemplateAnalyticsEnabled {
		t.Fatal("the default state has template analytics unconfirmed")
	}
	for _, k := range requiredStateKeys {
		if k.name == "template_analytics_enabled" {
			t.Fatal("template_analytics_enabled is a required seed key; old seed files would be refused")
		}
	}
}
