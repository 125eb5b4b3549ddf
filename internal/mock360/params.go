package mock360

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// placeholderRe finds {{1}} (positional) and {{first_name}} (NAMED) variables.
var placeholderRe = regexp.MustCompile(`\{\{\s*([A-Za-z0-9_]+)\s*\}\}`)

// placeholders returns the distinct variable names in text, in order.
func placeholders(text string) []string {
	var out []string
	for _, m := range placeholderRe.FindAllStringSubmatch(text, -1) {
		if !slices.Contains(out, m[1]) {
			out = append(out, m[1])
		}
	}
	return out
}

// parseIndex accepts a button index as an integer or a numeric string; Meta's
// own examples use both
// (https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/marketing-templates/limited-time-offer-templates).
func parseIndex(raw json.RawMessage) (int, bool) {
	if len(raw) == 0 {
		return 0, false
	}
	var n int
	if err := json.Unmarshal(raw, &n); err == nil {
		return n, n >= 0
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	return n, err == nil && n >= 0
}

// templateParams is what a template expects a send to fill in.
type templateParams struct {
	header     int
	body       int
	bodyNames  []string     // NAMED parameter_format only
	dynamicURL map[int]bool // button index -> URL button with a variable
}

func expectedParams(t Template) templateParams {
	exp := templateParams{dynamicURL: map[int]bool{}}
	named := strings.EqualFold(t.ParameterFormat, "NAMED")
	for _, c := range t.Components {
		switch strings.ToUpper(c.Type) {
		case "HEADER":
			switch strings.ToUpper(c.Format) {
			case "", "TEXT":
				if len(placeholders(c.Text)) > 0 {
					exp.header = 1 // a text header has at most one variable
				}
			default: // IMAGE, VIDEO, DOCUMENT, LOCATION: one media/location parameter
				exp.header = 1
			}
		case "BODY":
			ph := placeholders(c.Text)
			exp.body = len(ph)
			if named {
				exp.bodyNames = ph
			}
		case "BUTTONS":
			for i, b := range c.Buttons {
				if strings.EqualFold(b.Type, "URL") && strings.Contains(b.URL, "{{") {
					exp.dynamicURL[i] = true
				}
			}
		}
	}
	return exp
}

// checkParameters answers 132000 when the send's parameter counts differ
// from the template's variables. Details follow Meta's wording.
func checkParameters(t Template, comps []sendComponent) *apiError {
	exp := expectedParams(t)
	var header, body int
	var names []string
	urlParams := map[int]int{}
	for _, c := range comps {
		switch strings.ToLower(c.Type) {
		case "header":
			header += len(c.Parameters)
		case "body":
			body += len(c.Parameters)
			for _, p := range c.Parameters {
				names = append(names, p.ParameterName)
			}
		case "button":
			if strings.EqualFold(c.SubType, "url") {
				urlParams[c.index] += len(c.Parameters)
			}
		}
	}
	if header != exp.header {
		return mismatch("header", header, exp.header)
	}
	if body != exp.body {
		return mismatch("body", body, exp.body)
	}
	for _, n := range names {
		if exp.bodyNames != nil && !slices.Contains(exp.bodyNames, n) {
			return whatsappError(132000, metaMessage(132000),
				fmt.Sprintf("body: parameter_name (%s) is not a variable of this NAMED template; expected names: %s", n, strings.Join(exp.bodyNames, ", ")))
		}
	}
	var indexes []int
	for i := range exp.dynamicURL {
		indexes = append(indexes, i)
	}
	for i := range urlParams {
		if !exp.dynamicURL[i] {
			indexes = append(indexes, i)
		}
	}
	slices.Sort(indexes)
	for _, i := range indexes {
		want := 0
		if exp.dynamicURL[i] {
			want = 1
		}
		if urlParams[i] != want {
			return mismatch(fmt.Sprintf("button at index %d", i), urlParams[i], want)
		}
	}
	return nil
}

func mismatch(where string, got, want int) *apiError {
	return whatsappError(132000, metaMessage(132000),
		fmt.Sprintf("%s: number of localizable_params (%d) does not match the expected number of params (%d)", where, got, want))
}
