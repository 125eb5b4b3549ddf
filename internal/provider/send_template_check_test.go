package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/d360-tf/terraform-provider-d360/internal/mock360"
)

// A button index in components_json is the user's free text: a negative,
// huge or non-numeric one must fail the plan with a diagnostic on
// components_json, not crash the plugin.
func TestAccTemplateCheck_badButtonIndexInComponentsJSON(t *testing.T) {
	cases := []struct{ index, expect string }{
		{`-1`, `button index -1 is negative; template "spring_sale" numbers its 1 button(s) from 0 to 0`},
		{`99999999999999999999`, `template "spring_sale" has 1 button(s), so there is no button with index 99999999999999999999`},
		{`"first"`, `button index "first" is not a whole number`},
	}
	for _, tc := range cases {
		t.Run(tc.index, func(t *testing.T) {
			srv, ts := newMock(t, mock360.Options{})
			components := `[{"type":"body","parameters":[{"type":"text","text":"Ana"},{"type":"text","text":"20%"}]},` +
				`{"type":"button","sub_type":"url","index":0,"parameters":[{"type":"text","text":"spring"}]},` +
				`{"type":"button","sub_type":"url","index":` + tc.index + `,"parameters":[{"type":"text","text":"x"}]}]`
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders,
				Steps: []resource.TestStep{{
					Config: providerConfig(ts) + fmt.Sprintf(`
resource "d360_marketing_message" "test" {
  to              = "4915112345678"
  template_name   = "spring_sale"
  language_code   = "en"
  components_json = %q
}
`, components),
					PlanOnly:    true,
					ExpectError: errorLike("Template check failed", `with d360_marketing_message.test`, `components_json =`, tc.expect, "Nothing was sent"),
				}},
			})
			onlyGETs(t, srv)
			if n := len(srv.RequestsTo("GET", "/v1/configs/templates")); n != 1 {
				t.Fatalf("want exactly one template GET, got %d", n)
			}
		})
	}
}
