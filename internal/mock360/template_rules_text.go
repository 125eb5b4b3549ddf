package mock360

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Rules of the text components, from Meta's template components page
// (https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/components)
// unless a comment names another. The API refuses a template that breaks
// one with (#100) Invalid parameter, HTTP 400, in Meta's envelope: "The API
// validates template parameters at creation time. Invalid categories or
// unsupported language codes return error code 100."
// (https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/template-management).
// The details are the mock's words: Meta documents none for these rules.

// countNamedHeaderExamples counts the header_text_named_params examples of
// each component ("example": {"header_text_named_params": [...]} on a text
// header), which TemplateExample does not keep.
func countNamedHeaderExamples(raw []byte) ([]int, error) {
	var body struct {
		Components []struct {
			Example *struct {
				HeaderTextNamedParams []NamedParamExample `json:"header_text_named_params"`
			} `json:"example"`
		} `json:"components"`
	}
	if err := json.Unmarshal(raw, &body); err != nil {
		return nil, err
	}
	counts := make([]int, len(body.Components))
	for i, c := range body.Components {
		if c.Example != nil {
			counts[i] = len(c.Example.HeaderTextNamedParams)
		}
	}
	return counts, nil
}

// checkComponentText applies the rules of HEADER, BODY, FOOTER, BUTTONS and
// CALL_PERMISSION_REQUEST components that validateTemplate does not.
func checkComponentText(b *createTemplateBody) *apiError {
	seen := map[string]int{}
	named := strings.EqualFold(b.ParameterFormat, "NAMED")
	for i, c := range b.Components {
		seen[c.Type]++
		// "Templates are limited to one body component.", "Templates are
		// limited to one footer component.", "Each template may include
		// only one text header." and "Buttons are defined within a single
		// buttons component object".
		if seen[c.Type] == 2 && (c.Type == "HEADER" || c.Type == "BODY" || c.Type == "FOOTER" || c.Type == "BUTTONS") {
			return invalidParameter(fmt.Sprintf("Param components[%d]: a template can have only one %s component.", i, c.Type))
		}
		var apiErr *apiError
		switch c.Type {
		case "HEADER":
			apiErr = checkHeaderComponent(i, c, b, named)
		case "BODY":
			apiErr = checkVariables(i, "BODY", c.Text, named, bodyExamples(c, named))
		case "FOOTER":
			// "60 characters maximum"; a footer is one of the "text-only
			// components", with no variables.
			switch {
			case utf8.RuneCountInString(c.Text) > 60:
				apiErr = invalidParameter(fmt.Sprintf("Param components[%d]['text'] of a FOOTER must be at most 60 characters.", i))
			case len(placeholders(c.Text)) > 0:
				apiErr = invalidParameter(fmt.Sprintf("Param components[%d]['text']: a FOOTER cannot contain variables.", i))
			}
		case "BUTTONS":
			apiErr = checkButtonsComponent(i, c.Buttons)
		case "CALL_PERMISSION_REQUEST":
			// "Only templates categorized as MARKETING or UTILITY can
			// include a call permission request component."
			// (https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/marketing-templates/call-permission-request-message-template)
			if b.Category != "MARKETING" && b.Category != "UTILITY" {
				apiErr = invalidParameter("Only MARKETING and UTILITY templates can include a CALL_PERMISSION_REQUEST component.")
			}
		}
		if apiErr != nil {
			return apiErr
		}
	}
	return nil
}

func checkHeaderComponent(i int, c TemplateComponent, b *createTemplateBody, named bool) *apiError {
	switch c.Format {
	case "", "TEXT":
		examples := 0
		if c.Example != nil {
			examples = len(c.Example.HeaderText)
		}
		if i < len(b.namedHeaderExamples) {
			examples += b.namedHeaderExamples[i]
		}
		return checkVariables(i, "HEADER", c.Text, named, examples)
	case "LOCATION":
		// "Location headers can only be used in templates categorized as
		// UTILITY or MARKETING."
		if b.Category != "MARKETING" && b.Category != "UTILITY" {
			return invalidParameter("Location headers can only be used in templates categorized as UTILITY or MARKETING.")
		}
	}
	return nil
}

func bodyExamples(c TemplateComponent, named bool) int {
	switch {
	case c.Example == nil:
		return 0
	case named:
		return len(c.Example.BodyTextNamedParams)
	case len(c.Example.BodyText) > 0:
		return len(c.Example.BodyText[0])
	}
	return 0
}

// checkVariables: "Positional parameters must be ordered array index
// numbers, starting from 1"; named ones "must be unique, single strings,
// composed of lowercase characters and underscores"; and "if a string
// includes one or more parameters ... you must include an example value
// for each parameter"
// (https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/overview).
// Digits after the first letter of a name pass: names such as "item2" are
// common in public templates and no page refuses them.
func checkVariables(i int, kind, text string, named bool, examples int) *apiError {
	vars := placeholders(text)
	if named {
		for _, v := range vars {
			if !isParameterName(v) {
				return invalidParameter(fmt.Sprintf("Param components[%d]['text']: the %s variable {{%s}} is not a valid named parameter: use lowercase letters and underscores.", i, kind, v))
			}
		}
	} else {
		numbers := make([]int, 0, len(vars))
		for _, v := range vars {
			n, err := strconv.Atoi(v)
			if err != nil {
				return invalidParameter(fmt.Sprintf("Param components[%d]['text']: the %s variable {{%s}} is not a positional parameter; use {{1}}, {{2}}... or parameter_format NAMED.", i, kind, v))
			}
			numbers = append(numbers, n)
		}
		sort.Ints(numbers)
		for k, n := range numbers {
			if n != k+1 {
				return invalidParameter(fmt.Sprintf("Param components[%d]['text']: the %s variables must be sequential, starting from {{1}}.", i, kind))
			}
		}
	}
	if examples != len(vars) {
		return invalidParameter(fmt.Sprintf("Param components[%d]['example']: the %s has %d variable(s) and %d example value(s); give one example value per variable.", i, kind, len(vars), examples))
	}
	return nil
}

func isParameterName(s string) bool {
	for k, r := range s {
		switch {
		case r >= 'a' && r <= 'z':
		case k > 0 && (r == '_' || (r >= '0' && r <= '9')):
		default:
			return false
		}
	}
	return s != ""
}
