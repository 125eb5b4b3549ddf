package provider

import (
	"context"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/d360-tf/terraform-provider-d360/internal/d360"
)

// checkTemplateAtPlan fails the plan, before anything is sent, when the
// template would make the send fail: missing, in another language, not
// approved, not MARKETING, or parameters that do not fit. It reads through
// the provider's cache, so many sends of one template cost one GET.
func checkTemplateAtPlan(ctx context.Context, data *providerData, m *templateParamsModel, diags *diag.Diagnostics) {
	if !m.known() {
		tflog.Debug(ctx, "template check skipped: values unknown until apply", map[string]any{"template": m.TemplateName.String()})
		return
	}
	name := m.TemplateName.ValueString()
	named, err := data.templates.ByName(ctx, name)
	if err != nil {
		// Skipping the check cannot help when the API cannot be reached:
		// the send would fail the same way.
		skip := " To skip plan-time template checks, set validate_templates = false in the provider block."
		if d360.IsUnreachable(err) {
			skip = ""
		}
		diags.AddError("Could not check the template before sending", apiErrorDetail(err)+"\n\nNothing was sent."+skip)
		return
	}
	tmpl, d := m.messageTemplate(ctx)
	diags.Append(d...)
	for _, p := range d360.CheckTemplateForSend(named, tmpl) {
		text := sendProblemText(p) + "."
		if p.Part == d360.PartName {
			text += didYouMean(ctx, data, name)
		}
		diags.AddAttributeError(sendProblemPath(p.Part, tmpl.RawComponents != nil), "Template check failed", text+" Nothing was sent.")
	}
	if !diags.HasError() {
		for i := range named {
			if named[i].Language == tmpl.Language.Code {
				noteMaxPriceMultiplier(m, &named[i], diags)
			}
		}
	}
}

// didYouMean names the channel's templates nearest to a name that does not
// exist, as " Did you mean ...?", or "" when none is near or the list
// cannot be read (the missing template is the error either way).
func didYouMean(ctx context.Context, data *providerData, name string) string {
	names, err := data.templates.Names(ctx)
	if err != nil {
		tflog.Debug(ctx, "no template names to suggest", map[string]any{"error": err.Error()})
		return ""
	}
	near := d360.NearestNames(name, names, 3)
	if len(near) == 0 {
		return ""
	}
	quoted := make([]string, len(near))
	for i, n := range near {
		quoted[i] = strconv.Quote(n)
	}
	return " Did you mean " + strings.Join(quoted, " or ") + "?"
}
