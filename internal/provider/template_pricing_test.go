package provider

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/d360-tf/terraform-provider-d360/internal/mock360"
)

func maxPriceTemplate(category, maxPrice string) string {
	return fmt.Sprintf(`
resource "d360_template" "capped" {
  name       = "capped_sale"
  language   = "en"
  category   = %q
  components = { body = { text = "Spring sale: 25%% off" } }
  max_price  = %s
}
`, category, maxPrice)
}

// A max price reaches the API as optimization_spec, is kept in state and is
// read back after an import.
func TestAccTemplateMaxPrice_create(t *testing.T) {
	srv, ts := newMock(t, mock360.Options{})
	// LOWEST_COST_WITH_BID_CAP is the one strategy Meta's max price page
	// documents; a configuration that leaves it out gets it too
	// (TestAccTemplateMaxPrice_defaultStrategy).
	config := providerConfig(ts) + maxPriceTemplate("MARKETING", `{ bid_amount = 87000, bid_strategy = "LOWEST_COST_WITH_BID_CAP" }`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("d360_template.capped",
						tfjsonpath.New("max_price").AtMapKey("bid_amount"), knownvalue.Int64Exact(87000)),
					statecheck.ExpectKnownValue("d360_template.capped",
						tfjsonpath.New("max_price").AtMapKey("bid_strategy"), knownvalue.StringExact("LOWEST_COST_WITH_BID_CAP")),
					mockCheck(func() error {
						posts := srv.RequestsTo("POST", "/v1/configs/templates")
						if len(posts) != 1 {
							return fmt.Errorf("want one template POST, got %d", len(posts))
						}
						var body map[string]json.RawMessage
						if err := json.Unmarshal(posts[0].Body, &body); err != nil {
							return err
						}
						if got := string(body["optimization_spec"]); got != `{"bid_amount":87000,"bid_strategy":"LOWEST_COST_WITH_BID_CAP"}` {
							return fmt.Errorf("optimization_spec sent = %s; body %s", got, posts[0].Body)
						}
						if _, ok := body["bid_spec"]; ok {
							return fmt.Errorf("the retired bid_spec was sent: %s", posts[0].Body)
						}
						return nil
					}),
				},
			},
			{
				ResourceName:      "d360_template.capped",
				ImportState:       true,
				ImportStateId:     "capped_sale/en",
				ImportStateVerify: true,
				// The review moves on between the steps; only content must match.
				ImportStateVerifyIgnore: []string{"wait_for_approval", "timeouts", "status", "approved_name", "quality_score"},
			},
		},
	})
}

// Meta marks bid_strategy required: without one in the configuration the
// only documented value is planned, sent and kept, and a second plan is
// empty.
func TestAccTemplateMaxPrice_defaultStrategy(t *testing.T) {
	srv, ts := newMock(t, mock360.Options{})
	config := providerConfig(ts) + maxPriceTemplate("MARKETING", `{ bid_amount = 2500 }`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectKnownValue("d360_template.capped",
						tfjsonpath.New("max_price").AtMapKey("bid_strategy"), knownvalue.StringExact("LOWEST_COST_WITH_BID_CAP")),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("d360_template.capped",
						tfjsonpath.New("max_price").AtMapKey("bid_strategy"), knownvalue.StringExact("LOWEST_COST_WITH_BID_CAP")),
					mockCheck(func() error {
						var body map[string]json.RawMessage
						_ = json.Unmarshal(srv.RequestsTo("POST", "/v1/configs/templates")[0].Body, &body)
						if got := string(body["optimization_spec"]); got != `{"bid_amount":2500,"bid_strategy":"LOWEST_COST_WITH_BID_CAP"}` {
							return fmt.Errorf("optimization_spec sent = %s", got)
						}
						return nil
					}),
				},
			},
			{Config: config, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
			{
				ResourceName:            "d360_template.capped",
				ImportState:             true,
				ImportStateId:           "capped_sale/en",
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"wait_for_approval", "timeouts", "status", "approved_name", "quality_score"},
			},
		},
	})
}

// Without max_price nothing about pricing is sent.
func TestAccTemplateMaxPrice_absent(t *testing.T) {
	srv, ts := newMock(t, mock360.Options{})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: providerConfig(ts) + fidelityTemplate("MARKETING", `components = { body = { text = "Hello" } }`, ""),
			ConfigStateChecks: []statecheck.StateCheck{mockCheck(func() error {
				var body map[string]json.RawMessage
				_ = json.Unmarshal(srv.RequestsTo("POST", "/v1/configs/templates")[0].Body, &body)
				if _, ok := body["optimization_spec"]; ok {
					return fmt.Errorf("optimization_spec sent without max_price")
				}
				return nil
			})},
		}},
	})
}

// Bad max prices fail at plan time with an actionable message, before any request.
func TestAccTemplateMaxPrice_planChecks(t *testing.T) {
	t.Run("zero", func(t *testing.T) {
		planFails(t, maxPriceTemplate("MARKETING", `{ bid_amount = 0 }`), "bid_amount", "at least 1")
	})
	t.Run("not marketing", func(t *testing.T) {
		planFails(t, maxPriceTemplate("UTILITY", `{ bid_amount = 1000 }`),
			"Max price on a non-marketing template", "A max price applies only to MARKETING templates", "UTILITY", `set category = "MARKETING"`)
	})
	t.Run("empty strategy", func(t *testing.T) {
		planFails(t, maxPriceTemplate("MARKETING", `{ bid_amount = 1000, bid_strategy = "" }`), "bid_strategy")
	})
	// Meta's page: "Currently supports only LOWEST_COST_WITH_BID_CAP", and
	// in that spelling.
	t.Run("undocumented strategy", func(t *testing.T) {
		planFails(t, maxPriceTemplate("MARKETING", `{ bid_amount = 1000, bid_strategy = "LOWEST_COST_WITHOUT_CAP" }`),
			"bid_strategy", "LOWEST_COST_WITH_BID_CAP")
	})
	t.Run("lower-case strategy", func(t *testing.T) {
		planFails(t, maxPriceTemplate("MARKETING", `{ bid_amount = 1000, bid_strategy = "lowest_cost_with_bid_cap" }`),
			"bid_strategy", "LOWEST_COST_WITH_BID_CAP")
	})
}
