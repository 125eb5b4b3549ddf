package provider

import (
	"context"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/d360-tf/terraform-provider-d360/internal/d360"
)

// Unit tests of the send body built from a model: the exact JSON that goes
// to POST /marketing_messages, and a broadcast recipient's own body.

// paramTypes are the attribute types of the typed send parameters, taken
// from the schema so that the test models match what Terraform passes.
func paramObjectType(t *testing.T, name string) types.ObjectType {
	t.Helper()
	switch typ := templateParamAttributes()[name].GetType().(type) {
	case types.ObjectType:
		return typ
	case types.ListType:
		return typ.ElemType.(types.ObjectType)
	}
	t.Fatalf("attribute %s is neither an object nor a list of objects", name)
	return types.ObjectType{}
}

func mustObject(t *testing.T, typ types.ObjectType, v any) types.Object {
	t.Helper()
	obj, diags := types.ObjectValueFrom(context.Background(), typ.AttrTypes, v)
	if diags.HasError() {
		t.Fatal(diags)
	}
	return obj
}

func mustList(t *testing.T, typ types.ObjectType, v any) types.List {
	t.Helper()
	l, diags := types.ListValueFrom(context.Background(), typ, v)
	if diags.HasError() {
		t.Fatal(diags)
	}
	return l
}

// emptyParams is a model with every optional part absent.
func emptyParams(t *testing.T) templateParamsModel {
	return templateParamsModel{
		TemplateName:           types.StringValue("spring_sale"),
		LanguageCode:           types.StringValue("en"),
		LanguagePolicy:         types.StringValue("deterministic"),
		Header:                 types.ObjectNull(paramObjectType(t, "header").AttrTypes),
		BodyParameters:         types.ListNull(paramObjectType(t, "body_parameters")),
		Buttons:                types.ListNull(paramObjectType(t, "buttons")),
		LimitedTimeOffer:       types.ObjectNull(paramObjectType(t, "limited_time_offer").AttrTypes),
		ComponentsJSON:         jsontypes.NewNormalizedNull(),
		MessageActivitySharing: types.BoolNull(),
		ProductPolicy:          types.StringNull(),
	}
}

func nullHeader() headerModel {
	return headerModel{Type: types.StringNull(), Text: types.StringNull(), ParameterName: types.StringNull(), Link: types.StringNull(),
		MediaID: types.StringNull(), Filename: types.StringNull(), Latitude: types.Float64Null(), Longitude: types.Float64Null(),
		Name: types.StringNull(), Address: types.StringNull()}
}

func textBody(t *testing.T, text string) bodyParameterModel {
	return bodyParameterModel{Text: types.StringValue(text), Currency: types.ObjectNull(currencyType(t).AttrTypes),
		DateTime: types.StringNull(), ParameterName: types.StringNull()}
}

func currencyType(t *testing.T) types.ObjectType {
	return paramObjectType(t, "body_parameters").AttrTypes["currency"].(types.ObjectType)
}

func nullButton(index int64, subType string) buttonModel {
	return buttonModel{Index: types.Int64Value(index), SubType: types.StringValue(subType), Text: types.StringNull(), Payload: types.StringNull(),
		CouponCode: types.StringNull(), FlowToken: types.StringNull(), FlowActionData: types.MapNull(types.StringType)}
}

func sendJSON(t *testing.T, p *templateParamsModel, to string) (string, *d360.MarketingMessage) {
	t.Helper()
	tmpl, diags := p.messageTemplate(context.Background())
	if diags.HasError() {
		t.Fatal(diags)
	}
	msg := marketingMessage(types.StringValue(to), types.StringNull(), tmpl, p)
	raw, err := json.Marshal(msg)
	if err != nil {
		t.Fatal(err)
	}
	return string(raw), msg
}

func TestSendBody(t *testing.T) {
	header := nullHeader()
	header.Type = types.StringValue("document")
	header.Link = types.StringValue("https://example.com/menu.pdf")
	header.Filename = types.StringValue("menu.pdf")
	imageHeader := nullHeader()
	imageHeader.Type, imageHeader.MediaID, imageHeader.Filename = types.StringValue("image"), types.StringValue("1234"), types.StringValue("dropped.png")
	textHeader := nullHeader()
	textHeader.Type, textHeader.Text, textHeader.ParameterName = types.StringValue("text"), types.StringValue("Maria"), types.StringValue("first_name")
	location := nullHeader()
	location.Type = types.StringValue("location")
	location.Latitude = types.Float64Value(52.52)
	location.Longitude = types.Float64Value(13.405)
	location.Name = types.StringValue("Shop")

	price := textBody(t, "")
	price.Text = types.StringNull()
	price.Currency = mustObject(
		t,
		currencyType(t),
		currencyModel{Code: types.StringValue("EUR"), Amount1000: types.Int64Value(12990), FallbackValue: types.StringValue("€12.99")},
	)
	date := textBody(t, "")
	date.Text, date.DateTime = types.StringNull(), types.StringValue("February 25, 1977")
	named := textBody(t, "Maria")
	named.ParameterName = types.StringValue("first_name")

	url, reply, coupon, flow := nullButton(0, "url"), nullButton(1, "quick_reply"), nullButton(2, "copy_code"), nullButton(3, "flow")
	url.Text = types.StringValue("summer")
	reply.Payload = types.StringValue("STOP")
	coupon.CouponCode = types.StringValue("SPRING25")
	flow.FlowToken = types.StringValue("tok")
	flow.FlowActionData = types.MapValueMust(types.StringType, map[string]attr.Value{"screen": types.StringValue("WELCOME")})

	tests := []struct {
		name string
		set  func(p *templateParamsModel)
		want string
	}{
		{
			name: "no parameters",
			set:  func(*templateParamsModel) {},
			want: `{"messaging_product":"","recipient_type":"","to":"4915112345678","type":"","template":{"name":"spring_sale",` +
				`"language":{"code":"en","policy":"deterministic"}}}`,
		},
		{
			name: "empty body list sends no body component",
			set: func(p *templateParamsModel) {
				p.BodyParameters = mustList(t, paramObjectType(t, "body_parameters"), []bodyParameterModel{})
			},
			want: `{"messaging_product":"","recipient_type":"","to":"4915112345678","type":"","template":{"name":"spring_sale",` +
				`"language":{"code":"en","policy":"deterministic"}}}`,
		},
		{
			name: "every typed part and the send options",
			set: func(p *templateParamsModel) {
				p.Header = mustObject(t, paramObjectType(t, "header"), header)
				p.BodyParameters = mustList(t, paramObjectType(t, "body_parameters"), []bodyParameterModel{textBody(t, "Maria"), price, date})
				p.Buttons = mustList(t, paramObjectType(t, "buttons"), []buttonModel{url, reply, coupon, flow})
				p.LimitedTimeOffer = mustObject(
					t,
					paramObjectType(t, "limited_time_offer"),
					limitedTimeOfferModel{ExpirationTimeMS: types.Int64Value(1767225600000)},
				)
				p.MessageActivitySharing, p.ProductPolicy = types.BoolValue(false), types.StringValue("STRICT")
			},
			want: `{"messaging_product":"","recipient_type":"","to":"4915112345678","type":"","template":{"name":"spring_sale",` +
				`"language":{"code":"en","policy":"deterministic"},"components":[` +
				`{"type":"header","parameters":[{"type":"document","document":{"link":"https://example.com/menu.pdf","filename":"menu.pdf"}}]},` +
				`{"type":"body","parameters":[{"type":"text","text":"Maria"},{"type":"currency","currency":{"fallback_value":"€12.99","code":"EUR",` +
				`"amount_1000":12990}},{"type":"date_time","date_time":{"fallback_value":"February 25, 1977"}}]},` +
				`{"type":"button","sub_type":"url","index":"0","parameters":[{"type":"text","text":"summer"}]},` +
				`{"type":"button","sub_type":"quick_reply","index":"1","parameters":[{"type":"payload","payload":"STOP"}]},` +
				`{"type":"button","sub_type":"copy_code","index":"2","parameters":[{"type":"coupon_code","coupon_code":"SPRING25"}]},` +
				`{"type":"button","sub_type":"flow","index":"3","parameters":[{"type":"action","action":{"flow_token":"tok",` +
				`"flow_action_data":{"screen":"WELCOME"}}}]},` +
				`{"type":"limited_time_offer","parameters":[{"type":"limited_time_offer","limited_time_offer":{"expiration_time_ms":1767225600000}}]}]},` +
				`"message_activity_sharing":false,"product_policy":"STRICT"}`,
		},
		{
			// Meta's image and video parameters have no filename.
			name: "image header drops the filename",
			set:  func(p *templateParamsModel) { p.Header = mustObject(t, paramObjectType(t, "header"), imageHeader) },
			want: `{"messaging_product":"","recipient_type":"","to":"4915112345678","type":"","template":{"name":"spring_sale",` +
				`"language":{"code":"en","policy":"deterministic"},"components":[` +
				`{"type":"header","parameters":[{"type":"image","image":{"id":"1234"}}]}]}}`,
		},
		{
			name: "named text parameters",
			set: func(p *templateParamsModel) {
				p.Header = mustObject(t, paramObjectType(t, "header"), textHeader)
				p.BodyParameters = mustList(t, paramObjectType(t, "body_parameters"), []bodyParameterModel{named})
			},
			want: `{"messaging_product":"","recipient_type":"","to":"4915112345678","type":"","template":{"name":"spring_sale",` +
				`"language":{"code":"en","policy":"deterministic"},"components":[` +
				`{"type":"header","parameters":[{"type":"text","parameter_name":"first_name","text":"Maria"}]},` +
				`{"type":"body","parameters":[{"type":"text","parameter_name":"first_name","text":"Maria"}]}]}}`,
		},
		{
			name: "location header",
			set:  func(p *templateParamsModel) { p.Header = mustObject(t, paramObjectType(t, "header"), location) },
			want: `{"messaging_product":"","recipient_type":"","to":"4915112345678","type":"","template":{"name":"spring_sale",` +
				`"language":{"code":"en","policy":"deterministic"},"components":[` +
				`{"type":"header","parameters":[{"type":"location","location":{"latitude":52.52,"longitude":13.405,"name":"Shop"}}]}]}}`,
		},
		{
			name: "components_json is sent verbatim",
			set: func(p *templateParamsModel) {
				p.ComponentsJSON = jsontypes.NewNormalizedValue(`[{"type":"carousel","cards":[]}]`)
			},
			want: `{"messaging_product":"","recipient_type":"","to":"4915112345678","type":"","template":{"name":"spring_sale",` +
				`"language":{"code":"en","policy":"deterministic"},"components":[{"type":"carousel","cards":[]}]}}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := emptyParams(t)
			tt.set(&p)
			got, _ := sendJSON(t, &p, "4915112345678")
			if got != tt.want {
				t.Errorf("send body =\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

// A business-scoped user id goes in recipient; the options left unset are
// left out of the body (nil pointers, empty policy).
func TestMarketingMessageRecipient(t *testing.T) {
	p := emptyParams(t)
	tmpl, _ := p.messageTemplate(context.Background())
	got := marketingMessage(types.StringNull(), types.StringValue("US.13491208655302741918"), tmpl, &p)
	want := &d360.MarketingMessage{Recipient: "US.13491208655302741918", Template: d360.MessageTemplate{
		Name: "spring_sale", Language: d360.TemplateLanguage{Code: "en", Policy: "deterministic"}}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("marketingMessage() = %#v, want %#v", got, want)
	}
}

func TestWithBodyOverride(t *testing.T) {
	header := d360.MessageComponent{Type: "header", Parameters: []d360.Parameter{{Type: "image", Image: &d360.Media{Link: "https://example.com/a.png"}}}}
	sharedBody := d360.MessageComponent{Type: "body", Parameters: []d360.Parameter{
		{Type: "currency", Currency: &d360.Currency{Code: "EUR", Amount1000: 1000, FallbackValue: "€1"}}, {Type: "text", Text: "all"}}}
	button := d360.MessageComponent{Type: "button", SubType: "url", Index: "0", Parameters: []d360.Parameter{{Type: "text", Text: "x"}}}
	own := d360.MessageComponent{Type: "body", Parameters: []d360.Parameter{{Type: "text", Text: "Maria"}, {Type: "text", Text: "20%"}}}
	base := func(cs ...d360.MessageComponent) d360.MessageTemplate {
		return d360.MessageTemplate{Name: "spring_sale", Language: d360.TemplateLanguage{Code: "en", Policy: "deterministic"}, Components: cs}
	}
	tests := []struct {
		name  string
		tmpl  d360.MessageTemplate
		texts []string
		want  d360.MessageTemplate
	}{
		{name: "no override keeps the shared body", tmpl: base(header, sharedBody, button), texts: nil, want: base(header, sharedBody, button)},
		{name: "replaces the body in place", tmpl: base(header, sharedBody, button), texts: []string{"Maria", "20%"}, want: base(header, own, button)},
		{name: "adds a body when the shared send has none", tmpl: base(header, button), texts: []string{"Maria", "20%"}, want: base(header, button, own)},
		{name: "adds a body to a send without components", tmpl: base(), texts: []string{"Maria", "20%"}, want: base(own)},
		{
			name:  "an empty list sends no body, as body_parameters = [] does",
			tmpl:  base(header, sharedBody, button),
			texts: []string{},
			want:  base(header, button),
		},
		{name: "a NAMED template's texts take the shared parameter names in order",
			tmpl: base(d360.MessageComponent{Type: "body", Parameters: []d360.Parameter{
				{Type: "text", ParameterName: "first_name", Text: "all"}, {Type: "text", ParameterName: "discount", Text: "10%"}}}),
			texts: []string{"Maria", "20%"},
			want: base(d360.MessageComponent{Type: "body", Parameters: []d360.Parameter{
				{Type: "text", ParameterName: "first_name", Text: "Maria"}, {Type: "text", ParameterName: "discount", Text: "20%"}}})},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			snapshot, _ := json.Marshal(tt.tmpl)
			got := withBodyOverride(tt.tmpl, tt.texts)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("withBodyOverride() = %#v\nwant %#v", got, tt.want)
			}
			// The shared template is used by every worker of a broadcast
			// at once: an override must never write into it.
			if after, _ := json.Marshal(tt.tmpl); string(after) != string(snapshot) {
				t.Errorf("withBodyOverride changed the shared template: %#v", tt.tmpl.Components)
			}
		})
	}
}
