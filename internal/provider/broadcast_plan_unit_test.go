package provider

import (
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

func TestKnownRecipients(t *testing.T) {
	list := func(vs ...attr.Value) types.List { return types.ListValueMust(types.StringType, vs) }
	cases := map[string]struct {
		recipients types.List
		known      []string
		note       string
	}{
		"all known, sorted and once": {list(types.StringValue("2"), types.StringValue("1"), types.StringValue("2")), []string{"1", "2"}, ""},
		"one known only at apply":    {list(types.StringValue("1"), types.StringUnknown()), []string{"1"}, "1 recipient(s) are known only at apply"},
		"the whole list unknown":     {types.ListUnknown(types.StringType), nil, "The recipients are known only at apply"},
	}
	for name, tc := range cases {
		var diags diag.Diagnostics
		known, note := knownRecipients(tc.recipients, &diags)
		if diags.HasError() || !slices.Equal(known, tc.known) || (tc.note == "") != (note == "") || !strings.Contains(note, tc.note) {
			t.Errorf("%s: got %q, %q, %v", name, known, note, diags)
		}
	}
}

// templatePlan is a state and a plan that differ only in template_name
// and language_code.
func templatePlan(stateName, planName, planLanguage tftypes.Value) (tfsdk.State, tfsdk.Plan) {
	typ := tftypes.Object{AttributeTypes: map[string]tftypes.Type{"template_name": tftypes.String, "language_code": tftypes.String}}
	en := tftypes.NewValue(tftypes.String, "en")
	state := tftypes.NewValue(typ, map[string]tftypes.Value{"template_name": stateName, "language_code": en})
	plan := tftypes.NewValue(typ, map[string]tftypes.Value{"template_name": planName, "language_code": planLanguage})
	return tfsdk.State{Raw: state}, tfsdk.Plan{Raw: plan}
}

func TestPlanTemplateChange(t *testing.T) {
	str := func(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }
	unknown := tftypes.NewValue(tftypes.String, tftypes.UnknownValue)
	cases := map[string]struct {
		state, plan, language tftypes.Value
		want                  templateChange
	}{
		"same":                      {str("spring"), str("spring"), str("en"), templateSame},
		"renamed":                   {str("spring"), str("spring_v2"), str("en"), templateChanged},
		"other language":            {str("spring"), str("spring"), str("de"), templateChanged},
		"name known only at apply":  {str("spring"), unknown, str("en"), templateUnknown},
		"known change wins":         {str("spring"), unknown, str("de"), templateChanged},
		"language known only later": {str("spring"), str("spring"), unknown, templateUnknown},
	}
	for name, tc := range cases {
		state, plan := templatePlan(tc.state, tc.plan, tc.language)
		if got := planTemplateChange(state, plan); got != tc.want {
			t.Errorf("%s: got %v, want %v", name, got, tc.want)
		}
	}
}
