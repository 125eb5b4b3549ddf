package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/d360-tf/terraform-provider-d360/internal/mock360"
)

// emptyArguments are the arguments that force a new send, given as their
// empty value. Absent and empty mean the same send, so switching between
// them must plan nothing and send nothing.
const emptyArguments = `
  triggers        = {}
  body_parameters = []
  buttons         = []
`

func nullEmptyMessage(extra string) string {
	return fmt.Sprintf(`
resource "d360_marketing_message" "test" {
  to            = "4915112345678"
  template_name = "marketing_text_no_param"
  language_code = "en"
%s
}
`, extra)
}

func nullEmptyBroadcast(extra string) string {
	return fmt.Sprintf(`
resource "d360_marketing_broadcast" "test" {
  recipients    = [%s]
  template_name = "marketing_text_no_param"
  language_code = "en"
%s
}
`, `"`+joinQuoted(numbers(0, 3))+`"`, extra)
}

func joinQuoted(items []string) string {
	out := ""
	for i, s := range items {
		if i > 0 {
			out += `", "`
		}
		out += s
	}
	return out
}

// nullEmptySteps: apply with first, then second (plan empty, no send), then
// first again (plan empty), then a real trigger change (replace, send again).
func nullEmptySteps(t *testing.T, addr string, config func(string) string, perApply int, first, second string) {
	srv, ts := newMock(t, mock360.Options{})
	empty := resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{Config: providerConfig(ts) + config(first), ConfigStateChecks: []statecheck.StateCheck{mockCheck(wantSends(perApply, srv))}},
			{
				Config:            providerConfig(ts) + config(second),
				ConfigPlanChecks:  empty,
				ConfigStateChecks: []statecheck.StateCheck{mockCheck(wantSends(perApply, srv))},
			},
			{
				Config:            providerConfig(ts) + config(first),
				ConfigPlanChecks:  empty,
				ConfigStateChecks: []statecheck.StateCheck{mockCheck(wantSends(perApply, srv))},
			},
			{
				Config: providerConfig(ts) + config("  triggers = { run = \"2\" }"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionReplace)},
				},
				ConfigStateChecks: []statecheck.StateCheck{mockCheck(wantSends(2*perApply, srv))},
			},
		},
	})
}

func TestAccMarketingMessage_nullIsEmpty(t *testing.T) {
	t.Run("absent then empty", func(t *testing.T) { nullEmptySteps(t, messageAddr, nullEmptyMessage, 1, "", emptyArguments) })
	t.Run("empty then absent", func(t *testing.T) { nullEmptySteps(t, messageAddr, nullEmptyMessage, 1, emptyArguments, "") })
}

func TestAccMarketingBroadcast_nullIsEmpty(t *testing.T) {
	t.Run("absent then empty", func(t *testing.T) { nullEmptySteps(t, broadcastAddr, nullEmptyBroadcast, 3, "", emptyArguments) })
	t.Run("empty then absent", func(t *testing.T) { nullEmptySteps(t, broadcastAddr, nullEmptyBroadcast, 3, emptyArguments, "") })
}

// TestAccMarketingMessage_emptyNestedStrings: an empty string where the API
// takes none is refused at validate, so "" and absent cannot differ.
func TestAccMarketingMessage_emptyNestedValues(t *testing.T) {
	cases := map[string]string{
		"header parameter_name": `header = { type = "text", text = "x", parameter_name = "" }`,
		"header media_id":       `header = { type = "image", media_id = "" }`,
		"body parameter_name":   `body_parameters = [{ text = "x", parameter_name = "" }]`,
		"button payload":        `buttons = [{ index = 0, sub_type = "quick_reply", payload = "" }]`,
		"flow_action_data":      `buttons = [{ index = 0, sub_type = "flow", flow_action_data = {} }]`,
	}
	for name, field := range cases {
		t.Run(name, func(t *testing.T) {
			srv, ts := newMock(t, mock360.Options{})
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders,
				Steps: []resource.TestStep{
					{Config: providerConfig(ts) + nullEmptyMessage("  "+field), ExpectError: errorLike("leave it out")},
				},
			})
			if len(srv.Requests()) != 0 {
				t.Fatalf("an invalid configuration reached the API: %d requests", len(srv.Requests()))
			}
		})
	}
}
