package d360

import (
	"strings"
	"testing"
)

func body(text string, examples ...string) TemplateComponent {
	c := TemplateComponent{Type: "BODY", Text: text}
	if len(examples) > 0 {
		c.Example = &TemplateExample{BodyText: [][]string{examples}}
	}
	return c
}

func TestCheckTemplateContent(t *testing.T) {
	buttons := func(b ...TemplateButton) TemplateComponent { return TemplateComponent{Type: "BUTTONS", Buttons: b} }
	qr := TemplateButton{Type: "QUICK_REPLY", Text: "ok"}
	link := func(u string, ex ...string) TemplateButton {
		return TemplateButton{Type: "URL", Text: "go", URL: u, Example: ex}
	}
	cases := []struct {
		name string
		t    Template
		want []string // one fragment per expected problem
	}{
		{"valid", Template{Components: []TemplateComponent{
			{Type: "HEADER", Format: "TEXT", Text: "Hi {{1}}", Example: &TemplateExample{HeaderText: []string{"Ana"}}},
			body("Hi {{1}}, {{2}} off", "Ana", "20%"), {Type: "FOOTER", Text: "Reply STOP"},
			buttons(qr, qr, link("https://x.test/{{1}}", "https://x.test/a"), TemplateButton{Type: "PHONE_NUMBER", Text: "Call", PhoneNumber: "4915112345678"})}}, nil},
		{"no body", Template{}, []string{"needs a body"}},
		{"body without text, any casing", Template{Components: []TemplateComponent{{Type: "BOdY", Text: " "}}}, []string{"body has no text"}},
		{"body length", Template{Components: []TemplateComponent{body(strings.Repeat("é", 1025))}}, []string{"1025 characters; the limit is 1024"}},
		{"header length and variables", Template{Components: []TemplateComponent{{Type: "HEADER", Format: "TEXT", Text: strings.Repeat("h", 55) + "{{1}}{{2}}"}, body("b")}},
			[]string{"65 characters; the limit is 60", "at most one variable", "2 variable(s) but 0 example(s)"}},
		{"gap", Template{Components: []TemplateComponent{body("{{1}} {{3}}", "a", "b")}}, []string{"{{1}} to {{2}} without gaps; found {{1}}, {{3}}"}},
		{"words in positional", Template{Components: []TemplateComponent{body("{{name}}", "a")}}, []string{`{{name}} is not a number`}},
		{"examples", Template{Components: []TemplateComponent{body("{{1}} {{2}}", "a")}}, []string{"2 variable(s) but 1 example(s)"}},
		{"named ok", Template{ParameterFormat: "NAMED", Components: []TemplateComponent{{Type: "BODY", Text: "Hi {{first_name}}",
			Example: &TemplateExample{BodyTextNamedParams: []NamedParamValue{{ParamName: "first_name", Example: "Ana"}}}}}}, nil},
		{"named invalid", Template{ParameterFormat: "NAMED", Components: []TemplateComponent{{Type: "BODY", Text: "Hi {{1st}}",
			Example: &TemplateExample{BodyTextNamedParams: []NamedParamValue{{ParamName: "1st", Example: "Ana"}}}}}}, []string{"{{1st}} is not a valid name"}},
		{"footer variable", Template{Components: []TemplateComponent{body("b"), {Type: "FOOTER", Text: "{{1}}"}}}, []string{"footer cannot have variables"}},
		{"button label", Template{Components: []TemplateComponent{body("b"), buttons(TemplateButton{Type: "QUICK_REPLY", Text: strings.Repeat("x", 26)})}}, []string{"26 characters; the limit is 25"}},
		{"quick replies split", Template{Components: []TemplateComponent{body("b"), buttons(qr, link("https://x.test"), qr)}}, []string{"next to each other"}},
		{"too many URL", Template{Components: []TemplateComponent{body("b"), buttons(link("https://a.test"), link("https://b.test"), link("https://c.test"))}}, []string{"at most 2 URL button(s); it has 3"}},
		{"URL variable not at end", Template{Components: []TemplateComponent{body("b"), buttons(link("https://x.test/{{1}}/x", "https://x.test/a/x"))}}, []string{"one variable, at its end"}},
		{"URL example missing", Template{Components: []TemplateComponent{body("b"), buttons(link("https://x.test/{{1}}"))}}, []string{"give one example url"}},
		{"too many buttons", Template{Components: []TemplateComponent{body("b"), buttons(qr, qr, qr, qr, qr, qr, qr, qr, qr, qr, qr)}}, []string{"at most 10 buttons; it has 11"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := CheckTemplateContent(&tc.t)
			if len(got) != len(tc.want) {
				t.Fatalf("got %d problems %q, want %d", len(got), got, len(tc.want))
			}
			for i, w := range tc.want {
				if !strings.Contains(got[i].Message, w) {
					t.Errorf("problem %d = %q, want it to contain %q", i, got[i].Message, w)
				}
			}
		})
	}
}
