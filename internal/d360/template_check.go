package d360

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// TemplateProblem is one reason a template, or a send of it, would be
// refused. Part says what is wrong, so a caller can point at its own field
// for it; Message says why, in the API's terms.
type TemplateProblem struct {
	Part    TemplatePart
	Message string
}

// TemplatePart is what a TemplateProblem is about.
type TemplatePart int

// The parts of a template, or of a send of it, that a problem can be about.
const (
	PartName     TemplatePart = iota + 1 // no template has this name
	PartStatus                           // the template is not APPROVED yet
	PartCategory                         // the template is not a MARKETING one
	PartLanguage                         // the template has no translation in this language
	PartHeader                           // the HEADER component, or a send's header parameter
	PartBody                             // the BODY component, or a send's body parameters
	PartFooter                           // the FOOTER component
	PartButtons                          // the BUTTONS component, or a send's button components
)

// String names the part as the API does.
func (p TemplatePart) String() string {
	switch p {
	case PartName:
		return "name"
	case PartStatus:
		return "status"
	case PartCategory:
		return "category"
	case PartLanguage:
		return "language"
	case PartHeader:
		return "header"
	case PartBody:
		return "body"
	case PartFooter:
		return "footer"
	case PartButtons:
		return "buttons"
	}
	return fmt.Sprintf("TemplatePart(%d)", int(p))
}

// placeholderPattern finds {{1}} and, for NAMED templates, {{first_name}}.
var placeholderPattern = regexp.MustCompile(`\{\{\s*([A-Za-z0-9_]+)\s*\}\}`)

func distinctPlaceholders(text string) []string {
	var out []string
	for _, m := range placeholderPattern.FindAllStringSubmatch(text, -1) {
		if !slices.Contains(out, m[1]) {
			out = append(out, m[1])
		}
	}
	return out
}

// templateSlots is what a template asks a send to fill.
type templateSlots struct {
	headerKind string   // "" (none), "text", "image", "video", "document" or "location"
	body       []string // placeholder names in order: "1","2"... or NAMED ones
	named      bool
	buttons    []string // button types in order, upper case
	dynamicURL map[int]bool
}

func slotsOf(t *Template) templateSlots {
	s := templateSlots{named: strings.EqualFold(t.ParameterFormat, "NAMED"), dynamicURL: map[int]bool{}}
	for _, c := range t.Components {
		switch strings.ToUpper(c.Type) {
		case "HEADER":
			switch f := strings.ToLower(c.Format); f {
			case "", "text":
				if len(distinctPlaceholders(c.Text)) > 0 {
					s.headerKind = "text"
				}
			default:
				s.headerKind = f
			}
		case "BODY":
			s.body = distinctPlaceholders(c.Text)
		case "BUTTONS":
			for i, b := range c.Buttons {
				s.buttons = append(s.buttons, strings.ToUpper(b.Type))
				if strings.EqualFold(b.Type, "URL") && strings.Contains(b.URL, "{{") {
					s.dynamicURL[i] = true
				}
			}
		}
	}
	return s
}

// CheckTemplateForSend says why a marketing send of tmpl would be refused;
// nothing when it would pass. named holds every language of the template's
// name. Raw components are checked only when they are all ordinary header,
// body, button and limited_time_offer components; other kinds (carousels...)
// are left to the API.
func CheckTemplateForSend(named []Template, tmpl MessageTemplate) []TemplateProblem {
	name, language := tmpl.Name, tmpl.Language.Code
	components, checkParameters := tmpl.Components, true
	if tmpl.RawComponents != nil {
		components, checkParameters = ordinaryComponents(tmpl.RawComponents)
	}
	if len(named) == 0 {
		return []TemplateProblem{{Part: PartName, Message: fmt.Sprintf(
			"template %q does not exist on this channel; check the name in WhatsApp Manager", name)}}
	}
	var t *Template
	var languages []string
	for i := range named {
		languages = append(languages, named[i].Language)
		if named[i].Language == language {
			t = &named[i]
		}
	}
	if t == nil {
		slices.Sort(languages)
		return []TemplateProblem{{Part: PartLanguage, Message: fmt.Sprintf(
			"template %q has no %q translation; it exists in %s", name, language, strings.Join(languages, ", "))}}
	}
	var problems []TemplateProblem
	if !t.HasStatus("APPROVED") {
		problems = append(problems, TemplateProblem{Part: PartStatus, Message: fmt.Sprintf(
			"template %q (%s) is %s, not APPROVED, so it cannot be sent yet; wait for Meta's review",
			name, language, strings.ToUpper(t.Status))})
	}
	if !strings.EqualFold(t.Category, "MARKETING") {
		problems = append(problems, TemplateProblem{Part: PartCategory, Message: fmt.Sprintf(
			"template %q is a %s template; MM Lite (/marketing_messages) sends only MARKETING templates",
			name, strings.ToUpper(t.Category))})
	}
	if checkParameters {
		problems = append(problems, CheckParameters(t, components)...)
	}
	return problems
}

// ordinaryComponents parses raw components when every one is of a kind the
// parameter check understands.
func ordinaryComponents(raw json.RawMessage) ([]MessageComponent, bool) {
	var components []MessageComponent
	if json.Unmarshal(raw, &components) != nil {
		return nil, false
	}
	for _, c := range components {
		switch c.Type {
		case "header", "body", "button", "limited_time_offer":
		default:
			return nil, false
		}
	}
	return components, true
}

// ValidateRawComponents checks that raw is a JSON array of objects, the
// shape of a template's components.
func ValidateRawComponents(raw []byte) error {
	var components []map[string]json.RawMessage
	return json.Unmarshal(raw, &components)
}

// buttonSubTypes maps a send's button sub_type to the template button type.
var buttonSubTypes = map[string]string{"url": "URL", "quick_reply": "QUICK_REPLY", "copy_code": "COPY_CODE", "flow": "FLOW"}

// CheckParameters compares the components a send will carry with the
// template's placeholders, in count and kind. It returns nothing when they fit.
func CheckParameters(t *Template, components []MessageComponent) []TemplateProblem {
	slots := slotsOf(t)
	var problems []TemplateProblem
	add := func(part TemplatePart, format string, args ...any) {
		problems = append(problems, TemplateProblem{Part: part, Message: fmt.Sprintf(format, args...)})
	}

	var header, body []Parameter
	buttons := map[int]MessageComponent{}
	for _, c := range components {
		switch c.Type {
		case "header":
			header = c.Parameters
		case "body":
			body = c.Parameters
		case "button":
			i, problem := buttonIndex(c.Index, t.Name, len(slots.buttons))
			switch {
			case problem != "":
				add(PartButtons, "%s", problem)
			case buttons[i].Type != "":
				add(PartButtons, "two button components have index %d; give each button of template %q at most one", i, t.Name)
			default:
				buttons[i] = c
			}
		}
	}

	switch {
	case slots.headerKind == "" && len(header) > 0:
		add(PartHeader, "template %q has no header variable, but a header parameter is given; remove it", t.Name)
	case slots.headerKind != "" && len(header) == 0:
		add(PartHeader, "template %q has %s header that needs a parameter; set header with type = %q", t.Name, withArticle(slots.headerKind), slots.headerKind)
	case slots.headerKind != "" && header[0].Type != slots.headerKind:
		add(PartHeader, "template %q has %s header, but the header parameter is %s", t.Name, withArticle(slots.headerKind), header[0].Type)
	}

	if len(body) != len(slots.body) {
		add(PartBody, "template %q has %d body variable(s) (%s), but %d body parameter(s) are given", t.Name, len(slots.body), describePlaceholders(slots.body), len(body))
	} else if slots.named {
		for _, p := range body {
			if !slices.Contains(slots.body, p.ParameterName) {
				add(PartBody, "template %q uses named variables %s; body parameter_name %q is not one of them", t.Name, describePlaceholders(slots.body), p.ParameterName)
			}
		}
	}

	for i := range slots.dynamicURL {
		if _, ok := buttons[i]; !ok {
			add(PartButtons, "button %d of template %q is a URL button with a variable; add a button with index = %d and sub_type = \"url\"", i, t.Name, i)
		}
	}
	for i, c := range buttons {
		if want := slots.buttons[i]; buttonSubTypes[c.SubType] != want {
			add(PartButtons, "button %d of template %q is a %s button, but sub_type %q is given", i, t.Name, want, c.SubType)
		} else if want == "URL" && !slots.dynamicURL[i] {
			add(PartButtons, "button %d of template %q has a fixed URL with no variable; remove its parameter", i, t.Name)
		}
	}
	slices.SortFunc(problems, func(a, b TemplateProblem) int {
		return strings.Compare(a.Part.String()+a.Message, b.Part.String()+b.Message)
	})
	return problems
}

// buttonIndex reads a send's button index, which may come from user JSON,
// and says why it names no button of a template with count buttons. The
// index it returns is always in [0, count) when the problem is "".
func buttonIndex(raw, name string, count int) (int, string) {
	numbering := fmt.Sprintf("template %q numbers its %d button(s) from 0 to %d", name, count, count-1)
	if count == 0 {
		numbering = fmt.Sprintf("template %q has no buttons", name)
	}
	if raw == "" {
		return 0, "a button component has no index; " + numbering
	}
	digits := strings.TrimPrefix(raw, "-")
	if digits == "" || strings.Trim(digits, "0123456789") != "" {
		return 0, fmt.Sprintf("button index %q is not a whole number; %s", raw, numbering)
	}
	if raw[0] == '-' && strings.Trim(digits, "0") != "" {
		return 0, fmt.Sprintf("button index %s is negative; %s", raw, numbering)
	}
	i, err := strconv.Atoi(raw)
	if err != nil || i >= count {
		// Atoi fails only on overflow here: a huge index names no button.
		return 0, fmt.Sprintf("template %q has %d button(s), so there is no button with index %s", name, count, raw)
	}
	return i, ""
}

func withArticle(word string) string {
	if strings.ContainsAny(word[:1], "aeiou") {
		return "an " + word
	}
	return "a " + word
}

func describePlaceholders(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	return "{{" + strings.Join(names, "}}, {{") + "}}"
}

// PlaceholderCounts says how many parameters a send of t must fill: in the
// header (0 or 1), in the body, and in URL buttons with a variable.
func PlaceholderCounts(t *Template) (header, body, urlButtons int) {
	slots := slotsOf(t)
	if slots.headerKind != "" {
		header = 1
	}
	return header, len(slots.body), len(slots.dynamicURL)
}

// ComponentsJSON is the template's components as the API sent them.
func (t *Template) ComponentsJSON() string {
	raw, err := json.Marshal(t.Components)
	if err != nil {
		return "[]"
	}
	return string(raw)
}
