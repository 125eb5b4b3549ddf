package provider

import (
	"context"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/d360-tf/terraform-provider-d360/internal/d360"
)

// Unit tests of the mapping between d360.Template and the d360_template
// model: the create body, the typed reading after an import, the max price,
// and the d360_templates entries with their placeholder counts.

func sp(s string) *string { return &s }

func componentsObject(t *testing.T, c componentsRead) types.Object {
	t.Helper()
	return mustObject(t, templateComponentsAttribute().GetType().(types.ObjectType), c)
}

func TestTypedComponents(t *testing.T) {
	tests := []struct {
		name string
		in   []d360.TemplateComponent
		want componentsRead
		ok   bool
	}{
		{
			name: "every typed part, types upper-cased",
			in: []d360.TemplateComponent{
				{Type: "header", Format: "text", Text: "Hi {{1}}", Example: &d360.TemplateExample{HeaderText: []string{"Maria"}}},
				{Type: "BODY", Text: "{{1}} off until {{2}}", Example: &d360.TemplateExample{BodyText: [][]string{{"25%", "Sunday"}}}},
				{Type: "FOOTER", Text: "Reply STOP to opt out"},
				{Type: "BUTTONS", Buttons: []d360.TemplateButton{
					{Type: "url", Text: "Shop", URL: "https://example.com/{{1}}", Example: d360.ButtonExample{"https://example.com/summer"}},
					{Type: "COPY_CODE", Example: d360.ButtonExample{"SPRING25"}},
					{Type: "QUICK_REPLY", Text: "Stop"},
					{Type: "PHONE_NUMBER", Text: "Call", PhoneNumber: "+4930123456"},
					{Type: "FLOW", Text: "Book", FlowID: "123"},
				}},
			},
			want: componentsRead{
				Header: &headerRead{Format: "TEXT", Text: sp("Hi {{1}}"), Example: sp("Maria")},
				Body:   bodyRead{Text: "{{1}} off until {{2}}", Examples: []string{"25%", "Sunday"}},
				Footer: sp("Reply STOP to opt out"),
				Buttons: []buttonRead{
					{Type: "URL", Text: sp("Shop"), URL: sp("https://example.com/{{1}}"), URLExample: sp("https://example.com/summer")},
					{Type: "COPY_CODE", CodeExample: sp("SPRING25")},
					{Type: "QUICK_REPLY", Text: sp("Stop")},
					{Type: "PHONE_NUMBER", Text: sp("Call"), PhoneNumber: sp("+4930123456")},
					{Type: "FLOW", Text: sp("Book"), FlowID: sp("123")},
				},
			},
			ok: true,
		},
		{
			name: "body only, named examples, media header without format text",
			in: []d360.TemplateComponent{
				{Type: "HEADER", Format: "image", Example: &d360.TemplateExample{HeaderHandle: []string{"4::aW1n"}}},
				{
					Type:    "BODY",
					Text:    "Hi {{first_name}}",
					Example: &d360.TemplateExample{BodyTextNamedParams: []d360.NamedParamValue{{ParamName: "first_name", Example: "Maria"}}},
				},
			},
			want: componentsRead{
				Header: &headerRead{Format: "IMAGE", ExampleHandle: sp("4::aW1n")},
				Body:   bodyRead{Text: "Hi {{first_name}}", NamedExamples: map[string]string{"first_name": "Maria"}},
			},
			ok: true,
		},
		{
			name: "header without format is a text header",
			in:   []d360.TemplateComponent{{Type: "HEADER", Text: "Sale"}, {Type: "BODY", Text: "Now"}},
			want: componentsRead{Header: &headerRead{Format: "TEXT", Text: sp("Sale")}, Body: bodyRead{Text: "Now"}},
			ok:   true,
		},
		{name: "no body", in: []d360.TemplateComponent{{Type: "FOOTER", Text: "x"}}},
		{name: "two bodies", in: []d360.TemplateComponent{{Type: "BODY", Text: "a"}, {Type: "body", Text: "b"}}},
		{name: "untyped kind", in: []d360.TemplateComponent{{Type: "BODY", Text: "a"}, {Type: "LIMITED_TIME_OFFER"}}},
		{name: "carousel", in: []d360.TemplateComponent{{Type: "BODY", Text: "a"}, {Type: "CAROUSEL"}}},
		{
			name: "two header examples",
			in: []d360.TemplateComponent{
				{Type: "HEADER", Text: "{{1}}", Example: &d360.TemplateExample{HeaderText: []string{"a", "b"}}},
				{Type: "BODY", Text: "a"},
			},
		},
		{
			name: "named header example",
			in: []d360.TemplateComponent{
				{Type: "HEADER", Text: "{{n}}", Example: &d360.TemplateExample{HeaderTextNamedParam: []d360.NamedParamValue{{ParamName: "n", Example: "x"}}}},
				{Type: "BODY", Text: "a"},
			},
		},
		{
			name: "body example on the header",
			in: []d360.TemplateComponent{
				{Type: "HEADER", Text: "x", Example: &d360.TemplateExample{BodyText: [][]string{{"a"}}}},
				{Type: "BODY", Text: "a"},
			},
		},
		{
			name: "two body example rows",
			in:   []d360.TemplateComponent{{Type: "BODY", Text: "{{1}}", Example: &d360.TemplateExample{BodyText: [][]string{{"a"}, {"b"}}}}},
		},
		{
			name: "header example on the body",
			in:   []d360.TemplateComponent{{Type: "BODY", Text: "a", Example: &d360.TemplateExample{HeaderText: []string{"x"}}}},
		},
		{
			name: "two button examples",
			in: []d360.TemplateComponent{
				{Type: "BODY", Text: "a"},
				{Type: "BUTTONS", Buttons: []d360.TemplateButton{{Type: "URL", Example: d360.ButtonExample{"a", "b"}}}},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := typedComponents(tt.in)
			if ok != tt.ok {
				t.Fatalf("typedComponents() ok = %v, want %v (got %#v)", ok, tt.ok, got)
			}
			if ok && !reflect.DeepEqual(got, tt.want) {
				t.Errorf("typedComponents() =\n%#v\nwant\n%#v", got, tt.want)
			}
		})
	}
}

// What apiTemplate sends must read back through typedComponents as the same
// configuration, or an imported template would plan a replacement.
func TestTemplateContentRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		in   componentsRead
		want string // the create body's components
	}{
		{
			name: "body only",
			in:   componentsRead{Body: bodyRead{Text: "Spring sale"}},
			want: `[{"type":"BODY","text":"Spring sale"}]`,
		},
		{
			name: "every typed part",
			in: componentsRead{
				Header: &headerRead{Format: "TEXT", Text: sp("Hi {{1}}"), Example: sp("Maria")},
				Body:   bodyRead{Text: "{{1}} off", Examples: []string{"25%"}},
				Footer: sp("Reply STOP"),
				Buttons: []buttonRead{
					{Type: "URL", Text: sp("Shop"), URL: sp("https://example.com/{{1}}"), URLExample: sp("https://example.com/s")},
					{Type: "COPY_CODE", CodeExample: sp("SPRING25")},
					{Type: "PHONE_NUMBER", Text: sp("Call"), PhoneNumber: sp("+4930123456")},
					{Type: "FLOW", Text: sp("Book"), FlowID: sp("123")},
				},
			},
			want: `[{"type":"HEADER","format":"TEXT","text":"Hi {{1}}","example":{"header_text":["Maria"]}},` +
				`{"type":"BODY","text":"{{1}} off","example":{"body_text":[["25%"]]}},` +
				`{"type":"FOOTER","text":"Reply STOP"},` +
				`{"type":"BUTTONS","buttons":[{"type":"URL","text":"Shop","url":"https://example.com/{{1}}","example":["https://example.com/s"]},` +
				`{"type":"COPY_CODE","example":"SPRING25"},{"type":"PHONE_NUMBER","text":"Call","phone_number":"+4930123456"},{"type":"FLOW",` +
				`"text":"Book","flow_id":"123"}]}]`,
		},
		{
			name: "media header, named examples sorted by name",
			in: componentsRead{
				Header: &headerRead{Format: "IMAGE", ExampleHandle: sp("4::aW1n")},
				Body:   bodyRead{Text: "{{b}} {{a}}", NamedExamples: map[string]string{"b": "2", "a": "1"}},
			},
			want: `[{"type":"HEADER","format":"IMAGE","example":{"header_handle":["4::aW1n"]}},` +
				`{"type":"BODY","text":"{{b}} {{a}}","example":{"body_text_named_params":[{"param_name":"a","example":"1"},{"param_name":"b","example":"2"}]}}]`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := &templateModel{Name: types.StringValue("spring_sale"), Language: types.StringValue("en"), Category: types.StringValue("MARKETING"),
				ParameterFormat: types.StringValue("POSITIONAL"), Components: componentsObject(t, tt.in), ComponentsJSON: jsontypes.NewNormalizedNull(),
				MaxPrice: types.ObjectNull(maxPriceAttrTypes)}
			var diags diag.Diagnostics
			tmpl, ok := (&templateResource{}).apiTemplate(context.Background(), m, &diags)
			if !ok || diags.HasError() {
				t.Fatal(diags)
			}
			if got, _ := json.Marshal(tmpl.Components); string(got) != tt.want {
				t.Errorf("create components =\n%s\nwant\n%s", got, tt.want)
			}
			back, ok := typedComponents(tmpl.Components)
			if !ok || !reflect.DeepEqual(back, tt.in) {
				t.Errorf("read back (ok=%v) =\n%#v\nwant\n%#v", ok, back, tt.in)
			}
		})
	}
}

func TestTemplateCreateBody(t *testing.T) {
	ttl := int64(43200)
	m := &templateModel{Name: types.StringValue("carousel_sale"), Language: types.StringValue("de"), Category: types.StringValue("MARKETING"),
		ParameterFormat: types.StringValue("NAMED"), AllowCategoryChange: types.BoolValue(true), MessageSendTTLSeconds: types.Int64Value(ttl),
		Components: types.ObjectNull(templateComponentsAttribute().GetType().(types.ObjectType).AttrTypes),
		// components_json is sent as written, CAROUSEL included
		// (encoding/json compacts the whitespace).
		ComponentsJSON: jsontypes.NewNormalizedValue(`[{"type":"BODY", "text":"x"},{"type":"CAROUSEL","cards":[]}]`),
		MaxPrice:       maxPriceValue(&d360.MaxPrice{BidAmount: 87000}),
	}
	var diags diag.Diagnostics
	tmpl, ok := (&templateResource{}).apiTemplate(context.Background(), m, &diags)
	if !ok || diags.HasError() {
		t.Fatal(diags)
	}
	got, _ := json.Marshal(tmpl)
	want := `{"name":"carousel_sale","language":"de","category":"MARKETING","parameter_format":"NAMED","message_send_ttl_seconds":43200,` +
		`"allow_category_change":true,"optimization_spec":{"bid_amount":87000,"bid_strategy":"LOWEST_COST_WITH_BID_CAP"},` +
		`"components":[{"type":"BODY","text":"x"},{"type":"CAROUSEL","cards":[]}]}`
	if string(got) != want {
		t.Errorf("create body =\n%s\nwant\n%s", got, want)
	}

	m.ComponentsJSON = jsontypes.NewNormalizedValue(`{"type":"BODY"}`)
	diags = nil
	if _, ok := (&templateResource{}).apiTemplate(context.Background(), m, &diags); ok || diags.ErrorsCount() != 1 ||
		diags[0].Summary() != "Invalid components JSON" {
		t.Errorf("components_json that is not an array: ok=%v, diags %v", ok, diags)
	}
}
