package provider

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/d360-tf/terraform-provider-d360/internal/d360"
)

var (
	_ list.ListResource              = (*templateListResource)(nil)
	_ list.ListResourceWithConfigure = (*templateListResource)(nil)
)

// NewTemplateListResource is the d360_template list resource, for
// `terraform query` (Terraform 1.14+).
func NewTemplateListResource() list.ListResource { return &templateListResource{} }

type templateListResource struct{ data *providerData }

type templateListModel struct {
	NamePrefix types.String `tfsdk:"name_prefix"`
	Status     types.String `tfsdk:"status"`
	Category   types.String `tfsdk:"category"`
	Language   types.String `tfsdk:"language"`
}

func (r *templateListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_template"
}

func (r *templateListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{
		MarkdownDescription: "Finds the channel's message templates for `terraform query`, each with its identity (`name`, `language`) " +
			"and, with `include_resource = true`, the whole `d360_template`, so that `terraform query -generate-config-out=FILE` writes " +
			"resource and import blocks that plan with no change. " +
			"Every filter is optional; without any, every template is listed. " +
			"Read only: one paged `GET /v1/configs/templates`.",
		Attributes: map[string]listschema.Attribute{
			"name_prefix": listschema.StringAttribute{
				MarkdownDescription: "Only templates whose name starts with this, such as `spring_` (case-sensitive, as template names are lower case).",
				Optional:            true,
			},
			"status": listschema.StringAttribute{
				MarkdownDescription: "Only this review status, such as `APPROVED`, `PENDING` or `REJECTED`, in any case.",
				Optional:            true,
			},
			"category": listschema.StringAttribute{
				MarkdownDescription: "Only this category: `MARKETING`, `UTILITY` or `AUTHENTICATION`, in any case.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.OneOfCaseInsensitive("MARKETING", "UTILITY", "AUTHENTICATION")},
			},
			"language": listschema.StringAttribute{
				MarkdownDescription: "Only this language code, exactly, such as `en` or `en_US`.",
				Optional:            true,
			},
		},
	}
}

func (r *templateListResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

// List reads every template and filters here, not on the server: the
// channel endpoint's filters parameter is not documented by 360dialog
// (https://docs.360dialog.com/partner/messaging-and-calling/template-messages/create-and-manage-template-messages
// documents only the create), its exact matching is unknown, and a name
// prefix has no filter at all. A WABA holds at most 250 names, which
// ListAll reads in one or a few pages.
func (r *templateListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var cfg templateListModel
	diags := req.Config.Get(ctx, &cfg)
	if diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	all, err := r.data.client.Templates.ListAll(ctx, nil)
	if err != nil {
		addAPIError(&diags, "Could not list the channel's templates", err)
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	stream.Results = func(push func(list.ListResult) bool) {
		var sent int64
		for i := range all {
			t := &all[i]
			if !cfg.matches(t) {
				continue
			}
			if req.Limit > 0 && sent >= req.Limit {
				return
			}
			sent++
			if !push(templateListResult(ctx, req, t)) {
				return
			}
		}
	}
}

func (f templateListModel) matches(t *d360.Template) bool {
	return strings.HasPrefix(t.Name, f.NamePrefix.ValueString()) &&
		(f.Status.ValueString() == "" || t.HasStatus(f.Status.ValueString())) &&
		(f.Category.ValueString() == "" || strings.EqualFold(t.Category, f.Category.ValueString())) &&
		(f.Language.ValueString() == "" || t.Language == f.Language.ValueString())
}

// templateListResult is one template as an import by identity followed by
// a Read would put it in state, so generated configuration matches it.
func templateListResult(ctx context.Context, req list.ListRequest, t *d360.Template) list.ListResult {
	result := req.NewListResult(ctx)
	result.DisplayName = t.Name + " (" + t.Language + ", " + strings.ToUpper(t.Status) + ")"
	setTemplateIdentity(ctx, result.Identity, t.Name, t.Language, &result.Diagnostics)
	if !req.IncludeResource || result.Diagnostics.HasError() {
		return result
	}
	// Start from the state an import leaves, then fill it as Read does.
	for attr, v := range map[string]string{"id": t.Name + "/" + t.Language, "name": t.Name, "language": t.Language} {
		result.Diagnostics.Append(result.Resource.SetAttribute(ctx, path.Root(attr), v)...)
	}
	var m templateModel
	result.Diagnostics.Append(result.Resource.Get(ctx, &m)...)
	if result.Diagnostics.HasError() {
		return result
	}
	fillTemplateContent(ctx, &m, t, &result.Diagnostics)
	setTemplateStatus(&m, t)
	result.Diagnostics.Append(result.Resource.Set(ctx, &m)...)
	return result
}
