package d360

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

func pvText(v string) Parameter { return Parameter{Type: "text", Text: v} }

func pvNamed(name, v string) Parameter {
	return Parameter{Type: "text", ParameterName: name, Text: v}
}

func pvBody(params ...Parameter) MessageComponent {
	return MessageComponent{Type: "body", Parameters: params}
}

func pvHeader(p Parameter) MessageComponent {
	return MessageComponent{Type: "header", Parameters: []Parameter{p}}
}

func pvButton(subType, index string, p Parameter) MessageComponent {
	return MessageComponent{Type: "button", SubType: subType, Index: index, Parameters: []Parameter{p}}
}

func pvTmpl(format string, comps ...TemplateComponent) *Template {
	return &Template{Name: "t", Language: "en", Category: "MARKETING", Status: "approved", ParameterFormat: format, Components: comps}
}

func TestRenderPreview(t *testing.T) {
	springSale := pvTmpl("",
		TemplateComponent{Type: "HEADER", Format: "TEXT", Text: "Spring sale for {{1}}"},
		TemplateComponent{Type: "BODY", Text: "Hi {{1}}, {{2}} off everything. Only {{3}} until {{4}}."},
		TemplateComponent{Type: "FOOTER", Text: "Reply STOP to opt out"},
		TemplateComponent{Type: "BUTTONS", Buttons: []TemplateButton{
			{Type: "URL", Text: "Shop now", URL: "https://shop.example.com/sale/{{1}}"},
			{Type: "QUICK_REPLY", Text: "Stop promotions"},
			{Type: "PHONE_NUMBER", Text: "Call us", PhoneNumber: "+15550783881"},
			{Type: "URL", Text: "Terms", URL: "https://shop.example.com/terms"},
		}},
	)
	springSend := []MessageComponent{
		pvHeader(pvText("Ann")),
		pvBody(pvText("Ann"), pvText("20%"),
			Parameter{Type: "currency", Currency: &Currency{FallbackValue: "$10.99", Code: "USD", Amount1000: 10990}},
			Parameter{Type: "date_time", DateTime: &DateTime{FallbackValue: "May 1, 2026"}}),
		pvButton("url", "0", pvText("spring?ref=ann")),
	}
	media := func(format string) *Template {
		return pvTmpl("", TemplateComponent{Type: "HEADER", Format: format}, TemplateComponent{Type: "BODY", Text: "New in."})
	}
	for _, tc := range []struct {
		name  string
		tpl   *Template
		comps []MessageComponent
		want  string
	}{
		{"text header, positional body with currency and date_time, footer, buttons", springSale, springSend,
			"Spring sale for Ann\n\nHi Ann, 20% off everything. Only $10.99 until May 1, 2026.\n\nReply STOP to opt out\n\n" +
				"[Shop now] → https://shop.example.com/sale/spring?ref=ann\n[Stop promotions]\n[Call us] → +15550783881\n[Terms] → https://shop.example.com/terms"},
		{"no variables", pvTmpl("", TemplateComponent{Type: "BODY", Text: "Our new collection is here."}), nil,
			"Our new collection is here."},
		{"named body and header", pvTmpl("NAMED",
			TemplateComponent{Type: "HEADER", Format: "TEXT", Text: "Hello {{first_name}}"},
			TemplateComponent{Type: "BODY", Text: "{{first_name}}, your code {{ code }} saves {{discount}}."}),
			[]MessageComponent{pvHeader(pvNamed("first_name", "Ann")),
				pvBody(pvNamed("discount", "25%"), pvNamed("code", "SPRING25"), pvNamed("first_name", "Ann"))},
			"Hello Ann\n\nAnn, your code SPRING25 saves 25%."},
		{"positional placeholders out of order and repeated", pvTmpl("POSITIONAL",
			TemplateComponent{Type: "BODY", Text: "{{2}} then {{1}} and {{2}} again"}),
			[]MessageComponent{pvBody(pvText("one"), pvText("two"))},
			"two then one and two again"},
		{"a value that looks like a placeholder is not replaced again", pvTmpl("",
			TemplateComponent{Type: "BODY", Text: "{{1}} {{2}}"}),
			[]MessageComponent{pvBody(pvText("{{2}}"), pvText("x"))},
			"{{2}} x"},
		{"image by link", media("IMAGE"), []MessageComponent{pvHeader(Parameter{Type: "image", Image: &Media{Link: "https://cdn.example.com/a.png"}})},
			"[image: https://cdn.example.com/a.png]\n\nNew in."},
		{"video by media id", media("VIDEO"), []MessageComponent{pvHeader(Parameter{Type: "video", Video: &Media{ID: "1234567890"}})},
			"[video: 1234567890]\n\nNew in."},
		{"document with filename", media("DOCUMENT"), []MessageComponent{pvHeader(Parameter{Type: "document", Document: &Media{Link: "https://cdn.example.com/c.pdf", Filename: "catalog.pdf"}})},
			"[document: https://cdn.example.com/c.pdf, catalog.pdf]\n\nNew in."},
		{"location with name and address", media("LOCATION"), []MessageComponent{pvHeader(Parameter{Type: "location", Location: &Location{Latitude: 52.52, Longitude: 13.405, Name: "Shop", Address: "Main St 1"}})},
			"[location: Shop, Main St 1]\n\nNew in."},
		{"location without name shows coordinates", media("LOCATION"), []MessageComponent{pvHeader(Parameter{Type: "location", Location: &Location{Latitude: 52.52, Longitude: -13.405}})},
			"[location: 52.52, -13.405]\n\nNew in."},
		{"limited-time offer with copy code and URL", &Template{Name: "lto", Language: "en", RawComponents: json.RawMessage(`[
			{"type":"HEADER","format":"IMAGE"},
			{"type":"LIMITED_TIME_OFFER","limited_time_offer":{"text":"Expiring offer!","has_expiration":true}},
			{"type":"BODY","text":"Good news, {{1}}! Use code {{2}}."},
			{"type":"BUTTONS","buttons":[{"type":"COPY_CODE","example":"SPRING25"},{"type":"URL","text":"Book now!","url":"https://x.example/{{1}}","example":["https://x.example/a"]}]}]`)},
			[]MessageComponent{pvHeader(Parameter{Type: "image", Image: &Media{ID: "42"}}),
				{Type: "limited_time_offer", Parameters: []Parameter{{Type: "limited_time_offer", LimitedTimeOffer: &LimitedTimeOffer{ExpirationTimeMS: 1777636800000}}}},
				pvBody(pvText("Ann"), pvText("SPRING25")),
				pvButton("copy_code", "0", Parameter{Type: "coupon_code", CouponCode: "SPRING25"}),
				pvButton("url", "1", pvText("a?c=SPRING25"))},
			"[image: 42]\n\n[offer: Expiring offer!, expires 2026-05-01 12:00 UTC]\n\nGood news, Ann! Use code SPRING25.\n\n" +
				"[Copy offer code] → SPRING25\n[Book now!] → https://x.example/a?c=SPRING25"},
		{"limited-time offer without an expiry", &Template{Name: "lto", Language: "en", RawComponents: json.RawMessage(`[
			{"type":"LIMITED_TIME_OFFER","limited_time_offer":{"text":"Today only","has_expiration":false}},
			{"type":"BODY","text":"Hi."}]`)}, nil,
			"[offer: Today only]\n\nHi."},
		{"flow and other buttons show their label", pvTmpl("",
			TemplateComponent{Type: "BODY", Text: "Pick."},
			TemplateComponent{Type: "BUTTONS", Buttons: []TemplateButton{{Type: "FLOW", Text: "Book a table", FlowID: "9"}, {Type: "VOICE_CALL", Text: "Call"}, {Type: "CATALOG"}}}),
			[]MessageComponent{pvButton("flow", "0", Parameter{Type: "action", Action: &FlowAction{FlowToken: "tok"}})},
			"Pick.\n\n[Book a table]\n[Call]\n[catalog]"},
		{"carousel read back as raw JSON", &Template{Name: "c", Language: "en", RawComponents: json.RawMessage(`[
			{"type":"BODY","text":"Our picks for {{1}}"},
			{"type":"CAROUSEL","cards":[{"components":[{"type":"HEADER","format":"IMAGE"}]},{"components":[{"type":"HEADER","format":"IMAGE"}]}]}]`)},
			[]MessageComponent{pvBody(pvText("you"))},
			"Our picks for you\n\n[carousel: 2 cards]"},
		{"carousel known only by type", pvTmpl("", TemplateComponent{Type: "CAROUSEL"}), nil, "[carousel]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := RenderPreview(tc.tpl, &MessageTemplate{Name: tc.tpl.Name, Language: TemplateLanguage{Code: "en"}, Components: tc.comps})
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Fatalf("got\n%s\nwant\n%s", got, tc.want)
			}
			again, _ := RenderPreview(tc.tpl, &MessageTemplate{Components: tc.comps})
			if again != got {
				t.Fatalf("not deterministic: %q then %q", got, again)
			}
		})
	}
}

// A template read back from the API keeps its components as raw JSON, and a
// send built with the components_json escape hatch carries raw components;
// both render like the typed forms.
func TestRenderPreviewFromAPIRead(t *testing.T) {
	raw := `{"name":"spring_sale","language":"en","category":"MARKETING","status":"approved","components":[
	  {"type":"HEADER","format":"TEXT","text":"Spring sale"},
	  {"type":"BODY","text":"Hi {{1}}, {{2}} off everything until Sunday.","example":{"body_text":[["Peter","20%"]]}},
	  {"type":"FOOTER","text":"Reply STOP to opt out"},
	  {"type":"BUTTONS","buttons":[{"type":"URL","text":"Shop now","url":"https://shop.example.com/sale/{{1}}","example":["https://shop.example.com/sale/spring"]}]}]}`
	var tpl Template
	if err := json.Unmarshal([]byte(raw), &tpl); err != nil {
		t.Fatal(err)
	}
	if len(tpl.RawComponents) == 0 {
		t.Fatal("the read keeps no raw components")
	}
	send := &MessageTemplate{Name: "spring_sale", RawComponents: json.RawMessage(`[
	  {"type":"body","parameters":[{"type":"text","text":"Ann"},{"type":"text","text":"30%"}]},
	  {"type":"button","sub_type":"url","index":0,"parameters":[{"type":"text","text":"ann"}]}]`)}
	got, err := RenderPreview(&tpl, send)
	if err != nil {
		t.Fatal(err)
	}
	want := "Spring sale\n\nHi Ann, 30% off everything until Sunday.\n\nReply STOP to opt out\n\n[Shop now] → https://shop.example.com/sale/ann"
	if got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
}

func TestRenderPreviewMissingParameters(t *testing.T) {
	body2 := pvTmpl("", TemplateComponent{Type: "BODY", Text: "Hi {{1}}, {{2}} off."})
	named := pvTmpl("NAMED", TemplateComponent{Type: "BODY", Text: "Hi {{first_name}}"})
	urlBtn := pvTmpl("", TemplateComponent{Type: "BUTTONS", Buttons: []TemplateButton{{Type: "URL", Text: "Go", URL: "https://x.example/{{1}}"}}})
	copyCode := pvTmpl("", TemplateComponent{Type: "BUTTONS", Buttons: []TemplateButton{{Type: "COPY_CODE"}}})
	for _, tc := range []struct {
		name  string
		tpl   *Template
		comps []MessageComponent
		want  string
	}{
		{"too few body parameters", body2, []MessageComponent{pvBody(pvText("Ann"))}, "body: {{2}}"},
		{"a number with a leading zero is not a position", pvTmpl("", TemplateComponent{Type: "BODY", Text: "Hi {{01}}"}), []MessageComponent{pvBody(pvText("Ann"))}, "body: {{01}}"},
		{"named parameter absent", named, []MessageComponent{pvBody(pvNamed("last_name", "Lee"))}, "body: {{first_name}}"},
		{"media header without a parameter", pvTmpl("", TemplateComponent{Type: "HEADER", Format: "IMAGE"}), nil, "header: an image header"},
		{"media header of another kind", pvTmpl("", TemplateComponent{Type: "HEADER", Format: "IMAGE"}),
			[]MessageComponent{pvHeader(Parameter{Type: "video", Video: &Media{ID: "1"}})}, "header: an image header"},
		{"URL button without its suffix", urlBtn, nil, "button 0: the URL"},
		{"copy code without a code", copyCode, nil, "button 0: the copy code button"},
		{"parameter that holds no text", body2, []MessageComponent{pvBody(pvText("Ann"), Parameter{Type: "image", Image: &Media{ID: "1"}})}, "body: {{2}}"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := RenderPreview(tc.tpl, &MessageTemplate{Components: tc.comps})
			if !errors.Is(err, ErrMissingParameter) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %q, %v; want an ErrMissingParameter naming %q", got, err, tc.want)
			}
			if got != "" {
				t.Fatalf("a failed render returned text %q", got)
			}
		})
	}
}

func TestRenderPreviewBadInput(t *testing.T) {
	if _, err := RenderPreview(nil, &MessageTemplate{}); err == nil {
		t.Error("nil template rendered")
	}
	if _, err := RenderPreview(&Template{RawComponents: json.RawMessage(`{"not":"a list"}`)}, &MessageTemplate{}); err == nil {
		t.Error("template components that are not a list rendered")
	}
	if _, err := RenderPreview(pvTmpl("", TemplateComponent{Type: "BODY", Text: "x"}), &MessageTemplate{RawComponents: json.RawMessage(`[1]`)}); err == nil {
		t.Error("send components that are not objects rendered")
	}
	// Extra parameters are the plan-time check's business; the preview
	// shows what the template displays and ignores them.
	got, err := RenderPreview(pvTmpl("", TemplateComponent{Type: "BODY", Text: "x"}), &MessageTemplate{Components: []MessageComponent{pvBody(pvText("extra"))}})
	if err != nil || got != "x" {
		t.Errorf("extra parameter: %q, %v", got, err)
	}
	got, err = RenderPreview(pvTmpl("", TemplateComponent{Type: "BODY", Text: "x"}), nil)
	if err != nil || got != "x" {
		t.Errorf("nil send of a template without variables: %q, %v", got, err)
	}
}
