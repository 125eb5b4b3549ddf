package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/d360-tf/terraform-provider-d360/internal/d360"
)

// The plan of a d360_template: what a change deletes (every language of
// the name), what Meta changed on its own, why a change replaces, and the
// checks the content rules leave out.

// ModifyPlan refuses to replace an approved template under the same name:
// Meta would lock the name for 30 days after the delete. It also says why a
// plan replaces the template when Meta changed its category or max_price or
// message_send_ttl_seconds changed.
func (r *templateResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	r.checkOtherLanguages(ctx, req, resp)
	warnRecategorized(ctx, req, resp)      // template_category_drift.go
	warnReplaceWithoutEdit(ctx, req, resp) // template_replace_reason.go
	if !changesAny(req.State, req.Plan, templateContentAttributes) {
		return
	}
	var state, plan templateModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() || plan.AllowNameReuseAfterDelete.ValueBool() {
		return
	}
	if strings.EqualFold(state.Status.ValueString(), "APPROVED") && plan.Name.ValueString() == state.Name.ValueString() {
		resp.Diagnostics.AddAttributeError(path.Root("name"), "Replacing an approved template would lock its name",
			fmt.Sprintf("This change replaces the approved template %q, which deletes it first. Meta then locks the name %q for 30 days, "+
				"so creating it again would fail. Give the new version a new name, such as %q, or set allow_name_reuse_after_delete = true if you accept that.",
				state.Name.ValueString(), state.Name.ValueString(), state.Name.ValueString()+"_v2"))
	}
}

// checkOtherLanguages makes a plan that destroys or replaces one language
// say what the delete really removes: every language of the name. A plan
// sees only this resource, not whether the other languages are being
// destroyed too, so it asks the API which exist and refuses unless
// allow_delete_other_languages is set.
func (r *templateResource) checkOtherLanguages(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	destroying := req.Plan.Raw.IsNull()
	if req.State.Raw.IsNull() || r.data == nil || (!destroying && !changesAny(req.State, req.Plan, templateContentAttributes)) {
		return
	}
	var state templateModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	allowed := state.AllowDeleteOtherLanguages.ValueBool()
	verb := "Destroying"
	if !destroying {
		verb = "Replacing"
		var plan templateModel
		resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
		if resp.Diagnostics.HasError() {
			return
		}
		allowed = plan.AllowDeleteOtherLanguages.ValueBool()
	}
	if resp.Diagnostics.HasError() {
		return
	}
	r.guardOtherLanguages(ctx, &state, verb, allowed, &resp.Diagnostics)
}

// validateTemplateExtras checks what the content rules do not: the TTL
// against the category's range, and button types that pass unchecked.
func validateTemplateExtras(m *templateModel, t *d360.Template, diags *diag.Diagnostics) {
	if !m.MessageSendTTLSeconds.IsNull() && !m.MessageSendTTLSeconds.IsUnknown() && !m.Category.IsUnknown() {
		addTTLProblems(diags, d360.CheckTemplateTTL(m.Category.ValueString(), m.MessageSendTTLSeconds.ValueInt64()))
	}
	if !m.Components.IsNull() {
		for _, c := range t.Components {
			for i, b := range c.Buttons {
				if !slices.Contains(d360.TypedButtonTypes, strings.ToUpper(b.Type)) {
					diags.AddAttributeWarning(
						path.Root("components").AtName("buttons").AtListIndex(i).AtName("type"),
						"Button type not checked",
						fmt.Sprintf(
							"Button %d has type %q, which this provider sends as given without plan-time checks. "+
								"If Meta needs fields for it that the typed buttons lack, use components_json.",
							i,
							b.Type,
						),
					)
				}
			}
		}
	}
}
