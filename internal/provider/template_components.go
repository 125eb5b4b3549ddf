package provider

import (
	"context"
	"maps"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework-validators/objectvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/d360-tf/terraform-provider-d360/internal/d360"
)

// The typed components of d360_template, and the create body built from them
// or from components_json.

type templateComponentsModel struct {
	Header  types.Object `tfsdk:"header"`
	Body    types.Object `tfsdk:"body"`
	Footer  types.String `tfsdk:"footer"`
	Buttons types.List   `tfsdk:"buttons"`
}

type templateHeaderModel struct {
	Format        types.String `tfsdk:"format"`
	Text          types.String `tfsdk:"text"`
	Example       types.String `tfsdk:"example"`
	ExampleHandle types.String `tfsdk:"example_handle"`
}

type templateBodyModel struct {
	Text          types.String `tfsdk:"text"`
	Examples      types.List   `tfsdk:"examples"`
	NamedExamples types.Map    `tfsdk:"named_examples"`
}

type templateButtonModel struct {
	Type        types.String `tfsdk:"type"`
	Text        types.String `tfsdk:"text"`
	URL         types.String `tfsdk:"url"`
	URLExample  types.String `tfsdk:"url_example"`
	PhoneNumber types.String `tfsdk:"phone_number"`
	FlowID      types.String `tfsdk:"flow_id"`
	CodeExample types.String `tfsdk:"code_example"`
}

// templateComponentsAttribute is the typed `components` argument.
func templateComponentsAttribute() schema.SingleNestedAttribute {
	return schema.SingleNestedAttribute{
		MarkdownDescription: "The template's content. Exactly one of `components` and `components_json`.",
		Optional:            true,
		PlanModifiers:       []planmodifier.Object{objectplanmodifier.RequiresReplace()},
		Validators:          []validator.Object{objectvalidator.ExactlyOneOf(path.MatchRoot("components_json"))},
		Attributes: map[string]schema.Attribute{
			"header": schema.SingleNestedAttribute{
				MarkdownDescription: "Optional header.",
				Optional:            true,
				Attributes: map[string]schema.Attribute{
					"format": schema.StringAttribute{
						MarkdownDescription: "`TEXT`, `IMAGE`, `VIDEO`, `DOCUMENT` or `LOCATION`.",
						Required:            true,
						Validators:          []validator.String{stringvalidator.OneOf("TEXT", "IMAGE", "VIDEO", "DOCUMENT", "LOCATION")},
					},
					"text": schema.StringAttribute{
						MarkdownDescription: "For `TEXT`: at most 60 characters and at most one variable (`{{1}}`).",
						Optional:            true,
					},
					"example": schema.StringAttribute{
						MarkdownDescription: "For a `TEXT` header with a variable: an example value for review.",
						Optional:            true,
					},
					"example_handle": schema.StringAttribute{
						MarkdownDescription: "For media headers: an uploaded media handle as a review example.",
						Optional:            true,
					},
				},
			},
			"body": schema.SingleNestedAttribute{
				MarkdownDescription: "The body: at most 1,024 characters.",
				Required:            true,
				Attributes: map[string]schema.Attribute{
					"text": schema.StringAttribute{
						MarkdownDescription: "Body text with variables `{{1}}`..`{{n}}` (or `{{name}}` with `parameter_format = \"NAMED\"`).",
						Required:            true,
					},
					"examples": schema.ListAttribute{
						MarkdownDescription: "One example value per positional variable, in order.",
						Optional:            true,
						ElementType:         types.StringType,
					},
					"named_examples": schema.MapAttribute{
						MarkdownDescription: "One example value per named variable, keyed by name.",
						Optional:            true,
						ElementType:         types.StringType,
					},
				},
			},
			"footer": schema.StringAttribute{MarkdownDescription: "Optional footer text, at most 60 characters, no variables.", Optional: true},
			"buttons": schema.ListNestedAttribute{
				MarkdownDescription: "Buttons, at most 10: quick replies grouped together, at most 2 URL, 1 phone number and 1 copy-code button.",
				Optional:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					// Meta documents more types than these five (VOICE_CALL, MPM, SPM, CATALOG, OTP...):
					// https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/components
					// so another type is sent as given, with a warning that it is not checked.
					"type": schema.StringAttribute{MarkdownDescription: "`QUICK_REPLY`, `URL`, `PHONE_NUMBER`, `COPY_CODE` or `FLOW` are checked at plan time. " +
						"Other types Meta documents (such as `VOICE_CALL`) are sent as given, with a warning; " +
						"for their extra fields use `components_json`.", Required: true},
					"text": schema.StringAttribute{
						MarkdownDescription: "The label, at most 25 characters. Not for `COPY_CODE`, whose label Meta fixes.",
						Optional:            true,
					},
					"url":          schema.StringAttribute{MarkdownDescription: "For `URL`: the link, optionally ending in one variable `{{1}}`.", Optional: true},
					"url_example":  schema.StringAttribute{MarkdownDescription: "For a `URL` with a variable: a full example URL.", Optional: true},
					"phone_number": schema.StringAttribute{MarkdownDescription: "For `PHONE_NUMBER`: the number to call.", Optional: true},
					"flow_id":      schema.StringAttribute{MarkdownDescription: "For `FLOW`: the flow's id.", Optional: true},
					"code_example": schema.StringAttribute{
						MarkdownDescription: "For `COPY_CODE`: required, an example of the code the button copies, at most 15 characters, " +
							"such as `SPRING25`. It is sent as the button's `example` string, as Meta's coupon-code and limited-time offer template pages show.",
						Optional: true,
					},
				}},
			},
		},
	}
}

// apiTemplate builds the create body from the configuration.
func (r *templateResource) apiTemplate(ctx context.Context, m *templateModel, diags *diag.Diagnostics) (*d360.Template, bool) {
	t := &d360.Template{Name: m.Name.ValueString(), Language: m.Language.ValueString(), Category: m.Category.ValueString(),
		ParameterFormat: m.ParameterFormat.ValueString(), OptimizationSpec: apiMaxPrice(ctx, m.MaxPrice, diags)}
	if !m.AllowCategoryChange.IsNull() {
		v := m.AllowCategoryChange.ValueBool()
		t.AllowCategoryChange = &v
	}
	if !m.MessageSendTTLSeconds.IsNull() {
		v := m.MessageSendTTLSeconds.ValueInt64()
		t.MessageSendTTLSeconds = &v
	}
	if !m.ComponentsJSON.IsNull() {
		components, err := d360.ParseTemplateComponents([]byte(m.ComponentsJSON.ValueString()))
		if err != nil {
			diags.AddAttributeError(path.Root("components_json"), "Invalid components JSON", err.Error())
			return nil, false
		}
		t.Components = components
		// Sent as written: the typed reading above is only for checks and
		// drops what it has no fields for (limited_time_offer, cards...).
		t.RawComponents = []byte(m.ComponentsJSON.ValueString())
		return t, true
	}
	if m.Components.IsNull() {
		return t, true
	}
	var c templateComponentsModel
	diags.Append(m.Components.As(ctx, &c, basetypes.ObjectAsOptions{})...)
	if !c.Header.IsNull() {
		var h templateHeaderModel
		diags.Append(c.Header.As(ctx, &h, basetypes.ObjectAsOptions{})...)
		comp := d360.TemplateComponent{Type: "HEADER", Format: h.Format.ValueString(), Text: h.Text.ValueString()}
		if !h.Example.IsNull() {
			comp.Example = &d360.TemplateExample{HeaderText: []string{h.Example.ValueString()}}
		}
		if !h.ExampleHandle.IsNull() {
			comp.Example = &d360.TemplateExample{HeaderHandle: []string{h.ExampleHandle.ValueString()}}
		}
		t.Components = append(t.Components, comp)
	}
	var b templateBodyModel
	diags.Append(c.Body.As(ctx, &b, basetypes.ObjectAsOptions{})...)
	body := d360.TemplateComponent{Type: "BODY", Text: b.Text.ValueString()}
	if !b.Examples.IsNull() {
		var ex []string
		diags.Append(b.Examples.ElementsAs(ctx, &ex, false)...)
		body.Example = &d360.TemplateExample{BodyText: [][]string{ex}}
	}
	if !b.NamedExamples.IsNull() {
		var ex map[string]string
		diags.Append(b.NamedExamples.ElementsAs(ctx, &ex, false)...)
		body.Example = &d360.TemplateExample{}
		for _, name := range slices.Sorted(maps.Keys(ex)) {
			body.Example.BodyTextNamedParams = append(body.Example.BodyTextNamedParams, d360.NamedParamValue{ParamName: name, Example: ex[name]})
		}
	}
	t.Components = append(t.Components, body)
	if !c.Footer.IsNull() {
		t.Components = append(t.Components, d360.TemplateComponent{Type: "FOOTER", Text: c.Footer.ValueString()})
	}
	if !c.Buttons.IsNull() {
		var buttons []templateButtonModel
		diags.Append(c.Buttons.ElementsAs(ctx, &buttons, false)...)
		comp := d360.TemplateComponent{Type: "BUTTONS"}
		for _, btn := range buttons {
			tb := d360.TemplateButton{Type: btn.Type.ValueString(), Text: btn.Text.ValueString(), URL: btn.URL.ValueString(),
				PhoneNumber: btn.PhoneNumber.ValueString(), FlowID: btn.FlowID.ValueString()}
			if !btn.URLExample.IsNull() {
				tb.Example = d360.ButtonExample{btn.URLExample.ValueString()}
			}
			if !btn.CodeExample.IsNull() {
				tb.Example = d360.ButtonExample{btn.CodeExample.ValueString()}
			}
			comp.Buttons = append(comp.Buttons, tb)
		}
		t.Components = append(t.Components, comp)
	}
	return t, !diags.HasError()
}
