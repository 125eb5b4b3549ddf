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
// (https://developers.facebook.com/documentation/business-messaging/whatsapp/marketing-messages/deep-links,
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
)

// TemplateNamePattern is Meta's rule for template names.
var TemplateNamePattern = regexp.MustCompile(`^[a-z0-9_]{1,512}$`)

var namedPlaceholder = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// CheckTemplateContent checks a template before it is submitted, by the
// rules Meta applies in review: lengths, placeholders numbered {{1}}..{{n}}
// without gaps (or lower-case names for NAMED), one example per
// placeholder, and buttons in a legal order and number. Part names the
// component: PartHeader, PartBody, PartFooter or PartButtons.
func CheckTemplateContent(t *Template) []TemplateProblem {
	var problems []TemplateProblem
	add := func(part TemplatePart, format string, args ...any) {
		problems = append(problems, TemplateProblem{Part: part, Message: fmt.Sprintf(format, args...)})
	}
	named := strings.EqualFold(t.ParameterFormat, "NAMED")
	hasBody := false
	for _, c := range t.Components {
		switch strings.ToUpper(c.Type) {
		case "HEADER":
			if strings.EqualFold(c.Format, "TEXT") || c.Format == "" {
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
			}
		case "BODY":
			hasBody = true
			// The body's text is required; component types match in any
			// casing, as the page's own syntax ("header") and examples
			// ("HEADER") show
			// (https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/components).
			if strings.TrimSpace(c.Text) == "" {
				add(PartBody, "the body has no text; Meta requires body text on every template")
			}
			if n := utf8.RuneCountInString(c.Text); n > MaxBodyLength {
				add(PartBody, "body text is %d characters; the limit is %d", n, MaxBodyLength)
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
			checkButtons(add, c.Buttons)
		}
	}
	if !hasBody {
		add(PartBody, "a template needs a body")
	}
	return problems
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

func checkButtons(add func(TemplatePart, string, ...any), buttons []TemplateButton) {
	if len(buttons) > MaxButtons {
		add(PartButtons, "a template may have at most %d buttons; it has %d", MaxButtons, len(buttons))
	}
	counts := map[string]int{}
	// Quick replies and the other buttons may not interleave: Meta requires
	// all quick replies to be grouped together.
	groupsOfQuickReplies := 0
	for i, b := range buttons {
		kind := strings.ToUpper(b.Type)
		counts[kind]++
		if kind == "QUICK_REPLY" && (i == 0 || !strings.EqualFold(buttons[i-1].Type, "QUICK_REPLY")) {
			groupsOfQuickReplies++
		}
		if n := utf8.RuneCountInString(b.Text); n > MaxButtonTextLength {
			add(PartButtons, "button %d's text %q is %d characters; the limit is %d", i, b.Text, n, MaxButtonTextLength)
		}
		switch kind {
		case "URL":
			if !strings.HasPrefix(b.URL, "https://") && !strings.HasPrefix(b.URL, "http://") {
				add(PartButtons, "button %d is a URL button without an http(s) url", i)
			}
			ph := distinctPlaceholders(b.URL)
			if len(ph) > 1 || (len(ph) == 1 && !strings.HasSuffix(strings.TrimSpace(b.URL), "}}")) {
				add(PartButtons, "button %d's url may have one variable, at its end", i)
			}
			if len(ph) == 1 && len(b.Example) != 1 {
				add(PartButtons, "button %d's url has a variable; give one example url", i)
			}
		case "PHONE_NUMBER":
			if b.PhoneNumber == "" {
				add(PartButtons, "button %d is a PHONE_NUMBER button without phone_number", i)
			}
		case "COPY_CODE":
			// The example is required on a copy-code button (template_components.go).
			switch {
			case len(b.Example) == 0 || b.Example[0] == "":
				add(PartButtons, "button %d: a COPY_CODE button needs an example code, at most %d characters", i, MaxCopyCodeExample)
			case utf8.RuneCountInString(b.Example[0]) > MaxCopyCodeExample:
				add(PartButtons, "button %d's example code %q is %d characters; the limit is %d", i, b.Example[0], utf8.RuneCountInString(b.Example[0]), MaxCopyCodeExample)
			}
		}
		// Other types (VOICE_CALL, MPM, CATALOG, OTP...) are documented by
		// Meta with rules this client does not model: they are not refused.
	}
	if groupsOfQuickReplies > 1 {
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
