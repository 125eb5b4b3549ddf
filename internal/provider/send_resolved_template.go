package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// The template a send resolves to is often another resource's output:
// template_name = d360_template.x.approved_name. When that template is
// created, recreated or adopted, the name is unknown at plan, and at apply
// it may be the name already sent. "Unknown at plan" is not "changed":
// replacing the send there would message every recipient again for a
// template that did not change.
//
// A replacement cannot wait for the apply to decide: Terraform plans again
// at apply with the values then known, and a plan that turns from an
// update into a replacement is refused as an inconsistent final plan. So
// the attributes that name the template do not require replacement. Their
// change is a new generation made in place: the plan marks what the send
// records as unknown and warns, and the apply's Update compares the
// template it sent with the one it is given and sends again only when
// they differ.

// templateNameAttributes names the template a send resolves to.
var templateNameAttributes = []string{"template_name", "language_code"}

// templateChange is how the plan of an existing send treats its template.
type templateChange int

const (
	templateSame    templateChange = iota // no change: nothing to send for it
	templateChanged                       // known to differ: a new generation
	templateUnknown                       // known only at apply: decided then
)

// planTemplateChange compares the template the state sent with the one the
// plan names, from the raw values.
func planTemplateChange(state tfsdk.State, plan tfsdk.Plan) templateChange {
	out := templateSame
	for _, name := range templateNameAttributes {
		before, errB := rawAttribute(state.Raw, name)
		after, errA := rawAttribute(plan.Raw, name)
		switch {
		case errB != nil || errA != nil:
			return templateChanged // cannot tell: assume the worst, a send
		case !after.IsKnown():
			out = templateUnknown
		case !before.Equal(after):
			return templateChanged
		}
	}
	return out
}

// templateDiffers is the apply-time half: whether the template the plan
// now names is another one than the state sent.
func templateDiffers(ctx context.Context, state tfsdk.State, plan tfsdk.Plan, diags *diag.Diagnostics) bool {
	for _, name := range templateNameAttributes {
		var before, after types.String
		diags.Append(state.GetAttribute(ctx, path.Root(name), &before)...)
		diags.Append(plan.GetAttribute(ctx, path.Root(name), &after)...)
		if !before.Equal(after) {
			return true
		}
	}
	return false
}

// planUnknown marks the named computed attributes unknown: an apply that
// may start a new generation records them anew.
func planUnknown(ctx context.Context, resp *resource.ModifyPlanResponse, names map[string]any) {
	for name, unknown := range names {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root(name), unknown)...)
	}
}

// templateKnownAtApplyNote is the warning's sentence for a template known
// only at apply.
const templateKnownAtApplyNote = "The template is known only at apply (template_name or language_code comes from another resource, " +
	"such as d360_template.x.approved_name while that template is created or recreated). If it resolves to the template already " +
	"sent, this sends nothing for it. If it resolves to another template, the apply starts a new generation and sends it. "
