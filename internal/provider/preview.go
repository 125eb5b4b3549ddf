package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/mapplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/d360-tf/terraform-provider-d360/internal/d360"
)

// A preview is rendered from the template that the plan-time check already
// fetched through the provider's cache, so it costs no request of its own.

const previewLayout = "The header, body and footer text with every placeholder filled in, then one line per button: " +
	"`[label] → URL` for a URL button (its suffix filled in), `[label]` for the others. " +
	"Currency and date-time parameters show their `fallback_value`; a media header shows as `[image: link or media id]`. "

const previewWhen = "Known at plan time when the template name and every parameter are; unknown until apply otherwise. " +
	"Null when the provider sets `validate_templates = false`, since the template is then never read. " +
	"Kept in state as sent, so `terraform show` tells later what was sent."

func previewAttribute() schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: "What the recipient reads, rendered from the approved template and this resource's parameters. " + previewLayout + previewWhen,
		Computed:            true,
		PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
	}
}

func previewByRecipientAttribute() schema.MapAttribute {
	return schema.MapAttribute{
		MarkdownDescription: "The preview of each recipient that `recipient_parameters` gives its own body parameters, keyed by phone number. " +
			"Every other recipient reads `preview`. " + previewWhen,
		Computed:      true,
		ElementType:   types.StringType,
		PlanModifiers: []planmodifier.Map{mapplanmodifier.UseStateForUnknown()},
	}
}

// renderSend renders tmpl as the template in the cache will show it.
func renderSend(ctx context.Context, data *providerData, tmpl d360.MessageTemplate) (string, error) {
	named, err := data.templates.ByName(ctx, tmpl.Name)
	if err != nil {
		return "", err
	}
	for i := range named {
		if named[i].Language == tmpl.Language.Code {
			return d360.RenderPreview(&named[i], &tmpl)
		}
	}
	return "", fmt.Errorf("template %q has no %q translation", tmpl.Name, tmpl.Language.Code)
}

// previewOf is the preview of p's send, with body replacing the body
// parameters when it is not nil (a broadcast recipient's own). At plan
// (atApply false), a send that cannot be rendered stays unknown with a
// warning, so that the plan goes on; at apply it becomes null.
func previewOf(ctx context.Context, data *providerData, p *templateParamsModel, body []string, atApply bool, diags *diag.Diagnostics) types.String {
	if !data.validateTemplates {
		return types.StringNull()
	}
	// State may hold no unknown value, so what cannot be rendered at apply
	// is null.
	cannot := types.StringUnknown()
	if atApply {
		cannot = types.StringNull()
	}
	if !p.known() {
		return cannot
	}
	tmpl, d := p.messageTemplate(ctx)
	if d.HasError() {
		return cannot // the plan's own checks report the same errors
	}
	text, err := renderSend(ctx, data, withBodyOverride(tmpl, body))
	if err != nil {
		if !atApply {
			diags.AddWarning("No preview of the message",
				fmt.Sprintf("The message could not be rendered for the plan: %v. The send itself is not affected.", err))
		}
		return cannot
	}
	return types.StringValue(text)
}

// broadcastPreviews plans (or, at apply, fills) a broadcast's preview and
// preview_by_recipient. It reads recipient_parameters, not the recipients,
// so its cost does not grow with the number of recipients.
func broadcastPreviews(
	ctx context.Context,
	data *providerData,
	m *templateParamsModel,
	own types.Map,
	atApply bool,
	diags *diag.Diagnostics,
) (types.String, types.Map) {
	shared := previewOf(ctx, data, m, nil, atApply, diags)
	byRecipient := types.MapNull(types.StringType)
	switch {
	case !data.validateTemplates || own.IsNull():
	case !isFullyKnown(own):
		if !atApply {
			byRecipient = types.MapUnknown(types.StringType)
		}
	default:
		var texts map[string][]string
		diags.Append(own.ElementsAs(ctx, &texts, false)...)
		previews := make(map[string]attr.Value, len(texts))
		unknown := false
		for to, body := range texts {
			previews[to] = previewOf(ctx, data, m, body, atApply, diags)
			unknown = unknown || previews[to].IsUnknown()
		}
		if unknown {
			// A known map may not hold an unknown element that apply then
			// fills: the whole map waits for apply instead.
			return shared, types.MapUnknown(types.StringType)
		}
		v, d := types.MapValue(types.StringType, previews)
		diags.Append(d...)
		byRecipient = v
	}
	return shared, byRecipient
}
