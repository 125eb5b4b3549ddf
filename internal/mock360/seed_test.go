package mock360

import (
	"encoding/json"
	"net/http"
	"reflect"
	"strings"
	"testing"
)

// stateJSON is GET /_mock/state, as a client sees it.
func stateJSON(t *testing.T, ctl func(method, path string, body any) answer) map[string]any {
	t.Helper()
	a := ctl("GET", "/_mock/state", nil)
	if a.status != http.StatusOK || a.body == nil {
		t.Fatalf("GET /_mock/state: %d %s", a.status, a.raw)
	}
	return a.body
}

// A seed must be a whole state: POST /_mock/seed refuses anything else with
// 400 and the reason, and leaves the state as it was.
func TestSeedRefusesWhatIsNotAWholeState(t *testing.T) {
	_, ts := newTestServer(t, Options{})
	ctl := func(method, path string, body any) answer {
		return call(t, ts, method, path, body, map[string]string{"D360-API-KEY": ""})
	}
	whole := stateJSON(t, ctl)
	without := func(key string) string {
		m := map[string]any{}
		for k, v := range whole {
			if k != key {
				m[k] = v
			}
		}
		raw, _ := json.Marshal(m)
		return string(raw)
	}
	with := func(key string, v any) string {
		m := map[string]any{}
		for k, v := range whole {
			m[k] = v
		}
		m[key] = v
		raw, _ := json.Marshal(m)
		return string(raw)
	}
	wholeRaw, _ := json.Marshal(whole)
	cases := []struct{ name, body, reason string }{
		{"null", `null`, "a seed must be a JSON object holding the whole state (the format of GET /_mock/state), not null"},
		{"empty object", `{}`, "the seed is not a whole state: it lacks phone_number_id, display_phone_number, waba_id"},
		{"array", `[]`, "a seed must be a JSON object holding the whole state (the format of GET /_mock/state), not an array"},
		{"string", `"state"`, "a seed must be a JSON object holding the whole state (the format of GET /_mock/state), not a string"},
		{"number", `42`, "not a number"},
		{"empty body", ``, "a seed must be a JSON object"},
		{"not JSON", `seed`, "invalid JSON: invalid character 's'"},
		{"no templates", without("templates"), "the seed is not a whole state: it lacks templates ("},
		{"no webhook key", without("webhook"), "it lacks webhook"},
		{"null id", with("phone_number_id", nil), "phone_number_id must not be null"},
		{"typo", with("wabaid", "1"), `json: unknown field "wabaid"`},
		{"wrong type", with("templates", "none"), "cannot unmarshal string"},
		{"two values", string(wholeRaw) + ` {}`, "the seed has data after its JSON object"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a := ctl("POST", "/_mock/seed", tc.body)
			msg, _ := a.body["error"].(string)
			if a.status != http.StatusBadRequest || !strings.Contains(msg, tc.reason) {
				t.Fatalf("POST /_mock/seed %.60s: %d %s, want 400 with %q", tc.body, a.status, a.raw, tc.reason)
			}
			if got := stateJSON(t, ctl); !reflect.DeepEqual(got, whole) {
				t.Fatalf("a refused seed changed the state:\n%v", got)
			}
		})
	}
}

// GET /_mock/state, edited, seeds back, as the README's jq example does;
// an explicitly empty list or a null webhook is a whole state.
func TestSeedRoundTripsTheState(t *testing.T) {
	mock, ts := newTestServer(t, Options{})
	ctl := func(method, path string, body any) answer {
		return call(t, ts, method, path, body, map[string]string{"D360-API-KEY": ""})
	}
	st := stateJSON(t, ctl)
	st["onboarding_status"], st["terms_status"], st["terms_signed_at"] = "ELIGIBLE", "NOT_STARTED", ""
	wantJSON(t, ctl("POST", "/_mock/seed", st), http.StatusOK, `{"ok":true}`)
	if got := mock.State(); got.OnboardingStatus != "ELIGIBLE" || got.TermsStatus != "NOT_STARTED" || len(got.Templates) != 3 {
		t.Fatalf("state after the seed: %+v", got)
	}
	st["templates"], st["health"], st["webhook"] = []any{}, nil, nil
	wantJSON(t, ctl("POST", "/_mock/seed", st), http.StatusOK, `{"ok":true}`)
	if got := mock.State(); len(got.Templates) != 0 || len(got.Health) != 0 || got.Webhook != nil {
		t.Fatalf("state after the empty seed: %+v", got)
	}
}

// POST /_mock/reset goes back to the seed the mock started with, whatever
// was seeded since, so a CI job can always get back to a known state.
func TestResetRestoresTheStartingSeed(t *testing.T) {
	custom := DefaultState()
	custom.BusinessName = "Started With"
	for _, tc := range []struct {
		name string
		opts Options
		want State
	}{
		{"built-in", Options{}, DefaultState()},
		{"Options.Seed", Options{Seed: &custom}, custom},
	} {
		t.Run(tc.name, func(t *testing.T) {
			mock, ts := newTestServer(t, tc.opts)
			ctl := func(method, path string, body any) answer {
				return call(t, ts, method, path, body, map[string]string{"D360-API-KEY": ""})
			}
			want, _ := json.Marshal(tc.want)
			back := func(after string) {
				t.Helper()
				wantJSON(t, ctl("POST", "/_mock/reset", nil), http.StatusOK, `{"ok":true}`)
				got, _ := json.Marshal(mock.State())
				if string(got) != string(want) {
					t.Fatalf("reset after %s:\n%s\nwant\n%s", after, got, want)
				}
			}
			ctl("POST", "/_mock/seed", `null`)
			back("a refused seed")
			seeded := DefaultState()
			seeded.BusinessName, seeded.Templates = "Seeded", nil
			wantJSON(t, ctl("POST", "/_mock/seed", seeded), http.StatusOK, `{"ok":true}`)
			back("a good seed")
			mock.Seed(State{})
			back("Seed(State{})")
		})
	}
}

func TestParseStateNamesWhatIsMissing(t *testing.T) {
	raw, _ := json.Marshal(DefaultState())
	if _, err := ParseState(raw); err != nil {
		t.Fatalf("the default state: %v", err)
	}
	var m map[string]any
	_ = json.Unmarshal(raw, &m)
	delete(m, "waba_id")
	delete(m, "health")
	partial, _ := json.Marshal(m)
	_, err := ParseState(partial)
	if err == nil || !strings.Contains(err.Error(), "it lacks waba_id, health (") {
		t.Fatalf("err = %v", err)
	}
	// Keys that GET /_mock/state leaves out when empty are optional.
	for _, k := range []string{"name_locks", "messages", "paced_templates", "recipient_errors", "webhook_version", "disable_marketing_messages_on_cloud_api"} {
		if _, ok := m[k]; ok {
			t.Errorf("%s is in the default state's JSON; the test assumes it is left out", k)
		}
	}
}
