package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/d360-tf/terraform-provider-d360/internal/mock360"
)

func TestAccMMLiteEligibility_statuses(t *testing.T) {
	cases := []struct {
		status       string
		eligible     bool
		reasonSubstr string // "" means ready, with no reasons
	}{
		{"ONBOARDED", true, ""},
		{"ELIGIBLE", true, `Overview > Alerts`},
		{"INELIGIBLE_ON_BEHALF_OF_WABA", false, `On-Behalf-Of`},
		{"INELIGIBLE_INACTIVE_OR_RESTRICTED", false, `inactive or restricted`},
		{"INELIGIBLE_COUNTRY_NOT_SUPPORTED", false, `country`},
		{"INELIGIBLE_USING_WHATSAPP_BUSINESS_APP", false, `WhatsApp Business App`},
		{"PENDING_VALID_PAYMENT_METHOD", false, `valid payment method`},
		{"PENDING_INTERNAL_SETUP", false, `still setting up`},
		{"INELIGIBLE_NEW_RULE_2027", false, `"INELIGIBLE_NEW_RULE_2027", which this provider does not know`},
	}
	for _, tc := range cases {
		t.Run(tc.status, func(t *testing.T) {
			srv, ts := newMock(t, mock360.Options{})
			srv.Update(func(st *mock360.State) {
				st.OnboardingStatus = tc.status
				if tc.status != "ONBOARDED" {
					st.TermsStatus, st.TermsSignedAt = "NOT_STARTED", ""
				}
			})
			ready := tc.reasonSubstr == ""
			reasons := knownvalue.ListExact(nil)
			var terms, signedAt knownvalue.Check = knownvalue.StringExact("NOT_STARTED"), knownvalue.Null()
			if !ready {
				reasons = knownvalue.ListExact([]knownvalue.Check{knownvalue.StringRegexp(regexp.MustCompile(regexp.QuoteMeta(tc.reasonSubstr)))})
			} else {
				terms, signedAt = knownvalue.StringExact("TERM_OF_SERVICE_SIGNED"), knownvalue.StringExact("2025-10-07T00:00:00Z")
			}
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders,
				Steps: []resource.TestStep{{
					Config: providerConfig(ts) + eligibilityConfig(mockWABAID),
					ConfigStateChecks: []statecheck.StateCheck{
						expectEligibility("id", knownvalue.StringExact(mockWABAID)),
						expectEligibility("onboarding_status", knownvalue.StringExact(tc.status)),
						expectEligibility("eligible", knownvalue.Bool(tc.eligible)),
						expectEligibility("onboarded", knownvalue.Bool(ready)),
						expectEligibility("ready", knownvalue.Bool(ready)),
						expectEligibility("can_send_message", knownvalue.StringExact("AVAILABLE")),
						expectEligibility("terms_status", terms),
						expectEligibility("terms_signed_at", signedAt),
						expectEligibility("reasons", reasons),
					},
				}},
			})
			onlyGETs(t, srv)
			graph := srv.RequestsTo("GET", mockGraphPath)
			if len(graph) == 0 || graph[0].RawQuery != "fields=marketing_messages_onboarding_status%2Cowner_business_info" {
				t.Fatalf("Graph reads: %+v", graph)
			}
		})
	}
}

func TestAccMMLiteEligibility_blocked(t *testing.T) {
	srv, ts := newMock(t, mock360.Options{})
	srv.Update(func(st *mock360.State) {
		st.Health[0].CanSendMessage = "BLOCKED"
		st.Health[0].Errors = []mock360.HealthError{{ErrorCode: 131031, ErrorDescription: "Business account has been locked.",
			PossibleSolution: "Appeal the decision in Business Support Home."}}
	})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: providerConfig(ts) + eligibilityConfig(mockWABAID),
			ConfigStateChecks: []statecheck.StateCheck{
				expectEligibility("onboarded", knownvalue.Bool(true)),
				expectEligibility("can_send_message", knownvalue.StringExact("BLOCKED")),
				expectEligibility("ready", knownvalue.Bool(false)),
				expectEligibility("reasons", knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact(
					"the number is BLOCKED: PHONE_NUMBER 106540352242922: Business account has been locked " +
						"(error 131031); Appeal the decision in Business Support Home",
				)})),
			},
		}},
	})
}

func TestAccMMLiteEligibility_graphErrors(t *testing.T) {
	cases := []struct {
		name   string
		waba   string
		token  string
		fault  *mock360.Fault
		expect []string
	}{
		{name: "invalid token", waba: mockWABAID, token: "expired-token",
			expect: []string{
				"Could not read MM Lite onboarding status",
				"GET /v24.0/102290129340398: HTTP 401, code 190",
				"Invalid OAuth access token",
				"D360_GRAPH_API_TOKEN",
			}},
		{
			name:   "missing permission 10",
			waba:   mockWABAID,
			fault:  &mock360.Fault{Path: mockGraphPath, Status: 403, Code: 10, Message: "(#10) Application does not have permission for this action"},
			expect: []string{"HTTP 403, code 10", "does not have permission", "whatsapp_business_management"},
		},
		{
			name:   "missing permission 200",
			waba:   mockWABAID,
			fault:  &mock360.Fault{Path: mockGraphPath, Status: 403, Code: 200, Message: "(#200) Requires business_management permission"},
			expect: []string{"HTTP 403, code 200", "Requires business_management permission", "lacks permission"},
		},
		{name: "unknown WABA", waba: "999000111",
			expect: []string{"HTTP 400, code 100/33", "Object with ID '999000111' does not exist", "Check waba_id"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			opts := mock360.Options{}
			if tc.token != "" {
				opts.GraphToken = "the-valid-token"
			}
			srv, ts := newMock(t, opts)
			if tc.fault != nil {
				srv.AddFault(*tc.fault)
			}
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders,
				Steps: []resource.TestStep{{
					Config:      providerConfig(ts) + eligibilityConfig(tc.waba),
					ExpectError: errorLike(tc.expect...),
				}},
			})
			// Not throttles: each is asked once, not retried.
			if n := len(srv.RequestsTo("GET", "/v24.0/"+tc.waba)); n != 1 {
				t.Fatalf("Graph saw %d reads, want exactly 1", n)
			}
		})
	}
}

func TestAccMMLiteEligibility_graphThrottleIsRetried(t *testing.T) {
	for _, code := range []int{4, 80007} {
		t.Run(fmt.Sprint(code), func(t *testing.T) {
			srv, ts := newMock(t, mock360.Options{})
			srv.AddFault(mock360.Fault{Path: mockGraphPath, Status: 400, Code: code, Message: "(#4) Application request limit reached", Times: 1})
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders,
				Steps: []resource.TestStep{{
					Config:            providerConfig(ts) + eligibilityConfig(mockWABAID),
					ConfigStateChecks: []statecheck.StateCheck{expectEligibility("ready", knownvalue.Bool(true))},
				}},
			})
			reads := srv.RequestsTo("GET", mockGraphPath)
			if len(reads) < 2 || reads[0].Status != 400 || reads[1].Status != 200 {
				t.Fatalf("want a throttled read followed by a retried one, got %d reads", len(reads))
			}
		})
	}
}

func TestAccMMLiteEligibility_noGraphToken(t *testing.T) {
	_, ts := newMock(t, mock360.Options{})
	t.Setenv(envGraphToken, "")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf("provider \"d360\" {\n  api_key = %q\n  base_url = %q\n  graph_api_url = \"%s/v24.0\"\n}\n", testAPIKey, ts.URL, ts.URL) +
				eligibilityConfig(mockWABAID),
			ExpectError: errorLike("Meta Graph API token required", "only exposed by Meta's Graph API", "graph_api_token", "D360_GRAPH_API_TOKEN"),
		}},
	})
}

func TestAccMMLiteEligibility_invalidWABAID(t *testing.T) {
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config:      eligibilityConfig("waba-123"),
			ExpectError: errorLike("must be the numeric WhatsApp Business Account id"),
		}},
	})
}

// TestAccMMLiteEligibility_preconditionGate is the documented use: a
// precondition on ready stops the apply with the reasons, and the same
// configuration goes through once the WABA is onboarded.
func TestAccMMLiteEligibility_preconditionGate(t *testing.T) {
	srv, ts := newMock(t, mock360.Options{})
	srv.Update(func(st *mock360.State) { st.OnboardingStatus = "ELIGIBLE" })
	config := providerConfig(ts) + eligibilityConfig(mockWABAID) + `
resource "terraform_data" "campaign" {
  input = "spring_sale"
  lifecycle {
    precondition {
      condition     = data.d360_mm_lite_eligibility.this.ready
      error_message = "MM Lite is not ready: ${join("; ", data.d360_mm_lite_eligibility.this.reasons)}"
    }
  }
}
`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{
				Config: config,
				ExpectError: errorLike(
					"Resource precondition failed",
					"MM Lite is not ready: the WABA is eligible but the MM Lite terms are not accepted",
					"Overview > Alerts",
				),
			},
			{
				PreConfig: func() { srv.Update(func(st *mock360.State) { st.OnboardingStatus = "ONBOARDED" }) },
				Config:    config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("terraform_data.campaign", tfjsonpath.New("output"), knownvalue.StringExact("spring_sale")),
				},
			},
		},
	})
	onlyGETs(t, srv)
}
