package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/action"
	aschema "github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/d360-tf/terraform-provider-d360/internal/d360"
)

var (
	_ action.Action                   = (*sendMarketingMessageAction)(nil)
	_ action.ActionWithConfigure      = (*sendMarketingMessageAction)(nil)
	_ action.ActionWithValidateConfig = (*sendMarketingMessageAction)(nil)
	_ action.ActionWithModifyPlan     = (*sendMarketingMessageAction)(nil)
)

// NewSendMarketingMessageAction is the d360_send_marketing_message action
// (Terraform 1.14 and later): one send on demand, with no state.
func NewSendMarketingMessageAction() action.Action { return &sendMarketingMessageAction{} }

type sendMarketingMessageAction struct{ data *providerData }

// sendActionArguments are the d360_marketing_message arguments the action
// takes. Left out: triggers and timeouts (an action has no state to
// replace, and each invocation is one send).
var sendActionArguments = []string{
	"to", "recipient", "template_name", "language_code", "language_policy",
	"header", "body_parameters", "buttons", "limited_time_offer", "components_json",
	"product_policy", "message_activity_sharing", "max_price_multiplier",
}

type sendMarketingMessageModel struct {
	To                     types.String         `tfsdk:"to"`
	Recipient              types.String         `tfsdk:"recipient"`
	TemplateName           types.String         `tfsdk:"template_name"`
	LanguageCode           types.String         `tfsdk:"language_code"`
	LanguagePolicy         types.String         `tfsdk:"language_policy"`
	Header                 types.Object         `tfsdk:"header"`
	BodyParameters         types.List           `tfsdk:"body_parameters"`
	Buttons                types.List           `tfsdk:"buttons"`
	LimitedTimeOffer       types.Object         `tfsdk:"limited_time_offer"`
	ComponentsJSON         jsontypes.Normalized `tfsdk:"components_json"`
	ProductPolicy          types.String         `tfsdk:"product_policy"`
	MessageActivitySharing types.Bool           `tfsdk:"message_activity_sharing"`
	MaxPriceMultiplier     types.Float64        `tfsdk:"max_price_multiplier"`
}

// params is the action's configuration as the resources' model, so that
// validation, the plan-time template check and the send body are the very
// code the resources run.
func (m *sendMarketingMessageModel) params() *templateParamsModel {
	policy := m.LanguagePolicy
	if policy.IsNull() {
		policy = types.StringValue("deterministic") // the resource's default; an action has no defaults
	}
	return &templateParamsModel{
		TemplateName: m.TemplateName, LanguageCode: m.LanguageCode, LanguagePolicy: policy,
		Header: m.Header, BodyParameters: m.BodyParameters, Buttons: m.Buttons, LimitedTimeOffer: m.LimitedTimeOffer,
		ComponentsJSON: m.ComponentsJSON, ProductPolicy: m.ProductPolicy, MessageActivitySharing: m.MessageActivitySharing,
		MaxPriceMultiplier: m.MaxPriceMultiplier,
	}
}

func (a *sendMarketingMessageAction) Metadata(_ context.Context, req action.MetadataRequest, resp *action.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_send_marketing_message"
}

func (a *sendMarketingMessageAction) Schema(ctx context.Context, _ action.SchemaRequest, resp *action.SchemaResponse) {
	var rs resource.SchemaResponse
	NewMarketingMessageResource().Schema(ctx, resource.SchemaRequest{}, &rs)
	attrs, err := actionAttributes(rs.Schema.Attributes, sendActionArguments...)
	if err != nil {
		resp.Diagnostics.AddError("Provider bug: action schema",
			fmt.Sprintf("The d360_send_marketing_message schema could not be built from d360_marketing_message's: %v. Please report it.", err))
		return
	}
	resp.Schema = aschema.Schema{
		MarkdownDescription: "Sends one WhatsApp marketing template message through MM Lite (`POST /marketing_messages`) each time it is invoked, " +
			"with `terraform apply -invoke=action.d360_send_marketing_message.NAME` or from an `action_trigger` in a resource's `lifecycle`. " +
			"Terraform 1.14 or later; it keeps no state. The arguments are those of `d360_marketing_message`. " +
			"The template is checked at plan time, a plan never sends, and a send whose outcome is unknown is an error and is never retried. " +
			"For a send recorded in state, resent only on purpose through `triggers`, or for OpenTofu, use the `d360_marketing_message` resource.",
		Attributes: attrs,
	}
}

func (a *sendMarketingMessageAction) Configure(_ context.Context, req action.ConfigureRequest, resp *action.ConfigureResponse) {
	a.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (a *sendMarketingMessageAction) ValidateConfig(ctx context.Context, req action.ValidateConfigRequest, resp *action.ValidateConfigResponse) {
	if raw, err := rawAttributes(req.Config.Raw); err == nil {
		checkOneRecipient(raw["to"], raw["recipient"], &resp.Diagnostics)
	}
	var m sendMarketingMessageModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(validateTemplateParams(ctx, m.params())...)
}

// ModifyPlan checks the template before anything is sent, as the resource
// does. Terraform calls it at plan and again at apply; it only reads, and
// the provider's template cache makes the second check free.
func (a *sendMarketingMessageAction) ModifyPlan(ctx context.Context, req action.ModifyPlanRequest, resp *action.ModifyPlanResponse) {
	if a.data == nil || !a.data.validateTemplates {
		return
	}
	var m sendMarketingMessageModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	checkTemplateAtPlan(ctx, a.data, m.params(), &resp.Diagnostics)
}

// Invoke sends the message once. It never retries a send whose outcome is
// unknown: the message may have arrived, and the only place that can tell
// is the channel's webhook.
func (a *sendMarketingMessageAction) Invoke(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse) {
	if a.data == nil {
		resp.Diagnostics.AddError(
			"Provider not configured",
			"The action was invoked before the provider was configured. Nothing was sent. This is a bug; please report it.",
		)
		return
	}
	var m sendMarketingMessageModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, defaultSendTimeout)
	defer cancel()
	progress := func(format string, args ...any) {
		resp.SendProgress(action.InvokeProgressEvent{Message: fmt.Sprintf(format, args...)})
	}
	p := m.params()
	if a.data.validateTemplates {
		progress("checking template %s (%s)", templateLabel(m.TemplateName), m.LanguageCode.ValueString())
		checkTemplateAtPlan(ctx, a.data, p, &resp.Diagnostics)
		if resp.Diagnostics.HasError() {
			return
		}
	}
	tmpl, diags := p.messageTemplate(ctx)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	who := messageRecipient(&marketingMessageModel{To: m.To, Recipient: m.Recipient})
	// An action has no state or computed values to show a preview in, so
	// the rendered message goes out as progress, before the send.
	if preview := previewOf(ctx, a.data, p, nil, true, &resp.Diagnostics); !preview.IsNull() {
		progress("the recipient will read:\n%s", preview.ValueString())
	}
	progress("sending marketing template %s to %s", templateLabel(m.TemplateName), who)
	res, err := a.data.client.Messages.SendMarketing(ctx, marketingMessage(m.To, m.Recipient, tmpl, p))
	switch {
	case d360.IsOutcomeUnknown(err):
		resp.Diagnostics.AddError("WhatsApp message outcome unknown",
			apiErrorDetail(err)+"\n\nThe request reached the API but no answer proves what happened to it (lost, unreadable, or reporting an error beside a message id), so the message may have gone out to "+who+". "+
				"It was not retried. Check the channel's webhook for a sent or failed status before invoking the action again.")
	case d360.IsNotSent(err):
		// The action has no timeouts argument: its limit is fixed, so the
		// advice has no "raise it" part.
		resp.Diagnostics.AddError("WhatsApp message not sent", notSentDetail(err,
			"; invoke the action again to send it.", "the action's "+defaultSendTimeout.String()+" time limit", ""))
	case err != nil:
		addAPIError(&resp.Diagnostics, "WhatsApp message not sent", err)
	default:
		status := ""
		if len(res.Messages) > 0 && res.Messages[0].MessageStatus != "" {
			status = " (" + res.Messages[0].MessageStatus + ")"
		}
		progress("accepted %s%s", res.MessageID(), status)
		tflog.Info(ctx, "marketing message accepted", map[string]any{"id": res.MessageID(), "template": tmpl.Name})
	}
}
