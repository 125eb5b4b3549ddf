package provider

import (
	"context"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/d360-tf/terraform-provider-d360/internal/d360"
)

var (
	_ resource.Resource                   = (*templateResource)(nil)
	_ resource.ResourceWithConfigure      = (*templateResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*templateResource)(nil)
	_ resource.ResourceWithValidateConfig = (*templateResource)(nil)
	_ resource.ResourceWithImportState    = (*templateResource)(nil)
)

// NewTemplateResource is the d360_template resource.
func NewTemplateResource() resource.Resource { return &templateResource{} }

type templateResource struct{ data *providerData }

type templateModel struct {
	ID                        types.String         `tfsdk:"id"`
	Name                      types.String         `tfsdk:"name"`
	Language                  types.String         `tfsdk:"language"`
	Category                  types.String         `tfsdk:"category"`
	Components                types.Object         `tfsdk:"components"`
	ComponentsJSON            jsontypes.Normalized `tfsdk:"components_json"`
	ParameterFormat           types.String         `tfsdk:"parameter_format"`
	AllowCategoryChange       types.Bool           `tfsdk:"allow_category_change"`
	MessageSendTTLSeconds     types.Int64          `tfsdk:"message_send_ttl_seconds"`
	MaxPrice                  types.Object         `tfsdk:"max_price"`
	WaitForApproval           types.Bool           `tfsdk:"wait_for_approval"`
	AllowNameReuseAfterDelete types.Bool           `tfsdk:"allow_name_reuse_after_delete"`
	AllowDeleteOtherLanguages types.Bool           `tfsdk:"allow_delete_other_languages"`
	Timeouts                  timeouts.Value       `tfsdk:"timeouts"`

	ApprovedName   types.String `tfsdk:"approved_name"`
	Status         types.String `tfsdk:"status"`
	RejectedReason types.String `tfsdk:"rejected_reason"`
	QualityScore   types.String `tfsdk:"quality_score"`
	Namespace      types.String `tfsdk:"namespace"`
}

const defaultApprovalTimeout = 30 * time.Minute

// templateContentAttributes are the arguments whose change replaces the template.
var templateContentAttributes = []string{"name", "language", "category", "components", "components_json",
	"parameter_format", "allow_category_change", "message_send_ttl_seconds", "max_price"}

func (r *templateResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_template"
}

func (r *templateResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	replaceStr := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	computed := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: desc, Computed: true}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A WhatsApp message template, submitted for Meta's review through `/v1/configs/templates`. " +
			"There is no documented edit, so any change to its content replaces it. Meta locks an approved template's name for 30 days after it is deleted, " +
			"so a plan that would replace an approved template fails unless `allow_name_reuse_after_delete` is set: " +
			"version the name instead (`spring_sale_v2`). " +
			"360dialog deletes by name, every language at once, so a plan that would destroy or replace one language " +
			"while others exist fails unless `allow_delete_other_languages` is set.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "`name/language`, the import id.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "Template name: lower-case letters, digits and underscores, at most 512 characters.",
				Required:            true,
				PlanModifiers:       replaceStr,
				Validators: []validator.String{
					stringvalidator.RegexMatches(
						d360.TemplateNamePattern,
						"must be lower-case letters, digits and underscores, 1 to 512 characters, such as spring_sale_v2",
					),
				},
			},
			"language": schema.StringAttribute{
				MarkdownDescription: "Language code, such as `en` or `en_US`.",
				Required:            true,
				PlanModifiers:       replaceStr,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(2)},
			},
			"category": schema.StringAttribute{
				MarkdownDescription: "`MARKETING`, `UTILITY` or `AUTHENTICATION`. MM Lite sends only MARKETING templates.",
				Required:            true,
				PlanModifiers:       replaceStr,
				Validators:          []validator.String{stringvalidator.OneOf("MARKETING", "UTILITY", "AUTHENTICATION")},
			},
			"components": templateComponentsAttribute(),
			"components_json": schema.StringAttribute{
				MarkdownDescription: "The components as raw JSON in the API's shape, " +
					"for what `components` does not cover, such as limited-time offers, carousels and call permission requests. " +
					"Whitespace and key order do not cause a diff. The plan checks them by Meta's documented rules, as it checks `components`, and also: " +
					"a limited-time offer template is MARKETING, has no footer, a body of at most 600 characters, an `IMAGE` or `VIDEO` header (if any) " +
					"with a `header_handle`, a URL button, and a `COPY_CODE` button first when `has_expiration` is true; " +
					"a carousel is MARKETING, with 2 to 10 media cards (up to 10 product cards) that all have the same components.",
				CustomType:    jsontypes.NormalizedType{},
				Optional:      true,
				PlanModifiers: []planmodifier.String{keepEquivalentJSON{}, stringplanmodifier.RequiresReplace()},
			},
			"parameter_format": schema.StringAttribute{
				MarkdownDescription: "`POSITIONAL` (`{{1}}`, the default) or `NAMED` (`{{first_name}}`).",
				Optional:            true,
				Computed:            true,
				Default:             stringdefault.StaticString("POSITIONAL"),
				PlanModifiers:       replaceStr,
				Validators:          []validator.String{stringvalidator.OneOf("POSITIONAL", "NAMED")},
			},
			"allow_category_change": schema.BoolAttribute{
				MarkdownDescription: "Let Meta change the category in review instead of rejecting the template.",
				Optional:            true,
				PlanModifiers:       []planmodifier.Bool{boolplanmodifier.RequiresReplace()},
			},
			"message_send_ttl_seconds": schema.Int64Attribute{
				MarkdownDescription: templateTTLDescription,
				Optional:            true,
				PlanModifiers:       []planmodifier.Int64{int64planmodifier.RequiresReplace()},
			},
			"max_price": templateMaxPriceAttribute(),
			"wait_for_approval": schema.BoolAttribute{
				MarkdownDescription: "Wait after submitting until Meta approves or rejects the template " +
					"(within the create timeout); a rejection fails the apply with the reason. " +
					"Set it when sends in the same apply use the template.",
				Optional: true,
			},
			"allow_name_reuse_after_delete": schema.BoolAttribute{
				MarkdownDescription: "Allow a plan to replace an APPROVED template under the same name, " +
					"although Meta locks the name for 30 days after a delete and the new create will likely fail. " +
					"Default `false`.",
				Optional: true,
			},
			"allow_delete_other_languages": schema.BoolAttribute{
				MarkdownDescription: "360dialog deletes a template by name, every language at once, so destroying or replacing this template also deletes " +
					"the other languages of its name. Without this, such a plan fails and names them; set it " +
					"(and apply) to allow it, for example before destroying all languages. Default `false`.",
				Optional: true,
			},
			"approved_name": schema.StringAttribute{
				MarkdownDescription: "The name once the template is APPROVED, null before. Unknown until the create is applied, so a send that uses " +
					"`template_name = d360_template.x.approved_name` in the same configuration waits for the " +
					"approval, and its plan-time template check runs only then.",
				Computed:      true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"status":          computed("Review status, in upper case: `PENDING`, `APPROVED`, `REJECTED`, `PAUSED`..."),
			"rejected_reason": computed("Why Meta rejected it; null otherwise."),
			"quality_score":   computed("`GREEN`, `YELLOW`, `RED` or `UNKNOWN`; null when not reported."),
			"namespace":       computed("The template namespace."),
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeoutsBlock(
				ctx,
				timeouts.Opts{Create: true, CreateDescription: "How long to wait for approval with `wait_for_approval`. Default `30m`."},
			),
		},
	}
}

func (r *templateResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

// ValidateConfig applies Meta's review rules at plan time, before anything
// is submitted.
func (r *templateResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m templateModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() || !isFullyKnown(m.Components) || !isFullyKnown(m.ComponentsJSON) || !isFullyKnown(m.ParameterFormat) {
		return
	}
	t, ok := r.apiTemplate(ctx, &m, &resp.Diagnostics)
	if !ok {
		return
	}
	for _, p := range d360.CheckTemplateContent(t) {
		resp.Diagnostics.AddAttributeError(reviewProblemPath(p.Part, !m.ComponentsJSON.IsNull()), "Template would be rejected", p.Message+".")
	}
	validateTemplateExtras(&m, t, &resp.Diagnostics)
	validateTemplateMaxPrice(&m, &resp.Diagnostics)
}

// Update only happens for arguments that do not change content
// (wait_for_approval, allow_name_reuse_after_delete, timeouts).
func (r *templateResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state templateModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	plan.Status, plan.RejectedReason, plan.QualityScore, plan.Namespace = state.Status, state.RejectedReason, state.QualityScore, state.Namespace
	plan.ApprovedName = state.ApprovedName
	setTemplateIdentity(ctx, resp.Identity, plan.Name.ValueString(), plan.Language.ValueString(), &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func setTemplateStatus(m *templateModel, t *d360.Template) {
	m.Status = types.StringValue(strings.ToUpper(t.Status))
	m.ApprovedName = types.StringNull()
	if t.HasStatus("APPROVED") {
		m.ApprovedName = types.StringValue(t.Name)
	}
	m.RejectedReason = optionalString(t.RejectedReason)
	m.QualityScore = optionalString(t.QualityScore.Score)
	m.Namespace = optionalString(t.Namespace)
}
