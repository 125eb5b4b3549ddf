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

func TestMaxPriceMapping(t *testing.T) {
	lowest := d360.BidStrategyLowestCostWithBidCap
	tests := []struct {
		api   *d360.MaxPrice
		state string
		back  *d360.MaxPrice // what apiMaxPrice sends for that state
	}{
		{api: nil, state: "<null>", back: nil},
		// Meta marks bid_strategy required with one value, so an answer
		// without it reads as that value, and it is sent from then on.
		{api: &d360.MaxPrice{BidAmount: 2500}, state: `{"bid_amount":2500,"bid_strategy":"LOWEST_COST_WITH_BID_CAP"}`,
			back: &d360.MaxPrice{BidAmount: 2500, BidStrategy: lowest}},
		{api: &d360.MaxPrice{BidAmount: 87000, BidStrategy: lowest}, state: `{"bid_amount":87000,"bid_strategy":"LOWEST_COST_WITH_BID_CAP"}`,
			back: &d360.MaxPrice{BidAmount: 87000, BidStrategy: lowest}},
	}
	for _, tt := range tests {
		v := maxPriceValue(tt.api)
		if v.String() != tt.state {
			t.Errorf("maxPriceValue(%+v) = %s, want %s", tt.api, v, tt.state)
		}
		var diags diag.Diagnostics
		if back := apiMaxPrice(context.Background(), v, &diags); diags.HasError() || !reflect.DeepEqual(back, tt.back) {
			t.Errorf("apiMaxPrice(maxPriceValue(%+v)) = %+v (%v), want %+v", tt.api, back, diags, tt.back)
		}
	}
	if got := apiMaxPrice(context.Background(), types.ObjectUnknown(maxPriceAttrTypes), nil); got != nil {
		t.Errorf("apiMaxPrice(unknown) = %+v, want nil", got)
	}
}

// After an import, Read fills the content from the API; otherwise the
// configured content is kept.
func TestFillTemplateContent(t *testing.T) {
	ttl := int64(86400)
	api := &d360.Template{Name: "spring_sale", Language: "en", Category: "marketing", MessageSendTTLSeconds: &ttl,
		OptimizationSpec: &d360.MaxPrice{BidAmount: 2500},
		Components:       []d360.TemplateComponent{{Type: "BODY", Text: "Spring sale"}, {Type: "FOOTER", Text: "STOP"}}}
	compType := templateComponentsAttribute().GetType().(types.ObjectType)
	imported := func() *templateModel {
		return &templateModel{Components: types.ObjectNull(compType.AttrTypes), ComponentsJSON: jsontypes.NewNormalizedNull(),
			MaxPrice: types.ObjectNull(maxPriceAttrTypes), MessageSendTTLSeconds: types.Int64Null()}
	}

	m := imported()
	var diags diag.Diagnostics
	fillTemplateContent(context.Background(), m, api, &diags)
	if diags.HasError() {
		t.Fatal(diags)
	}
	wantComponents := componentsObject(t, componentsRead{Body: bodyRead{Text: "Spring sale"}, Footer: sp("STOP")})
	if m.Category.ValueString() != "MARKETING" || m.ParameterFormat.ValueString() != "POSITIONAL" || m.MessageSendTTLSeconds.ValueInt64() != ttl ||
		!m.MaxPrice.Equal(maxPriceValue(api.OptimizationSpec)) || !m.Components.Equal(wantComponents) || !m.ComponentsJSON.IsNull() {
		t.Errorf("after import: category %v, format %v, ttl %v, max price %v, components %v, components_json %v",
			m.Category, m.ParameterFormat, m.MessageSendTTLSeconds, m.MaxPrice, m.Components, m.ComponentsJSON)
	}

	// What the typed attributes cannot hold is kept as the API's JSON.
	raw := `[{"type":"BODY","text":"x"},{"type":"CAROUSEL","cards":[]}]`
	carousel := &d360.Template{
		Category:         "MARKETING",
		ParameterFormat:  "named",
		RawComponents:    []byte(raw),
		OptimizationSpec: &d360.MaxPrice{BidAmount: 2500},
		Components:       []d360.TemplateComponent{{Type: "BODY", Text: "x"}, {Type: "CAROUSEL"}},
	}
	m = imported()
	fillTemplateContent(context.Background(), m, carousel, &diags)
	if !m.Components.IsNull() || m.ComponentsJSON.ValueString() != raw || m.ParameterFormat.ValueString() != "NAMED" {
		t.Errorf("untypable: components %v, components_json %v, format %v", m.Components, m.ComponentsJSON, m.ParameterFormat)
	}

	// Not an import: the configured content and max price stay.
	configured := componentsObject(t, componentsRead{Body: bodyRead{Text: "Spring sale"}, Footer: sp("STOP")})
	m = &templateModel{Category: types.StringValue("MARKETING"), ParameterFormat: types.StringValue("POSITIONAL"), Components: configured,
		ComponentsJSON: jsontypes.NewNormalizedNull(), MaxPrice: types.ObjectNull(maxPriceAttrTypes), MessageSendTTLSeconds: types.Int64Null()}
	fillTemplateContent(context.Background(), m, carousel, &diags)
	if !m.Components.Equal(configured) || !m.ComponentsJSON.IsNull() || !m.MaxPrice.IsNull() || m.ParameterFormat.ValueString() != "POSITIONAL" {
		t.Errorf(
			"configured content changed: components %v, components_json %v, max price %v, format %v",
			m.Components,
			m.ComponentsJSON,
			m.MaxPrice,
			m.ParameterFormat,
		)
	}
}

// d360_templates tells how many parameters a send must give; the counts
// come from d360.PlaceholderCounts and are mapped here.
func TestTemplateEntryFromAPI(t *testing.T) {
	tests := []struct {
		name                  string
		components            []d360.TemplateComponent
		header, body, buttons int64
	}{
		{name: "none", components: []d360.TemplateComponent{{Type: "BODY", Text: "Spring sale"}}},
		{name: "text header variable, repeated body variable, one dynamic URL", components: []d360.TemplateComponent{
			{Type: "HEADER", Format: "TEXT", Text: "Hi {{1}}"},
			{Type: "BODY", Text: "{{1}}, {{2}} off, {{1}}!"},
			{
				Type: "BUTTONS",
				Buttons: []d360.TemplateButton{
					{Type: "QUICK_REPLY", Text: "Stop"},
					{Type: "URL", URL: "https://e.com/{{1}}"},
					{Type: "URL", URL: "https://e.com/"},
				},
			},
		}, header: 1, body: 2, buttons: 1},
		{
			name:       "static text header",
			components: []d360.TemplateComponent{{Type: "HEADER", Format: "TEXT", Text: "Sale"}, {Type: "BODY", Text: "{{ 1 }}"}},
			body:       1,
		},
		{
			name:       "media header, named body",
			components: []d360.TemplateComponent{{Type: "header", Format: "IMAGE"}, {Type: "body", Text: "{{first_name}} {{code}}"}},
			header:     1,
			body:       2,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tmpl := &d360.Template{ID: "t1", Name: "spring_sale", Language: "en", Category: "marketing", Status: "approved",
				Namespace: "ns", QualityScore: d360.QualityScore{Score: "GREEN"}, Components: tt.components}
			components, _ := json.Marshal(tt.components)
			want := templateEntry{ID: types.StringValue("t1"), Name: types.StringValue("spring_sale"), Language: types.StringValue("en"),
				Category: types.StringValue("MARKETING"), Status: types.StringValue("APPROVED"), RejectedReason: types.StringNull(),
				QualityScore: types.StringValue("GREEN"), Namespace: types.StringValue("ns"), ComponentsJSON: types.StringValue(string(components)),
				HeaderPlaceholders: types.Int64Value(tt.header), BodyPlaceholders: types.Int64Value(tt.body), URLButtonPlaceholders: types.Int64Value(tt.buttons)}
			if got := templateEntryFromAPI(tmpl); !reflect.DeepEqual(got, want) {
				t.Errorf("templateEntryFromAPI() =\n%+v\nwant\n%+v", got, want)
			}
		})
	}
}
