package provider

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/d360-tf/terraform-provider-d360/internal/d360"
)

// messageTemplate builds the template part of the send body. It expects
// known values.
func (m *templateParamsModel) messageTemplate(ctx context.Context) (d360.MessageTemplate, diag.Diagnostics) {
	t := d360.MessageTemplate{
		Name:     m.TemplateName.ValueString(),
		Language: d360.TemplateLanguage{Code: m.LanguageCode.ValueString(), Policy: m.LanguagePolicy.ValueString()},
	}
	if !m.ComponentsJSON.IsNull() {
		t.RawComponents = json.RawMessage(m.ComponentsJSON.ValueString())
		return t, nil
	}
	var diags diag.Diagnostics
	if !m.Header.IsNull() {
		var h headerModel
		diags.Append(m.Header.As(ctx, &h, basetypes.ObjectAsOptions{})...)
		t.Components = append(t.Components, d360.MessageComponent{Type: "header", Parameters: []d360.Parameter{h.parameter()}})
	}
	if len(m.BodyParameters.Elements()) > 0 { // absent and [] send no body component
		var body []bodyParameterModel
		diags.Append(m.BodyParameters.ElementsAs(ctx, &body, false)...)
		params := make([]d360.Parameter, 0, len(body))
		for _, b := range body {
			p, d := b.parameter(ctx)
			diags.Append(d...)
			params = append(params, p)
		}
		t.Components = append(t.Components, d360.MessageComponent{Type: "body", Parameters: params})
	}
	if !m.Buttons.IsNull() {
		var buttons []buttonModel
		diags.Append(m.Buttons.ElementsAs(ctx, &buttons, false)...)
		for _, b := range buttons {
			c, d := b.component(ctx)
			diags.Append(d...)
			t.Components = append(t.Components, c)
		}
	}
	if !m.LimitedTimeOffer.IsNull() {
		var lto limitedTimeOfferModel
		diags.Append(m.LimitedTimeOffer.As(ctx, &lto, basetypes.ObjectAsOptions{})...)
		t.Components = append(t.Components, d360.MessageComponent{Type: "limited_time_offer", Parameters: []d360.Parameter{{
			Type: "limited_time_offer", LimitedTimeOffer: &d360.LimitedTimeOffer{ExpirationTimeMS: lto.ExpirationTimeMS.ValueInt64()},
		}}})
	}
	return t, diags
}

func (h headerModel) parameter() d360.Parameter {
	p := d360.Parameter{Type: h.Type.ValueString()}
	media := &d360.Media{Link: h.Link.ValueString(), ID: h.MediaID.ValueString(), Filename: h.Filename.ValueString()}
	switch p.Type {
	case "text":
		p.Text, p.ParameterName = h.Text.ValueString(), h.ParameterName.ValueString()
	case "image":
		media.Filename = ""
		p.Image = media
	case "video":
		media.Filename = ""
		p.Video = media
	case "document":
		p.Document = media
	case "location":
		p.Location = &d360.Location{Latitude: h.Latitude.ValueFloat64(), Longitude: h.Longitude.ValueFloat64(),
			Name: h.Name.ValueString(), Address: h.Address.ValueString()}
	}
	return p
}

func (b bodyParameterModel) parameter(ctx context.Context) (d360.Parameter, diag.Diagnostics) {
	p := d360.Parameter{ParameterName: b.ParameterName.ValueString()}
	var diags diag.Diagnostics
	switch {
	case !b.Currency.IsNull():
		var c currencyModel
		diags = b.Currency.As(ctx, &c, basetypes.ObjectAsOptions{})
		p.Type = "currency"
		p.Currency = &d360.Currency{Code: c.Code.ValueString(), Amount1000: c.Amount1000.ValueInt64(), FallbackValue: c.FallbackValue.ValueString()}
	case !b.DateTime.IsNull():
		p.Type = "date_time"
		p.DateTime = &d360.DateTime{FallbackValue: b.DateTime.ValueString()}
	default:
		p.Type, p.Text = "text", b.Text.ValueString()
	}
	return p, diags
}

func (b buttonModel) component(ctx context.Context) (d360.MessageComponent, diag.Diagnostics) {
	c := d360.MessageComponent{Type: "button", SubType: b.SubType.ValueString(), Index: fmt.Sprint(b.Index.ValueInt64())}
	var diags diag.Diagnostics
	switch c.SubType {
	case "url":
		c.Parameters = []d360.Parameter{{Type: "text", Text: b.Text.ValueString()}}
	case "quick_reply":
		c.Parameters = []d360.Parameter{{Type: "payload", Payload: b.Payload.ValueString()}}
	case "copy_code":
		c.Parameters = []d360.Parameter{{Type: "coupon_code", CouponCode: b.CouponCode.ValueString()}}
	case "flow":
		action := &d360.FlowAction{FlowToken: b.FlowToken.ValueString()}
		if !b.FlowActionData.IsNull() {
			data := map[string]string{}
			diags = b.FlowActionData.ElementsAs(ctx, &data, false)
			action.FlowActionData = map[string]any{}
			for k, v := range data {
				action.FlowActionData[k] = v
			}
		}
		c.Parameters = []d360.Parameter{{Type: "action", Action: action}}
	}
	return c, diags
}

// marketingMessage is the send body for one recipient.
func marketingMessage(to, recipient types.String, tmpl d360.MessageTemplate, p *templateParamsModel) *d360.MarketingMessage {
	msg := &d360.MarketingMessage{To: to.ValueString(), Recipient: recipient.ValueString(), Template: tmpl,
		ProductPolicy: p.ProductPolicy.ValueString()}
	if !p.MessageActivitySharing.IsNull() {
		v := p.MessageActivitySharing.ValueBool()
		msg.MessageActivitySharing = &v
	}
	if !p.MaxPriceMultiplier.IsNull() {
		msg.BidSpec = &d360.SendBidSpec{PerMessageBidMultiplier: p.MaxPriceMultiplier.ValueFloat64()}
	}
	return msg
}

// withBodyOverride replaces the body parameters with one recipient's texts.
func withBodyOverride(tmpl d360.MessageTemplate, texts []string) d360.MessageTemplate {
	if texts == nil {
		return tmpl
	}
	if len(texts) == 0 {
		// As with body_parameters = []: no body component at all, rather
		// than one with no parameters.
		out := tmpl
		out.Components = nil
		for _, c := range tmpl.Components {
			if c.Type != "body" {
				out.Components = append(out.Components, c)
			}
		}
		return out
	}
	// A NAMED template needs each value's parameter_name (Meta refuses a
	// named body without one, error 132000); the recipient's texts take the
	// names of the shared body parameters, in order.
	var names []string
	for _, c := range tmpl.Components {
		if c.Type == "body" {
			for _, p := range c.Parameters {
				names = append(names, p.ParameterName)
			}
		}
	}
	params := make([]d360.Parameter, len(texts))
	for i, t := range texts {
		params[i] = d360.Parameter{Type: "text", Text: t}
		if i < len(names) {
			params[i].ParameterName = names[i]
		}
	}
	out := tmpl
	out.Components = nil
	replaced := false
	for _, c := range tmpl.Components {
		if c.Type == "body" {
			c, replaced = d360.MessageComponent{Type: "body", Parameters: params}, true
		}
		out.Components = append(out.Components, c)
	}
	if !replaced {
		out.Components = append(out.Components, d360.MessageComponent{Type: "body", Parameters: params})
	}
	return out
}
