package d360

import "testing"

func TestSameTemplateContent(t *testing.T) {
	ttl := func(v int64) *int64 { return &v }
	want := &Template{Name: "x", Language: "en", Category: "MARKETING", ParameterFormat: "POSITIONAL", MessageSendTTLSeconds: ttl(86400),
		Components: []TemplateComponent{{Type: "BODY", Text: "Hi {{1}}", Example: &TemplateExample{BodyText: [][]string{{"Ana"}}}},
			{Type: "BUTTONS", Buttons: []TemplateButton{{Type: "QUICK_REPLY", Text: "Stop"}}}}}
	same := *want
	same.Category, same.ParameterFormat, same.MessageSendTTLSeconds, same.Status = "marketing", "", nil, "approved"
	same.Components = []TemplateComponent{{Type: "body", Text: "Hi {{1}}", Example: &TemplateExample{BodyText: [][]string{{"Ana"}}}},
		{Type: "buttons", Buttons: []TemplateButton{{Type: "quick_reply", Text: "Stop"}}}}
	if !SameTemplateContent(want, &same) {
		t.Error("a listing that differs only in case and omitted fields should be the same content")
	}
	for name, change := range map[string]func(*Template){
		"body":     func(t *Template) { t.Components = []TemplateComponent{{Type: "BODY", Text: "Hello {{1}}"}} },
		"category": func(t *Template) { t.Category = "UTILITY" },
		"format":   func(t *Template) { t.ParameterFormat = "NAMED" },
		"ttl":      func(t *Template) { t.MessageSendTTLSeconds = ttl(43200) },
	} {
		other := *want
		change(&other)
		if SameTemplateContent(want, &other) {
			t.Errorf("a different %s should not be the same content", name)
		}
	}
}
