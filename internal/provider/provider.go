// Package provider implements the d360 Terraform provider on top of the
// d360 API client. Provider files map HCL to client calls; they never build
// URLs or parse JSON.
package provider

import (
	"context"
	"fmt"
	"os"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/d360-tf/terraform-provider-d360/internal/d360"
)

// Environment variables read when the provider block leaves a value unset.
const (
	envAPIKey     = "D360_API_KEY"
	envBaseURL    = "D360_BASE_URL"
	envGraphToken = "D360_GRAPH_API_TOKEN"
	envGraphURL   = "D360_GRAPH_API_URL"
)

var (
	_ provider.Provider            = (*d360Provider)(nil)
	_ provider.ProviderWithActions = (*d360Provider)(nil)
)

type d360Provider struct {
	version string
}

// New returns a factory for the provider at the given release version.
func New(version string) func() provider.Provider {
	return func() provider.Provider { return &d360Provider{version: version} }
}

type providerModel struct {
	APIKey               types.String `tfsdk:"api_key"`
	BaseURL              types.String `tfsdk:"base_url"`
	GraphAPIToken        types.String `tfsdk:"graph_api_token"`
	GraphAPIURL          types.String `tfsdk:"graph_api_url"`
	MaxMessagesPerSecond types.Int64  `tfsdk:"max_messages_per_second"`
	MaxRetryDuration     types.String `tfsdk:"max_retry_duration"`
	RequestTimeout       types.String `tfsdk:"request_timeout"`
	ValidateTemplates    types.Bool   `tfsdk:"validate_templates"`
}

func (p *d360Provider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "d360"
	resp.Version = p.version
}

func (p *d360Provider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Manages 360dialog's WhatsApp MM Lite " +
			"(Marketing Messages API for WhatsApp) configuration and sends marketing template messages.",
		Attributes: map[string]schema.Attribute{
			"api_key": schema.StringAttribute{
				MarkdownDescription: "The channel's 360dialog API key, sent in the `D360-API-KEY` header. " +
					"Falls back to the `" + envAPIKey + "` environment variable. Required by one of the two. " +
					"Never written to state, plans or logs.",
				Optional:  true,
				Sensitive: true,
			},
			"base_url": schema.StringAttribute{
				MarkdownDescription: "Root URL of the 360dialog API. Default `" + d360.DefaultBaseURL + "`, or the `" + envBaseURL + "` environment variable. " +
					"Must be `https://`; plain `http://` is accepted only for a loopback host (`127.0.0.1`, `::1`, `localhost`), such as a local `d360-mock`.",
				Optional: true,
			},
			"graph_api_token": schema.StringAttribute{
				MarkdownDescription: "A Meta Graph API token (system-user token with `whatsapp_business_management`), sent as `Authorization: Bearer`. " +
					"Only `d360_mm_lite_eligibility` needs it: MM Lite onboarding status is exposed by Meta's Graph API, not by 360dialog. " +
					"Falls back to the `" + envGraphToken + "` environment variable.",
				Optional:  true,
				Sensitive: true,
			},
			"graph_api_url": schema.StringAttribute{
				MarkdownDescription: "Root URL of Meta's Graph API, including the version. " +
					"Default `" + d360.DefaultGraphURL + "`, or the `" + envGraphURL + "` environment variable. " +
					"Same https rule as `base_url`.",
				Optional: true,
			},
			"max_messages_per_second": schema.Int64Attribute{
				MarkdownDescription: fmt.Sprintf(
					"Upper bound on messages per second for all sends of this provider instance together, shared by every resource. "+
						"Default `%d`, the documented throughput of one number. Allowed 1 to 1000 (1000 needs 360dialog's Higher Throughput upgrade). "+
						"Configurations with the same `base_url` and API key that one provider process serves share one pace, the lowest value any of them sets. "+
						"Terraform itself usually starts a separate provider process for each provider configuration (alias), and those do not share: "+
						"when several aliases send with the same key, split the number's throughput between them, e.g. `40` each.",
					d360.DefaultMaxMessagesPerSecond,
				),
				Optional:   true,
				Validators: []validator.Int64{int64validator.Between(1, 1000)},
			},
			"request_timeout": schema.StringAttribute{
				MarkdownDescription: "Time limit for one HTTP request, as a Go duration such as `30s` or `2m`. Default `30s`. " +
					"A send that times out is not retried, because it may have been delivered; see the send resources.",
				Optional:   true,
				Validators: []validator.String{durationValidator{}},
			},
			"max_retry_duration": schema.StringAttribute{
				MarkdownDescription: "Time limit for one read (a plan-time template check, a refresh, " +
					"a data source) with all its retries, as a Go duration such as `2m`. " +
					"Default `" + d360.DefaultMaxRetryDuration.String() + "`. " +
					"A server that hangs or keeps failing is given up on after this long, " +
					"with an error that says how many attempts were made. " +
					"Sends are not bounded by it: they never retry an unknown outcome, and their retries of throttled answers are bounded in number.",
				Optional:   true,
				Validators: []validator.String{durationValidator{}},
			},
			"validate_templates": schema.BoolAttribute{
				MarkdownDescription: "Check each send's template at plan time: that it exists in the language, is APPROVED and MARKETING, " +
					"and that the parameters match its placeholders. One GET per template name per run. Default `true`; " +
					"turn off only when the key may not list templates.",
				Optional: true,
			},
		},
	}
}

func (p *d360Provider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var model providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &model)...)
	if resp.Diagnostics.HasError() {
		return
	}
	cfg, diags := clientConfig(&model, os.Getenv)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx = tflog.MaskFieldValuesWithFieldKeys(ctx, "api_key", "graph_api_token")
	ctx = maskSecrets(ctx, cfg.APIKey, cfg.GraphToken)
	cfg.UserAgent = fmt.Sprintf("terraform-provider-d360/%s (+terraform %s)", p.version, req.TerraformVersion)
	cfg.Log = clientLogger(cfg.APIKey, cfg.GraphToken)
	client, err := d360.New(cfg)
	if err != nil {
		addConfigureError(&resp.Diagnostics, err)
		return
	}
	tflog.Debug(ctx, "configured d360 provider", map[string]any{
		"base_url": client.BaseURL(), "graph_api_url": client.GraphURL(), "graph_token_set": cfg.GraphToken != "",
		"max_messages_per_second": cfg.MaxMessagesPerSecond, "request_timeout": cfg.HTTPClient.Timeout.String(),
		"max_retry_duration": cfg.MaxRetryDuration.String(),
	})
	data := &providerData{
		client:            client,
		templates:         d360.NewTemplateCache(client),
		validateTemplates: model.ValidateTemplates.IsNull() || model.ValidateTemplates.ValueBool(),
	}
	resp.DataSourceData = data
	resp.ResourceData = data
	resp.ActionData = data
	resp.ListResourceData = data
}

func (p *d360Provider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		NewMarketingMessageResource,
		NewMarketingBroadcastResource,
		NewWebhookResource,
		NewTemplateAnalyticsSettingsResource,
		NewTemplateResource,
	}
}

// Actions need Terraform 1.14 or later; older CLIs and OpenTofu ignore them.
func (p *d360Provider) Actions(context.Context) []func() action.Action {
	return []func() action.Action{NewSendMarketingMessageAction}
}

func (p *d360Provider) DataSources(context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		NewHealthStatusDataSource,
		NewMMLiteEligibilityDataSource,
		NewReachEstimateDataSource,
		NewTemplatesDataSource,
		NewTemplateAnalyticsDataSource,
	}
}
