package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/d360-tf/terraform-provider-d360/internal/mock360"
)

// An empty or malformed /health_status answer fails the eligibility gate
// with a diagnostic; it never reads as ready.
func TestAccMMLiteEligibility_unusableHealthAnswer(t *testing.T) {
	for name, body := range map[string]string{"empty body": "", "empty object": "{}", "no status": `{"health_status":{"entities":[]}}`} {
		t.Run(name, func(t *testing.T) {
			srv, ts := newMock(t, mock360.Options{})
			srv.AddFault(mock360.Fault{Method: "GET", Path: "/health_status", Raw: true, Body: body, Every: 1,
				Headers: map[string]string{"Content-Type": "application/json"}})
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders,
				Steps: []resource.TestStep{{
					Config: providerConfig(ts) + eligibilityConfig(mockWABAID) + `
output "ready" {
  value = data.d360_mm_lite_eligibility.this.ready
}
`,
					ExpectError: errorLike(
						"Could not read the 360dialog health status",
						"GET /health_status",
						"empty or malformed",
						"no health_status.can_send_message",
					),
				}},
			})
			onlyGETs(t, srv)
			if n := len(srv.RequestsTo("GET", "/health_status")); n == 0 {
				t.Fatal("the health status was never read")
			}
		})
	}
}

// One odd template list must not drop d360_template from state, nor
// replace the broadcast that uses it (a resend to every recipient): an
// empty body, or a page that contradicts its own count or total.
func TestAccTemplate_oddListAnswerKeepsState(t *testing.T) {
	for name, body := range map[string]string{
		"empty body":            "",
		"empty page, total 1":   `{"count":0,"total":1,"waba_templates":[]}`,
		"count beyond the page": `{"count":1,"total":1,"waba_templates":[]}`,
	} {
		t.Run(name, func(t *testing.T) { oddListAnswerKeepsState(t, body) })
	}
}

func oddListAnswerKeepsState(t *testing.T, body string) {
	srv, ts := newMock(t, mock360.Options{})
	config := providerConfig(ts) + summerTemplate(summerBody) + fmt.Sprintf(`
resource "d360_marketing_broadcast" "test" {
  recipients      = [%q, %q]
  template_name   = d360_template.summer.approved_name
  language_code   = d360_template.summer.language
  body_parameters = [{ text = "friend" }, { text = "25%%" }]
  buttons         = [{ index = 0, sub_type = "url", text = "a1" }]
}
`, "4915100000001", "4915100000002")
	oddList := func() {
		srv.AddFault(mock360.Fault{Method: "GET", Path: "/v1/configs/templates", Raw: true, Body: body, Every: 1})
	}
	unusable := errorLike("Could not read the template", "GET /v1/configs/templates", "empty or malformed", "Nothing was changed")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{Config: config, ConfigStateChecks: []statecheck.StateCheck{mockCheck(wantSends(2, srv))}},
			{PreConfig: oddList, Config: config, PlanOnly: true, ExpectError: unusable},
			{RefreshState: true, ExpectError: unusable},
			{
				PreConfig:         srv.ClearFaults,
				Config:            config,
				ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				ConfigStateChecks: []statecheck.StateCheck{mockCheck(wantSends(2, srv))},
			},
		},
	})
	if n := len(srv.RequestsTo("POST", "/v1/configs/templates")); n != 1 {
		t.Fatalf("want the template created once, got %d POSTs", n)
	}
}
