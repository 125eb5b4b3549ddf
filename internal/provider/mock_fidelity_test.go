package provider

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/d360-tf/terraform-provider-d360/internal/mock360"
)

// controlPOST calls one of the mock's /_mock/ control endpoints, as a user's
// CI would.
func controlPOST(t *testing.T, ts *httptest.Server, path, body string) {
	t.Helper()
	resp, err := http.Post(ts.URL+path, "application/json", bytes.NewBufferString(body))
	if err != nil {
		t.Fatalf("POST %s: %v", path, err)
	}
	_ = resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("POST %s: HTTP %d", path, resp.StatusCode)
	}
}

// A send of a template under pacing is answered with message_status
// held_for_quality_assessment
// (https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/template-pacing),
// and the resource's message_status attribute shows it.
func TestAccMarketingMessage_heldForQualityAssessment(t *testing.T) {
	srv, ts := newMock(t, mock360.Options{})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			PreConfig: func() {
				controlPOST(t, ts, "/_mock/pacing", `{"name":"spring_sale","outcome":"pause"}`)
			},
			Config: providerConfig(ts) + springSaleMessage("1"),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(messageAddr, tfjsonpath.New("outcome"), knownvalue.StringExact("accepted")),
				statecheck.ExpectKnownValue(messageAddr, tfjsonpath.New("message_status"), knownvalue.StringExact("held_for_quality_assessment")),
			},
		}},
	})
	if n := len(sends(srv)); n != 1 {
		t.Fatalf("mock saw %d sends, want 1", n)
	}
}

// d360_mm_lite_eligibility reads not-ready, the WABA is onboarded through
// the mock's control endpoint (which also emits the MM_LITE_TERMS_SIGNED
// account_update webhook), and the next read shows ONBOARDED.
func TestAccMMLiteEligibility_onboardedThroughMock(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	srv, ts := newMock(t, mock360.Options{Now: func() time.Time { return now }})
	srv.Update(func(st *mock360.State) {
		st.OnboardingStatus, st.TermsStatus, st.TermsSignedAt = "ELIGIBLE", "NOT_STARTED", ""
	})
	config := providerConfig(ts) + eligibilityConfig(mockWABAID)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					expectEligibility("onboarding_status", knownvalue.StringExact("ELIGIBLE")),
					expectEligibility("onboarded", knownvalue.Bool(false)),
					expectEligibility("ready", knownvalue.Bool(false)),
					expectEligibility("terms_status", knownvalue.StringExact("NOT_STARTED")),
				},
			},
			{
				PreConfig: func() { controlPOST(t, ts, "/_mock/onboard", ``) },
				Config:    config,
				ConfigStateChecks: []statecheck.StateCheck{
					expectEligibility("onboarding_status", knownvalue.StringExact("ONBOARDED")),
					expectEligibility("onboarded", knownvalue.Bool(true)),
					expectEligibility("ready", knownvalue.Bool(true)),
					expectEligibility("terms_status", knownvalue.StringExact("TERM_OF_SERVICE_SIGNED")),
					expectEligibility("terms_signed_at", knownvalue.StringExact("2026-03-01T00:00:00Z")),
					expectEligibility("reasons", knownvalue.ListExact(nil)),
				},
			},
		},
	})
	onlyGETs(t, srv)
}
