package d360

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Meta's template content limits
// (https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/components,
// https://developers.facebook.com/documentation/business-messaging/whatsapp/marketing-messages/deep-links,
// https://docs.360dialog.com/partner/messaging-and-calling/template-messages/create-and-manage-template-messages).
const (
	MaxBodyLength        = 1024
	MaxHeaderTextLength  = 60
	MaxButtonTextLength  = 25
	MaxFooterTextLength  = 60
	MaxButtons           = 10
	MaxURLButtons        = 2
	MaxPhoneButtons      = 1
	MaxCopyCodeButtons   = 1
	TemplateNameMaxChars = 512
	// MaxPhoneNumberLength: a PHONE_NUMBER button's number, "20 characters
	// maximum" (components page above).
	MaxPhoneNumberLength = 20
)

// TemplateNamePattern is Meta's rule for template names.
var TemplateNamePattern = regexp.MustCompile(`^[a-z0-9_]{1,512}$`)

var namedPlaceholder = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// Component kinds Meta documents for a template: HEADER, BODY, FOOTER and
// BUTTONS (components page above), LIMITED_TIME_OFFER and CAROUSEL
// (template_rules_special.go) and CALL_PERMISSION_REQUEST
// (https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/marketing-templates/call-permission-request-message-template).
// "Templates are limited to one body component", "to one footer
// component", "Each template may include only one text header", and
// "Buttons are defined within a single buttons component object"
// (components page): those four come once at most.
var (
	templateComponentKinds = []string{"HEADER", "BODY", "FOOTER", "BUTTONS", "LIMITED_TIME_OFFER", "CAROUSEL", "CALL_PERMISSION_REQUEST"}
	singleComponentKinds   = []string{"HEADER", "BODY", "FOOTER", "BUTTONS"}
	// headerFormats: "Set to IMAGE, VIDEO, GIF, or DOCUMENT" for a media
	// header, TEXT and LOCATION (components page).
	headerFormats = []string{"TEXT", "IMAGE", "VIDEO", "GIF", "DOCUMENT", "LOCATION"}
)

// CheckTemplateContent checks a template before it is submitted, by the
// rules Meta documents and applies in review: the component kinds and how
// often each comes; lengths; placeholders numbered {{1}}..{{n}} without
// gaps (or lower-case names for NAMED), one example per placeholder;
// buttons in a legal order and number; and the rules of limited-time offer
// and carousel templates, read from t.RawComponents when it is set. Part
// names what a problem is about.
func CheckTemplateContent(t *Template) []TemplateProblem {
	var problems []TemplateProblem
	add := func(part TemplatePart, format string, args ...any) {
		problems = append(problems, TemplateProblem{Part: part, Message: fmt.Sprintf(format, args...)})
	}
	named := strings.EqualFold(t.ParameterFormat, "NAMED")
	category := strings.ToUpper(t.Category)
	shapes := specialShapes(t)
	offer := offerOf(t, shapes)
	bodyLimit := MaxBodyLength
	if offer != nil {
		bodyLimit = MaxOfferBodyLength
	}
	counts := map[string]int{}
	for i, c := range t.Components {
		kind := strings.ToUpper(c.Type)
		counts[kind]++
		switch kind {
		case "HEADER":
			checkHeader(add, c, category, named)
		case "BODY":
			// The body's text is required; component types match in any
			// casing, as the page's own syntax ("header") and examples
			// ("HEADER") show
			// (https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/components).
			if strings.TrimSpace(c.Text) == "" {
				add(PartBody, "the body has no text; Meta requires body text on every template")
			}
			if n := utf8.RuneCountInString(c.Text); n > bodyLimit {
				if offer != nil {
					add(PartBody, "body text is %d characters; the limit is %d for a limited-time offer template", n, bodyLimit)
				} else {
					add(PartBody, "body text is %d characters; the limit is %d", n, bodyLimit)
				}
			}
			ph := distinctPlaceholders(c.Text)
			checkPlaceholders(add, PartBody, ph, named)
			examples := 0
			if c.Example != nil {
				if named {
					examples = len(c.Example.BodyTextNamedParams)
				} else if len(c.Example.BodyText) > 0 {
					examples = len(c.Example.BodyText[0])
				}
			}
			if examples != len(ph) {
				add(PartBody, "the body has %d variable(s) but %d example(s); give one example per variable", len(ph), examples)
			}
		case "FOOTER":
			if n := utf8.RuneCountInString(c.Text); n > MaxFooterTextLength {
				add(PartFooter, "footer text is %d characters; the limit is %d", n, MaxFooterTextLength)
			}
			if len(distinctPlaceholders(c.Text)) > 0 {
				add(PartFooter, "a footer cannot have variables")
			}
		case "BUTTONS":
			var raw []rawButton
			if shapes != nil {
				raw = shapes[i].Buttons
			}
			checkButtons(add, c.Buttons, raw)
		case "LIMITED_TIME_OFFER", "CAROUSEL":
			// template_rules_special.go
		case "CALL_PERMISSION_REQUEST":
			// "Only templates categorized as MARKETING or UTILITY can
			// include a call permission request component." (the call
			// permission page above)
			if category != "MARKETING" && category != "UTILITY" {
				add(PartComponents, "a CALL_PERMISSION_REQUEST component is only for MARKETING and UTILITY templates; this one is %s", category)
			}
		default:
			add(PartComponents, "component %d has type %q; Meta's template components are %s", i, c.Type, strings.Join(templateComponentKinds, ", "))
		}
	}
	for _, kind := range singleComponentKinds {
		if counts[kind] > 1 {
			add(PartComponents, "a template has at most one %s component; this one has %d", kind, counts[kind])
		}
	}
	if counts["BODY"] == 0 {
		add(PartBody, "a template needs a body")
	}
	checkSpecialComponents(add, t, shapes, category)
	return problems
}

func checkHeader(add func(TemplatePart, string, ...any), c TemplateComponent, category string, named bool) {
	switch format := strings.ToUpper(c.Format); format {
	case "", "TEXT":
		if n := utf8.RuneCountInString(c.Text); n > MaxHeaderTextLength {
			add(PartHeader, "header text is %d characters; the limit is %d", n, MaxHeaderTextLength)
		}
		ph := distinctPlaceholders(c.Text)
		if len(ph) > 1 {
			add(PartHeader, "a text header may have at most one variable; it has %d", len(ph))
		}
		checkPlaceholders(add, PartHeader, ph, named)
		var examples int
		if c.Example != nil {
			examples = len(c.Example.HeaderText) + len(c.Example.HeaderTextNamedParam)
		}
		if examples != len(ph) {
			add(PartHeader, "the header has %d variable(s) but %d example(s); give one example per variable", len(ph), examples)
		}
	case "LOCATION":
		// "Location headers can only be used in templates categorized as
		// UTILITY or MARKETING." (components page)
		if category != "MARKETING" && category != "UTILITY" {
			add(PartHeader, "a LOCATION header is only for MARKETING and UTILITY templates; this one is %s", category)
		}
	default:
		if !slices.Contains(headerFormats, format) {
			add(PartHeader, "header format %q is not one of %s", c.Format, strings.Join(headerFormats, ", "))
		}
	}
}

func checkPlaceholders(add func(TemplatePart, string, ...any), part TemplatePart, names []string, named bool) {
	if named {
		for _, n := range names {
			if !namedPlaceholder.MatchString(n) {
				add(part, "variable {{%s}} is not a valid name for NAMED parameters: use lower-case letters, digits and underscores, starting with a letter", n)
			}
		}
		return
	}
	var numbers []int
	for _, n := range names {
		i, err := strconv.Atoi(n)
		if err != nil {
			add(part, "variable {{%s}} is not a number; POSITIONAL templates use {{1}}, {{2}}... (or set parameter_format = \"NAMED\")", n)
			return
		}
		numbers = append(numbers, i)
	}
	slices.Sort(numbers)
	for i, n := range numbers {
		if n != i+1 {
			add(part, "variables must be numbered {{1}} to {{%d}} without gaps; found %s", len(numbers), describePlaceholders(names))
			return
		}
	}
}

func checkButtons(add func(TemplatePart, string, ...any), buttons []TemplateButton, raw []rawButton) {
	if len(buttons) > MaxButtons {
		add(PartButtons, "a template may have at most %d buttons; it has %d", MaxButtons, len(buttons))
	}
	counts := map[string]int{}
	// Quick replies and the other buttons form two groups: "Quick Reply,
	// URL, Quick Reply" and "URL, Quick Reply, URL" are Meta's examples of
	// invalid groupings (components page), so the kind (quick reply or not)
	// changes at most once along the list.
	changes := 0
	for i, b := range buttons {
		kind := strings.ToUpper(b.Type)
		counts[kind]++
		if i > 0 && (kind == "QUICK_REPLY") != strings.EqualFold(buttons[i-1].Type, "QUICK_REPLY") {
			changes++
		}
		checkButton(add, fmt.Sprintf("button %d", i), b)
		if kind == "COPY_CODE" && i < len(raw) {
			checkCopyCodeShape(add, i, raw[i].Example)
		}
	}
	if changes > 1 {
		add(PartButtons, "quick reply buttons must be next to each other, not mixed with other buttons")
	}
	for _, l := range []struct {
		kind  string
		limit int
	}{{"URL", MaxURLButtons}, {"PHONE_NUMBER", MaxPhoneButtons}, {"COPY_CODE", MaxCopyCodeButtons}} {
		if counts[l.kind] > l.limit {
			add(PartButtons, "a template may have at most %d %s button(s); it has %d", l.limit, l.kind, counts[l.kind])
		}
	}
}

// checkButton applies the rules of one button, wherever it is: in the
// BUTTONS component or on a carousel card. where names it ("button 1",
// "card 0's button 1").
func checkButton(add func(TemplatePart, string, ...any), where string, b TemplateButton) {
	part := PartButtons
	if strings.HasPrefix(where, "card") {
		part = PartCarousel
	}
	if n := utf8.RuneCountInString(b.Text); n > MaxButtonTextLength {
		add(part, "%s's text %q is %d characters; the limit is %d", where, b.Text, n, MaxButtonTextLength)
	}
	switch strings.ToUpper(b.Type) {
	case "URL":
		if !strings.HasPrefix(b.URL, "https://") && !strings.HasPrefix(b.URL, "http://") {
			add(part, "%s is a URL button without an http(s) url", where)
		}
		// "Supports 1 variable, appended to the end of the URL string."
		// (components page): every {{...}} counts, a repeated one too.
		at := placeholderPattern.FindAllStringIndex(b.URL, -1)
		if len(at) > 1 || (len(at) == 1 && at[0][1] != len(b.URL)) {
			add(part, "%s's url may have one variable, at its end", where)
		}
		if len(at) == 1 && len(b.Example) != 1 {
			add(part, "%s's url has a variable; give one example url", where)
		}
	case "PHONE_NUMBER":
		if b.PhoneNumber == "" {
			add(part, "%s is a PHONE_NUMBER button without phone_number", where)
		} else if n := utf8.RuneCountInString(b.PhoneNumber); n > MaxPhoneNumberLength {
			add(part, "%s's phone_number is %d characters; the limit is %d", where, n, MaxPhoneNumberLength)
		}
	case "COPY_CODE":
		// The example is required on a copy-code button (template_components.go).
		switch {
		case len(b.Example) == 0 || b.Example[0] == "":
			add(part, "%s: a COPY_CODE button needs an example code, at most %d characters", where, MaxCopyCodeExample)
		case utf8.RuneCountInString(b.Example[0]) > MaxCopyCodeExample:
			add(part, "%s's example code %q is %d characters; the limit is %d", where, b.Example[0], utf8.RuneCountInString(b.Example[0]), MaxCopyCodeExample)
		}
	}
	// Other types (VOICE_CALL, MPM, CATALOG, OTP...) are documented by
	// Meta with rules this client does not model: they are not refused.
}
