package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

func TestNullAsEmptyList(t *testing.T) {
	null, empty := types.ListNull(types.StringType), strList()
	prior := tfsdk.State{Raw: rawObject(nil)}
	create := tfsdk.State{Raw: tftypes.NewValue(rawResource, nil)}
	tests := []struct {
		name                string
		state               tfsdk.State
		stateValue, config  types.List
		plan, wantPlanValue types.List
	}{
		{
			name:          "create, absent: planned empty",
			state:         create,
			stateValue:    null,
			config:        null,
			plan:          types.ListUnknown(types.StringType),
			wantPlanValue: empty,
		},
		{
			name:          "prior null, absent: stays null",
			state:         prior,
			stateValue:    null,
			config:        null,
			plan:          types.ListUnknown(types.StringType),
			wantPlanValue: null,
		},
		{
			name:          "prior empty, absent: stays empty",
			state:         prior,
			stateValue:    empty,
			config:        null,
			plan:          types.ListUnknown(types.StringType),
			wantPlanValue: empty,
		},
		{
			name:          "prior values, absent: planned empty",
			state:         prior,
			stateValue:    strList("a"),
			config:        null,
			plan:          types.ListUnknown(types.StringType),
			wantPlanValue: empty,
		},
		{name: "configured: untouched", state: prior, stateValue: null, config: empty, plan: empty, wantPlanValue: empty},
		{
			name:          "configured values: untouched",
			state:         prior,
			stateValue:    strList("a"),
			config:        strList("b"),
			plan:          strList("b"),
			wantPlanValue: strList("b"),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := planmodifier.ListRequest{
				Path:        path.Root("body_parameters"),
				State:       tt.state,
				StateValue:  tt.stateValue,
				ConfigValue: tt.config,
				PlanValue:   tt.plan,
			}
			resp := &planmodifier.ListResponse{PlanValue: tt.plan}
			nullAsEmptyList{}.PlanModifyList(context.Background(), req, resp)
			if !resp.PlanValue.Equal(tt.wantPlanValue) {
				t.Errorf("planned %v, want %v", resp.PlanValue, tt.wantPlanValue)
			}
		})
	}
}

func TestNullAsEmptyMap(t *testing.T) {
	null, empty := types.MapNull(types.StringType), types.MapValueMust(types.StringType, map[string]attr.Value{})
	one := types.MapValueMust(types.StringType, map[string]attr.Value{"run": types.StringValue("1")})
	prior := tfsdk.State{Raw: rawObject(nil)}
	create := tfsdk.State{Raw: tftypes.NewValue(rawResource, nil)}
	tests := []struct {
		name               string
		state              tfsdk.State
		stateValue, config types.Map
		wantPlanValue      types.Map
	}{
		{name: "create, absent: planned empty", state: create, stateValue: null, config: null, wantPlanValue: empty},
		{name: "prior null, absent: stays null", state: prior, stateValue: null, config: null, wantPlanValue: null},
		{name: "prior empty, absent: stays empty", state: prior, stateValue: empty, config: null, wantPlanValue: empty},
		{name: "prior values, absent: planned empty", state: prior, stateValue: one, config: null, wantPlanValue: empty},
		{name: "configured: untouched", state: prior, stateValue: null, config: one, wantPlanValue: one},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plan := tt.config
			if tt.config.IsNull() {
				plan = types.MapUnknown(types.StringType) // Optional+Computed, not configured
			}
			req := planmodifier.MapRequest{Path: path.Root("triggers"), State: tt.state, StateValue: tt.stateValue, ConfigValue: tt.config, PlanValue: plan}
			resp := &planmodifier.MapResponse{PlanValue: plan}
			nullAsEmptyMap{}.PlanModifyMap(context.Background(), req, resp)
			if !resp.PlanValue.Equal(tt.wantPlanValue) {
				t.Errorf("planned %v, want %v", resp.PlanValue, tt.wantPlanValue)
			}
		})
	}
}

func TestNotEmpty(t *testing.T) {
	want := "header.text is empty. An empty value sends the same message as none, so leave it out instead."
	for _, tt := range []struct {
		v     types.String
		fails bool
	}{{types.StringValue(""), true}, {types.StringValue("x"), false}, {types.StringNull(), false}, {types.StringUnknown(), false}} {
		resp := &validator.StringResponse{}
		notEmpty{}.ValidateString(context.Background(), validator.StringRequest{Path: path.Root("header").AtName("text"), ConfigValue: tt.v}, resp)
		if got := resp.Diagnostics.ErrorsCount(); got != map[bool]int{true: 1}[tt.fails] {
			t.Errorf("ValidateString(%v): %d errors, want fails=%v", tt.v, got, tt.fails)
		} else if tt.fails && resp.Diagnostics[0].Detail() != want {
			t.Errorf("detail %q, want %q", resp.Diagnostics[0].Detail(), want)
		}
	}
	for _, tt := range []struct {
		v     types.Map
		fails bool
	}{
		{types.MapValueMust(types.StringType, map[string]attr.Value{}), true},
		{types.MapValueMust(types.StringType, map[string]attr.Value{"k": types.StringValue("")}), false},
		{types.MapNull(types.StringType), false}, {types.MapUnknown(types.StringType), false},
	} {
		resp := &validator.MapResponse{}
		notEmpty{}.ValidateMap(context.Background(), validator.MapRequest{Path: path.Root("flow_action_data"), ConfigValue: tt.v}, resp)
		if got := resp.Diagnostics.ErrorsCount(); got != map[bool]int{true: 1}[tt.fails] {
			t.Errorf("ValidateMap(%v): %d errors, want fails=%v", tt.v, got, tt.fails)
		}
	}
}
