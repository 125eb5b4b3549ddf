package d360

import (
	"encoding/json"
	"errors"
	"testing"
)

var templateSeeds = []string{
	`[{"type":"HEADER","format":"TEXT","text":"Hi {{1}}","example":{"header_text":["Ana"]}},{"type":"BODY","text":"{{1}} and {{ 2 }}","example":{"body_text":[["a","b"]]}},` +
		`{"type":"FOOTER","text":"f"},{"type":"BUTTONS","buttons":[{"type":"URL","text":"Go","url":"https://x.test/{{1}}","example":["https://x.test/a"]},{"type":"QUICK_REPLY","text":"No"}]}]`,
	`[{"type":"BODY","text":"{{first_name}}","example":{"body_text_named_params":[{"param_name":"first_name","example":"Ana"}]}}]`,
	`[]`, `null`, `{}`, `[null]`, `[1]`, `[{"buttons":null}]`, `[{"type":"BUTTONS","buttons":[{}]}]`, ``,
}

// FuzzParseTemplateComponents: components_json of d360_template parses or
// fails cleanly, and what parses survives a round trip.
func FuzzParseTemplateComponents(f *testing.F) {
	for _, s := range templateSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		components, err := ParseTemplateComponents([]byte(raw))
		if err != nil {
			return
		}
		out, err := json.Marshal(components)
		if err != nil {
			t.Fatalf("cannot send what was read from %q: %v", raw, err)
		}
		again, err := ParseTemplateComponents(out)
		if err != nil {
			t.Fatalf("cannot read back %s: %v", out, err)
		}
		if out2, _ := json.Marshal(again); string(out2) != string(out) {
			t.Fatalf("round trip of %q changed it:\n%s\n%s", raw, out, out2)
		}
	})
}

// FuzzQualityScore: either shape, or garbage, never panics, and a read
// score is written and read back unchanged.
func FuzzQualityScore(f *testing.F) {
	for _, s := range []string{`"GREEN"`, `{"score":"RED"}`, `{"score":null}`, `{"score":1}`, `null`, `1`, `[]`, `""`, `{}`, `"\u00e9"`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		var q QualityScore
		if json.Unmarshal([]byte(raw), &q) != nil {
			return
		}
		out, err := json.Marshal(q)
		if err != nil {
			t.Fatal(err)
		}
		var again QualityScore
		if err := json.Unmarshal(out, &again); err != nil || again != q {
			t.Fatalf("%q: wrote %s, read back %+v (%v)", raw, out, again, err)
		}
	})
}

// FuzzDecodeTemplateList: a list answer is a page with a waba_templates
// array, or an *UnusableAnswerError; never an empty page made up from
// nothing, and never a page that contradicts its own count or total.
func FuzzDecodeTemplateList(f *testing.F) {
	f.Add(`{"count":1,"limit":1000,"offset":0,"total":1,"waba_templates":[{"id":"a","name":"n","language":"en","category":"MARKETING","status":"approved","quality_score":{"score":"GREEN"},"components":` + templateSeeds[0] + `}]}`)
	for _, s := range []string{``, `{}`, `null`, `[]`, `{"waba_templates":null}`, `{"waba_templates":[]}`, `{"waba_templates":[null]}`, `{"waba_templates":{}}`, `{"total":"x","waba_templates":[]}`,
		`{"count":0,"total":1,"waba_templates":[]}`, `{"count":2,"total":2,"waba_templates":[{"name":"a"}]}`, `{"offset":5,"total":9,"waba_templates":[]}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		page, err := decodeTemplateList([]byte(raw), 0)
		if err != nil {
			var bad *UnusableAnswerError
			if !errors.As(err, &bad) || page != nil {
				t.Fatalf("%q: %T %v with page %v", raw, err, err, page)
			}
			return
		}
		if page.Templates == nil {
			t.Fatalf("%q: a page without a templates array", raw)
		}
		n := len(page.Templates)
		if page.Count != n || page.Offset != 0 || page.Total < n || (n == 0 && page.Total > 0) {
			t.Fatalf("%q: accepted a page that contradicts itself: count %d, offset %d, total %d, %d templates",
				raw, page.Count, page.Offset, page.Total, n)
		}
		out, err := json.Marshal(page)
		if err != nil {
			t.Fatal(err)
		}
		again, err := decodeTemplateList(out, 0)
		if err != nil {
			t.Fatalf("cannot read back %s: %v", out, err)
		}
		// The wire form is what matters: omitempty makes [] and nil the same.
		if out2, _ := json.Marshal(again); string(out2) != string(out) {
			t.Fatalf("round trip of %q changed it:\n%s\n%s", raw, out, out2)
		}
	})
}
