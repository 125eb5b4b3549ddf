package provider

import (
	"fmt"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/d360-tf/terraform-provider-d360/internal/mock360"
)

// languageTemplate is one language of the template "welcome_offer".
func languageTemplate(language string, allowDeleteOthers bool) string {
	allow := ""
	if allowDeleteOthers {
		allow = "\n  allow_delete_other_languages = true"
	}
	return fmt.Sprintf(`
resource "d360_template" "%[1]s" {
  name       = "welcome_offer"
  language   = %[1]q
  category   = "MARKETING"
  components = { body = { text = "Welcome! 10%% off your first order." } }%[2]s
}
`, language, allow)
}

// mockLanguages lists the languages of welcome_offer the mock holds.
func mockLanguages(srv *mock360.Server) []string {
	var out []string
	for _, tpl := range srv.State().Templates {
		if tpl.Name == "welcome_offer" {
			out = append(out, tpl.Language)
		}
	}
	slices.Sort(out)
	return out
}

// TestAccTemplate_destroyOneLanguageKeepsSiblings: 360dialog deletes a
// template by name, every language at once. Destroying only the German
// version must not silently delete the English one: the plan refuses and
// says what the delete would really remove, unless that is allowed.
func TestAccTemplate_destroyOneLanguageKeepsSiblings(t *testing.T) {
	srv, ts := newMock(t, mock360.Options{})
	want := func(langs ...string) {
		t.Helper()
		if got := mockLanguages(srv); !slices.Equal(got, langs) {
			t.Errorf("the mock holds welcome_offer in %v, want %v", got, langs)
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{Config: providerConfig(ts) + languageTemplate("en", false) + languageTemplate("de", false)},
			{
				PreConfig: func() { want("de", "en") },
				Config:    providerConfig(ts) + languageTemplate("en", false),
				ExpectError: errorLike("Destroying this template would delete its other languages",
					`d360_template "welcome_offer" (de)`, "would also delete en", "terraform state rm", "allow_delete_other_languages = true"),
			},
			{
				// Nothing was deleted; allowing it is an in-place update with no API write.
				PreConfig: func() {
					want("de", "en")
					if n := len(srv.RequestsTo("DELETE", "/v1/configs/templates/welcome_offer")); n != 0 {
						t.Errorf("the refused plan sent %d DELETE requests", n)
					}
				},
				Config: providerConfig(ts) + languageTemplate("en", true) + languageTemplate("de", true),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("d360_template.de", plancheck.ResourceActionUpdate),
				}},
			},
			{
				// Allowed: the delete takes every language, as the warning says,
				// so the English one is gone too and the next plan creates it.
				Config:             providerConfig(ts) + languageTemplate("en", true),
				ExpectNonEmptyPlan: true,
				ConfigStateChecks:  []statecheck.StateCheck{mockCheck(func() error { want(); return nil })},
			},
		},
	})
}
