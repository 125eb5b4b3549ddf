package d360

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// The plan check refuses parameter values WhatsApp refuses, and says which
// parameter, with the value quoted and escaped, and what to do.
func TestCheckTemplateForSendValues(t *testing.T) {
	const rule = `WhatsApp refuses a text parameter with new lines, tabs or more than 4 spaces in a row ` +
		`(error 132018: "Param text cannot have new-line/tab characters or more than 4 consecutive spaces")`
	const encode = "Meta requires special characters in a URL button's value to be percent-encoded"
	body := func(vs ...string) MessageComponent {
		c := MessageComponent{Type: "body"}
		for _, v := range vs {
			c.Parameters = append(c.Parameters, text(v))
		}
		return c
	}
	url := func(v string) MessageComponent {
		return MessageComponent{Type: "button", SubType: "url", Index: "1", Parameters: []Parameter{text(v)}}
	}
	cases := []struct {
		name string
		send MessageTemplate
		want []TemplateProblem
	}{
		{"ok: four spaces, unicode, emoji, query string", sendOf(goodHeader, body("a    b", "Ünïcødé ĳ 中文", "🎉 20%"), url("summer-sale?utm=x")), nil},
		{"ok: percent-encoded suffix", sendOf(goodHeader, body("a", "b", "c"), url("Gon%C3%A7alves/x_y.z~1")), nil},
		{"NUL", sendOf(goodHeader, body("a", "b\x00", "c"), url("x")), []TemplateProblem{
			{PartBody, `body parameter 2 ({{2}}) "b\x00" has the control character U+0000, which is not text WhatsApp can show; remove it`}}},
		{"new line", sendOf(goodHeader, body("line 1\nline 2", "b", "c"), url("x")), []TemplateProblem{
			{PartBody, `body parameter 1 ({{1}}) "line 1\nline 2" has a line break; ` + rule + `, so put the value on one line`}}},
		{"carriage return", sendOf(goodHeader, body("a", "b", "c\r"), url("x")), []TemplateProblem{
			{PartBody, `body parameter 3 ({{3}}) "c\r" has a line break; ` + rule + `, so put the value on one line`}}},
		{"tab", sendOf(goodHeader, body("a", "\tb", "c"), url("x")), []TemplateProblem{
			{PartBody, `body parameter 2 ({{2}}) "\tb" has a tab; ` + rule + `, so use spaces instead`}}},
		{"five spaces", sendOf(goodHeader, body("a     b", "b", "c"), url("x")), []TemplateProblem{
			{PartBody, `body parameter 1 ({{1}}) "a     b" has more than 4 spaces in a row; ` + rule + `, so shorten the run to at most 4`}}},
		{"URL suffix with a space", sendOf(goodHeader, body("a", "b", "c"), url("summer sale")), []TemplateProblem{
			{PartButtons, `the value "summer sale" of URL button 1 has a space; ` + encode + `, so write it as %20`}}},
		{"URL suffix with ../", sendOf(goodHeader, body("a", "b", "c"), url("../admin")), []TemplateProblem{
			{PartButtons, `the value "../admin" of URL button 1 has the path segment "..", which would move the link out of the path the template was approved with; remove it`}}},
		{"URL suffix with #", sendOf(goodHeader, body("a", "b", "c"), url("sale#top")), []TemplateProblem{
			{PartButtons, `the value "sale#top" of URL button 1 has "#", which would start a fragment of the URL, a part the browser never sends to the site; write it as %23 if it belongs to the value`}}},
		{"URL suffix with a control character", sendOf(goodHeader, body("a", "b", "c"), url("a\x7f")), []TemplateProblem{
			{PartButtons, `the value "a\x7f" of URL button 1 has the control character U+007F, which cannot be part of a URL; remove it`}}},
		{"every problem at once, sorted", sendOf(goodHeader, body("\n", "\t", "     "), url(" ")), []TemplateProblem{
			{PartBody, `body parameter 1 ({{1}}) "\n" has a line break; ` + rule + `, so put the value on one line`},
			{PartBody, `body parameter 2 ({{2}}) "\t" has a tab; ` + rule + `, so use spaces instead`},
			{PartBody, `body parameter 3 ({{3}}) "     " has more than 4 spaces in a row; ` + rule + `, so shorten the run to at most 4`},
			{PartButtons, `the value " " of URL button 1 has a space; ` + encode + `, so write it as %20`}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := CheckTemplateForSend([]Template{springSale}, tc.send); !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("got\n%q\nwant\n%q", got, tc.want)
			}
		})
	}
}

// A text header's value follows the text rule; a NAMED body parameter is
// named by its variable.
func TestCheckTemplateForSendHeaderAndNamedValues(t *testing.T) {
	tmpl := Template{Name: "n", Language: "en", Category: "MARKETING", Status: "APPROVED", ParameterFormat: "NAMED",
		Components: []TemplateComponent{{Type: "HEADER", Format: "TEXT", Text: "Hi {{name}}"}, {Type: "BODY", Text: "Code {{code}}"}}}
	send := MessageTemplate{Name: "n", Language: TemplateLanguage{Code: "en"}, Components: []MessageComponent{
		{Type: "header", Parameters: []Parameter{{Type: "text", ParameterName: "name", Text: "Ana\n"}}},
		{Type: "body", Parameters: []Parameter{{Type: "text", ParameterName: "code", Text: "X\t1"}}}}}
	want := []TemplateProblem{
		{PartBody, `body parameter 1 ({{code}}) "X\t1" has a tab; WhatsApp refuses a text parameter with new lines, tabs or more than 4 spaces in a row ` +
			`(error 132018: "Param text cannot have new-line/tab characters or more than 4 consecutive spaces"), so use spaces instead`},
		{PartHeader, `header text "Ana\n" has a line break; WhatsApp refuses a text parameter with new lines, tabs or more than 4 spaces in a row ` +
			`(error 132018: "Param text cannot have new-line/tab characters or more than 4 consecutive spaces"), so put the value on one line`},
	}
	if got := CheckTemplateForSend([]Template{tmpl}, send); !reflect.DeepEqual(got, want) {
		t.Fatalf("got\n%q\nwant\n%q", got, want)
	}
}

// components_json is checked by the same rules, and a URL that the value
// makes longer than Meta's 2000 characters is refused.
func TestCheckTemplateForSendRawValuesAndURLLength(t *testing.T) {
	m := sendOf()
	long := strings.Repeat("a", 2000-len("https://x.test/")+1)
	raw, _ := json.Marshal([]any{
		map[string]any{"type": "header", "parameters": []any{map[string]any{"type": "image", "image": map[string]any{"id": "1"}}}},
		map[string]any{"type": "body", "parameters": []any{
			map[string]any{"type": "text", "text": "a"}, map[string]any{"type": "text", "text": "b\nc"}, map[string]any{"type": "text", "text": "d"}}},
		map[string]any{"type": "button", "sub_type": "url", "index": 1, "parameters": []any{map[string]any{"type": "text", "text": long}}},
	})
	m.RawComponents = raw
	want := []TemplateProblem{
		{PartBody, `body parameter 2 ({{2}}) "b\nc" has a line break; WhatsApp refuses a text parameter with new lines, tabs or more than 4 spaces in a row ` +
			`(error 132018: "Param text cannot have new-line/tab characters or more than 4 consecutive spaces"), so put the value on one line`},
		{PartButtons, `URL button 1 of template "spring_sale" would link to a URL of 2001 characters with this value; Meta's limit for a button URL is 2000`},
	}
	if got := CheckTemplateForSend([]Template{springSale}, m); !reflect.DeepEqual(got, want) {
		t.Fatalf("got\n%q\nwant\n%q", got, want)
	}
	m.RawComponents = json.RawMessage(strings.Replace(string(raw), long, long[1:], 1))
	if got := CheckTemplateForSend([]Template{springSale}, m); len(got) != 1 || got[0].Part != PartBody {
		t.Fatalf("a URL of exactly 2000 characters is allowed: %q", got)
	}
}
