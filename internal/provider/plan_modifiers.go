package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// keepEquivalentJSON plans the prior JSON when the configured JSON means the
// same thing (whitespace, key order), so reformatting the configuration does
// not look like a change and, for a send, does not send again. The framework
// applies semantic equality on apply and refresh, but not when planning.
type keepEquivalentJSON struct{}

var _ planmodifier.String = keepEquivalentJSON{}

func (keepEquivalentJSON) Description(context.Context) string {
	return "a JSON value that is equivalent to the prior one is not a change"
}

func (m keepEquivalentJSON) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
}

func (keepEquivalentJSON) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if req.StateValue.IsNull() || req.PlanValue.IsNull() || req.PlanValue.IsUnknown() {
		return
	}
	prior := jsontypes.NewNormalizedValue(req.StateValue.ValueString())
	planned := jsontypes.NewNormalizedValue(req.PlanValue.ValueString())
	equal, diags := prior.StringSemanticEquals(ctx, planned)
	resp.Diagnostics.Append(diags...)
	if equal {
		resp.PlanValue = req.StateValue
	}
}

// changesAny reports whether any of the named top-level attributes differs
// between the prior state and the plan. A resource's ModifyPlan needs it to
// know it is planning a replacement: the framework does not pass on which
// attributes its plan modifiers marked as requiring one.
func changesAny(state tfsdk.State, plan tfsdk.Plan, names []string) bool {
	if state.Raw.IsNull() || plan.Raw.IsNull() {
		return false
	}
	var prior, planned map[string]tftypes.Value
	if state.Raw.As(&prior) != nil || plan.Raw.As(&planned) != nil {
		return false
	}
	for _, n := range names {
		if !prior[n].Equal(planned[n]) {
			return true
		}
	}
	return false
}

// keepPermutation plans the prior list when the configured one has the same
// elements in another order, so a list used as a set does not show a diff
// when it is reordered.
type keepPermutation struct{}

var _ planmodifier.List = keepPermutation{}

func (keepPermutation) Description(context.Context) string {
	return "the same elements in another order are not a change"
}

func (m keepPermutation) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }

func (keepPermutation) PlanModifyList(_ context.Context, req planmodifier.ListRequest, resp *planmodifier.ListResponse) {
	if req.StateValue.IsNull() || req.PlanValue.IsNull() || req.PlanValue.IsUnknown() {
		return
	}
	prior, planned := req.StateValue.Elements(), req.PlanValue.Elements()
	if len(prior) != len(planned) {
		return
	}
	count := map[string]int{}
	for _, v := range prior {
		count[v.String()]++
	}
	for _, v := range planned {
		if v.IsUnknown() || count[v.String()] == 0 {
			return
		}
		count[v.String()]--
	}
	resp.PlanValue = req.StateValue
}
