package provider

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/d360-tf/terraform-provider-d360/internal/mock360"
)

// wantBidSpec checks that every send the mock saw carries exactly this
// bid_spec, in the shape of Meta's "Adjust max-price when sending
// messages" (https://developers.facebook.com/documentation/business-messaging/whatsapp/marketing-messages/pricing).
func wantBidSpec(srv *mock360.Server, n int, spec string) func() error {
	return func() error {
		if err := wantSends(n, srv)(); err != nil {
			return err
		}
		for _, body := range sends(srv) {
			if !strings.HasSuffix(body, `,"bid_spec":`+spec+`}`) {
				return fmt.Errorf("send body %s does not end with bid_spec %s", body, spec)
			}
		}
		return nil
	}
}

func TestAccMarketingMessage_maxPriceMultiplier(t *testing.T) {
	srv, ts := newMock(t, mock360.Options{})
	config := providerConfig(ts) + strings.Replace(springSaleMessage("1"),
		`language_code = "en"`, `language_code = "en"
  max_price_multiplier = 1.5`, 1)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{mockCheck(func() error {
					if err := wantSends(1, srv)(); err != nil {
						return err
					}
					want := `{"messaging_product":"whatsapp","recipient_type":"individual","to":"4915112345678","type":"template",` +
						`"template":{"name":"spring_sale","language":{"code":"en","policy":"deterministic"},"components":[` +
						`{"type":"body","parameters":[{"type":"text","text":"Ana"},` +
						`{"type":"currency","currency":{"fallback_value":"€20","code":"EUR","amount_1000":20000}}]},` +
						`{"type":"button","sub_type":"url","index":"0","parameters":[{"type":"text","text":"spring-2026"}]}]},` +
						`"message_activity_sharing":true,"product_policy":"STRICT","bid_spec":{"per_message_bid_multiplier":1.5}}`
					if got := sends(srv)[0]; got != want {
						return fmt.Errorf("send body:\n got  %s\n want %s", got, want)
					}
					return nil
				})},
			},
			{
				// The same multiplier again: no diff, no second send.
				Config:            config,
				ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				ConfigStateChecks: []statecheck.StateCheck{mockCheck(wantSends(1, srv))},
			},
		},
	})
}

func TestAccMarketingBroadcast_maxPriceMultiplier(t *testing.T) {
	srv, ts := newMock(t, mock360.Options{})
	config := providerConfig(ts) + broadcastConfig([]string{"4915100000001", "4915100000002"}, "1", "  max_price_multiplier = 0.5")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{
				Config:            config,
				ConfigStateChecks: []statecheck.StateCheck{mockCheck(wantBidSpec(srv, 2, `{"per_message_bid_multiplier":0.5}`))},
			},
			{
				Config:            config,
				ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				ConfigStateChecks: []statecheck.StateCheck{mockCheck(wantSends(2, srv))},
			},
		},
	})
}

func TestAccSendMarketingMessageAction_maxPriceMultiplier(t *testing.T) {
	srv, ts := newMock(t, mock360.Options{})
	config := providerConfig(ts) + actionTriggered(springSaleArguments+"\n    max_price_multiplier = 2")
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   onlyActions,
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config:            config,
			ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{sendCount{srv, 0}}},
			ConfigStateChecks: []statecheck.StateCheck{mockCheck(wantBidSpec(srv, 1, `{"per_message_bid_multiplier":2}`))},
		}},
	})
}

// Meta documents the multiplier as "A positive multiplier": 0 and below are
// refused before any request.
func TestAccMaxPriceMultiplier_range(t *testing.T) {
	for _, v := range []string{"0", "-1.5"} {
		t.Run(v, func(t *testing.T) {
			planFails(t, strings.Replace(springSaleMessage("1"), `language_code = "en"`,
				`language_code = "en"
  max_price_multiplier = `+v, 1), "must be greater than 0")
		})
	}
}
