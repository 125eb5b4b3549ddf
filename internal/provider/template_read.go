package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/d360-tf/terraform-provider-d360/internal/d360"
)

// Read refreshes the review status. A template deleted outside Terraform
// drops out of state with a warning. After an import it also fills the
// content from the API, so that a matching configuration plans no change.
func (r *templateResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var m templateModel
	resp.Diagnostics.Append(req.State.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// Set before any return: the framework wants an identity even from a
	// Read that removes the resource, and CLIs before 1.12 send none.
	setTemplateIdentity(ctx, resp.Identity, m.Name.ValueString(), m.Language.ValueString(), &resp.Diagnostics)
	t, err := r.data.client.Templates.Find(ctx, m.Name.ValueString(), m.Language.ValueString())
	if err != nil {
		addAPIError(&resp.Diagnostics, "Could not read the template", err)
		return
	}
	if t == nil {
		resp.Diagnostics.AddWarning("Template deleted outside Terraform",
			fmt.Sprintf("Template %q (%s) no longer exists on the channel, so it is removed from state and the next apply creates it again. "+
				"If it was approved before, Meta may lock the name for 30 days.", m.Name.ValueString(), m.Language.ValueString()))
		resp.State.RemoveResource(ctx)
		return
	}
	reflectCategory(ctx, &m, t, resp.Private, &resp.Diagnostics) // Meta may change it (template_category_drift.go)
	fillTemplateContent(ctx, &m, t, &resp.Diagnostics)
	setTemplateStatus(&m, t)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// fillTemplateContent sets the content arguments that state lacks, which
// happens only after an import. Content in state is kept as it is: there is
// no documented edit, so the API's copy differs from it only by the API's
// normalisation (upper-cased types, key order), and taking that copy would
// show spurious diffs. The category is the exception, since Meta changes it
// on its own (reflectCategory).
func fillTemplateContent(ctx context.Context, m *templateModel, t *d360.Template, diags *diag.Diagnostics) {
	if m.Category.IsNull() { // only after an import: a max price in state is kept as configured
		m.MaxPrice = maxPriceValue(t.MaxPrice())
	}
	if m.Category.IsNull() {
		m.Category = types.StringValue(strings.ToUpper(t.Category))
	}
	if m.ParameterFormat.IsNull() || m.ParameterFormat.IsUnknown() {
		// Meta's default when parameter_format is not given is POSITIONAL.
		m.ParameterFormat = types.StringValue("POSITIONAL")
		if t.ParameterFormat != "" {
			m.ParameterFormat = types.StringValue(strings.ToUpper(t.ParameterFormat))
		}
	}
	if m.MessageSendTTLSeconds.IsNull() && t.MessageSendTTLSeconds != nil {
		m.MessageSendTTLSeconds = types.Int64Value(*t.MessageSendTTLSeconds)
	}
	if !m.Components.IsNull() || !m.ComponentsJSON.IsNull() {
		return
	}
	if typed, ok := typedComponents(t.Components); ok {
		objType, isObject := templateComponentsAttribute().GetType().(types.ObjectType)
		if !isObject {
			diags.AddError("Provider bug", "the components attribute is not an object type; please report this")
			return
		}
		obj, d := types.ObjectValueFrom(ctx, objType.AttrTypes, typed)
		diags.Append(d...)
		m.Components = obj
		return
	}
	// What the typed attributes cannot hold is kept as the API's JSON.
	m.ComponentsJSON = jsontypes.NewNormalizedValue(string(t.RawComponents))
}

// The typed components as plain Go values, nil standing for null.
type componentsRead struct {
	Header  *headerRead  `tfsdk:"header"`
	Body    bodyRead     `tfsdk:"body"`
	Footer  *string      `tfsdk:"footer"`
	Buttons []buttonRead `tfsdk:"buttons"`
}

type headerRead struct {
	Format        string  `tfsdk:"format"`
	Text          *string `tfsdk:"text"`
	Example       *string `tfsdk:"example"`
	ExampleHandle *string `tfsdk:"example_handle"`
}

type bodyRead struct {
	Text          string            `tfsdk:"text"`
	Examples      []string          `tfsdk:"examples"`
	NamedExamples map[string]string `tfsdk:"named_examples"`
}

type buttonRead struct {
	Type        string  `tfsdk:"type"`
	Text        *string `tfsdk:"text"`
	URL         *string `tfsdk:"url"`
	URLExample  *string `tfsdk:"url_example"`
	PhoneNumber *string `tfsdk:"phone_number"`
	FlowID      *string `tfsdk:"flow_id"`
	CodeExample *string `tfsdk:"code_example"`
}

func ptr(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// typedComponents maps API components onto the typed attributes; ok is
// false when something would be lost, so components_json is used instead.
func typedComponents(in []d360.TemplateComponent) (componentsRead, bool) {
	var out componentsRead
	seen := map[string]bool{}
	for _, c := range in {
		kind := strings.ToUpper(c.Type)
		if seen[kind] || !slices.Contains(d360.TypedComponentTypes, kind) {
			return out, false
		}
		seen[kind] = true
		ex := c.Example
		if ex == nil {
			ex = &d360.TemplateExample{}
		}
		switch kind {
		case "HEADER":
			if len(ex.HeaderText) > 1 || len(ex.HeaderHandle) > 1 || len(ex.HeaderTextNamedParam) > 0 || len(ex.BodyText)+len(ex.BodyTextNamedParams) > 0 {
				return out, false
			}
			h := &headerRead{Format: strings.ToUpper(c.Format), Text: ptr(c.Text)}
			if h.Format == "" {
				h.Format = "TEXT"
			}
			if len(ex.HeaderText) == 1 {
				h.Example = &ex.HeaderText[0]
			}
			if len(ex.HeaderHandle) == 1 {
				h.ExampleHandle = &ex.HeaderHandle[0]
			}
			out.Header = h
		case "BODY":
			if len(ex.BodyText) > 1 || len(ex.HeaderText)+len(ex.HeaderHandle)+len(ex.HeaderTextNamedParam) > 0 {
				return out, false
			}
			out.Body.Text = c.Text
			if len(ex.BodyText) == 1 {
				out.Body.Examples = ex.BodyText[0]
			}
			for _, p := range ex.BodyTextNamedParams {
				if out.Body.NamedExamples == nil {
					out.Body.NamedExamples = map[string]string{}
				}
				out.Body.NamedExamples[p.ParamName] = p.Example
			}
		case "FOOTER":
			out.Footer = ptr(c.Text)
		case "BUTTONS":
			for _, b := range c.Buttons {
				if len(b.Example) > 1 {
					return out, false
				}
				br := buttonRead{Type: strings.ToUpper(b.Type), Text: ptr(b.Text), URL: ptr(b.URL), PhoneNumber: ptr(b.PhoneNumber), FlowID: ptr(b.FlowID)}
				if len(b.Example) == 1 {
					if br.Type == "COPY_CODE" {
						br.CodeExample = &b.Example[0]
					} else {
						br.URLExample = &b.Example[0]
					}
				}
				out.Buttons = append(out.Buttons, br)
			}
		}
	}
	return out, seen["BODY"]
}

const templateTTLURL = "https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/time-to-live"

var templateTTLDescription = "How long WhatsApp tries to deliver a message sent with this template, in seconds, " +
	"by Meta's time-to-live table (" + templateTTLURL + "): " +
	"`MARKETING` 43200 to 2592000 (12 hours to 30 days, the default; honoured only on the Marketing Messages API), " +
	"`UTILITY` 30 to 43200, `AUTHENTICATION` 30 to 900. `-1` (30 days) is accepted for `UTILITY` and `AUTHENTICATION` only. " +
	"This is the only place for a TTL: Meta's send has none, so the send resources take none. " + noEditReplaceNote("it")
