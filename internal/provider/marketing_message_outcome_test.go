package provider

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/d360-tf/terraform-provider-d360/internal/mock360"
)

// TestAccMarketingMessage_unknownOutcome: when the mock took the send but the
// answer was lost, the resource stays in state as unknown and is never resent.
func TestAccMarketingMessage_unknownOutcome(t *testing.T) {
	faults := map[string]mock360.Fault{
		"500 after the send":            {Method: "POST", Path: "/marketing_messages", Status: 500, AfterEffect: true},
		"connection dropped after body": {Method: "POST", Path: "/marketing_messages", DropConnection: true},
	}
	for name, fault := range faults {
		t.Run(name, func(t *testing.T) {
			srv, ts := newMock(t, mock360.Options{})
			srv.AddFault(fault)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders,
				Steps: []resource.TestStep{
					{
						Config: providerConfig(ts) + simpleMessage,
						ConfigStateChecks: []statecheck.StateCheck{
							mockCheck(wantSends(1, srv)),
							statecheck.ExpectKnownValue(messageAddr, tfjsonpath.New("outcome"), knownvalue.StringExact("unknown")),
							statecheck.ExpectKnownValue(messageAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(unknownIDPattern)),
							statecheck.ExpectKnownValue(messageAddr, tfjsonpath.New("wa_id"), knownvalue.Null()),
						},
					},
					{
						Config:            providerConfig(ts) + simpleMessage,
						ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
						ConfigStateChecks: []statecheck.StateCheck{mockCheck(wantSends(1, srv))},
					},
				},
			})
			// The mock did take it: exactly one message exists.
			if n := len(srv.State().Messages); n != 1 {
				t.Fatalf("mock accepted %d messages, want 1", n)
			}
		})
	}
}

func TestAccMarketingMessage_refusedSendLeavesNoState(t *testing.T) {
	srv, ts := newMock(t, mock360.Options{})
	srv.Update(func(st *mock360.State) { st.OnboardingStatus = "ELIGIBLE" })
	strict := strings.Replace(simpleMessage, `language_code = "en"`, "language_code = \"en\"\n  product_policy = \"STRICT\"", 1)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{
				Config:      providerConfig(ts) + strict,
				ExpectError: errorLike("WhatsApp message not sent", "code 131055", "You must accept the Marketing Messages Lite API terms", "Overview > Alerts"),
			},
			{
				// Nothing went into state, so once onboarded the next apply sends.
				PreConfig: func() { srv.Update(func(st *mock360.State) { st.OnboardingStatus = "ONBOARDED" }) },
				Config:    providerConfig(ts) + strict,
				ConfigStateChecks: []statecheck.StateCheck{
					mockCheck(wantSends(2, srv)),
					statecheck.ExpectKnownValue(messageAddr, tfjsonpath.New("outcome"), knownvalue.StringExact("accepted")),
				},
			},
		},
	})
}

func TestAccMarketingMessage_throttleThenSuccess(t *testing.T) {
	srv, ts := newMock(t, mock360.Options{})
	srv.AddFault(mock360.Fault{Method: "POST", Path: "/marketing_messages", Status: 429})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: providerConfig(ts) + simpleMessage,
			ConfigStateChecks: []statecheck.StateCheck{
				mockCheck(wantSends(2, srv)),
				statecheck.ExpectKnownValue(messageAddr, tfjsonpath.New("outcome"), knownvalue.StringExact("accepted")),
			},
		}},
	})
	if n := len(srv.State().Messages); n != 1 {
		t.Fatalf("mock accepted %d messages, want exactly 1", n)
	}
}

// TestAccMarketingMessage_apiErrors: every documented synchronous send error
// becomes a diagnostic with the code, the API's words and what to do, and
// leaves nothing in state. Template checks are off so the API answers.
func TestAccMarketingMessage_apiErrors(t *testing.T) {
	cases := []struct {
		code    int
		message string
		advice  string
	}{
		{100, "(#100) Invalid parameter", "The API refused a parameter"},
		{131009, "(#131009) Parameter value is not valid", "wait about 10 minutes"},
		{131055, "(#131055) Method not allowed", "Only MARKETING templates can be sent through MM Lite"},
		{131061, "(#131061) Marketing templates containing bid_spec are not supported by the Cloud API. " +
			"To use templates with bid_spec, please use the Marketing Messages API for WhatsApp.", "send a template without max_price"},
		{131062, "(#131062) Business-scoped User ID (BSUID) recipients are not supported for this message.", `Send to the phone number with "to"`},
		{131063, "(#131063) Marketing templates disabled for Cloud API", "turn off disable_marketing_messages_on_cloud_api"},
		{132000, "(#132000) Number of parameters does not match the expected number of params", "one parameter per {{n}} placeholder"},
		{132001, "(#132001) Template name does not exist in the translation", "not approved yet"},
	}
	for _, tc := range cases {
		t.Run(fmt.Sprint(tc.code), func(t *testing.T) {
			srv, ts := newMock(t, mock360.Options{})
			srv.AddFault(mock360.Fault{Method: "POST", Path: "/marketing_messages", Status: 400, Code: tc.code, Message: tc.message})
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders,
				Steps: []resource.TestStep{{
					Config:      strings.Replace(providerConfig(ts), "provider \"d360\" {", "provider \"d360\" {\n  validate_templates = false", 1) + simpleMessage,
					ExpectError: errorLike("WhatsApp message not sent", fmt.Sprintf("HTTP 400, code %d: %s", tc.code, tc.message), tc.advice),
				}},
			})
			if n := len(srv.RequestsTo("GET", "/v1/configs/templates")); n != 0 {
				t.Fatalf("validate_templates = false still read templates %d times", n)
			}
			if err := wantSends(1, srv)(); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestAccMarketingMessage_warnings reads the plugin protocol log, where every
// warning the provider returns is recorded, to prove that a plan warns before
// a send and sends nothing, and that an unknown outcome warns how to resend.
func TestAccMarketingMessage_warnings(t *testing.T) {
	srv, ts := newMock(t, mock360.Options{})
	logPath := t.TempDir() + "/warn.log"
	t.Setenv("TF_LOG", "WARN")
	t.Setenv("TF_ACC_LOG_PATH", logPath)
	readLog := func() string {
		raw, err := os.ReadFile(logPath)
		if err != nil {
			t.Fatal(err)
		}
		return string(raw)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{
				Config:             providerConfig(ts) + springSaleMessage("1"),
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
			},
			{
				PreConfig: func() {
					if err := wantSends(0, srv)(); err != nil {
						t.Fatalf("after a plan: %v", err)
					}
					// hclog writes a line's fields in no fixed order, so look
					// for the summary and the detail on one line.
					if !logHasLine(readLog(), `diagnostic_summary="Applying sends a WhatsApp message"`,
						`diagnostic_detail="Applying this plan sends the marketing template \"spring_sale\" to 4915112345678. A sent message cannot be recalled."`) {
						t.Fatal("the plan did not warn that applying sends a message")
					}
					srv.AddFault(mock360.Fault{Method: "POST", Path: "/marketing_messages", Status: 502, AfterEffect: true})
				},
				Config: providerConfig(ts) + springSaleMessage("1"),
				ConfigStateChecks: []statecheck.StateCheck{mockCheck(func() error {
					log := readLog()
					// The detail spans lines, which hclog writes as an
					// indented block, so each fragment is looked for alone.
					for _, want := range []string{
						`diagnostic_summary="WhatsApp message outcome unknown"`,
						"so the next apply sends nothing",
						"change triggers or run terraform apply -replace=",
					} {
						if !strings.Contains(log, want) {
							return fmt.Errorf("the unknown outcome did not warn with %q", want)
						}
					}
					return wantSends(1, srv)()
				})},
			},
		},
	})
}
