package d360

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
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
	PartName       TemplatePart = iota + 1 // no template has this name
	PartStatus                             // the template is not APPROVED yet
	PartCategory                           // the template is not a MARKETING one (so it cannot be sent, or have a max price)
	PartLanguage                           // the template has no translation in this language
	PartHeader                             // the HEADER component, or a send's header parameter
	PartBody                               // the BODY component, or a send's body parameters
	PartFooter                             // the FOOTER component
	PartButtons                            // the BUTTONS component, or a send's button components
	PartOffer                              // the LIMITED_TIME_OFFER component, or a send's limited_time_offer
	PartCarousel                           // the CAROUSEL component and its cards
	PartComponents                         // the component list itself: a kind Meta does not know, or one given twice
	PartMaxPrice                           // the max price (optimization_spec): its bid amount
	PartTTL                                // message_send_ttl_seconds, out of the category's range
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
	case PartOffer:
		return "limited_time_offer"
	case PartCarousel:
		return "carousel"
	case PartComponents:
		return "components"
	case PartMaxPrice:
		return "optimization_spec"
	case PartTTL:
		return "message_send_ttl_seconds"
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
	buttons    []string       // button types in order, upper case
	dynamicURL map[int]string // button index -> its URL, for URL buttons with a variable
}

func slotsOf(t *Template) templateSlots {
	s := templateSlots{named: strings.EqualFold(t.ParameterFormat, "NAMED"), dynamicURL: map[int]string{}}
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
					s.dynamicURL[i] = b.URL
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
		languages = append(languages, sanitizeForeign(named[i].Language)) // the API's text
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
			name, sanitizeForeign(language), sanitizeForeign(strings.ToUpper(t.Status)))})
	}
	if !strings.EqualFold(t.Category, "MARKETING") {
		problems = append(problems, TemplateProblem{Part: PartCategory, Message: fmt.Sprintf(
			"template %q is a %s template; MM Lite (/marketing_messages) sends only MARKETING templates",
			name, sanitizeForeign(strings.ToUpper(t.Category)))})
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
		_, dynamic := slots.dynamicURL[i]
		if want := slots.buttons[i]; buttonSubTypes[c.SubType] != want {
			add(PartButtons, "button %d of template %q is a %s button, but sub_type %q is given", i, t.Name, want, c.SubType)
		} else if want == "URL" && !dynamic {
			add(PartButtons, "button %d of template %q has a fixed URL with no variable; remove its parameter", i, t.Name)
		}
	}
	problems = append(problems, checkParameterValues(t.Name, slots, header, body, buttons)...)
	problems = append(problems, checkOfferParameters(t, components, buttons)...)
	slices.SortFunc(problems, func(a, b TemplateProblem) int {
		return strings.Compare(a.Part.String()+a.Message, b.Part.String()+b.Message)
	})
	return problems
}

// Rules for the values of a send's parameters. From Graph v23.0 "template
// component parameter issues at send time return error code 132018"
// (https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/template-management).
const (
	// textParameterRule is how the API states its rule for text parameters,
	// in the error's details, as quoted verbatim in public reports of the
	// error such as https://github.com/netflie/whatsapp-cloud-api/issues/201.
	// We found the rule on no Meta documentation page.
	textParameterRule    = "Param text cannot have new-line/tab characters or more than 4 consecutive spaces"
	maxConsecutiveSpaces = 4
	// MaxButtonURLLength is the length limit of a URL button's URL: "2000
	// characters maximum"
	// (https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/components).
	MaxButtonURLLength = 2000
)

var textRuleWhy = fmt.Sprintf("WhatsApp refuses a text parameter with new lines, tabs or more than %d spaces in a row (error 132018: %q)",
	maxConsecutiveSpaces, textParameterRule)

// CheckTextParameter says why WhatsApp would refuse s as the value of a
// header or body text parameter, or returns nil. The error reads as the
// end of a sentence about the value ("has a tab; ..."). Line breaks (a
// carriage return too), tabs and runs of more than four spaces are the
// API's rule (textParameterRule). Other control characters, a NUL among
// them, are refused by this provider's own choice: we found no page that
// refuses them, but they are not text a recipient can read, and one in a
// value is a bug in the configuration (a file read with its bytes, say),
// not a message.
func CheckTextParameter(s string) error {
	spaces := 0
	for _, r := range s {
		if r == ' ' {
			if spaces++; spaces > maxConsecutiveSpaces {
				return fmt.Errorf("has more than %d spaces in a row; %s, so shorten the run to at most %d", maxConsecutiveSpaces, textRuleWhy, maxConsecutiveSpaces)
			}
			continue
		}
		spaces = 0
		switch {
		case r == '\n' || r == '\r':
			return fmt.Errorf("has a line break; %s, so put the value on one line", textRuleWhy)
		case r == '\t':
			return fmt.Errorf("has a tab; %s, so use spaces instead", textRuleWhy)
		case unicode.IsControl(r):
			return fmt.Errorf("has the control character %U, which is not text WhatsApp can show; remove it", r)
		}
	}
	return nil
}

// urlSuffixAllowed are the ASCII characters a URL button's value may hold
// as they are: what RFC 3986 allows in a path and a query (unreserved
// characters, sub-delims, "/", "?" and "@":
// https://www.rfc-editor.org/rfc/rfc3986#appendix-A), and "%" when it
// starts a percent-encoding. ":" is valid there too, but Meta's table of
// characters to encode lists it.
const urlSuffixAllowed = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=/?@"

const percentEncode = "Meta requires special characters in a URL button's value to be percent-encoded"

// CheckURLSuffix says why s should not be the value of a URL button's
// variable, or returns nil. The value is "appended to the end of the URL
// string", and Meta says: "If your URL button parameter values contain
// special characters, you must percent-encode them ... Unencoded special
// characters can cause the generated URL to fail validation, resulting in
// a message send error", listing a space, ":", "|", "ç" and "ñ"
// (https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/components,
// "URL encoding"). So every character outside urlSuffixAllowed is refused,
// with its encoding, as are control characters and a "%" that starts no
// percent-encoding: neither can be part of a valid URL.
//
// Two refusals are this provider's own, conservative choice, as we found no
// page that refuses them and each still makes a valid URL: "#", because what
// follows it is a fragment, which the browser never sends to the site; and
// a "." or ".." path segment, which takes the link out of the path Meta
// approved with the template.
func CheckURLSuffix(s string) error {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case strings.IndexByte(urlSuffixAllowed, c) >= 0:
		case c == '%':
			if i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2]) {
				return errors.New(`has a "%" that does not start a percent-encoding (% and two hex digits); write a literal % as %25`)
			}
		case c == ' ':
			return fmt.Errorf("has a space; %s, so write it as %%20", percentEncode)
		case c == '#':
			return errors.New(`has "#", which would start a fragment of the URL, a part the browser never sends to the site; write it as %23 if it belongs to the value`)
		default:
			r, _ := utf8.DecodeRuneInString(s[i:])
			if unicode.IsControl(r) {
				return fmt.Errorf("has the control character %U, which cannot be part of a URL; remove it", r)
			}
			var encoded strings.Builder
			for _, b := range []byte(string(r)) {
				fmt.Fprintf(&encoded, "%%%02X", b)
			}
			return fmt.Errorf("has %q; %s, so write it as %s", string(r), percentEncode, encoded.String())
		}
	}
	path, _, _ := strings.Cut(s, "?")
	for _, segment := range strings.Split(path, "/") {
		// Browsers read %2e as "." here (https://url.spec.whatwg.org/#double-dot-path-segment).
		if dots := strings.ReplaceAll(strings.ToLower(segment), "%2e", "."); dots == "." || dots == ".." {
			return fmt.Errorf("has the path segment %q, which would move the link out of the path the template was approved with; remove it", segment)
		}
	}
	return nil
}

func isHex(c byte) bool {
	return ('0' <= c && c <= '9') || ('a' <= c && c <= 'f') || ('A' <= c && c <= 'F')
}

// checkParameterValues refuses the values of a send's parameters that
// WhatsApp refuses: CheckTextParameter for header and body text,
// CheckURLSuffix and the URL's length for the value of a URL button.
func checkParameterValues(name string, slots templateSlots, header, body []Parameter, buttons map[int]MessageComponent) []TemplateProblem {
	var problems []TemplateProblem
	add := func(part TemplatePart, format string, args ...any) {
		problems = append(problems, TemplateProblem{Part: part, Message: fmt.Sprintf(format, args...)})
	}
	for _, p := range header {
		if err := textValueProblem(p); err != nil {
			add(PartHeader, "header text %s %v", strconv.Quote(p.Text), err)
		}
	}
	for i, p := range body {
		if err := textValueProblem(p); err != nil {
			variable := "{{" + strconv.Itoa(i+1) + "}}"
			if p.ParameterName != "" {
				variable = "{{" + p.ParameterName + "}}"
			}
			add(PartBody, "body parameter %d (%s) %s %v", i+1, variable, strconv.Quote(p.Text), err)
		}
	}
	for i, c := range buttons {
		base, dynamic := slots.dynamicURL[i]
		if !dynamic || c.SubType != "url" || len(c.Parameters) == 0 {
			continue // the checks of the button's kind and count speak for it
		}
		value := c.Parameters[0].Text
		if err := CheckURLSuffix(value); err != nil {
			add(PartButtons, "the value %s of URL button %d %v", strconv.Quote(value), i, err)
		} else if n := utf8.RuneCountInString(placeholderPattern.ReplaceAllLiteralString(base, value)); n > MaxButtonURLLength {
			add(PartButtons, "URL button %d of template %q would link to a URL of %d characters with this value; Meta's limit for a button URL is %d",
				i, name, n, MaxButtonURLLength)
		}
	}
	return problems
}

func textValueProblem(p Parameter) error {
	if p.Type != "text" {
		return nil
	}
	return CheckTextParameter(p.Text)
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
