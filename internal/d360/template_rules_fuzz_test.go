package d360

import (
	"encoding/json"
	"strings"
	"testing"
)

var reviewParts = map[TemplatePart]bool{PartHeader: true, PartBody: true, PartFooter: true, PartButtons: true,
	PartOffer: true, PartCarousel: true, PartComponents: true}

// FuzzCheckTemplateContent: Meta's review rules, run on any template a user
// can write, never panic and only name the component parts.
func FuzzCheckTemplateContent(f *testing.F) {
	for _, s := range templateSeeds {
		f.Add(s, "")
		f.Add(s, "NAMED")
	}
	f.Add(`[{"type":"BUTTONS","buttons":[{"type":"QUICK_REPLY"},{"type":"URL","url":"x"},{"type":"QUICK_REPLY"},{"type":"PHONE_NUMBER"},{"type":"?"}]}]`, "")
	// Component types match in any casing, as in the checker, the renderer and
	// Meta's API (which stores them uppercase): "BOdY" is a body.
	f.Add(`[{"tYpe":"BOdY"}]`, "")
	f.Fuzz(func(t *testing.T, components, format string) {
		tmpl := &Template{Name: "t", Language: "en", Category: "MARKETING", ParameterFormat: format}
		if json.Unmarshal([]byte(components), &tmpl.Components) != nil {
			return
		}
		hasBody := false
		for _, c := range tmpl.Components {
			hasBody = hasBody || (strings.EqualFold(c.Type, "BODY") && strings.TrimSpace(c.Text) != "")
		}
		problems := CheckTemplateContent(tmpl)
		for _, p := range problems {
			if !reviewParts[p.Part] || p.Message == "" {
				t.Fatalf("problem on an unknown part or without text: %+v", p)
			}
		}
		if !hasBody && len(problems) == 0 {
			t.Fatalf("a template without body text passed: %s", components)
		}
	})
}
