package provider

import (
	"fmt"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/d360-tf/terraform-provider-d360/internal/mock360"
)

// sendsOfTemplate is a template and a broadcast and a message that send it
// through approved_name, the name known only once the template is approved.
func sendsOfTemplate(name string) string {
	return fmt.Sprintf(`
resource "d360_template" "promo" {
  name     = %q
  language = "en"
  category = "MARKETING"
  components = {
    body = {
      text     = "Hi {{1}}, {{2}} off all summer."
      examples = ["Ana", "25%%"]
    }
  }
  wait_for_approval = true
}

resource "d360_marketing_broadcast" "test" {
  recipients      = ["4915100000001", "4915100000002"]
  template_name   = d360_template.promo.approved_name
  language_code   = d360_template.promo.language
  body_parameters = [{ text = "friend" }, { text = "25%%" }]
}

resource "d360_marketing_message" "test" {
  to              = "4915112345678"
  template_name   = d360_template.promo.approved_name
  language_code   = d360_template.promo.language
  body_parameters = [{ text = "Ana" }, { text = "25%%" }]
}
`, name)
}

// dropTemplate deletes a template from the mock behind Terraform's back,
// so the next refresh finds it gone and the plan creates it again.
func dropTemplate(srv *mock360.Server, name string) func() {
	return func() {
		srv.Update(func(st *mock360.State) {
			st.Templates = slices.DeleteFunc(st.Templates, func(t mock360.Template) bool { return t.Name == name })
		})
	}
}

// A template recreated under the same name and language is, at plan, a
// template_name known only at apply. That is not a change: the apply finds
// the name already sent and sends nothing, where a replacement used to
// message every recipient again.
func TestAccSend_templateRecreatedUnderTheSameNameSendsNothing(t *testing.T) {
	srv, ts := newMock(t, mock360.Options{})
	config := providerConfig(ts) + sendsOfTemplate("summer_promo")
	sameID := statecheck.CompareValue(compare.ValuesSame())
	sameGeneration := statecheck.CompareValue(compare.ValuesSame())
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					mockCheck(wantSends(3, srv)),
					sameID.AddStateValue(messageAddr, tfjsonpath.New("id")),
					sameGeneration.AddStateValue(broadcastAddr, tfjsonpath.New("id")),
				},
			},
			{
				PreConfig: dropTemplate(srv, "summer_promo"),
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("d360_template.promo", plancheck.ResourceActionCreate),
					plancheck.ExpectUnknownValue(broadcastAddr, tfjsonpath.New("template_name")),
					plancheck.ExpectResourceAction(broadcastAddr, plancheck.ResourceActionUpdate),
					plancheck.ExpectResourceAction(messageAddr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					mockCheck(wantSends(3, srv)),
					mockCheck(wantTemplatePosts(srv, 2)),
					sameID.AddStateValue(messageAddr, tfjsonpath.New("id")),
					sameGeneration.AddStateValue(broadcastAddr, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(broadcastAddr, tfjsonpath.New("accepted_count"), knownvalue.Int64Exact(2)),
				},
			},
		},
	})
}

// A renamed template resolves to another name at apply: one apply starts a
// new generation of each send, once, with no inconsistent plan.
func TestAccSend_templateRenamedSendsOnceInOneApply(t *testing.T) {
	srv, ts := newMock(t, mock360.Options{})
	otherID := statecheck.CompareValue(compare.ValuesDiffer())
	otherGeneration := statecheck.CompareValue(compare.ValuesDiffer())
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{
				Config: providerConfig(ts) + sendsOfTemplate("summer_promo"),
				ConfigStateChecks: []statecheck.StateCheck{
					mockCheck(wantSends(3, srv)),
					otherID.AddStateValue(messageAddr, tfjsonpath.New("id")),
					otherGeneration.AddStateValue(broadcastAddr, tfjsonpath.New("id")),
				},
			},
			{
				Config: providerConfig(ts) + sendsOfTemplate("summer_promo_v2"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(broadcastAddr, plancheck.ResourceActionUpdate),
					plancheck.ExpectResourceAction(messageAddr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					mockCheck(wantSends(6, srv)),
					otherID.AddStateValue(messageAddr, tfjsonpath.New("id")),
					otherGeneration.AddStateValue(broadcastAddr, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(broadcastAddr, tfjsonpath.New("template_name"), knownvalue.StringExact("summer_promo_v2")),
					statecheck.ExpectKnownValue(broadcastAddr, tfjsonpath.New("accepted_count"), knownvalue.Int64Exact(2)),
					mockCheck(func() error {
						for to, n := range perRecipient(srv) {
							if n != 2 {
								return fmt.Errorf("%s got %d messages, want 2 (one per template)", to, n)
							}
						}
						return nil
					}),
				},
			},
		},
	})
}
