package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/d360-tf/terraform-provider-d360/internal/d360"
)

var (
	_ resource.Resource                = (*webhookResource)(nil)
	_ resource.ResourceWithConfigure   = (*webhookResource)(nil)
	_ resource.ResourceWithImportState = (*webhookResource)(nil)
)

// NewWebhookResource is the d360_webhook resource.
func NewWebhookResource() resource.Resource { return &webhookResource{} }

type webhookResource struct{ data *providerData }

type webhookModel struct {
	ID      types.String `tfsdk:"id"`
	URL     types.String `tfsdk:"url"`
	Headers types.Map    `tfsdk:"headers"`
	// webhook_write_only.go
	HeadersWO        types.Map   `tfsdk:"headers_wo"`
	HeadersWOVersion types.Int64 `tfsdk:"headers_wo_version"`
}

// webhookID is the only id: an API key belongs to one channel, which has one webhook.
const webhookID = "webhook"

func (r *webhookResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_webhook"
}

func (r *webhookResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The channel's webhook: where 360dialog posts this number's events, " +
			"including MM Lite `sent`, `delivered`, `read` and click events " +
			"(`/v1/configs/webhook`). Read back on every refresh, so a change made elsewhere shows as drift. " +
			"360dialog has no documented way to remove a webhook: destroy only removes it from state, and the URL stays configured.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "Always `webhook`: an API key belongs to one channel, which has one webhook. Import with this id.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"url": schema.StringAttribute{
				MarkdownDescription: "The https URL that receives events. " +
					"360dialog refuses a host with an underscore and a URL with an explicit port, " +
					"so both are checked at plan time. " +
					"A URL that carries a credential (`user:password@`, " +
					"or a query parameter such as `token=` or `key=`) is refused too, " +
					"because the URL is not sensitive: send the credential in `headers` instead.",
				Required:   true,
				Validators: []validator.String{webhookURLValidator{}},
			},
			"headers": schema.MapAttribute{
				MarkdownDescription: "Headers sent with every event, such as a shared secret your receiver checks. Sensitive: never shown in plans or logs. " +
					"Names must be HTTP tokens; values must not contain line breaks; `Host`, `Content-Length`, " +
					"`Content-Type` and hop-by-hop headers such as `Connection` are refused at plan time. " +
					"Import and refresh store header values only over values already in state: headers set outside Terraform " +
					"appear by name with the value `(set outside Terraform; value not read)`.",
				Optional:    true,
				Sensitive:   true,
				ElementType: types.StringType,
				Validators:  []validator.Map{webhookHeadersValidator{}},
			},
			"headers_wo":         webhookHeadersWOAttribute(),
			"headers_wo_version": webhookHeadersWOVersionAttribute(),
		},
	}
}

func (r *webhookResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *webhookResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var m webhookModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() || !r.set(ctx, &m, webhookWriteOnlyHeaders(ctx, req.Config, &resp.Diagnostics), &resp.Diagnostics) {
		return
	}
	setWebhookIdentity(ctx, resp.Identity, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (r *webhookResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var m webhookModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() || !r.set(ctx, &m, webhookWriteOnlyHeaders(ctx, req.Config, &resp.Diagnostics), &resp.Diagnostics) {
		return
	}
	setWebhookIdentity(ctx, resp.Identity, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// set points the webhook at m's URL with its headers, or the write-only
// ones (the two exclude each other). Setting it is idempotent, which is why
// the client may retry it.
func (r *webhookResource) set(ctx context.Context, m *webhookModel, writeOnly map[string]string, diags *diag.Diagnostics) bool {
	headers := map[string]string{}
	if !m.Headers.IsNull() {
		diags.Append(m.Headers.ElementsAs(ctx, &headers, false)...)
	}
	for k, v := range writeOnly {
		headers[k] = v
	}
	m.HeadersWO = types.MapNull(types.StringType) // never stored
	// Values unknown at plan time skipped the validators; check them now.
	addWebhookProblems(diags, path.Root("url"), d360.CheckWebhookURL(m.URL.ValueString()))
	headersAt := path.Root("headers")
	if len(writeOnly) > 0 {
		headersAt = path.Root("headers_wo")
	}
	addWebhookProblems(diags, headersAt, d360.CheckWebhookHeaders(headers))
	if diags.HasError() {
		return false
	}
	if _, err := r.data.client.Webhook.Set(ctx, d360.WebhookConfig{URL: m.URL.ValueString(), Headers: headers}); err != nil {
		addAPIError(diags, "Could not set the 360dialog webhook", err)
		return false
	}
	m.ID = types.StringValue(webhookID)
	return true
}

// Read follows the webhook as 360dialog has it, so a change made in the Hub
// shows up as drift. A webhook that is gone drops out of state with a warning.
func (r *webhookResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var m webhookModel
	resp.Diagnostics.Append(req.State.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	setWebhookIdentity(ctx, resp.Identity, &resp.Diagnostics) // before any return, as for templates
	cfg, err := r.data.client.Webhook.Get(ctx)
	if err != nil {
		addAPIError(&resp.Diagnostics, "Could not read the 360dialog webhook", err)
		return
	}
	if cfg == nil {
		resp.Diagnostics.AddWarning("Webhook no longer configured",
			"360dialog reports no webhook for this channel, so d360_webhook is removed from state; the next apply sets it again.")
		resp.State.RemoveResource(ctx)
		return
	}
	m.ID = types.StringValue(webhookID)
	m.URL = types.StringValue(cfg.URL)
	// Headers are kept as configured when the API does not return them.
	if !readWriteOnlyHeaders(&m, cfg.Headers, &resp.Diagnostics) && cfg.Headers != nil && (len(cfg.Headers) > 0 || !m.Headers.IsNull()) {
		headers, diags := types.MapValueFrom(ctx, types.StringType, headersToRecord(m.Headers, cfg.Headers))
		resp.Diagnostics.Append(diags...)
		m.Headers = headers
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// unreadHeaderValue stands in state for a header value that Read saw but
// did not store.
const unreadHeaderValue = "(set outside Terraform; value not read)"

// headersToRecord is what Read stores of the headers 360dialog returned.
// A value is stored only over a value the state already holds for that
// name, that is a header the configuration manages with headers, so that
// a changed value shows as drift. Any other header (after an import, or set
// elsewhere, such as with headers_wo of another configuration) is recorded
// by name with unreadHeaderValue: the plan still shows the drift, and no
// secret that Terraform was never given enters state.
func headersToRecord(inState types.Map, returned map[string]string) map[string]string {
	held := map[string]bool{}
	if !inState.IsNull() && !inState.IsUnknown() {
		for name := range inState.Elements() {
			held[name] = true
		}
	}
	out := make(map[string]string, len(returned))
	for name, value := range returned {
		if held[name] {
			out[name] = value
		} else {
			out[name] = unreadHeaderValue
		}
	}
	return out
}

// Delete cannot unset the webhook: 360dialog documents no way to. It only
// forgets it, and says so.
func (r *webhookResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var m webhookModel
	resp.Diagnostics.Append(req.State.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.AddWarning("Webhook left configured at 360dialog",
		fmt.Sprintf("d360_webhook is removed from state, but %s stays the channel's webhook: 360dialog has no documented way to remove it. "+
			"Point it elsewhere with a new d360_webhook, or change it in the 360dialog Hub.", m.URL.ValueString()))
}

// ImportState takes the id "webhook", or the identity (webhook_identity.go).
func (r *webhookResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	id := webhookImportID(ctx, req, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	if id != webhookID {
		resp.Diagnostics.AddError("Invalid import id", fmt.Sprintf("Import the channel's webhook with the id %q, not %q.", webhookID, req.ID))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), webhookID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("headers"), types.MapNull(types.StringType))...)
}
