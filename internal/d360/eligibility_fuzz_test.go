package d360

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// FuzzAssessEligibility: from any Graph and health answers, the gate is
// ready only when onboarded and AVAILABLE or LIMITED, and never without
// saying why when it is not.
func FuzzAssessEligibility(f *testing.F) {
	wabas := []string{
		`{"id":"1","marketing_messages_onboarding_status":"ONBOARDED","owner_business_info":{"id":"2","marketing_messages_onboarding_status":{"status":"TERM_OF_SERVICE_SIGNED","time":"2025-10-07"}}}`,
		`{"marketing_messages_onboarding_status":"ELIGIBLE","owner_business_info":{"marketing_messages_onboarding_status":{"status":"REQUEST_SENT"}}}`,
		`{"marketing_messages_onboarding_status":"NEW_THING"}`, `{}`, `null`, ``,
	}
	healths := []string{
		`{"health_status":{"can_send_message":"AVAILABLE","entities":[]}}`, `{"health_status":{"can_send_message":"LIMITED"}}`,
		`{"health_status":{"can_send_message":"BLOCKED","entities":[{"entity_type":"WABA","id":"1","can_send_message":"BLOCKED","errors":[{"error_code":141010,"error_description":"x.","possible_solution":"y."}]},{"can_send_message":"BLOCKED"}]}}`,
		`{"health_status":{"can_send_message":"BLOCKED"}}`, `{"health_status":{}}`, `{}`, `""`, ``,
	}
	for _, w := range wabas {
		for _, h := range healths {
			f.Add(w, h)
		}
	}
	f.Fuzz(func(t *testing.T, wabaJSON, healthJSON string) {
		var w WABA
		var h HealthStatus
		if json.Unmarshal([]byte(wabaJSON), &w) != nil || json.Unmarshal([]byte(healthJSON), &h) != nil {
			return
		}
		e := AssessEligibility(&w, &h)
		health := h.HealthStatus.CanSendMessage
		if e.Ready != (e.Onboarded && (health == HealthAvailable || health == HealthLimited)) {
			t.Fatalf("ready=%v for onboarded=%v health %q", e.Ready, e.Onboarded, health)
		}
		if e.Ready != (len(e.Reasons) == 0) {
			t.Fatalf("ready=%v with reasons %q", e.Ready, e.Reasons)
		}
		for _, r := range e.Reasons {
			if strings.TrimSpace(r) == "" {
				t.Fatalf("an empty reason in %q", e.Reasons)
			}
		}
		if e.TermsSignedAt != "" {
			if _, err := time.Parse(time.RFC3339, e.TermsSignedAt); err != nil {
				t.Fatalf("terms_signed_at %q is not RFC 3339", e.TermsSignedAt)
			}
		}
	})
}

// FuzzRFC3339: a terms time is stored as RFC 3339 in UTC, or not at all.
func FuzzRFC3339(f *testing.F) {
	for _, v := range []string{"2025-10-07", "2025-10-07T12:30:00+02:00", "2025-10-07T12:30:00+0200", "0000-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00", "last tuesday", ""} {
		f.Add(v)
	}
	f.Fuzz(func(t *testing.T, v string) {
		out := rfc3339(v)
		if out == "" {
			return
		}
		parsed, err := time.Parse(time.RFC3339, out)
		if err != nil || parsed.Location() != time.UTC || !strings.HasSuffix(out, "Z") || rfc3339(out) != out {
			t.Fatalf("rfc3339(%q) = %q, which does not read back as itself (%v)", v, out, err)
		}
	})
}
