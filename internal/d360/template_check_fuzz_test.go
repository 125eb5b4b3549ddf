package d360

import (
	"encoding/json"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

var sendParts = map[TemplatePart]bool{PartName: true, PartStatus: true, PartCategory: true, PartLanguage: true, PartHeader: true, PartBody: true, PartButtons: true, PartOffer: true}

// FuzzCheckTemplateForSend: any template the API lists, with any raw
// components a user writes, gives problems on known parts, in a stable
// order, and never panics (a panic here kills the plugin at plan time).
func FuzzCheckTemplateForSend(f *testing.F) {
	springJSON, _ := json.Marshal(springSale.Components)
	for _, send := range []string{
		`[{"type":"header","parameters":[{"type":"image","image":{"id":"1"}}]},{"type":"body","parameters":[{"type":"text","text":"a"},{"type":"text","text":"b"},{"type":"text","text":"c"}]},{"type":"button","sub_type":"url","index":1,"parameters":[{"type":"text","text":"x"}]}]`,
		`[{"type":"button","sub_type":"url","index":-1}]`, `[{"type":"button","index":"-0"}]`, `[{"type":"button","index":99999999999999999999}]`,
		`[{"type":"button","index":"x"}]`, `[{"type":"button"}]`, `[{"type":"button","index":1},{"type":"button","index":"1"}]`,
		`[{"type":"header","parameters":[]}]`, `[{"type":"header","parameters":[{}]}]`, `[{"type":"carousel"}]`, `[]`, `{}`, `null`, ``,
	} {
		f.Add(string(springJSON), "", send)
		f.Add(`[{"type":"HEADER","format":""},{"type":"BUTTONS","buttons":[]}]`, "NAMED", send)
	}
	f.Fuzz(func(t *testing.T, components, format, send string) {
		tmpl := Template{Name: "t", Language: "en", Category: "MARKETING", Status: "APPROVED", ParameterFormat: format}
		if json.Unmarshal([]byte(components), &tmpl.Components) != nil {
			return
		}
		tmpl.RawComponents = json.RawMessage(components) // as an API read keeps them
		m := MessageTemplate{Name: "t", Language: TemplateLanguage{Code: "en"}, RawComponents: json.RawMessage(send)}
		problems := CheckTemplateForSend([]Template{tmpl}, m)
		for _, p := range problems {
			if !sendParts[p.Part] || p.Message == "" {
				t.Fatalf("problem on an unknown part or without text: %+v", p)
			}
		}
		if again := CheckTemplateForSend([]Template{tmpl}, m); !reflect.DeepEqual(problems, again) {
			t.Fatalf("two checks of one input differ:\n%q\n%q", problems, again)
		}
	})
}

// FuzzButtonIndex: an index that passes is always a button of the
// template, and every canonical in-range index passes as itself.
func FuzzButtonIndex(f *testing.F) {
	for _, raw := range []string{"0", "1", "9", "10", "-1", "-0", "+1", "01", "", "-", "1.0", "1e1", " 1", "99999999999999999999", "-9223372036854775808"} {
		f.Add(raw, 3)
		f.Add(raw, 0)
	}
	f.Fuzz(func(t *testing.T, raw string, count int) {
		if count < 0 || count > 1000 {
			return // a template's button count
		}
		i, problem := buttonIndex(raw, "t", count)
		if problem == "" && (i < 0 || i >= count) {
			t.Fatalf("buttonIndex(%q, %d) = %d with no problem", raw, count, i)
		}
		if n, err := strconv.Atoi(raw); err == nil && strconv.Itoa(n) == raw && n >= 0 && n < count && (problem != "" || i != n) {
			t.Fatalf("buttonIndex(%q, %d) = %d, %q", raw, count, i, problem)
		}
	})
}

var placeholderName = regexp.MustCompile(`^[A-Za-z0-9_]+$`)

// FuzzPlaceholderCounts: the counts a send must fill are bounded by what
// the template's text holds, and each placeholder is counted once.
func FuzzPlaceholderCounts(f *testing.F) {
	for _, s := range []string{"Hi {{1}}, {{2}} off until {{ 3 }}. {{1}}!", "{{first_name}}", "{{}}", "{{{{1}}}}", "{{ 1", "}}{{", "{{1}}{{1}}{{01}}"} {
		f.Add(s, s, "https://x.test/"+s)
	}
	f.Fuzz(func(t *testing.T, header, body, url string) {
		names := distinctPlaceholders(body)
		seen := map[string]bool{}
		for _, n := range names {
			if seen[n] || !placeholderName.MatchString(n) {
				t.Fatalf("placeholders of %q: %q", body, names)
			}
			seen[n] = true
		}
		if len(names) > strings.Count(body, "{{") {
			t.Fatalf("%d placeholders from %d {{ in %q", len(names), strings.Count(body, "{{"), body)
		}
		tmpl := &Template{Components: []TemplateComponent{{Type: "HEADER", Text: header}, {Type: "BODY", Text: body},
			{Type: "BUTTONS", Buttons: []TemplateButton{{Type: "URL", URL: url}, {Type: "QUICK_REPLY"}}}}}
		h, b, u := PlaceholderCounts(tmpl)
		if h < 0 || h > 1 || b != len(names) || u < 0 || u > 1 {
			t.Fatalf("PlaceholderCounts = %d, %d, %d for %q / %q / %q", h, b, u, header, body, url)
		}
	})
}

// FuzzValidateRawComponents: what the components_json validator accepts
// is a JSON array, and checking it at plan time never panics.
func FuzzValidateRawComponents(f *testing.F) {
	for _, s := range []string{`[]`, `[{"type":"body"}]`, `[null]`, `{}`, `[1]`, `nope`, `null`, ``} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		if ValidateRawComponents([]byte(raw)) != nil {
			return
		}
		if trimmed := strings.TrimSpace(raw); trimmed != "null" && !strings.HasPrefix(trimmed, "[") {
			t.Fatalf("accepted %q, which is not an array", raw)
		}
		m := MessageTemplate{Name: "spring_sale", Language: TemplateLanguage{Code: "en"}, RawComponents: json.RawMessage(raw)}
		CheckTemplateForSend([]Template{springSale}, m)
	})
}
