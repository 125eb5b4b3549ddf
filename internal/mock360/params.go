package mock360

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
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
	if apiErr := checkOfferParameters(t, comps); apiErr != nil {
		return apiErr
	}
	return checkParameterValues(t, comps)
}

func mismatch(where string, got, want int) *apiError {
	return whatsappError(132000, metaMessage(132000),
		fmt.Sprintf("%s: number of localizable_params (%d) does not match the expected number of params (%d)", where, got, want))
}

// Parameter values. From Graph v23.0, "template component parameter issues
// at send time return error code 132018"
// (https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/template-management).
// The message, and details of the form "<component>: <reason>", are the
// API's answer as public reports of the error quote it (for example
// "(#132018) There's an issue with the parameters in your template" with
// "buttons: Button at index 0 must be of type Url"); we found neither on a
// Meta documentation page.
const (
	paramValueCode    = 132018
	paramValueMessage = "(#132018) There's an issue with the parameters in your template"
	// The API's own statement of its rule for text parameters, quoted
	// verbatim in public reports such as
	// https://github.com/netflie/whatsapp-cloud-api/issues/201.
	textParamRule = "Param text cannot have new-line/tab characters or more than 4 consecutive spaces"
	// "2000 characters maximum" for a URL button's URL
	// (https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/components).
	maxButtonURL = 2000
)

// checkParameterValues answers 132018 for a header or body text parameter
// that breaks the text rule, and for a URL button value that does not make
// a valid URL. It runs after the counts are checked.
func checkParameterValues(t Template, comps []sendComponent) *apiError {
	for _, c := range comps {
		kind := strings.ToLower(c.Type)
		switch kind {
		case "header", "body":
			for _, p := range c.Parameters {
				if strings.EqualFold(p.Type, "text") && !isTextParam(p.Text) {
					return whatsappError(paramValueCode, paramValueMessage, kind+": "+textParamRule)
				}
			}
		case "button":
			base, ok := dynamicButtonURL(t, c.index)
			if !ok || !strings.EqualFold(c.SubType, "url") {
				continue // a count problem, answered before
			}
			for _, p := range c.Parameters {
				if details := urlParamProblem(base, p.Text); details != "" {
					return whatsappError(paramValueCode, paramValueMessage, fmt.Sprintf("buttons: Button at index %d %s", c.index, details))
				}
			}
		}
	}
	return nil
}

// isTextParam applies textParamRule; a carriage return is a new line too.
// Nothing else is refused, since we found no page that refuses other
// characters (a NUL, say) in a text parameter.
func isTextParam(s string) bool {
	return !strings.ContainsAny(s, "\n\r\t") && !strings.Contains(s, "     ")
}

func dynamicButtonURL(t Template, index int) (string, bool) {
	for _, c := range t.Components {
		if !strings.EqualFold(c.Type, "BUTTONS") || index >= len(c.Buttons) {
			continue
		}
		if b := c.Buttons[index]; strings.EqualFold(b.Type, "URL") && placeholderRe.MatchString(b.URL) {
			return b.URL, true
		}
	}
	return "", false
}

// urlCharacters are the ASCII characters a URL button's value may hold as
// they are. Meta: "If your URL button parameter values contain special
// characters, you must percent-encode them before including them in your
// send template message request. Unencoded special characters can cause the
// generated URL to fail validation, resulting in a message send error."
// Its table lists a space, ":", "|", "ç" and "ñ"
// (https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/components,
// "URL encoding"). The rest is what RFC 3986 allows in a path, a query and
// a fragment, and the "#" that starts one
// (https://www.rfc-editor.org/rfc/rfc3986#appendix-A), without ":" (Meta's
// table), plus "%" when it starts a percent-encoding.
const urlCharacters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=/?@#"

// urlParamProblem says why the URL made from base and the value v would
// fail validation, or "". The wording is the mock's own: the API's is not
// documented. A single "#" and dot segments make valid URLs, so they pass.
func urlParamProblem(base, v string) string {
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case strings.IndexByte(urlCharacters, c) >= 0:
		case c == '%' && i+2 < len(v) && isHexDigit(v[i+1]) && isHexDigit(v[i+2]):
		default:
			return "has a URL parameter that is not valid in a URL; percent-encode special characters such as spaces"
		}
	}
	url := placeholderRe.ReplaceAllLiteralString(base, v)
	if strings.Count(url, "#") > 1 { // a fragment cannot hold "#"
		return "has a URL parameter that is not valid in a URL; percent-encode special characters such as spaces"
	}
	if n := utf8.RuneCountInString(url); n > maxButtonURL {
		return fmt.Sprintf("makes a URL of %d characters; the limit is %d", n, maxButtonURL)
	}
	return ""
}

func isHexDigit(c byte) bool {
	return strings.IndexByte("0123456789abcdefABCDEF", c) >= 0
}
