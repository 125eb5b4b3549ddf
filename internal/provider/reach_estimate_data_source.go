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
	_ datasource.DataSource              = (*reachEstimateDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*reachEstimateDataSource)(nil)
)

const reachEstimateMetaURL = "https://developers.facebook.com/documentation/business-messaging/whatsapp/marketing-messages/pricing"

// NewReachEstimateDataSource is the d360_reach_estimate data source.
func NewReachEstimateDataSource() datasource.DataSource { return &reachEstimateDataSource{} }

type reachEstimateDataSource struct{ data *providerData }

type reachEstimateModel struct {
	ID         types.String         `tfsdk:"id"`
	WABAID     types.String         `tfsdk:"waba_id"`
	Country    types.String         `tfsdk:"country"`
	Lookback   types.String         `tfsdk:"lookback"`
	Currency   types.String         `tfsdk:"currency"`
	Disclaimer types.String         `tfsdk:"disclaimer"`
	Estimates  []reachEstimateLevel `tfsdk:"estimates"`
}

type reachEstimateLevel struct {
	MaxPrice      types.Int64   `tfsdk:"max_price"`
	DeliveriesMin types.Int64   `tfsdk:"estimated_deliveries_min"`
	DeliveriesMax types.Int64   `tfsdk:"estimated_deliveries_max"`
	CostMin       types.Float64 `tfsdk:"estimated_cost_min"`
	CostMax       types.Float64 `tfsdk:"estimated_cost_max"`
}

func (d *reachEstimateDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_reach_estimate"
}

func (d *reachEstimateDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Meta's reach estimation tool for marketing messages ([Meta](" + reachEstimateMetaURL + ")): " +
			"for one destination country and a look-back window, the estimated deliveries and cost at several max-price levels, " +
			"in the WhatsApp Business Account's currency. Use it to pick a template's `max_price.bid_amount`, to put the expected cost " +
			"of a broadcast in the plan with an `output`, and to stop a broadcast over budget with a `precondition`. " +
			"Estimates come from Meta's history for the WABA and are informational: actual deliveries and cost differ. " +
			"A Graph API read (`GET /<WABA_ID>/" + "reachestimate`), so it needs `graph_api_token`; it never sends a message.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{MarkdownDescription: "`<waba_id>/<country>/<lookback>`.", Computed: true},
			"waba_id": schema.StringAttribute{
				MarkdownDescription: "The WhatsApp Business Account id, digits only, as shown in WhatsApp Manager or the 360dialog Hub.",
				Required:            true,
				Validators: []validator.String{stringvalidator.RegexMatches(regexp.MustCompile(`^[0-9]+$`),
					"must be the numeric WhatsApp Business Account id, such as 102290129340398")},
			},
			"country": schema.StringAttribute{
				MarkdownDescription: "The destination country of the messages, as an ISO 3166-1 alpha-2 code in capitals, such as `BR` or `IN`. " +
					"One estimate covers one country: read one data source per country of a broadcast.",
				Required: true,
				Validators: []validator.String{stringvalidator.RegexMatches(regexp.MustCompile(`^[A-Z]{2}$`),
					"must be an ISO 3166-1 alpha-2 country code in capitals, such as BR")},
			},
			"lookback": schema.StringAttribute{
				MarkdownDescription: "How much history Meta estimates from: `" + strings.Join(d360.LookbackWindows, "`, `") +
					"` (the last 1, 7, 14 or 28 days). A longer window is steadier; a shorter one follows recent prices.",
				Required:   true,
				Validators: []validator.String{stringvalidator.OneOf(d360.LookbackWindows...)},
			},
			"currency": schema.StringAttribute{
				MarkdownDescription: "The WABA's currency (ISO 4217, such as `USD`), the unit of every price and cost here. Null when Meta does not say.",
				Computed:            true,
			},
			"disclaimer": schema.StringAttribute{
				MarkdownDescription: "Meta's note on the estimate, if any. Null when none.",
				Computed:            true,
			},
			"estimates": schema.ListNestedAttribute{
				MarkdownDescription: "One entry per max-price level, cheapest first. Filter it with a `for` expression, such as " +
					"`[for e in data.d360_reach_estimate.br.estimates : e if e.max_price >= 5000]`. Empty when Meta has no history to estimate from.",
				Computed: true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"max_price": schema.Int64Attribute{
						MarkdownDescription: "The max price of this level per **1,000 deliveries** in the smallest unit of `currency` " +
							"(cents for USD): the unit of `d360_template.max_price.bid_amount`, so the two compare directly.",
						Computed: true,
					},
					"estimated_deliveries_min": schema.Int64Attribute{
						MarkdownDescription: "The low end of the estimated deliveries at this max price, over the look-back window.",
						Computed:            true,
					},
					"estimated_deliveries_max": schema.Int64Attribute{
						MarkdownDescription: "The high end of the estimated deliveries; equal to the low end when Meta gives one number.",
						Computed:            true,
					},
					"estimated_cost_min": schema.Float64Attribute{
						MarkdownDescription: "The low end of the estimated cost at this max price, in the smallest unit of `currency`.",
						Computed:            true,
					},
					"estimated_cost_max": schema.Float64Attribute{
						MarkdownDescription: "The high end of the estimated cost, in the smallest unit of `currency`: compare a budget with this one.",
						Computed:            true,
					},
				}},
			},
		},
	}
}

func (d *reachEstimateDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *reachEstimateDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m reachEstimateModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	in := d360.ReachEstimateRequest{Country: m.Country.ValueString(), LookbackWindow: m.Lookback.ValueString()}
	est, err := d.data.client.Graph.GetReachEstimate(ctx, m.WABAID.ValueString(), in)
	if errors.Is(err, d360.ErrNoGraphToken) {
		resp.Diagnostics.AddError("Meta Graph API token required for the reach estimate",
			"Meta's reach estimation tool is a Graph API read; 360dialog's API key cannot read it. "+advice(err))
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "Could not read the reach estimate from Meta's Graph API", err)
		return
	}
	m.ID = types.StringValue(m.WABAID.ValueString() + "/" + in.Country + "/" + in.LookbackWindow)
	m.Currency = optionalString(est.Currency)
	m.Disclaimer = optionalString(est.Disclaimer)
	m.Estimates = make([]reachEstimateLevel, 0, len(est.Estimates))
	for _, p := range est.Estimates {
		m.Estimates = append(m.Estimates, reachEstimateLevel{
			MaxPrice:      types.Int64Value(p.BidAmount),
			DeliveriesMin: types.Int64Value(p.DeliveriesMin),
			DeliveriesMax: types.Int64Value(p.DeliveriesMax),
			CostMin:       types.Float64Value(p.CostMin),
			CostMax:       types.Float64Value(p.CostMax),
		})
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}
