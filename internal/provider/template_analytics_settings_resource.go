package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var (
	_ resource.Resource                = (*templateAnalyticsSettingsResource)(nil)
	_ resource.ResourceWithConfigure   = (*templateAnalyticsSettingsResource)(nil)
	_ resource.ResourceWithImportState = (*templateAnalyticsSettingsResource)(nil)
)

// NewTemplateAnalyticsSettingsResource is the d360_template_analytics_settings resource.
func NewTemplateAnalyticsSettingsResource() resource.Resource {
	return &templateAnalyticsSettingsResource{}
}

type templateAnalyticsSettingsResource struct{ data *providerData }

type templateAnalyticsSettingsModel struct {
	ID      types.String `tfsdk:"id"`
	Enabled types.Bool   `tfsdk:"enabled"`
}

// templateAnalyticsSettingsID is the only id: an API key belongs to one
// channel, whose WhatsApp Business Account has one analytics setting.
const templateAnalyticsSettingsID = "template_analytics"

// templateAnalyticsDocsURL is 360dialog's guide to confirming and reading
// template analytics.
const templateAnalyticsDocsURL = "https://docs.360dialog.com/docs/resources/templates/template-analytics"

func (r *templateAnalyticsSettingsResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_template_analytics_settings"
}

func (r *templateAnalyticsSettingsResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Confirms template analytics on the channel's WhatsApp Business Account, which 360dialog requires " +
			"before `d360_template_analytics` can read metrics: \"You must confirm template analytics on your WhatsApp Business " +
			"Account before you can get template analytics\" ([360dialog](" + templateAnalyticsDocsURL + ")). " +
			"Create sends `POST /marketing/template_analytics?enable=true`, which is safe to repeat: confirming again " +
			"changes nothing, so an account confirmed already in WhatsApp Manager is fine.\n\n" +
			"**No read:** 360dialog documents no way to read the setting, so a refresh keeps what is in state and " +
			"cannot detect a change made elsewhere. To confirm again, replace it: " +
			"`terraform apply -replace=d360_template_analytics_settings.this`.\n\n" +
			"**No off switch:** 360dialog documents no way to turn template analytics off, so destroy only removes " +
			"the resource from state and sends nothing: analytics stay confirmed on the account.\n\n" +
			"Import with the id `template_analytics`; import sends no request.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "Always `template_analytics`: an API key belongs to one channel, whose account has one analytics setting. Import with this id.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"enabled": schema.BoolAttribute{
				MarkdownDescription: "Must be `true`: confirms template analytics on the account. `false` is refused at plan time, " +
					"because 360dialog documents no way to turn template analytics off; to stop managing the setting, " +
					"remove the resource (analytics stay confirmed).",
				Required:   true,
				Validators: []validator.Bool{mustBeTrueValidator{}},
			},
		},
	}
}

func (r *templateAnalyticsSettingsResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

// Create confirms analytics. The client retries it like a read: confirming
// twice is the same as once.
func (r *templateAnalyticsSettingsResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var m templateAnalyticsSettingsModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := r.data.client.Templates.EnableAnalytics(ctx); err != nil {
		addAPIError(&resp.Diagnostics, "Could not confirm template analytics",
			fmt.Errorf("%w. Confirming can also be done in WhatsApp Manager (%s)", err, templateAnalyticsDocsURL))
		return
	}
	m.ID = types.StringValue(templateAnalyticsSettingsID)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// Read keeps the state as it is, like terraform-provider-random's Read:
// 360dialog documents no request that reads the setting, and a read that
// guessed would turn a missing endpoint into false drift on every plan.
func (r *templateAnalyticsSettingsResource) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {
}

// Update only stores the plan: enabled can only be true, so nothing can
// change that another request would make true.
func (r *templateAnalyticsSettingsResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var m templateAnalyticsSettingsModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// Delete forgets the resource and sends nothing: 360dialog documents no
// way to turn template analytics off. The warning says so, so that no one
// takes a destroy for an opt-out.
func (r *templateAnalyticsSettingsResource) Delete(_ context.Context, _ resource.DeleteRequest, resp *resource.DeleteResponse) {
	resp.Diagnostics.AddWarning("Template analytics stay confirmed",
		"d360_template_analytics_settings is removed from state, but template analytics stay confirmed on the WhatsApp Business Account: "+
			"360dialog documents no way to turn them off ("+templateAnalyticsDocsURL+").")
}

// ImportState takes the id "template_analytics". With no documented read,
// an import can only record the one value the resource allows; importing an
// account that never confirmed does not confirm it, so apply with -replace
// if in doubt.
func (r *templateAnalyticsSettingsResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if req.ID != templateAnalyticsSettingsID {
		resp.Diagnostics.AddError("Invalid import id",
			fmt.Sprintf("Import the channel's template analytics setting with the id %q, not %q.", templateAnalyticsSettingsID, req.ID))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), templateAnalyticsSettingsID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("enabled"), true)...)
}

// mustBeTrueValidator refuses false: the setting has no documented off
// switch, so false could never be applied.
type mustBeTrueValidator struct{}

func (mustBeTrueValidator) Description(context.Context) string { return "must be true" }

func (v mustBeTrueValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (mustBeTrueValidator) ValidateBool(_ context.Context, req validator.BoolRequest, resp *validator.BoolResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() || req.ConfigValue.ValueBool() {
		return
	}
	resp.Diagnostics.AddAttributeError(req.Path, "Template analytics cannot be turned off",
		"enabled must be true: 360dialog documents no way to turn template analytics off ("+templateAnalyticsDocsURL+"). "+
			"To stop managing the setting, remove the d360_template_analytics_settings resource; analytics stay confirmed.")
}
