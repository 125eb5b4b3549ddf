package provider

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/d360-tf/terraform-provider-d360/internal/d360"
)

var (
	_ datasource.DataSource              = (*templatesDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*templatesDataSource)(nil)
)

// NewTemplatesDataSource is the d360_templates data source.
func NewTemplatesDataSource() datasource.DataSource { return &templatesDataSource{} }

type templatesDataSource struct{ data *providerData }

type templatesModel struct {
	ID        types.String    `tfsdk:"id"`
	Name      types.String    `tfsdk:"name"`
	Category  types.String    `tfsdk:"category"`
	Status    types.String    `tfsdk:"status"`
	Language  types.String    `tfsdk:"language"`
	Templates []templateEntry `tfsdk:"templates"`
}

type templateEntry struct {
	ID                    types.String `tfsdk:"id"`
	Name                  types.String `tfsdk:"name"`
	Language              types.String `tfsdk:"language"`
	Category              types.String `tfsdk:"category"`
	Status                types.String `tfsdk:"status"`
	RejectedReason        types.String `tfsdk:"rejected_reason"`
	QualityScore          types.String `tfsdk:"quality_score"`
	Namespace             types.String `tfsdk:"namespace"`
	ComponentsJSON        types.String `tfsdk:"components_json"`
	HeaderPlaceholders    types.Int64  `tfsdk:"header_placeholders"`
	BodyPlaceholders      types.Int64  `tfsdk:"body_placeholders"`
	URLButtonPlaceholders types.Int64  `tfsdk:"url_button_placeholders"`
}

func (d *templatesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_templates"
}

func (d *templatesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	computed := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: desc, Computed: true}
	}
	count := func(desc string) schema.Int64Attribute {
		return schema.Int64Attribute{MarkdownDescription: desc, Computed: true}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the channel's message templates (`GET /v1/configs/templates`), " +
			"following `limit` and `offset` until the list is complete. " +
			"Every filter is optional; status and category match without regard to case. Read only.",
		Attributes: map[string]schema.Attribute{
			"id":   computed("A summary of the filters used."),
			"name": schema.StringAttribute{MarkdownDescription: "Only templates with exactly this name.", Optional: true},
			"category": schema.StringAttribute{
				MarkdownDescription: "Only this category: `MARKETING`, `UTILITY` or `AUTHENTICATION`.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.OneOfCaseInsensitive("MARKETING", "UTILITY", "AUTHENTICATION")},
			},
			"status":   schema.StringAttribute{MarkdownDescription: "Only this status, such as `APPROVED`, `PENDING` or `REJECTED`.", Optional: true},
			"language": schema.StringAttribute{MarkdownDescription: "Only this language, such as `en` or `en_US`.", Optional: true},
			"templates": schema.ListNestedAttribute{
				MarkdownDescription: "The matching templates, ordered by name and language.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":                      computed("360dialog's id of the template (not Meta's numeric id)."),
					"name":                    computed("The template name."),
					"language":                computed("The language code."),
					"category":                computed("`MARKETING`, `UTILITY` or `AUTHENTICATION`."),
					"status":                  computed("The review status, in upper case: `APPROVED`, `PENDING`, `REJECTED`, `PAUSED`..."),
					"rejected_reason":         computed("Why Meta rejected it; null otherwise."),
					"quality_score":           computed("`GREEN`, `YELLOW`, `RED` or `UNKNOWN`; null when not reported."),
					"namespace":               computed("The template namespace."),
					"components_json":         computed("The components as JSON, as the API returns them."),
					"header_placeholders":     count("Parameters the header needs: 0 or 1 (a text variable or media)."),
					"body_placeholders":       count("Distinct variables in the body, each needing one body parameter."),
					"url_button_placeholders": count("URL buttons with a variable, each needing a button parameter."),
				}},
			},
		},
	}
}

func (d *templatesDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *templatesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m templatesModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// 360dialog lists statuses in lower case and categories in upper case,
	// so filter values are sent that way, whatever the user wrote.
	filters := map[string]string{}
	var summary []string
	for _, f := range []struct {
		attr, key string
		v         types.String
		norm      func(string) string
	}{
		{"name", "business_templates.name", m.Name, strings.Clone},
		{"category", "category", m.Category, strings.ToUpper},
		{"status", "status", m.Status, strings.ToLower},
		{"language", "language", m.Language, strings.Clone},
	} {
		if !f.v.IsNull() && f.v.ValueString() != "" {
			filters[f.key] = f.norm(f.v.ValueString())
			summary = append(summary, f.attr+"="+f.v.ValueString())
		}
	}
	list, err := d.data.client.Templates.ListAll(ctx, filters)
	if err != nil {
		addAPIError(&resp.Diagnostics, "Could not list the channel's templates", err)
		return
	}
	m.ID = types.StringValue("templates?" + strings.Join(summary, "&"))
	m.Templates = make([]templateEntry, 0, len(list))
	for i := range list {
		m.Templates = append(m.Templates, templateEntryFromAPI(&list[i]))
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func templateEntryFromAPI(t *d360.Template) templateEntry {
	header, body, buttons := d360.PlaceholderCounts(t)
	return templateEntry{
		ID:                    types.StringValue(t.ID),
		Name:                  types.StringValue(t.Name),
		Language:              types.StringValue(t.Language),
		Category:              types.StringValue(strings.ToUpper(t.Category)),
		Status:                types.StringValue(strings.ToUpper(t.Status)),
		RejectedReason:        optionalString(t.RejectedReason),
		QualityScore:          optionalString(t.QualityScore.Score),
		Namespace:             optionalString(t.Namespace),
		ComponentsJSON:        types.StringValue(t.ComponentsJSON()),
		HeaderPlaceholders:    types.Int64Value(int64(header)),
		BodyPlaceholders:      types.Int64Value(int64(body)),
		URLButtonPlaceholders: types.Int64Value(int64(buttons)),
	}
}
