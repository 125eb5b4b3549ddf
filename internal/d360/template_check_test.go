package d360

import (
	"encoding/json"
	"reflect"
	"testing"
)

var springSale = Template{Name: "spring_sale", Language: "en", Category: "MARKETING", Status: "approved", Components: []TemplateComponent{
	{Type: "HEADER", Format: "IMAGE"},
	{Type: "BODY", Text: "Hi {{1}}, {{2}} off until {{ 3 }}. {{1}}!"},
	{Type: "BUTTONS", Buttons: []TemplateButton{{Type: "QUICK_REPLY", Text: "Stop"}, {Type: "URL", URL: "https://x.test/{{1}}"}, {Type: "URL", URL: "https://x.test/fixed"}}},
}}

func sendOf(components ...MessageComponent) MessageTemplate {
	return MessageTemplate{Name: "spring_sale", Language: TemplateLanguage{Code: "en"}, Components: components}
}

func text(v string) Parameter { return Parameter{Type: "text", Text: v} }

var (
	goodHeader = MessageComponent{Type: "header", Parameters: []Parameter{{Type: "image", Image: &Media{Link: "https://x.test/a.png"}}}}
	goodBody   = MessageComponent{Type: "body", Parameters: []Parameter{text("a"), text("b"), text("c")}}
	goodURL    = MessageComponent{Type: "button", SubType: "url", Index: "1", Parameters: []Parameter{text("x")}}
)

func TestCheckTemplateForSend(t *testing.T) {
	other := springSale
	other.Language, other.Status, other.Category = "de", "APPROVED", "MARKETING"
	utility := springSale
	utility.Category, utility.Status = "UTILITY", "PENDING"
	cases := []struct {
		name  string
		named []Template
		send  MessageTemplate
		want  []TemplateProblem
	}{
		{"fits", []Template{springSale}, sendOf(goodHeader, goodBody, goodURL), nil},
		{"missing", nil, sendOf(), []TemplateProblem{{PartName, `template "spring_sale" does not exist on this channel; check the name in WhatsApp Manager`}}},
		{"language", []Template{other}, sendOf(), []TemplateProblem{{PartLanguage, `template "spring_sale" has no "en" translation; it exists in de`}}},
		{"status and category", []Template{utility}, sendOf(goodHeader, goodBody, goodURL), []TemplateProblem{
			{PartStatus, `template "spring_sale" (en) is PENDING, not APPROVED, so it cannot be sent yet; wait for Meta's review`},
			{PartCategory, `template "spring_sale" is a UTILITY template; MM Lite (/marketing_messages) sends only MARKETING templates`}}},
		{"header missing", []Template{springSale}, sendOf(goodBody, goodURL), []TemplateProblem{
			{PartHeader, `template "spring_sale" has an image header that needs a parameter; set header with type = "image"`}}},
		{"header kind", []Template{springSale}, sendOf(MessageComponent{Type: "header", Parameters: []Parameter{text("t")}}, goodBody, goodURL), []TemplateProblem{
			{PartHeader, `template "spring_sale" has an image header, but the header parameter is text`}}},
		{"body count counts distinct variables", []Template{springSale}, sendOf(goodHeader, MessageComponent{Type: "body", Parameters: []Parameter{text("a")}}, goodURL), []TemplateProblem{
			{PartBody, `template "spring_sale" has 3 body variable(s) ({{1}}, {{2}}, {{3}}), but 1 body parameter(s) are given`}}},
		{"buttons", []Template{springSale}, sendOf(goodHeader, goodBody,
			MessageComponent{Type: "button", SubType: "url", Index: "0", Parameters: []Parameter{text("x")}},
			MessageComponent{Type: "button", SubType: "url", Index: "2", Parameters: []Parameter{text("x")}},
			MessageComponent{Type: "button", SubType: "url", Index: "7", Parameters: []Parameter{text("x")}}), []TemplateProblem{
			{PartButtons, `button 0 of template "spring_sale" is a QUICK_REPLY button, but sub_type "url" is given`},
			{PartButtons, `button 1 of template "spring_sale" is a URL button with a variable; add a button with index = 1 and sub_type = "url"`},
			{PartButtons, `button 2 of template "spring_sale" has a fixed URL with no variable; remove its parameter`},
			{PartButtons, `template "spring_sale" has 3 button(s), so there is no button with index 7`}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := CheckTemplateForSend(tc.named, tc.send)
			if !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("got\n%q\nwant\n%q", got, tc.want)
			}
		})
	}
}

func TestCheckTemplateForSendRawComponents(t *testing.T) {
	raw := func(s string) MessageTemplate {
		m := sendOf()
		m.RawComponents = json.RawMessage(s)
		return m
	}
	// Ordinary raw components are checked like typed ones, with a numeric index.
	ok := raw(`[{"type":"header","parameters":[{"type":"image","image":{"id":"1"}}]},{"type":"body","parameters":[{"type":"text","text":"a"},{"type":"text","text":"b"},{"type":"text","text":"c"}]},{"type":"button","sub_type":"url","index":1,"parameters":[{"type":"text","text":"x"}]}]`)
	if got := CheckTemplateForSend([]Template{springSale}, ok); len(got) != 0 {
		t.Fatalf("ordinary raw components: %q", got)
	}
	short := raw(`[{"type":"body","parameters":[]}]`)
	if got := CheckTemplateForSend([]Template{springSale}, short); len(got) != 3 {
		t.Fatalf("a short raw body should fail header, body and button checks: %q", got)
	}
	// Kinds the check does not model are left to the API, not guessed at.
	carousel := raw(`[{"type":"carousel","cards":[]}]`)
	if got := CheckTemplateForSend([]Template{springSale}, carousel); len(got) != 0 {
		t.Fatalf("carousel: %q", got)
	}
}

func TestNamedParameters(t *testing.T) {
	named := Template{Name: "n", Language: "en", Category: "MARKETING", Status: "APPROVED", ParameterFormat: "NAMED",
		Components: []TemplateComponent{{Type: "BODY", Text: "Hi {{first_name}}, code {{code}}"}}}
	send := MessageTemplate{Name: "n", Language: TemplateLanguage{Code: "en"}, Components: []MessageComponent{{Type: "body", Parameters: []Parameter{
		{Type: "text", Text: "Ana", ParameterName: "first_name"}, {Type: "text", Text: "X1", ParameterName: "coupon"}}}}}
	want := []TemplateProblem{{PartBody, `template "n" uses named variables {{first_name}}, {{code}}; body parameter_name "coupon" is not one of them`}}
	if got := CheckTemplateForSend([]Template{named}, send); !reflect.DeepEqual(got, want) {
		t.Fatalf("got %q", got)
	}
}

func TestRawComponentsValidation(t *testing.T) {
	for raw, ok := range map[string]bool{`[]`: true, `[{"type":"body"}]`: true, `{}`: false, `[1]`: false, `nope`: false} {
		if err := ValidateRawComponents([]byte(raw)); (err == nil) != ok {
			t.Errorf("ValidateRawComponents(%s) = %v", raw, err)
		}
	}
}

// Every part has the API's name for it; an unknown one says what it is.
func TestTemplatePartString(t *testing.T) {
	for part, want := range map[TemplatePart]string{
		PartName: "name", PartStatus: "status", PartCategory: "category", PartLanguage: "language",
		PartHeader: "header", PartBody: "body", PartFooter: "footer", PartButtons: "buttons",
		PartOffer: "limited_time_offer", PartCarousel: "carousel", PartComponents: "components",
		PartMaxPrice: "optimization_spec", PartTTL: "message_send_ttl_seconds", TemplatePart(0): "TemplatePart(0)",
	} {
		if got := part.String(); got != want {
			t.Errorf("TemplatePart(%d).String() = %q, want %q", int(part), got, want)
		}
	}
}
