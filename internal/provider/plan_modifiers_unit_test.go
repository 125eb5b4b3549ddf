package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Unit tests of the plan modifiers and validators, called with constructed
// requests as the framework would call them.

func strList(items ...string) types.List {
	elems := make([]attr.Value, len(items))
	for i, s := range items {
		elems[i] = types.StringValue(s)
	}
	return types.ListValueMust(types.StringType, elems)
}

func TestKeepPermutation(t *testing.T) {
	withUnknown := types.ListValueMust(types.StringType, []attr.Value{types.StringValue("b"), types.StringUnknown()})
	withNull := types.ListValueMust(types.StringType, []attr.Value{types.StringNull(), types.StringValue("a")})
	priorWithNull := types.ListValueMust(types.StringType, []attr.Value{types.StringValue("a"), types.StringNull()})
	tests := []struct {
		name         string
		state, plan  types.List
		keepsOldList bool
	}{
		{name: "same order", state: strList("a", "b", "c"), plan: strList("a", "b", "c"), keepsOldList: true},
		{name: "permutation", state: strList("a", "b", "c"), plan: strList("c", "a", "b"), keepsOldList: true},
		{name: "permutation with repeats", state: strList("a", "a", "b"), plan: strList("b", "a", "a"), keepsOldList: true},
		{name: "null element moved", state: priorWithNull, plan: withNull, keepsOldList: true},
		{name: "both empty", state: strList(), plan: strList(), keepsOldList: true},
		{name: "one replaced", state: strList("a", "b", "c"), plan: strList("c", "a", "d")},
		{name: "one added", state: strList("a", "b"), plan: strList("b", "a", "c")},
		{name: "one removed", state: strList("a", "b", "c"), plan: strList("c", "a")},
		{name: "same length, repeats differ", state: strList("a", "a", "b"), plan: strList("a", "b", "b")},
		{name: "unknown element", state: strList("a", "b"), plan: withUnknown},
		{name: "unknown list", state: strList("a"), plan: types.ListUnknown(types.StringType)},
		{name: "no prior state", state: types.ListNull(types.StringType), plan: strList("a")},
		{name: "plan null", state: strList("a"), plan: types.ListNull(types.StringType)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := planmodifier.ListRequest{Path: path.Root("recipients"), StateValue: tt.state, PlanValue: tt.plan, ConfigValue: tt.plan}
			resp := &planmodifier.ListResponse{PlanValue: tt.plan}
			keepPermutation{}.PlanModifyList(context.Background(), req, resp)
			if resp.Diagnostics.HasError() {
				t.Fatal(resp.Diagnostics)
			}
			want := tt.plan
			if tt.keepsOldList {
				want = tt.state
			}
			// Equal is order-sensitive, so a kept permutation shows here.
			if !resp.PlanValue.Equal(want) {
				t.Errorf("planned %v, want %v", resp.PlanValue, want)
			}
		})
	}
}

func TestUniqueStrings(t *testing.T) {
	tests := []struct {
		name  string
		value types.List
		want  []string // the detail of each error, in order
	}{
		{name: "all unique", value: strList("491", "492", "493")},
		{name: "empty", value: strList()},
		{name: "null", value: types.ListNull(types.StringType)},
		{name: "unknown", value: types.ListUnknown(types.StringType)},
		{name: "one duplicate", value: strList("491", "492", "491"), want: []string{`This attribute contains duplicate values of: "491"`}},
		{name: "three of one is one error", value: strList("491", "491", "491"), want: []string{`This attribute contains duplicate values of: "491"`}},
		{name: "two duplicates, in order", value: strList("492", "491", "491", "492"),
			want: []string{`This attribute contains duplicate values of: "491"`, `This attribute contains duplicate values of: "492"`}},
		{name: "unknown and null elements are skipped", value: types.ListValueMust(types.StringType,
			[]attr.Value{types.StringUnknown(), types.StringUnknown(), types.StringNull(), types.StringNull(), types.StringValue("491")})},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := validator.ListRequest{Path: path.Root("recipients"), ConfigValue: tt.value}
			resp := &validator.ListResponse{}
			uniqueStrings{}.ValidateList(context.Background(), req, resp)
			if got := resp.Diagnostics.ErrorsCount(); got != len(tt.want) || len(resp.Diagnostics) != len(tt.want) {
				t.Fatalf("%d diagnostics (%d errors), want %d errors: %v", len(resp.Diagnostics), got, len(tt.want), resp.Diagnostics)
			}
			for i, d := range resp.Diagnostics {
				wantDiag := diag.NewAttributeErrorDiagnostic(path.Root("recipients"), "Duplicate List Value", tt.want[i])
				if !d.Equal(wantDiag) {
					t.Errorf("diagnostic %d = %q: %q, want %q", i, d.Summary(), d.Detail(), tt.want[i])
				}
			}
		})
	}
}

func TestKeepEquivalentJSON(t *testing.T) {
	prior := jsontypes.NewNormalizedValue(`[{"type":"body","parameters":[{"type":"text","text":"a"}]}]`)
	tests := []struct {
		name      string
		state     types.String
		plan      types.String
		keepPrior bool
	}{
		{name: "whitespace and key order", state: prior.StringValue, plan: types.StringValue(`[ { "parameters": [ {"text":"a", "type":"text"} ],` +
			` "type": "body" } ]`), keepPrior: true},
		{name: "another value", state: prior.StringValue, plan: types.StringValue(`[{"type":"body","parameters":[{"type":"text","text":"b"}]}]`)},
		{name: "another element order", state: types.StringValue(`[1,2]`), plan: types.StringValue(`[2,1]`)},
		{name: "no prior", state: types.StringNull(), plan: types.StringValue(`[]`)},
		{name: "unknown plan", state: prior.StringValue, plan: types.StringUnknown()},
		{name: "removed", state: prior.StringValue, plan: types.StringNull()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := planmodifier.StringRequest{Path: path.Root("components_json"), StateValue: tt.state, PlanValue: tt.plan, ConfigValue: tt.plan}
			resp := &planmodifier.StringResponse{PlanValue: tt.plan}
			keepEquivalentJSON{}.PlanModifyString(context.Background(), req, resp)
			if resp.Diagnostics.HasError() {
				t.Fatal(resp.Diagnostics)
			}
			want := tt.plan
			if tt.keepPrior {
				want = tt.state
			}
			if !resp.PlanValue.Equal(want) {
				t.Errorf("planned %v, want %v", resp.PlanValue, want)
			}
		})
	}
}
