package provider

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
)

// flashOffer is a send of mock360's showcase flash_offer, a limited-time
// offer template whose offer shows its expiration (has_expiration).
func flashOffer(offer string) string {
	return `
resource "d360_marketing_message" "flash" {
  to            = "4915112345678"
  template_name = "flash_offer"
  language_code = "en"
  header        = { type = "image", link = "https://cdn.example.com/a.png" }
  body_parameters = [{ text = "Ann" }, { text = "SPRING25" }]
  buttons = [
    { index = 0, sub_type = "copy_code", coupon_code = "SPRING25" },
    { index = 1, sub_type = "url", text = "ann" },
  ]
` + offer + `}`
}

// Without the expiration the offer shows, the plan fails on
// limited_time_offer and nothing is sent.
func TestAccMarketingMessage_offerNeedsExpiration(t *testing.T) {
	srv, ts := newShowcaseMock(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: providerConfig(ts) + flashOffer(""),
			ExpectError: errorLike("Template check failed",
				`template "flash_offer" shows when its offer expires (has_expiration); give limited_time_offer with expiration_time_ms`,
				"Nothing was sent."),
		}},
	})
	onlyGETs(t, srv)
}

// A limited-time offer template goes out through /marketing_messages: Meta's
// Marketing Messages API "supports all marketing templates" (see
// d360/template_rules_special.go).
func TestAccMarketingMessage_offerSendsOnMarketingMessages(t *testing.T) {
	srv, ts := newShowcaseMock(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: providerConfig(ts) + flashOffer(`  limited_time_offer = { expiration_time_ms = 1777636800000 }
`),
			ConfigStateChecks: []statecheck.StateCheck{mockCheck(func() error {
				posts := srv.RequestsTo("POST", "/marketing_messages")
				if len(posts) != 1 {
					return fmt.Errorf("want one POST /marketing_messages, got %d", len(posts))
				}
				got := deliveredTexts(srv)
				if len(got) != 1 || !strings.Contains(got[0], "[offer: Expiring offer!, expires 2026-05-01 12:00 UTC]") {
					return fmt.Errorf("the mock delivered %q", got)
				}
				return nil
			})},
		}},
	})
}
