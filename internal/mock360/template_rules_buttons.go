package mock360

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Button rules, from the "Buttons" section of Meta's template components
// page
// (https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/components):
//   - "Templates can have a combination of up to 10 button components in total"
//   - "Templates are limited to two URL buttons.", "... to one phone number
//     button.", "... to one copy code button."
//   - "If using quick reply buttons with other buttons, buttons must be
//     organized into two groups: quick reply buttons and non-quick reply
//     buttons. If grouped incorrectly, the API will return an error
//     indicating an invalid combination."
//   - a label is "25 characters maximum"; a phone number "20 characters
//     maximum"; a URL "Supports 1 variable, appended to the end of the URL
//     string", with an example when it has one ("Required if <URL>
//     contains a variable").
const (
	maxTemplateButtons = 10
	maxButtonLabel     = 25
	maxPhoneNumber     = 20
)

var buttonTypeLimits = []struct {
	kind  string
	limit int
}{{"URL", 2}, {"PHONE_NUMBER", 1}, {"COPY_CODE", 1}}

func checkButtonsComponent(i int, buttons []TemplateButton) *apiError {
	if len(buttons) > maxTemplateButtons {
		return invalidParameter(fmt.Sprintf("Param components[%d]['buttons'] can have at most %d buttons; it has %d.", i, maxTemplateButtons, len(buttons)))
	}
	perKind := map[string]int{}
	// The list is at most two runs: quick replies, then the others, or the
	// other way round. Meta's invalid examples: "Quick Reply, URL, Quick
	// Reply" and "URL, Quick Reply, URL".
	runs, last := 0, ""
	for j, btn := range buttons {
		kind := strings.ToUpper(btn.Type)
		perKind[kind]++
		group := "other"
		if kind == "QUICK_REPLY" {
			group = "quick reply"
		}
		if group != last {
			runs, last = runs+1, group
		}
		if runs > 2 {
			return invalidParameter(fmt.Sprintf("Invalid combination of buttons in components[%d]: quick reply buttons and the other buttons must each be grouped together.", i))
		}
		if apiErr := checkOneButton(fmt.Sprintf("components[%d]['buttons'][%d]", i, j), btn); apiErr != nil {
			return apiErr
		}
	}
	for _, l := range buttonTypeLimits {
		if perKind[l.kind] > l.limit {
			return invalidParameter(fmt.Sprintf("Param components[%d]['buttons']: a template can have at most %d %s button(s); it has %d.", i, l.limit, l.kind, perKind[l.kind]))
		}
	}
	return nil
}

// checkOneButton applies the rules of a single button; where locates it
// in the request ("components[2]['buttons'][0]").
func checkOneButton(where string, btn TemplateButton) *apiError {
	if utf8.RuneCountInString(btn.Text) > maxButtonLabel {
		return invalidParameter(fmt.Sprintf("Param %s['text'] must be at most %d characters.", where, maxButtonLabel))
	}
	switch strings.ToUpper(btn.Type) {
	case "URL":
		vars := placeholderRe.FindAllStringIndex(btn.URL, -1)
		if len(vars) > 1 || (len(vars) == 1 && vars[0][1] < len(btn.URL)) {
			return invalidParameter(fmt.Sprintf("Param %s['url'] supports 1 variable, appended to the end of the URL.", where))
		}
		if len(vars) == 1 && countExamples(btn.Example) != 1 {
			return invalidParameter(fmt.Sprintf("Param %s['example'] is required: the URL has a variable, so give one example URL.", where))
		}
	case "PHONE_NUMBER":
		if btn.PhoneNumber == "" {
			return invalidParameter(fmt.Sprintf("Param %s['phone_number'] is required for a PHONE_NUMBER button.", where))
		}
		if utf8.RuneCountInString(btn.PhoneNumber) > maxPhoneNumber {
			return invalidParameter(fmt.Sprintf("Param %s['phone_number'] must be at most %d characters.", where, maxPhoneNumber))
		}
	}
	return nil
}

// countExamples counts a button's examples: one string, or a list.
func countExamples(raw json.RawMessage) int {
	raw = bytes.TrimSpace(raw)
	switch {
	case len(raw) == 0:
		return 0
	case raw[0] == '"':
		return 1
	case raw[0] == '[':
		var list []json.RawMessage
		if json.Unmarshal(raw, &list) == nil {
			return len(list)
		}
	}
	return 0
}
