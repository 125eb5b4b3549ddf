package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/d360-tf/terraform-provider-d360/internal/mock360"
)

func templateIdentityCheck(name, language string) map[string]knownvalue.Check {
	return map[string]knownvalue.Check{"name": knownvalue.StringExact(name), "language": knownvalue.StringExact(language)}
}

// seedGermanSpringSale adds a paused German spring_sale to the mock's
// three seeded templates (marketing_text_no_param, spring_sale and the
// UTILITY order_update, all approved and in English).
func seedGermanSpringSale(srv *mock360.Server) {
	srv.Update(func(st *mock360.State) {
		for _, tpl := range st.Templates {
			if tpl.Name == "spring_sale" {
				tpl.ID, tpl.Language, tpl.Status = "De7spring", "de", "paused"
				st.Templates = append(st.Templates, tpl)
				return
			}
		}
	})
}

// TestAccTemplateList_query runs `terraform query` (1.14+) with each filter
// and checks identities, display names and the resource objects.
func TestAccTemplateList_query(t *testing.T) {
	srv, ts := newMock(t, mock360.Options{})
	seedGermanSpringSale(srv)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)},
		Steps: []resource.TestStep{
			// A query needs a configuration beside it for the provider block.
			{Config: providerConfig(ts)},
			{
				// The provider block is the previous step's, still in the directory.
				Query: true,
				Config: `
list "d360_template" "all" {
  provider = d360
}
list "d360_template" "two" {
  provider = d360
  limit    = 2
}
list "d360_template" "summer" {
  provider         = d360
  include_resource = true
  config {
    name_prefix = "spring_"
    language    = "en"
  }
}
list "d360_template" "paused" {
  provider = d360
  config {
    status = "Paused"
  }
}
list "d360_template" "utility" {
  provider = d360
  config {
    category = "utility"
    status   = "approved"
  }
}
list "d360_template" "none" {
  provider = d360
  config {
    status = "REJECTED"
  }
}
`,
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength("d360_template.all", 4),
					querycheck.ExpectIdentity("d360_template.all", templateIdentityCheck("marketing_text_no_param", "en")),
					querycheck.ExpectIdentity("d360_template.all", templateIdentityCheck("spring_sale", "de")),
					querycheck.ExpectLength("d360_template.two", 2),
					querycheck.ExpectLength("d360_template.summer", 1),
					querycheck.ExpectIdentity("d360_template.summer", templateIdentityCheck("spring_sale", "en")),
					querycheck.ExpectResourceDisplayName("d360_template.summer", queryfilter.ByResourceIdentity(templateIdentityCheck("spring_sale", "en")),
						knownvalue.StringExact("spring_sale (en, APPROVED)")),
					querycheck.ExpectResourceKnownValues("d360_template.summer", queryfilter.ByResourceIdentity(templateIdentityCheck("spring_sale", "en")),
						[]querycheck.KnownValueCheck{
							{Path: tfjsonpath.New("id"), KnownValue: knownvalue.StringExact("spring_sale/en")},
							{Path: tfjsonpath.New("category"), KnownValue: knownvalue.StringExact("MARKETING")},
							{Path: tfjsonpath.New("status"), KnownValue: knownvalue.StringExact("APPROVED")},
							{
								Path:       tfjsonpath.New("components").AtMapKey("body").AtMapKey("text"),
								KnownValue: knownvalue.StringExact("Hi {{1}}, {{2}} off everything until Sunday."),
							},
							{Path: tfjsonpath.New("components").AtMapKey("footer"), KnownValue: knownvalue.StringExact("Reply STOP to opt out")},
						}),
					querycheck.ExpectLength("d360_template.paused", 1),
					querycheck.ExpectIdentity("d360_template.paused", templateIdentityCheck("spring_sale", "de")),
					querycheck.ExpectLength("d360_template.utility", 1),
					querycheck.ExpectIdentity("d360_template.utility", templateIdentityCheck("order_update", "en")),
					querycheck.ExpectLength("d360_template.none", 0),
				},
			},
		},
	})
	onlyGETs(t, srv) // a query is a read
}
