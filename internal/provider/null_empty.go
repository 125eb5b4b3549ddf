package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/mapplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// An absent collection and an empty one send the same message, so they must
// not plan a replacement, which would send again. Terraform only lets a
// provider plan a value other than the configured one when the attribute is
// Computed and not configured, so these attributes are Optional and Computed:
// an absent value is planned as the prior null or empty value, and as empty
// on create. Then both spellings store the same value and the plan is empty
// either way; a prior null against a configured empty (state written before
// this rule) is an in-place update that sends nothing.

// replaceListUnlessEmpty and replaceMapUnlessEmpty come after the
// null-as-empty modifiers and require a replacement for real changes only.
func replaceListUnlessEmpty() []planmodifier.List {
	return []planmodifier.List{nullAsEmptyList{}, listplanmodifier.RequiresReplaceIf(
		func(_ context.Context, req planmodifier.ListRequest, resp *listplanmodifier.RequiresReplaceIfFuncResponse) {
			resp.RequiresReplace = !isNullOrEmpty(req.StateValue) || !isNullOrEmpty(req.PlanValue)
		}, "a change forces a new send; absent and empty are the same", "a change forces a new send; absent and empty are the same")}
}

func replaceMapUnlessEmpty() []planmodifier.Map {
	return []planmodifier.Map{nullAsEmptyMap{}, mapplanmodifier.RequiresReplaceIf(
		func(_ context.Context, req planmodifier.MapRequest, resp *mapplanmodifier.RequiresReplaceIfFuncResponse) {
			resp.RequiresReplace = !isNullOrEmpty(req.StateValue) || !isNullOrEmpty(req.PlanValue)
		}, "a change forces a new send; absent and empty are the same", "a change forces a new send; absent and empty are the same")}
}

type nullAsEmptyList struct{}

func (nullAsEmptyList) Description(context.Context) string {
	return "an absent list is the same as an empty one"
}
func (m nullAsEmptyList) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }

func (nullAsEmptyList) PlanModifyList(ctx context.Context, req planmodifier.ListRequest, resp *planmodifier.ListResponse) {
	if !req.ConfigValue.IsNull() {
		return
	}
	if !req.State.Raw.IsNull() && isNullOrEmpty(req.StateValue) {
		resp.PlanValue = req.StateValue
		return
	}
	resp.PlanValue = types.ListValueMust(req.PlanValue.ElementType(ctx), nil)
}

type nullAsEmptyMap struct{}

func (nullAsEmptyMap) Description(context.Context) string {
	return "an absent map is the same as an empty one"
}
func (m nullAsEmptyMap) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }

func (nullAsEmptyMap) PlanModifyMap(ctx context.Context, req planmodifier.MapRequest, resp *planmodifier.MapResponse) {
	if !req.ConfigValue.IsNull() {
		return
	}
	if !req.State.Raw.IsNull() && isNullOrEmpty(req.StateValue) {
		resp.PlanValue = req.StateValue
		return
	}
	resp.PlanValue = types.MapValueMust(req.PlanValue.ElementType(ctx), nil)
}

func isNullOrEmpty(v attr.Value) bool {
	if v.IsNull() {
		return true
	}
	if v.IsUnknown() {
		return false
	}
	switch tv := v.(type) {
	case types.List:
		return len(tv.Elements()) == 0
	case types.Map:
		return len(tv.Elements()) == 0
	}
	return false
}

// replacing reports whether the plan replaces the prior state: one of the
// named top-level attributes changed, null and empty being the same. A
// resource's ModifyPlan needs it because the framework does not pass on which
// attributes its plan modifiers marked as requiring replacement. It reads
// only the named attributes, as raw values, so it costs nothing per
// recipient of a broadcast.
func replacing(state tfsdk.State, plan tfsdk.Plan, names []string) bool {
	if state.Raw.IsNull() || plan.Raw.IsNull() {
		return false
	}
	for _, n := range names {
		before, errB := rawAttribute(state.Raw, n)
		after, errA := rawAttribute(plan.Raw, n)
		if errB != nil || errA != nil {
			return true // cannot tell: assume the worst, a send
		}
		if !before.Equal(after) && (!rawNullOrEmpty(before) || !rawNullOrEmpty(after)) {
			return true
		}
	}
	return false
}

func rawAttribute(v tftypes.Value, name string) (tftypes.Value, error) {
	got, _, err := tftypes.WalkAttributePath(v, tftypes.NewAttributePath().WithAttributeName(name))
	if err != nil {
		return tftypes.Value{}, err
	}
	out, _ := got.(tftypes.Value)
	return out, nil
}

func rawNullOrEmpty(v tftypes.Value) bool {
	if v.IsNull() {
		return true
	}
	if !v.IsFullyKnown() {
		return false
	}
	var list []tftypes.Value
	if v.Type().Is(tftypes.List{}) && v.As(&list) == nil {
		return len(list) == 0
	}
	var m map[string]tftypes.Value
	if v.Type().Is(tftypes.Map{}) && v.As(&m) == nil {
		return len(m) == 0
	}
	return false
}

// notEmpty refuses "" and {} where the API takes no empty value: the send
// would be the same as with the argument left out, and the two spellings
// must not differ in a plan (a difference would send again).
type notEmpty struct{}

var (
	_ validator.String = notEmpty{}
	_ validator.Map    = notEmpty{}
)

func (notEmpty) Description(context.Context) string               { return "must not be empty; leave it out instead" }
func (v notEmpty) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (notEmpty) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if !req.ConfigValue.IsNull() && !req.ConfigValue.IsUnknown() && req.ConfigValue.ValueString() == "" {
		resp.Diagnostics.Append(emptyValueError(req.Path))
	}
}

func (notEmpty) ValidateMap(_ context.Context, req validator.MapRequest, resp *validator.MapResponse) {
	if !req.ConfigValue.IsNull() && !req.ConfigValue.IsUnknown() && len(req.ConfigValue.Elements()) == 0 {
		resp.Diagnostics.Append(emptyValueError(req.Path))
	}
}

func emptyValueError(p path.Path) diag.Diagnostic {
	return diag.NewAttributeErrorDiagnostic(p, "Empty value",
		p.String()+" is empty. An empty value sends the same message as none, so leave it out instead.")
}

// sameRaw reports whether an attribute is the same in the prior state and
// the plan, comparing raw values: no conversion, however long the value.
func sameRaw(state tfsdk.State, plan tfsdk.Plan, name string) (bool, error) {
	before, err := rawAttribute(state.Raw, name)
	if err != nil {
		return false, err
	}
	after, err := rawAttribute(plan.Raw, name)
	if err != nil {
		return false, err
	}
	return before.Equal(after), nil
}
