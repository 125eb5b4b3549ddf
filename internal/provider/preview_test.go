package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// seasonalOfferPreview is what the recipient of seasonalOfferArgs reads:
// a header variable, two body variables, a currency, a date and a URL
// button with its suffix.
const seasonalOfferPreview = "Ann, your spring offer\n\n" +
	"Hi Ann, 30% off everything: the jacket is now $59.99 until May 1, 2026.\n\n" +
	"Reply STOP to opt out\n\n" +
	"[Shop now] → https://shop.example.com/offer/ann\n" +
	"[Stop promotions]"

const seasonalOfferArgs = `
  language_code = "en"
  header        = { type = "text", text = "Ann" }
  body_parameters = [
    { text = "Ann" },
    { text = "30%" },
    { currency = { code = "USD", amount_1000 = 59990, fallback_value = "$59.99" } },
    { date_time = "May 1, 2026" },
  ]
  buttons = [{ index = 0, sub_type = "url", text = "ann" }]
`

func TestAccMarketingMessage_preview(t *testing.T) {
	srv, ts := newShowcaseMock(t)
	addr := "d360_marketing_message.offer"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: providerConfig(ts) + `
resource "d360_marketing_message" "offer" {
  to            = "4915112345678"
  template_name = "seasonal_offer"` + seasonalOfferArgs + `}`,
			// The saved plan's JSON (terraform show -json) holds the text.
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectKnownValue(addr, tfjsonpath.New("preview"), knownvalue.StringExact(seasonalOfferPreview)),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("preview"), knownvalue.StringExact(seasonalOfferPreview)),
				mockCheck(func() error {
					got := deliveredTexts(srv)
					if len(got) != 1 || got[0] != seasonalOfferPreview {
						return fmt.Errorf("the mock delivered %q, the plan previewed %q", got, seasonalOfferPreview)
					}
					return nil
				}),
			},
		}},
	})
}

// A template name known only at apply gives a preview known only at apply;
// with template checks off there is none.
func TestAccMarketingMessage_previewUnknownOrOff(t *testing.T) {
	_, ts := newShowcaseMock(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: providerConfig(ts) + `
resource "terraform_data" "name" {
  input = "seasonal_offer"
}
resource "d360_marketing_message" "later" {
  to            = "4915112345678"
  template_name = terraform_data.name.output` + seasonalOfferArgs + `}`,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectUnknownValue("d360_marketing_message.later", tfjsonpath.New("preview")),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("d360_marketing_message.later", tfjsonpath.New("preview"), knownvalue.StringExact(seasonalOfferPreview)),
			},
		}, {
			Config: fmt.Sprintf(`
provider "d360" {
  api_key            = %q
  base_url           = %q
  validate_templates = false
}
resource "d360_marketing_message" "unchecked" {
  to            = "4915112345679"
  template_name = "seasonal_offer"`, testAPIKey, ts.URL) + seasonalOfferArgs + `}`,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectKnownValue("d360_marketing_message.unchecked", tfjsonpath.New("preview"), knownvalue.Null()),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("d360_marketing_message.unchecked", tfjsonpath.New("preview"), knownvalue.Null()),
			},
		}},
	})
}

func TestAccMarketingBroadcast_preview(t *testing.T) {
	srv, ts := newShowcaseMock(t)
	addr := "d360_marketing_broadcast.offer"
	own := "Ann, your spring offer\n\n" +
		"Hi Bea, 50% off everything: the jacket is now $59.99 until May 1, 2026.\n\n" +
		"Reply STOP to opt out\n\n" +
		"[Shop now] → https://shop.example.com/offer/ann\n" +
		"[Stop promotions]"
	broadcast := func(recipientParameters string) string {
		return providerConfig(ts) + `
resource "d360_marketing_broadcast" "offer" {
  recipients    = ["4915112345678", "4915112345679"]
  template_name = "seasonal_offer"` + seasonalOfferArgs + recipientParameters + `}`
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: broadcast(""),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectKnownValue(addr, tfjsonpath.New("preview"), knownvalue.StringExact(seasonalOfferPreview)),
				plancheck.ExpectKnownValue(addr, tfjsonpath.New("preview_by_recipient"), knownvalue.Null()),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("preview"), knownvalue.StringExact(seasonalOfferPreview)),
			},
		}, {
			// Own parameters for one recipient change only its preview, and
			// send nothing: both recipients were sent to already.
			Config: broadcast(`  recipient_parameters = { "4915112345679" = ["Bea", "50%", "$59.99", "May 1, 2026"] }
`),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
				plancheck.ExpectKnownValue(addr, tfjsonpath.New("preview"), knownvalue.StringExact(seasonalOfferPreview)),
				plancheck.ExpectKnownValue(addr, tfjsonpath.New("preview_by_recipient"),
					knownvalue.MapExact(map[string]knownvalue.Check{"4915112345679": knownvalue.StringExact(own)})),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("preview_by_recipient"),
					knownvalue.MapExact(map[string]knownvalue.Check{"4915112345679": knownvalue.StringExact(own)})),
				mockCheck(func() error {
					got := deliveredTexts(srv)
					if len(got) != 2 || got[0] != seasonalOfferPreview || got[1] != seasonalOfferPreview {
						return fmt.Errorf("the mock delivered %q, want the shared preview twice and nothing more", got)
					}
					return nil
				}),
			},
		}},
	})
}
