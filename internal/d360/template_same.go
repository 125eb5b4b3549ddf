package d360

import (
	"encoding/json"
	"strings"
)

// SameTemplateContent reports whether have, as the API lists it, holds what
// want would create: the same category and components, and the same
// parameter format and TTL where the listing reports them. It lets a create
// whose earlier attempt had an unknown outcome adopt that template instead
// of failing on "Content in This Language Already Exists".
func SameTemplateContent(want, have *Template) bool {
	if !strings.EqualFold(want.Category, have.Category) {
		return false
	}
	if want.ParameterFormat != "" && have.ParameterFormat != "" && !strings.EqualFold(want.ParameterFormat, have.ParameterFormat) {
		return false
	}
	if want.MessageSendTTLSeconds != nil && have.MessageSendTTLSeconds != nil && *want.MessageSendTTLSeconds != *have.MessageSendTTLSeconds {
		return false
	}
	a, errA := json.Marshal(normalizedComponents(want.Components))
	b, errB := json.Marshal(normalizedComponents(have.Components))
	return errA == nil && errB == nil && string(a) == string(b)
}

// normalizedComponents upper-cases the enum fields, which listings do not
// always spell as they were submitted.
func normalizedComponents(in []TemplateComponent) []TemplateComponent {
	out := make([]TemplateComponent, len(in))
	for i, c := range in {
		c.Type, c.Format = strings.ToUpper(c.Type), strings.ToUpper(c.Format)
		buttons := make([]TemplateButton, len(c.Buttons))
		for j, b := range c.Buttons {
			b.Type = strings.ToUpper(b.Type)
			buttons[j] = b
		}
		if len(buttons) == 0 {
			buttons = nil
		}
		c.Buttons = buttons
		out[i] = c
	}
	return out
}
