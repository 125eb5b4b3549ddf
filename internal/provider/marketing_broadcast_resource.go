package provider

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/mapplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/d360-tf/terraform-provider-d360/internal/d360"
)

var (
	_ resource.Resource                   = (*marketingBroadcastResource)(nil)
	_ resource.ResourceWithConfigure      = (*marketingBroadcastResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*marketingBroadcastResource)(nil)
	_ resource.ResourceWithValidateConfig = (*marketingBroadcastResource)(nil)
)

// NewMarketingBroadcastResource is the d360_marketing_broadcast resource.
func NewMarketingBroadcastResource() resource.Resource { return &marketingBroadcastResource{} }

type marketingBroadcastResource struct{ data *providerData }

type marketingBroadcastModel struct {
	ID                  types.String `tfsdk:"id"`
	Recipients          types.List   `tfsdk:"recipients"`
	RecipientParameters types.Map    `tfsdk:"recipient_parameters"`
	templateParamsModel
	Triggers types.Map      `tfsdk:"triggers"`
	Timeouts timeouts.Value `tfsdk:"timeouts"`

	MessageIDs    types.Map   `tfsdk:"message_ids"`
	NotAccepted   types.Map   `tfsdk:"not_accepted"`
	AcceptedCount types.Int64 `tfsdk:"accepted_count"`
	FailedCount   types.Int64 `tfsdk:"failed_count"`
	UnknownCount  types.Int64 `tfsdk:"unknown_count"`

	Preview            types.String `tfsdk:"preview"`
	PreviewByRecipient types.Map    `tfsdk:"preview_by_recipient"`
}

// notAcceptedType is one entry of not_accepted.
var notAcceptedType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"outcome": types.StringType, "error_code": types.Int64Type, "error": types.StringType,
}}

func (r *marketingBroadcastResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_marketing_broadcast"
}

func (r *marketingBroadcastResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	// The record and counts change only when ModifyPlan says so.
	keepCount := []planmodifier.Int64{int64planmodifier.UseStateForUnknown()}
	attrs := map[string]schema.Attribute{
		"id": schema.StringAttribute{
			MarkdownDescription: "Identifies this generation: the time of the create, RFC 3339 with nanoseconds.",
			Computed:            true,
			PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
		// A list, not a set: Terraform's plan handling of a set of 1,000
		// strings costs seconds per pass, a list a fraction of one. Order is
		// ignored (keepPermutation) and duplicates are refused, so it
		// behaves like a set; a set variable converts to it as is.
		"recipients": schema.ListAttribute{
			MarkdownDescription: "Phone numbers in international format, digits only, such as `4915112345678`, each once; order does not matter. " +
				"Adding numbers sends to the new ones only; removing numbers sends nothing. A `set(string)` variable can be given as is.",
			Required:      true,
			ElementType:   types.StringType,
			Validators:    []validator.List{listvalidator.SizeAtLeast(1), uniqueStrings{}, listvalidator.ValueStringsAre(phoneNumberValidator{})},
			PlanModifiers: []planmodifier.List{keepPermutation{}},
		},
		"recipient_parameters": schema.MapAttribute{
			MarkdownDescription: "Per-recipient body parameters, keyed by phone number: a list of texts that replaces `body_parameters` for that recipient. " +
				"A change applies to sends still to be made (new and failed recipients); it never resends.",
			Optional:    true,
			ElementType: types.ListType{ElemType: types.StringType},
			Validators:  []validator.Map{mapvalidator.ConflictsWith(path.MatchRoot("components_json"))},
		},
		"triggers": schema.MapAttribute{
			MarkdownDescription: "Arbitrary values that, when changed, start a new generation: " +
				"every recipient is sent to again. Changes to the template or its parameters do the same. " +
				"Absent and `{}` are the same.",
			Optional:      true,
			Computed:      true,
			ElementType:   types.StringType,
			PlanModifiers: replaceMapUnlessEmpty(),
		},
		// The record of this generation is one string per accepted
		// recipient plus an object per recipient that was not accepted.
		// Every value in state costs the framework a walk per attribute on
		// every plan (SchemaModifyPlan sets each attribute by transforming
		// the whole object), so a map of one object per recipient made the
		// no-change plan of 10,000 recipients cost more than Terraform's own
		// handling of the list; see BENCHMARKS.md. Maps of primitives and
		// objects, not MapNestedAttribute, for the same reason.
		"message_ids": schema.MapAttribute{
			MarkdownDescription: "The WhatsApp message id (`wamid.…`) of every recipient whose message was accepted in this generation, " +
				"keyed by phone number. Status webhooks carry the same id, so it joins a delivery report to its recipient. " +
				"It keeps recipients that were later removed, so adding one back does not send twice; the counts leave them out.",
			Computed:      true,
			ElementType:   types.StringType,
			PlanModifiers: []planmodifier.Map{mapplanmodifier.UseStateForUnknown()},
		},
		"not_accepted": schema.MapAttribute{
			MarkdownDescription: "Recipients whose message was not accepted in this generation, keyed by phone number; empty when every send was accepted. " +
				"Each entry has `outcome`: `failed` (refused by the API; the next apply retries it) " +
				"or `unknown` (the request may have been processed, so it may have been delivered; never resent automatically). " +
				"`error_code` is the API's error code, or the HTTP status when there is none, for `failed`; " +
				"`error` is the API's error for both. A recipient is in `message_ids` or here once it has been sent to, never in both.",
			Computed:      true,
			ElementType:   notAcceptedType,
			PlanModifiers: []planmodifier.Map{mapplanmodifier.UseStateForUnknown()},
		},
		"accepted_count": schema.Int64Attribute{
			MarkdownDescription: "Current recipients whose message was accepted in this generation. Removed recipients are not counted.",
			Computed:            true,
			PlanModifiers:       keepCount,
		},
		"failed_count": schema.Int64Attribute{
			MarkdownDescription: "Current recipients whose message was refused; the next apply retries them. " +
				"Removed recipients are not counted, so removing the failed ones brings it to 0 without sending. " +
				"Check it with a `postcondition` to fail CI.",
			Computed:      true,
			PlanModifiers: keepCount,
		},
		"unknown_count": schema.Int64Attribute{
			MarkdownDescription: "Current recipients whose outcome is unknown. Removed recipients are not counted.",
			Computed:            true,
			PlanModifiers:       keepCount,
		},
	}
	attrs["preview"] = previewAttribute()
	attrs["preview_by_recipient"] = previewByRecipientAttribute()
	maps.Copy(attrs, templateParamAttributes())
	resp.Schema = schema.Schema{
		MarkdownDescription: "Sends one marketing template through MM Lite to a set of recipients, concurrently at the provider's shared pace. " +
			"Each recipient gets at most one message per generation (a create or replace). A partial failure never taints the resource: " +
			"progress is kept in state, failures are reported as warnings, and the next apply retries only the refused recipients. " +
			"For test sends to known numbers, not bulk campaigns.",
		Attributes: attrs,
		Blocks: map[string]schema.Block{
			"timeouts": timeoutsBlock(ctx, timeouts.Opts{Create: true, Update: true,
				CreateDescription: "How long a create may send for. " +
					"When it runs out, the sends made are kept and the rest wait for the next apply. Default `30m`.",
				UpdateDescription: "The same for an update that sends to new or failed recipients. Default `30m`."}),
		},
	}
}

func (r *marketingBroadcastResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *marketingBroadcastResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m marketingBroadcastModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(validateTemplateParams(ctx, &m.templateParamsModel)...)
	if !isFullyKnown(m.Recipients) || !isFullyKnown(m.RecipientParameters) || m.RecipientParameters.IsNull() {
		return
	}
	recipients := stringSet(ctx, m.Recipients, &resp.Diagnostics)
	for _, to := range slices.Sorted(maps.Keys(m.RecipientParameters.Elements())) {
		if !recipients[to] {
			resp.Diagnostics.AddAttributeError(path.Root("recipient_parameters").AtMapKey(to), "Parameters for an unknown recipient",
				fmt.Sprintf("recipient_parameters has %q, which is not in recipients. Add it to recipients or remove its parameters.", to))
		}
	}
}

const defaultBroadcastTimeout = 30 * time.Minute

func (r *marketingBroadcastResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var m marketingBroadcastModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := m.Timeouts.Create(ctx, defaultBroadcastTimeout)
	resp.Diagnostics.Append(diags...)
	m.ID = types.StringValue(time.Now().UTC().Format(time.RFC3339Nano))
	r.fillPreviews(ctx, &m, &resp.Diagnostics)
	recipients := slices.Sorted(maps.Keys(stringSet(ctx, m.Recipients, &resp.Diagnostics)))
	r.sendAndRecord(ctx, timeout, &m, recipients, map[string]recipientResult{}, &resp.Diagnostics)
	// State is set even after failures: an error here would taint the
	// resource and the next apply would message everyone again.
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (r *marketingBroadcastResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state marketingBroadcastModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := plan.Timeouts.Update(ctx, defaultBroadcastTimeout)
	resp.Diagnostics.Append(diags...)
	plan.ID = state.ID
	prior := resultsFromState(ctx, state.MessageIDs, state.NotAccepted, &resp.Diagnostics)
	if templateDiffers(ctx, req.State, req.Plan, &resp.Diagnostics) {
		// Another template than the one sent: a new generation, in place
		// (send_resolved_template.go).
		plan.ID = types.StringValue(time.Now().UTC().Format(time.RFC3339Nano))
		prior = map[string]recipientResult{}
	}
	r.fillPreviews(ctx, &plan, &resp.Diagnostics)
	due := dueRecipients(stringSet(ctx, plan.Recipients, &resp.Diagnostics), prior)
	r.sendAndRecord(ctx, timeout, &plan, due, prior, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// sendAndRecord sends to due, merges the results into prior and stores
// them in m. Failures become warnings, never errors (see Create).
func (r *marketingBroadcastResource) sendAndRecord(
	ctx context.Context,
	timeout time.Duration,
	m *marketingBroadcastModel,
	due []string,
	prior map[string]recipientResult,
	diags *diag.Diagnostics,
) {
	results := prior
	if len(due) > 0 && !diags.HasError() {
		tmpl, d := m.messageTemplate(ctx)
		diags.Append(d...)
		overrides := map[string][]string{}
		if !m.RecipientParameters.IsNull() {
			diags.Append(m.RecipientParameters.ElementsAs(ctx, &overrides, false)...)
		}
		if !diags.HasError() {
			sendCtx, cancel := context.WithTimeout(ctx, timeout)
			sent := sendBroadcast(sendCtx, r.data.client, due, func(to string) *d360.MarketingMessage {
				return marketingMessage(types.StringValue(to), types.StringNull(), withBodyOverride(tmpl, overrides[to]), &m.templateParamsModel)
			})
			cancel()
			maps.Copy(results, sent)
			pending := 0
			for _, to := range due {
				if _, ok := sent[to]; !ok {
					pending++
				}
			}
			if report := broadcastReport(sent, pending); report != "" {
				diags.AddWarning("Not every WhatsApp message of the broadcast was accepted", report)
			}
		}
	}
	m.MessageIDs, m.NotAccepted = resultsToState(results)
	m.AcceptedCount, m.FailedCount, m.UnknownCount = countCurrent(results, stringSet(ctx, m.Recipients, diags))
}

// Read keeps the state: sent messages cannot be read back, and the record of
// who was sent to is what prevents sending twice.
func (r *marketingBroadcastResource) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {
}

// Delete forgets the broadcast; WhatsApp cannot recall sent messages.
func (r *marketingBroadcastResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {
}

type notAcceptedModel struct {
	Outcome   types.String `tfsdk:"outcome"`
	ErrorCode types.Int64  `tfsdk:"error_code"`
	Error     types.String `tfsdk:"error"`
}

// resultsFromState reads the record of a generation back: message_ids for
// the accepted recipients, not_accepted for the rest. Null or unknown maps
// are an empty record.
func resultsFromState(ctx context.Context, ids, notAccepted types.Map, diags *diag.Diagnostics) map[string]recipientResult {
	out := map[string]recipientResult{}
	if !ids.IsNull() && !ids.IsUnknown() {
		var accepted map[string]string
		diags.Append(ids.ElementsAs(ctx, &accepted, false)...)
		for to, id := range accepted {
			out[to] = recipientResult{ID: id, Outcome: outcomeAccepted}
		}
	}
	if !notAccepted.IsNull() && !notAccepted.IsUnknown() {
		var stored map[string]notAcceptedModel
		diags.Append(notAccepted.ElementsAs(ctx, &stored, false)...)
		for to, s := range stored {
			out[to] = recipientResult{Outcome: s.Outcome.ValueString(), ErrorCode: s.ErrorCode.ValueInt64(), Error: s.Error.ValueString()}
		}
	}
	return out
}

// resultsToState splits results into message_ids and not_accepted.
func resultsToState(results map[string]recipientResult) (ids, notAccepted types.Map) {
	idElems := make(map[string]attr.Value, len(results))
	notElems := map[string]attr.Value{}
	for to, r := range results {
		if r.Outcome == outcomeAccepted {
			idElems[to] = types.StringValue(r.ID)
			continue
		}
		code := types.Int64Null()
		if r.ErrorCode != 0 {
			code = types.Int64Value(r.ErrorCode)
		}
		notElems[to] = types.ObjectValueMust(notAcceptedType.AttrTypes, map[string]attr.Value{
			"outcome": types.StringValue(r.Outcome), "error_code": code, "error": optionalString(r.Error),
		})
	}
	return types.MapValueMust(types.StringType, idElems), types.MapValueMust(notAcceptedType, notElems)
}

// listSome names up to n items and says how many more there are.
func listSome(items []string, n int) string {
	if len(items) <= n {
		return strings.Join(items, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(items[:n], ", "), len(items)-n)
}
