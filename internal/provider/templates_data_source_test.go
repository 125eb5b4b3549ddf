package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/d360-tf/terraform-provider-d360/internal/mock360"
)

func TestAccTemplatesDataSource(t *testing.T) {
	// The mock pages by 2 whatever limit the client asks for, so reading
	// all three templates takes two pages.
	srv, ts := newMock(t, mock360.Options{MaxPageSize: 2})
	names := func(ns ...string) knownvalue.Check {
		var checks []knownvalue.Check
		for _, n := range ns {
			checks = append(checks, knownvalue.ObjectPartial(map[string]knownvalue.Check{"name": knownvalue.StringExact(n)}))
		}
		return knownvalue.ListExact(checks)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{
				Config: providerConfig(ts) + `data "d360_templates" "all" {}`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(
						"data.d360_templates.all",
						tfjsonpath.New("templates"),
						names("marketing_text_no_param", "order_update", "spring_sale"),
					),
					statecheck.ExpectKnownValue(
						"data.d360_templates.all",
						tfjsonpath.New("templates").AtSliceIndex(2),
						knownvalue.ObjectExact(map[string]knownvalue.Check{
							"id": knownvalue.StringExact("Hq3PzY7bN2cWd8Ua"), "name": knownvalue.StringExact("spring_sale"), "language": knownvalue.StringExact("en"),
							"category": knownvalue.StringExact("MARKETING"), "status": knownvalue.StringExact("APPROVED"), "rejected_reason": knownvalue.Null(),
							"quality_score": knownvalue.StringExact("GREEN"), "namespace": knownvalue.StringExact("c2f3a8b1_5d6e_4f70_9a1b_2c3d4e5f6a7b"),
							"components_json": knownvalue.StringRegexp(
								regexpMust(`^\[\{"type":"HEADER","format":"TEXT","text":"Spring sale"\},\{"type":"BODY","text":"Hi \{\{1\}\}`),
							),
							"header_placeholders": knownvalue.Int64Exact(
								0,
							), "body_placeholders": knownvalue.Int64Exact(2), "url_button_placeholders": knownvalue.Int64Exact(1),
						}),
					),
				},
			},
			{
				Config: providerConfig(ts) + `
data "d360_templates" "marketing" {
  category = "marketing"
  status   = "APPROVED"
}
data "d360_templates" "one" {
  name     = "order_update"
  language = "en"
}`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.d360_templates.marketing", tfjsonpath.New("templates"), names("marketing_text_no_param", "spring_sale")),
					statecheck.ExpectKnownValue("data.d360_templates.one", tfjsonpath.New("templates"), names("order_update")),
				},
			},
		},
	})
	// Paging: the unfiltered read needed a second page at offset 2.
	paged := false
	for _, r := range srv.RequestsTo("GET", "/v1/configs/templates") {
		if r.RawQuery == "limit=1000&offset=2" {
			paged = true
		}
	}
	if !paged {
		t.Fatal("the data source did not follow offset to the second page")
	}
	onlyGETs(t, srv)
}
