package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
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
