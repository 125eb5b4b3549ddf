package provider

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/d360-tf/terraform-provider-d360/internal/mock360"
)

// actionTriggered is an action that a terraform_data runs once, after it is
// created. terraform-plugin-testing cannot run `apply -invoke`, so the
// tests go through an action_trigger (scripts/invoke-action.sh covers
// -invoke on a real CLI).
func actionTriggered(arguments string) string {
	return fmt.Sprintf(`
action "d360_send_marketing_message" "test" {
  config {
%s
  }
}

resource "terraform_data" "trigger" {
  input = "1"
  lifecycle {
    action_trigger {
      events  = [after_create]
      actions = [action.d360_send_marketing_message.test]
    }
  }
}
`, arguments)
}

const springSaleArguments = `    to            = "4915112345678"
    template_name = "spring_sale"
    language_code = "en"
    body_parameters = [
      { text = "Ana" },
      { currency = { code = "EUR", amount_1000 = 20000, fallback_value = "€20" } },
    ]
    buttons                  = [{ index = 0, sub_type = "url", text = "spring-2026" }]
    message_activity_sharing = true
    product_policy           = "STRICT"`

// onlyActions runs a test on CLIs that have actions (Terraform 1.14+); it
// is skipped, not failed, on older ones.
var onlyActions = []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)}

// sendCount is a plan check: after the plan, before the apply, the mock has
// seen exactly n sends. It proves that planning an action sends nothing.
type sendCount struct {
	srv *mock360.Server
	n   int
}

func (c sendCount) CheckPlan(_ context.Context, _ plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	resp.Error = wantSends(c.n, c.srv)()
}

func TestAccSendMarketingMessageAction_trigger(t *testing.T) {
	srv, ts := newMock(t, mock360.Options{})
	config := providerConfig(ts) + actionTriggered(springSaleArguments)
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   onlyActions,
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{
				Config:           config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{sendCount{srv, 0}}},
				ConfigStateChecks: []statecheck.StateCheck{mockCheck(func() error {
					if err := wantSends(1, srv)(); err != nil {
						return err
					}
					// The very body the resource sends for the same arguments.
					want := `{"messaging_product":"whatsapp","recipient_type":"individual","to":"4915112345678","type":"template",` +
						`"template":{"name":"spring_sale","language":{"code":"en","policy":"deterministic"},"components":[` +
						`{"type":"body","parameters":[{"type":"text","text":"Ana"},` +
						`{"type":"currency","currency":{"fallback_value":"€20","code":"EUR","amount_1000":20000}}]},` +
						`{"type":"button","sub_type":"url","index":"0","parameters":[{"type":"text","text":"spring-2026"}]}]},` +
						`"message_activity_sharing":true,"product_policy":"STRICT"}`
					if got := sends(srv)[0]; got != want {
						return fmt.Errorf("send body:\n got  %s\n want %s", got, want)
					}
					return nil
				})},
			},
			{
				// Nothing changed: the trigger does not fire, nothing is sent.
				Config:            config,
				ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				ConfigStateChecks: []statecheck.StateCheck{mockCheck(wantSends(1, srv))},
			},
		},
	})
	for _, r := range srv.Requests() {
		if r.Method != "GET" && r.Path != "/marketing_messages" {
			t.Errorf("unexpected %s %s", r.Method, r.Path)
		}
	}
}

// TestAccSendMarketingMessageAction_badTemplateFailsAtPlan: the template
// check runs in the plan (PlanOnly), through the provider's template cache.
func TestAccSendMarketingMessageAction_badTemplateFailsAtPlan(t *testing.T) {
	srv, ts := newMock(t, mock360.Options{})
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   onlyActions,
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: providerConfig(ts) + actionTriggered(`    to            = "4915112345678"
    template_name = "no_such_template"
    language_code = "en"`),
			PlanOnly:    true,
			ExpectError: errorLike("Template check failed", `template "no_such_template" does not exist on this channel`, "Nothing was sent"),
		}},
	})
	if err := wantSends(0, srv)(); err != nil {
		t.Fatal(err)
	}
	// A missing template costs a second GET, the channel's names for the
	// nearest ones, as TestAccMarketingMessage_planTimeChecks says
	// for the resource: one by name, one list, both through the cache.
	if n := len(srv.RequestsTo("GET", "/v1/configs/templates")); n != 2 {
		t.Fatalf("want exactly 2 template GETs, got %d", n)
	}
}

// TestAccSendMarketingMessageAction_configValidation: the resource's
// argument rules hold for the action, before the provider is even called.
func TestAccSendMarketingMessageAction_configValidation(t *testing.T) {
	srv, ts := newMock(t, mock360.Options{})
	base := `    template_name = "marketing_text_no_param"
    language_code = "en"`
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   onlyActions,
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{
				Config:      providerConfig(ts) + actionTriggered(`    to = "+49 151 12345678"`+"\n"+base),
				PlanOnly:    true,
				ExpectError: errorLike("digits only"),
			},
			{
				Config:      providerConfig(ts) + actionTriggered(`    to = "4915112345678"`+"\n"+base+"\n"+`    header = { type = "text" }`),
				PlanOnly:    true,
				ExpectError: errorLike("Missing header text"),
			},
			{
				Config:      providerConfig(ts) + actionTriggered(`    to = "4915112345678"`+"\n"+`    recipient = "US.1234"`+"\n"+base),
				PlanOnly:    true,
				ExpectError: errorLike("Both to and recipient are set"),
			},
			{
				Config:      providerConfig(ts) + actionTriggered(base),
				PlanOnly:    true,
				ExpectError: errorLike("Neither to nor recipient is set"),
			},
		},
	})
	onlyGETs(t, srv)
}

// TestAccSendMarketingMessageAction_unknownOutcome: the API took the send
// but the answer was lost. The action fails, says the message may have gone
// out, and does not send again.
func TestAccSendMarketingMessageAction_unknownOutcome(t *testing.T) {
	srv, ts := newMock(t, mock360.Options{})
	srv.AddFault(mock360.Fault{Method: "POST", Path: "/marketing_messages", Status: 500, AfterEffect: true})
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   onlyActions,
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: providerConfig(ts) + actionTriggered(`    to            = "4915112345678"
    template_name = "marketing_text_no_param"
    language_code = "en"`),
			ExpectError: errorLike("WhatsApp message outcome unknown", "may have gone out to 4915112345678", "It was not retried"),
		}},
	})
	if err := wantSends(1, srv)(); err != nil {
		t.Fatal(err)
	}
	if n := len(srv.State().Messages); n != 1 {
		t.Fatalf("mock accepted %d messages, want 1", n)
	}
	if !strings.Contains(sends(srv)[0], `"name":"marketing_text_no_param"`) {
		t.Fatalf("unexpected send %s", sends(srv)[0])
	}
}
