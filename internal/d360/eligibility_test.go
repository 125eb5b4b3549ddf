package d360

import (
	"reflect"
	"strings"
	"testing"
)

func health(status string, entities ...HealthEntity) *HealthStatus {
	h := &HealthStatus{}
	h.HealthStatus.CanSendMessage = status
	h.HealthStatus.Entities = entities
	return h
}

func wabaWith(status, terms, signed string) *WABA {
	w := &WABA{ID: "1", MarketingMessagesOnboardingStatus: status}
	if terms != "" {
		w.OwnerBusinessInfo = &OwnerBusinessInfo{MarketingMessagesOnboardingStatus: &TermsOfService{Status: terms, Time: signed}}
	}
	return w
}

func TestAssessEligibilityEveryStatus(t *testing.T) {
	for _, status := range append(KnownOnboardingStatuses(), "INELIGIBLE_SOMETHING_NEW", "") {
		e := AssessEligibility(wabaWith(status, "NOT_STARTED", ""), health(HealthAvailable))
		onboarded := status == OnboardingOnboarded
		if e.Onboarded != onboarded || e.Ready != onboarded || e.Eligible != (onboarded || status == OnboardingEligible) {
			t.Errorf("%q: onboarded=%v ready=%v eligible=%v", status, e.Onboarded, e.Ready, e.Eligible)
		}
		if e.OnboardingStatus != status {
			t.Errorf("%q passed through as %q", status, e.OnboardingStatus)
		}
		if onboarded {
			if len(e.Reasons) != 0 {
				t.Errorf("ONBOARDED and AVAILABLE has reasons %q", e.Reasons)
			}
			continue
		}
		if len(e.Reasons) != 1 || len(e.Reasons[0]) < 40 {
			t.Errorf("%q: want one explanatory reason, got %q", status, e.Reasons)
		}
		if status == "INELIGIBLE_SOMETHING_NEW" && !strings.Contains(e.Reasons[0], `"INELIGIBLE_SOMETHING_NEW"`) {
			t.Errorf("an unknown status should be quoted: %q", e.Reasons[0])
		}
	}
	// Every known status has its own text, not the generic one.
	seen := map[string]string{}
	for _, status := range KnownOnboardingStatuses() {
		if status == OnboardingOnboarded {
			continue
		}
		r := onboardingReason(status)
		if other, dup := seen[r]; dup || strings.Contains(r, "does not know") {
			t.Errorf("%s shares its reason with %s or is generic: %q", status, other, r)
		}
		seen[r] = status
	}
}

func TestAssessEligibilityBlockedAndTerms(t *testing.T) {
	h := health(HealthBlocked,
		HealthEntity{EntityType: "PHONE_NUMBER", ID: "106", CanSendMessage: HealthAvailable},
		HealthEntity{EntityType: "WABA", ID: "102", CanSendMessage: HealthBlocked, Errors: []HealthError{
			{ErrorCode: 141010, ErrorDescription: "The Business has not passed business verification.", PossibleSolution: "Start business verification."}}})
	e := AssessEligibility(wabaWith(OnboardingOnboarded, "TERM_OF_SERVICE_SIGNED", "2025-10-07"), h)
	want := Eligibility{
		OnboardingStatus: OnboardingOnboarded, Eligible: true, Onboarded: true,
		TermsStatus: "TERM_OF_SERVICE_SIGNED", TermsSignedAt: "2025-10-07T00:00:00Z", CanSendMessage: HealthBlocked, Ready: false,
		Reasons: []string{"the number is BLOCKED: WABA 102: The Business has not passed business verification (error 141010); Start business verification"},
	}
	if !reflect.DeepEqual(e, want) {
		t.Fatalf("got  %+v\nwant %+v", e, want)
	}

	limited := AssessEligibility(wabaWith(OnboardingOnboarded, "", ""), health(HealthLimited))
	if !limited.Ready || len(limited.Reasons) != 0 || limited.TermsStatus != "" {
		t.Fatalf("LIMITED still sends: %+v", limited)
	}

	pending := AssessEligibility(wabaWith(OnboardingEligible, "REQUEST_SENT", ""), health(HealthAvailable))
	if len(pending.Reasons) != 2 || !strings.Contains(pending.Reasons[1], "waiting for an admin") || pending.TermsSignedAt != "" {
		t.Fatalf("REQUEST_SENT: %+v", pending)
	}
}

func TestRFC3339(t *testing.T) {
	for in, want := range map[string]string{
		"2025-10-07":                "2025-10-07T00:00:00Z",
		"2025-10-07T12:30:00+02:00": "2025-10-07T10:30:00Z",
		"2025-10-07T12:30:00+0200":  "2025-10-07T10:30:00Z",
		"last tuesday":              "",
		"":                          "",
	} {
		if got := rfc3339(in); got != want {
			t.Errorf("rfc3339(%q) = %q, want %q", in, got, want)
		}
	}
}

// Only AVAILABLE and LIMITED can send; any other health, empty or new, is
// not ready and says why.
func TestAssessEligibilityUnknownHealth(t *testing.T) {
	for _, status := range []string{"", "UNKNOWN", "available", "BLOCKED_SOON"} {
		e := AssessEligibility(wabaWith(OnboardingOnboarded, "TERM_OF_SERVICE_SIGNED", "2025-10-07"), health(status))
		if e.Ready || len(e.Reasons) != 1 || !strings.Contains(e.Reasons[0], "can_send_message") {
			t.Errorf("health %q: ready=%v reasons=%q", status, e.Ready, e.Reasons)
		}
	}
	for _, status := range []string{HealthAvailable, HealthLimited} {
		if e := AssessEligibility(wabaWith(OnboardingOnboarded, "", ""), health(status)); !e.Ready || len(e.Reasons) != 0 {
			t.Errorf("health %q: ready=%v reasons=%q", status, e.Ready, e.Reasons)
		}
	}
}
