package d360

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

// FuzzRenderPreview: whatever the body text and values, rendering never
// panics, and when every value is given, no placeholder of the body is left
// and every value the body uses appears in the text.
func FuzzRenderPreview(f *testing.F) {
	f.Add("Hi {{1}}, {{2}} off until {{3}}.", "Ann", "20%", "Sunday", false)
	f.Add("{{first_name}}, use {{code}} for {{discount}}", "Ann", "SPRING25", "25%", true)
	f.Add("{{3}}{{3}}{{ 2 }}{{1}}", "", "}}", "{{", false)
	f.Add("{{1}} {{", "{{2}}", "x", "y", false)
	f.Add("no variables", "a", "b", "c", true)
	f.Fuzz(func(t *testing.T, text, v1, v2, v3 string, named bool) {
		names := []string{"1", "2", "3"}
		format := ""
		if named {
			names, format = []string{"first_name", "code", "discount"}, "NAMED"
		}
		values := map[string]string{names[0]: v1, names[1]: v2, names[2]: v3}
		var params []Parameter
		for _, n := range names {
			p := Parameter{Type: "text", Text: values[n]}
			if named {
				p.ParameterName = n
			}
			params = append(params, p)
		}
		tpl := &Template{Name: "f", ParameterFormat: format, Components: []TemplateComponent{{Type: "BODY", Text: text}}}
		got, err := RenderPreview(tpl, &MessageTemplate{Components: []MessageComponent{{Type: "body", Parameters: params}}})

		used := map[string]bool{}
		unknown := false
		for _, m := range placeholderPattern.FindAllStringSubmatch(text, -1) {
			if _, ok := values[m[1]]; ok {
				used[m[1]] = true
			} else {
				unknown = true
			}
		}
		if unknown {
			if !errors.Is(err, ErrMissingParameter) {
				t.Fatalf("a placeholder without a value rendered: %q, %v", got, err)
			}
			return
		}
		if err != nil {
			t.Fatalf("every value given, yet: %v", err)
		}
		// The text with each placeholder spliced out by hand, by position.
		var want strings.Builder
		last := 0
		for _, m := range placeholderPattern.FindAllStringSubmatchIndex(text, -1) {
			want.WriteString(text[last:m[0]])
			want.WriteString(values[text[m[2]:m[3]]])
			last = m[1]
		}
		want.WriteString(text[last:])
		if got != want.String() {
			t.Fatalf("rendered %q, want %q", got, want.String())
		}
		// Braces in the values or left in the text may form new
		// placeholders next to each other; otherwise none may be left.
		literal := placeholderPattern.ReplaceAllString(text, "")
		if !strings.ContainsAny(v1+v2+v3, "{}") && !strings.Contains(literal, "{{") && !strings.Contains(literal, "}}") &&
			placeholderPattern.MatchString(got) {
			t.Fatalf("a placeholder is left in %q (text %q)", got, text)
		}
		for n := range used {
			if !strings.Contains(got, values[n]) {
				t.Fatalf("value %q of {{%s}} is missing from %q", values[n], n, got)
			}
		}
	})
}

// FuzzRenderPreviewRaw: raw components from the API or from
// components_json never make rendering panic.
func FuzzRenderPreviewRaw(f *testing.F) {
	f.Add(`[{"type":"HEADER","format":"IMAGE"},{"type":"BODY","text":"Hi {{1}}"},{"type":"BUTTONS","buttons":[{"type":"URL","url":"https://x/{{1}}"},{"type":"COPY_CODE"}]}]`,
		`[{"type":"header","parameters":[{"type":"image","image":{"id":"1"}}]},{"type":"body","parameters":[{"type":"text","text":"A"}]},{"type":"button","sub_type":"url","index":"0","parameters":[{"type":"text","text":"s"}]},{"type":"button","sub_type":"copy_code","index":1,"parameters":[{"type":"coupon_code","coupon_code":"C"}]}]`)
	f.Add(`[{"type":"LIMITED_TIME_OFFER","limited_time_offer":{"text":"x"}},{"type":"CAROUSEL","cards":[{},{}]}]`,
		`[{"type":"limited_time_offer","parameters":[{"type":"limited_time_offer","limited_time_offer":{"expiration_time_ms":-5}}]}]`)
	f.Add(`[{"type":"HEADER","format":"LOCATION"}]`, `[{"type":"header","parameters":[]}]`)
	f.Add(`null`, `null`)
	f.Fuzz(func(t *testing.T, tplJSON, sendJSON string) {
		tpl := &Template{Name: "f", RawComponents: json.RawMessage(tplJSON)}
		send := &MessageTemplate{RawComponents: json.RawMessage(sendJSON)}
		first, err1 := RenderPreview(tpl, send)
		second, err2 := RenderPreview(tpl, send)
		if first != second || (err1 == nil) != (err2 == nil) {
			t.Fatalf("not deterministic: %q/%v then %q/%v", first, err1, second, err2)
		}
	})
}
