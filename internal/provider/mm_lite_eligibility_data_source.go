package provider

import (
	"context"
	"errors"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/d360-tf/terraform-provider-d360/internal/d360"
)

var (
	_ datasource.DataSource              = (*mmLiteEligibilityDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*mmLiteEligibilityDataSource)(nil)
)

// NewMMLiteEligibilityDataSource is the d360_mm_lite_eligibility data source.
func NewMMLiteEligibilityDataSource() datasource.DataSource { return &mmLiteEligibilityDataSource{} }

type mmLiteEligibilityDataSource struct{ data *providerData }

type mmLiteEligibilityModel struct {
	ID               types.String   `tfsdk:"id"`
	WABAID           types.String   `tfsdk:"waba_id"`
	OnboardingStatus types.String   `tfsdk:"onboarding_status"`
	Eligible         types.Bool     `tfsdk:"eligible"`
	Onboarded        types.Bool     `tfsdk:"onboarded"`
	TermsStatus      types.String   `tfsdk:"terms_status"`
	TermsSignedAt    types.String   `tfsdk:"terms_signed_at"`
	CanSendMessage   types.String   `tfsdk:"can_send_message"`
	Ready            types.Bool     `tfsdk:"ready"`
	Reasons          []types.String `tfsdk:"reasons"`
}

func (d *mmLiteEligibilityDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_mm_lite_eligibility"
}

func (d *mmLiteEligibilityDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Answers \"can this WhatsApp Business Account send marketing messages through MM Lite right now?\", " +
			"and if not, why and what to do. It combines Meta's `marketing_messages_onboarding_status` (read from the Graph API, " +
			"because 360dialog does not expose it; needs `graph_api_token`) with 360dialog's `GET /health_status`. " +
			"Gate sends on `ready` with a `precondition`. Read only: it makes two GET requests and never sends.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{MarkdownDescription: "The WABA id.", Computed: true},
			"waba_id": schema.StringAttribute{
				MarkdownDescription: "The WhatsApp Business Account id, digits only, as shown in WhatsApp Manager or the 360dialog Hub.",
				Required:            true,
				Validators: []validator.String{stringvalidator.RegexMatches(regexp.MustCompile(`^[0-9]+$`),
					"must be the numeric WhatsApp Business Account id, such as 102290129340398")},
			},
			"onboarding_status": schema.StringAttribute{
				MarkdownDescription: "Meta's `marketing_messages_onboarding_status`, unchanged: `" + strings.Join(d360.KnownOnboardingStatuses(), "`, `") +
					"`, or a newer value, which passes through as is.",
				Computed: true,
			},
			"eligible": schema.BoolAttribute{
				MarkdownDescription: "`true` when the status is `ELIGIBLE` (may onboard) or `ONBOARDED`.",
				Computed:            true,
			},
			"onboarded": schema.BoolAttribute{
				MarkdownDescription: "`true` when the MM Lite terms are accepted for this WABA (`ONBOARDED`).",
				Computed:            true,
			},
			"terms_status": schema.StringAttribute{
				MarkdownDescription: "The business portfolio's MM Lite terms status from `owner_business_info`: " +
					"`TERM_OF_SERVICE_SIGNED`, `REQUEST_SENT` or `NOT_STARTED`. Null when Meta does not say.",
				Computed: true,
			},
			"terms_signed_at": schema.StringAttribute{
				MarkdownDescription: "When the terms were signed, as an RFC 3339 timestamp (Meta gives a date, " +
					"read as midnight UTC). Null when not signed or not known.",
				Computed: true,
			},
			"can_send_message": schema.StringAttribute{
				MarkdownDescription: "The number's health from 360dialog: `AVAILABLE`, `LIMITED` or `BLOCKED`.",
				Computed:            true,
			},
			"ready": schema.BoolAttribute{
				MarkdownDescription: "`true` only when the WABA is onboarded and the number's health is `AVAILABLE` or `LIMITED`: an MM Lite send can go out. " +
					"Any other health (`BLOCKED`, empty, or a value this provider does not know) is `false`, with a reason. " +
					"An empty or malformed answer from either API fails the read instead. Use it as the condition of a `precondition`.",
				Computed: true,
			},
			"reasons": schema.ListAttribute{
				MarkdownDescription: "Why `ready` is `false`, one plain sentence per cause, each saying what to do. Empty when `ready` is `true`. " +
					"Join them into a precondition's `error_message`.",
				Computed:    true,
				ElementType: types.StringType,
			},
		},
	}
}

func (d *mmLiteEligibilityDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *mmLiteEligibilityDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m mmLiteEligibilityModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	client := d.data.client
	waba, err := client.Graph.GetWABA(ctx, m.WABAID.ValueString(), d360.WABAOnboardingFields...)
	if errors.Is(err, d360.ErrNoGraphToken) {
		resp.Diagnostics.AddError("Meta Graph API token required for MM Lite eligibility",
			"MM Lite onboarding status is only exposed by Meta's Graph API (marketing_messages_onboarding_status on the WABA); "+
				"360dialog's API key cannot read it. "+advice(err))
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "Could not read MM Lite onboarding status from Meta's Graph API", err)
		return
	}
	health, err := client.Health.Get(ctx)
	if err != nil {
		addAPIError(&resp.Diagnostics, "Could not read the 360dialog health status", err)
		return
	}
	e := d360.AssessEligibility(waba, health)
	m.ID = m.WABAID
	m.OnboardingStatus = types.StringValue(e.OnboardingStatus)
	m.Eligible = types.BoolValue(e.Eligible)
	m.Onboarded = types.BoolValue(e.Onboarded)
	m.TermsStatus = optionalString(e.TermsStatus)
	m.TermsSignedAt = optionalString(e.TermsSignedAt)
	m.CanSendMessage = types.StringValue(e.CanSendMessage)
	m.Ready = types.BoolValue(e.Ready)
	m.Reasons = make([]types.String, 0, len(e.Reasons))
	for _, r := range e.Reasons {
		m.Reasons = append(m.Reasons, types.StringValue(r))
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}
