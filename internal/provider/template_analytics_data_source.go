package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/d360-tf/terraform-provider-d360/internal/d360"
)

var (
	_ datasource.DataSource              = (*templateAnalyticsDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*templateAnalyticsDataSource)(nil)
)

// NewTemplateAnalyticsDataSource is the d360_template_analytics data source.
func NewTemplateAnalyticsDataSource() datasource.DataSource { return &templateAnalyticsDataSource{} }

type templateAnalyticsDataSource struct{ data *providerData }

type templateAnalyticsModel struct {
	TemplateIDs     []types.String `tfsdk:"template_ids"`
	Start           types.String   `tfsdk:"start"`
	End             types.String   `tfsdk:"end"`
	Sent            types.Int64    `tfsdk:"sent"`
	Delivered       types.Int64    `tfsdk:"delivered"`
	Read            types.Int64    `tfsdk:"read"`
	LinkClicks      types.Int64    `tfsdk:"link_clicks"`
	Clicks          types.Int64    `tfsdk:"clicks"`
	Cost            types.Float64  `tfsdk:"cost"`
	CostPerDelivery types.Float64  `tfsdk:"cost_per_delivery"`
	ReadRate        types.Float64  `tfsdk:"read_rate"`
	ClickRate       types.Float64  `tfsdk:"click_rate"`
	Conversions     types.Map      `tfsdk:"conversions"`
}

func (d *templateAnalyticsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_template_analytics"
}

func (d *templateAnalyticsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	count := func(what string) schema.Int64Attribute {
		return schema.Int64Attribute{Computed: true, MarkdownDescription: what + " Summed over the templates and days of the window."}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads how templates performed over a time window: sent, delivered, read, link clicks, cost and, " +
			"for Marketing Messages, conversion metrics, from 360dialog's template analytics " +
			"(`GET /marketing/template_analytics`, [Template Analytics](https://docs.360dialog.com/docs/resources/templates/template-analytics)). " +
			"Use `read_rate` or `click_rate` in a `precondition` to stop a broadcast whose template has stopped performing. " +
			"Read only; it never sends.\n\n" +
			"Template analytics must be confirmed once on the WhatsApp Business Account, in WhatsApp Manager or with " +
			"`POST /marketing/template_analytics?enable=true`; until then the read fails. Meta reports whole UTC days " +
			"(the window is widened to day boundaries), looks back at most 90 days, and does not report WABAs in the " +
			"EU, the UK or Japan.",
		Attributes: map[string]schema.Attribute{
			"template_ids": schema.ListAttribute{
				MarkdownDescription: "Ids of the templates to read, 1 to 10, as `data.d360_templates` lists them (`templates[*].id`). " +
					"The metrics are the sum over all of them.",
				Required:    true,
				ElementType: types.StringType,
				Validators:  []validator.List{listvalidator.SizeBetween(1, 10)},
			},
			"start": schema.StringAttribute{
				MarkdownDescription: "Start of the window, an RFC 3339 time such as `2026-05-01T00:00:00Z` or " +
					"`timeadd(plantimestamp(), \"-168h\")` for the last 7 days. Rounded down to 00:00 UTC.",
				Required: true,
			},
			"end": schema.StringAttribute{
				MarkdownDescription: "End of the window, an RFC 3339 time; the time of the read when not set. Rounded up to the next 00:00 UTC.",
				Optional:            true,
				Computed:            true,
			},
			"sent":        count("Messages sent with the templates."),
			"delivered":   count("Messages delivered."),
			"read":        count("Messages read. Users who turned off read receipts are not counted."),
			"link_clicks": count("Clicks on URL buttons (Meta's `url_button` clicks)."),
			"clicks":      count("Clicks on all buttons: URL and quick reply."),
			"cost": schema.Float64Attribute{Computed: true, MarkdownDescription: "Amount spent (Meta's `amount_spent`), in the " +
				"WhatsApp Business Account's currency, base unit (dollars for USD). Your invoice is the source of truth."},
			"cost_per_delivery": schema.Float64Attribute{Computed: true, MarkdownDescription: "`cost / delivered`; 0 when nothing was delivered."},
			"read_rate": schema.Float64Attribute{Computed: true, MarkdownDescription: "`read / delivered`, from 0 to 1 (the open rate); " +
				"0 when nothing was delivered, so a gate such as `read_rate >= 0.3` also stops when there is no data."},
			"click_rate": schema.Float64Attribute{Computed: true, MarkdownDescription: "`link_clicks / delivered`, from 0 to 1; 0 when nothing was delivered."},
			"conversions": schema.MapAttribute{Computed: true, ElementType: types.Float64Type,
				MarkdownDescription: "Every other numeric metric the API returned, summed, keyed by its field name: the Marketing Messages " +
					"conversion metrics (such as purchases or app activations, for WABAs onboarded to the Marketing Messages API with a " +
					"Meta Pixel or Conversions API). Empty when the API returns none."},
		},
	}
}

func (d *templateAnalyticsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *templateAnalyticsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m templateAnalyticsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	q, err := analyticsQuery(m, time.Now())
	if err != nil {
		resp.Diagnostics.AddError("Invalid d360_template_analytics window", err.Error())
		return
	}
	a, err := d.data.client.Templates.Analytics(ctx, q)
	if err != nil {
		addAPIError(&resp.Diagnostics, "Could not read the template analytics",
			fmt.Errorf("%w. If template analytics are not yet confirmed on the WABA, confirm them in WhatsApp Manager or with "+
				"POST /marketing/template_analytics?enable=true (https://docs.360dialog.com/docs/resources/templates/template-analytics)", err))
		return
	}
	m.End = types.StringValue(q.End.UTC().Format(time.RFC3339))
	resp.Diagnostics.Append(fillAnalytics(ctx, &m, sumMetrics(a, q.TemplateIDs))...)
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}

// analyticsQuery reads the window; end defaults to now.
func analyticsQuery(m templateAnalyticsModel, now time.Time) (d360.TemplateAnalyticsQuery, error) {
	q := d360.TemplateAnalyticsQuery{End: now}
	for _, id := range m.TemplateIDs {
		q.TemplateIDs = append(q.TemplateIDs, id.ValueString())
	}
	var err error
	if q.Start, err = time.Parse(time.RFC3339, m.Start.ValueString()); err != nil {
		return q, fmt.Errorf("start %q is not an RFC 3339 time such as 2026-05-01T00:00:00Z", m.Start.ValueString())
	}
	if !m.End.IsNull() && !m.End.IsUnknown() {
		if q.End, err = time.Parse(time.RFC3339, m.End.ValueString()); err != nil {
			return q, fmt.Errorf("end %q is not an RFC 3339 time such as 2026-05-08T00:00:00Z", m.End.ValueString())
		}
	}
	if !q.End.After(q.Start) {
		return q, fmt.Errorf("end (%s) must be after start (%s)", q.End.Format(time.RFC3339), q.Start.Format(time.RFC3339))
	}
	return q, nil
}

// sumMetrics adds up the requested templates' totals.
func sumMetrics(a *d360.TemplateAnalytics, ids []string) d360.TemplateMetrics {
	sum := d360.TemplateMetrics{Other: map[string]float64{}}
	totals := a.Totals()
	for _, id := range ids {
		t := totals[id]
		if t == nil {
			continue
		}
		sum.Sent += t.Sent
		sum.Delivered += t.Delivered
		sum.Read += t.Read
		sum.LinkClicks += t.LinkClicks
		sum.Clicks += t.Clicks
		sum.Cost += t.Cost
		for k, v := range t.Other {
			sum.Other[k] += v
		}
	}
	return sum
}

// ratio is n / delivered, 0 when nothing was delivered.
func ratio(n float64, delivered int64) float64 {
	if delivered <= 0 {
		return 0
	}
	return n / float64(delivered)
}

func fillAnalytics(ctx context.Context, m *templateAnalyticsModel, s d360.TemplateMetrics) diag.Diagnostics {
	m.Sent, m.Delivered, m.Read = types.Int64Value(s.Sent), types.Int64Value(s.Delivered), types.Int64Value(s.Read)
	m.LinkClicks, m.Clicks = types.Int64Value(s.LinkClicks), types.Int64Value(s.Clicks)
	m.Cost = types.Float64Value(s.Cost)
	m.CostPerDelivery = types.Float64Value(ratio(s.Cost, s.Delivered))
	m.ReadRate = types.Float64Value(ratio(float64(s.Read), s.Delivered))
	m.ClickRate = types.Float64Value(ratio(float64(s.LinkClicks), s.Delivered))
	conv, d := types.MapValueFrom(ctx, types.Float64Type, s.Other)
	m.Conversions = conv
	return d
}
