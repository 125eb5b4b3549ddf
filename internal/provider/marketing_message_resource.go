package provider

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/d360-tf/terraform-provider-d360/internal/d360"
)

var (
	_ resource.Resource                   = (*marketingMessageResource)(nil)
	_ resource.ResourceWithConfigure      = (*marketingMessageResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*marketingMessageResource)(nil)
	_ resource.ResourceWithValidateConfig = (*marketingMessageResource)(nil)
)

// NewMarketingMessageResource is the d360_marketing_message resource.
func NewMarketingMessageResource() resource.Resource { return &marketingMessageResource{} }

type marketingMessageResource struct{ data *providerData }

// Outcomes of a send, as stored in state.
const (
	outcomeAccepted = "accepted"
	outcomeUnknown  = "unknown"
)

const defaultSendTimeout = 5 * time.Minute

type marketingMessageModel struct {
	ID        types.String `tfsdk:"id"`
	To        types.String `tfsdk:"to"`
	Recipient types.String `tfsdk:"recipient"`
	templateParamsModel
	Triggers types.Map      `tfsdk:"triggers"`
	Timeouts timeouts.Value `tfsdk:"timeouts"`

	WaID          types.String `tfsdk:"wa_id"`
	MessageStatus types.String `tfsdk:"message_status"`
	SentAt        types.String `tfsdk:"sent_at"`
	Outcome       types.String `tfsdk:"outcome"`
	Preview       types.String `tfsdk:"preview"`
}

func (r *marketingMessageResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_marketing_message"
}

func (r *marketingMessageResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	attrs := map[string]schema.Attribute{
		"id": schema.StringAttribute{
			MarkdownDescription: "The WhatsApp message id (`wamid...`) of the accepted message. " +
				"When the outcome is unknown it is `unknown-` and the time of the attempt.",
			Computed:      true,
			PlanModifiers: keep,
		},
		"to": schema.StringAttribute{
			MarkdownDescription: "Recipient phone number in international format, digits only, country code first: " +
				"`4915112345678`, not `+49 151 12345678` or `0049...`. Exactly one of `to` and `recipient`.",
			Optional:      true,
			PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			// Exactly one of to and recipient: checked in ValidateConfig.
			Validators: []validator.String{phoneNumberValidator{}},
		},
		"recipient": schema.StringAttribute{
			MarkdownDescription: "Recipient as a business-scoped user id (BSUID), for users known only by it. " +
				"Exactly one of `to` and `recipient`. Sending by BSUID turns off Meta's delivery optimisation.",
			Optional:      true,
			PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			Validators:    []validator.String{stringvalidator.LengthAtLeast(1)},
		},
		"triggers": schema.MapAttribute{
			MarkdownDescription: "Arbitrary values that, when changed, send the message again. " +
				"This is the deliberate way to resend: nothing else does, not even a later apply. " +
				"Absent and `{}` are the same.",
			Optional:      true,
			Computed:      true,
			ElementType:   types.StringType,
			PlanModifiers: replaceMapUnlessEmpty(),
		},
		"wa_id": schema.StringAttribute{
			MarkdownDescription: "The recipient's WhatsApp id as returned by the API. Null for BSUID sends and unknown outcomes.",
			Computed:            true,
			PlanModifiers:       keep,
		},
		"message_status": schema.StringAttribute{
			MarkdownDescription: "The status returned with the send (`accepted`, " +
				"`held_for_quality_assessment` or `paused`), when the API returns one. " +
				"Delivery and read arrive later by webhook.",
			Computed:      true,
			PlanModifiers: keep,
		},
		"sent_at": schema.StringAttribute{
			MarkdownDescription: "When the send was made, RFC 3339 in UTC.",
			Computed:            true,
			PlanModifiers:       keep,
		},
		"outcome": schema.StringAttribute{
			MarkdownDescription: "`accepted`: WhatsApp took the message. `unknown`: " +
				"the request was sent but no answer proves what happened (a timeout, a dropped connection, a 5xx, " +
				"or a 2xx without a usable message id or beside a reported error), " +
				"so the message may or may not have gone out; it is not sent again automatically.",
			Computed:      true,
			PlanModifiers: keep,
		},
	}
	attrs["preview"] = previewAttribute()
	maps.Copy(attrs, templateParamAttributes())
	resp.Schema = schema.Schema{
		MarkdownDescription: "Sends one WhatsApp marketing template message through MM Lite (`POST /marketing_messages`) when created. " +
			"A plan never sends; a message goes out at most once per create or replace. Every argument forces a new send, " +
			"and `triggers` is the way to send again on purpose. Destroying the resource does not recall the message. " +
			"Failures that WhatsApp reports later by webhook, such as 131049 (per-user marketing limit) and 131050 (the user stopped marketing messages), " +
			"cannot be seen by `apply`; watch the `failed` status events on the channel's webhook.",
		Attributes: attrs,
		Blocks: map[string]schema.Block{
			"timeouts": timeoutsBlock(
				ctx,
				timeouts.Opts{
					Create:            true,
					CreateDescription: "How long a send may take, including waiting for the shared pace and retrying throttled answers. Default `5m`.",
				},
			),
		},
	}
}

func (r *marketingMessageResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *marketingMessageResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	raw, err := rawAttributes(req.Config.Raw)
	if err != nil {
		resp.Diagnostics.AddError("Could not read the configuration", err.Error())
		return
	}
	checkOneRecipient(raw["to"], raw["recipient"], &resp.Diagnostics)
	if raw["header"].IsNull() && raw["buttons"].IsNull() && raw["body_parameters"].IsNull() {
		return // the attribute validators cover everything else
	}
	p, err := templateParamsFromRaw(ctx, raw)
	if err != nil {
		resp.Diagnostics.AddError("Could not read the configuration", err.Error())
		return
	}
	resp.Diagnostics.Append(validateTemplateParams(ctx, &p)...)
}

// checkOneRecipient: exactly one of to and recipient. It is what
// stringvalidator.ExactlyOneOf says, from two raw values: the validator
// walks the whole configuration to match its paths, a tenth of the
// provider's CPU in a plan of 200 messages. An unknown value may turn out
// either way, so it is checked at apply.
func checkOneRecipient(to, recipient tftypes.Value, diags *diag.Diagnostics) {
	if !to.IsKnown() || !recipient.IsKnown() {
		return
	}
	switch {
	case to.IsNull() && recipient.IsNull():
		diags.AddAttributeError(path.Root("to"), "Invalid Attribute Combination",
			"Neither to nor recipient is set. Set exactly one: to (a phone number) or recipient (a BSUID).")
	case !to.IsNull() && !recipient.IsNull():
		diags.AddAttributeError(path.Root("to"), "Invalid Attribute Combination",
			"Both to and recipient are set. Set exactly one: to (a phone number) or recipient (a BSUID).")
	}
}

// plannedMessage reads what ModifyPlan needs, the recipient and the
// template, from the raw plan rather than the whole model.
func plannedMessage(ctx context.Context, plan tftypes.Value) (*marketingMessageModel, error) {
	raw, err := rawAttributes(plan)
	if err != nil {
		return nil, err
	}
	m := &marketingMessageModel{}
	if m.templateParamsModel, err = templateParamsFromRaw(ctx, raw); err != nil {
		return nil, err
	}
	if m.To, err = valueFromRaw[types.String](ctx, types.StringType, raw, "to"); err != nil {
		return nil, err
	}
	m.Recipient, err = valueFromRaw[types.String](ctx, types.StringType, raw, "recipient")
	return m, err
}

// messageGenerationAttributes force a new send when they change, by
// replacement. The template's identity does too, in place
// (send_resolved_template.go).
var messageGenerationAttributes = slices.DeleteFunc(
	append(slices.Collect(maps.Keys(templateParamAttributes())), "to", "recipient", "triggers"),
	func(name string) bool { return slices.Contains(templateNameAttributes, name) })

// messageRecord is what a send records: unknown in a plan that may send.
var messageRecord = map[string]any{
	"id": types.StringUnknown(), "wa_id": types.StringUnknown(), "message_status": types.StringUnknown(),
	"sent_at": types.StringUnknown(), "outcome": types.StringUnknown(), "preview": types.StringUnknown(),
}

// ModifyPlan warns that applying sends a message, and checks the template
// before anything is sent. It only reads.
func (r *marketingMessageResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || r.data == nil {
		return // destroy, or the provider is not configured yet
	}
	create := req.State.Raw.IsNull()
	note := ""
	if !create && !replacing(req.State, req.Plan, messageGenerationAttributes) {
		switch planTemplateChange(req.State, req.Plan) {
		case templateSame:
			return // an in-place change (timeouts) or none: nothing is sent
		case templateUnknown:
			planUnknown(ctx, resp, messageRecord)
			resp.Diagnostics.AddWarning("Applying may send a WhatsApp message", templateKnownAtApplyNote+
				"A sent message cannot be recalled.")
			return
		case templateChanged:
			// A new generation in place: sent like a create.
			planUnknown(ctx, resp, messageRecord)
			create, note = true, "The template changed, so this is a new message; the one sent before stays sent. "
		}
	}
	m, err := plannedMessage(ctx, req.Plan.Raw)
	if err != nil {
		resp.Diagnostics.AddError("Could not read the plan", err.Error())
		return
	}
	if !create {
		// A replacement is planned twice: this call, with the prior state,
		// and a second one with none. Terraform keeps only errors from the
		// second call and drops its warnings, so the warning of a
		// replacement is given here; the template check stays in the
		// second call, whose errors count.
		resp.Diagnostics.AddWarning("Applying sends a WhatsApp message",
			fmt.Sprintf("Applying this plan replaces the sent message and sends the marketing template %s to %s again. A sent message cannot be recalled.",
				templateLabel(m.TemplateName), messageRecipient(m)))
		return
	}
	if r.data.validateTemplates {
		checkTemplateAtPlan(ctx, r.data, &m.templateParamsModel, &resp.Diagnostics)
	}
	if !resp.Diagnostics.HasError() {
		// Only a plan that can be applied warns that applying sends.
		resp.Diagnostics.AddWarning(
			"Applying sends a WhatsApp message",
			fmt.Sprintf(
				"Applying this plan sends the marketing template %s to %s. %sA sent message cannot be recalled.",
				templateLabel(m.TemplateName),
				messageRecipient(m),
				note,
			),
		)
		preview := previewOf(ctx, r.data, &m.templateParamsModel, nil, false, &resp.Diagnostics)
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("preview"), preview)...)
	}
}

// messageRecipient names the recipient in a warning.
func messageRecipient(m *marketingMessageModel) string {
	if m.To.ValueString() != "" {
		return m.To.ValueString()
	}
	return "BSUID " + m.Recipient.ValueString()
}

func (r *marketingMessageResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var m marketingMessageModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if r.send(ctx, &m, &resp.Diagnostics) {
		resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
	}
}

// send makes one generation's send and records it in m. It reports whether
// m is to be stored: false when nothing was sent, so the next apply sends.
func (r *marketingMessageResource) send(ctx context.Context, m *marketingMessageModel, diagnostics *diag.Diagnostics) bool {
	timeout, diags := m.Timeouts.Create(ctx, defaultSendTimeout)
	diagnostics.Append(diags...)
	if diagnostics.HasError() {
		return false
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	tmpl, diags := m.messageTemplate(ctx)
	diagnostics.Append(diags...)
	if diagnostics.HasError() {
		return false
	}
	msg := marketingMessage(m.To, m.Recipient, tmpl, &m.templateParamsModel)
	if m.Preview.IsUnknown() {
		m.Preview = previewOf(ctx, r.data, &m.templateParamsModel, nil, true, diagnostics)
	}
	attempted := time.Now().UTC()
	res, err := r.data.client.Messages.SendMarketing(ctx, msg)
	switch {
	case d360.IsOutcomeUnknown(err):
		// Keep the resource: a tainted or missing one would send again on
		// the next apply, and the first message may well have arrived.
		m.ID = types.StringValue("unknown-" + attempted.Format("20060102T150405.000000000Z"))
		m.Outcome = types.StringValue(outcomeUnknown)
		m.WaID, m.MessageStatus = types.StringNull(), types.StringNull()
		m.SentAt = types.StringValue(attempted.Format(time.RFC3339))
		diagnostics.AddWarning("WhatsApp message outcome unknown",
			apiErrorDetail(err)+"\n\nThe resource is kept in state with outcome = \"unknown\", so the next apply sends nothing. "+
				"To send again on purpose, change triggers or run terraform apply -replace=<this resource's address>.")
	case d360.IsNotSent(err):
		diagnostics.AddError("WhatsApp message not sent", notSentDetail(err,
			" and nothing is stored; the next apply sends it.", "the create timeout",
			`raise the create timeout (timeouts { create = "..." } on this resource)`))
		return false
	case err != nil:
		addAPIError(diagnostics, "WhatsApp message not sent", err)
		return false
	default:
		m.ID = types.StringValue(res.MessageID())
		m.Outcome = types.StringValue(outcomeAccepted)
		m.WaID, m.MessageStatus = types.StringNull(), types.StringNull()
		if len(res.Contacts) > 0 {
			m.WaID = optionalString(res.Contacts[0].WaID)
		}
		if len(res.Messages) > 0 {
			m.MessageStatus = optionalString(res.Messages[0].MessageStatus)
		}
		m.SentAt = types.StringValue(attempted.Format(time.RFC3339))
		tflog.Info(ctx, "marketing message accepted", map[string]any{"id": res.MessageID(), "template": tmpl.Name})
	}
	return true
}

// Read keeps the state as it is. A sent message is not an object that can
// be read back or drift: there is no GET for it, and re-reading must never
// lead Terraform to send it again.
func (r *marketingMessageResource) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {
}

// Update happens for timeouts, the one argument that does not force a new
// send, and for a template that the plan could not know or that changed
// (send_resolved_template.go). Only another template than the one sent
// sends again, as a new generation.
func (r *marketingMessageResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var m, prior marketingMessageModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if !templateDiffers(ctx, req.State, req.Plan, &resp.Diagnostics) {
		// The template resolved to the one already sent: this generation
		// stays, with what it recorded.
		m.ID, m.WaID, m.MessageStatus, m.SentAt, m.Outcome = prior.ID, prior.WaID, prior.MessageStatus, prior.SentAt, prior.Outcome
		if m.Preview.IsUnknown() {
			m.Preview = prior.Preview
		}
		resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
		return
	}
	if !r.send(ctx, &m, &resp.Diagnostics) {
		resp.State.Raw = req.State.Raw.Copy() // nothing was sent: the prior generation stays
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}

// Delete only forgets the message. WhatsApp has no way to recall a sent
// message, so destroy removes it from state and sends nothing.
func (r *marketingMessageResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {
}
