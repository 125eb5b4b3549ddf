package mock360

import (
	"net/http"
	"strings"
	"testing"
)

// Every create rule answers (#100) Invalid parameter, HTTP 400, in Meta's
// plain envelope, with details that say which rule.
func TestCreateTemplate_componentRules(t *testing.T) {
	header := func(format string, extra map[string]any) map[string]any {
		h := map[string]any{"type": "HEADER", "format": format}
		for k, v := range extra {
			h[k] = v
		}
		return h
	}
	handle := map[string]any{"example": map[string]any{"header_handle": []string{"4::aW"}}}
	image := header("IMAGE", handle)
	copyCode := map[string]any{"type": "COPY_CODE", "example": "SPRING25"}
	qr := map[string]any{"type": "QUICK_REPLY", "text": "Stop"}
	phone := map[string]any{"type": "PHONE_NUMBER", "text": "Call", "phone_number": "+15550783881"}
	body := func(text string) map[string]any { return map[string]any{"type": "BODY", "text": text} }
	offer := lto(map[string]any{"text": "Expiring offer!", "has_expiration": true})
	mediaCard := func(extra ...any) map[string]any {
		return map[string]any{"components": append([]any{image}, extra...)}
	}
	cards := func(n int, c map[string]any) []any {
		out := make([]any, n)
		for i := range out {
			out[i] = c
		}
		return out
	}
	carousel := func(cs ...any) map[string]any { return map[string]any{"type": "CAROUSEL", "cards": cs} }
	productCard := map[string]any{"components": []any{header("PRODUCT", nil), buttons(map[string]any{"type": "SPM"})}}
	urlVar := func(url string, example any) map[string]any {
		b := map[string]any{"type": "URL", "text": "Go", "url": url}
		if example != nil {
			b["example"] = example
		}
		return b
	}
	for _, tc := range []struct {
		name     string
		category string
		comps    []any
		format   string
		want     string // the details; "" = created
	}{
		// Limited-time offers.
		{"offer body of 600", "MARKETING", []any{offer, body(strings.Repeat("a", 600)), buttons(copyCode, urlButton)}, "", ""},
		{"offer body of 601", "MARKETING", []any{offer, body(strings.Repeat("a", 601)), buttons(copyCode, urlButton)}, "",
			"Param components[1]['text']: the BODY of a limited-time offer template must be at most 600 characters."},
		{"offer with a text header", "MARKETING", []any{header("TEXT", map[string]any{"text": "Hi"}), offer, body("b"), buttons(copyCode, urlButton)}, "",
			"Param components[0]['format'] of a limited-time offer template's HEADER must be one of {IMAGE, VIDEO}."},
		{"offer with an image header", "MARKETING", []any{image, offer, body("b"), buttons(copyCode, urlButton)}, "", ""},
		{"offer image without a handle", "MARKETING", []any{header("IMAGE", nil), offer, body("b"), buttons(copyCode, urlButton)}, "",
			"Param components[0]['example']['header_handle'] is required for an IMAGE header: an uploaded media asset handle."},
		{"offer without a URL button", "MARKETING", []any{offer, body("b"), buttons(copyCode)}, "", "A limited-time offer template requires a URL button."},
		{"offer with the copy code second", "MARKETING", []any{offer, body("b"), buttons(urlButton, copyCode)}, "",
			"The COPY_CODE button of a limited-time offer template must appear first in the buttons array."},
		{"expiring offer without a copy code", "MARKETING", []any{offer, body("b"), buttons(urlButton)}, "",
			"A limited-time offer with has_expiration set to true requires a COPY_CODE button, first in the buttons array."},
		{"offer without expiration or copy code", "MARKETING", []any{lto(map[string]any{"text": "Offer"}), body("b"), buttons(urlButton)}, "", ""},
		// Buttons.
		{"11 buttons", "MARKETING", []any{body("b"), buttons(qr, qr, qr, qr, qr, qr, qr, qr, qr, qr, qr)}, "",
			"Param components[1]['buttons'] can have at most 10 buttons; it has 11."},
		{"3 URL buttons", "MARKETING", []any{body("b"), buttons(urlButton, urlButton, urlButton)}, "",
			"Param components[1]['buttons']: a template can have at most 2 URL button(s); it has 3."},
		{"2 phone buttons", "MARKETING", []any{body("b"), buttons(phone, phone)}, "",
			"Param components[1]['buttons']: a template can have at most 1 PHONE_NUMBER button(s); it has 2."},
		{"2 copy code buttons", "MARKETING", []any{body("b"), buttons(copyCode, copyCode)}, "",
			"Param components[1]['buttons']: a template can have at most 1 COPY_CODE button(s); it has 2."},
		{"quick reply, URL, quick reply", "MARKETING", []any{body("b"), buttons(qr, urlButton, qr)}, "",
			"Invalid combination of buttons in components[1]: quick reply buttons and the other buttons must each be grouped together."},
		{"URL, quick reply, URL", "MARKETING", []any{body("b"), buttons(urlButton, qr, urlButton)}, "",
			"Invalid combination of buttons in components[1]: quick reply buttons and the other buttons must each be grouped together."},
		{"URL, phone, quick reply, quick reply", "MARKETING", []any{body("b"), buttons(urlButton, phone, qr, qr)}, "", ""},
		{"label of 26", "MARKETING", []any{body("b"), buttons(map[string]any{"type": "QUICK_REPLY", "text": strings.Repeat("x", 26)})}, "",
			"Param components[1]['buttons'][0]['text'] must be at most 25 characters."},
		{"URL variable not at the end", "MARKETING", []any{body("b"), buttons(urlVar("https://x.test/{{1}}/a", []string{"https://x.test/b/a"}))}, "",
			"Param components[1]['buttons'][0]['url'] supports 1 variable, appended to the end of the URL."},
		{"URL with two variables", "MARKETING", []any{body("b"), buttons(urlVar("https://x.test/{{1}}{{2}}", []string{"https://x.test/ab"}))}, "",
			"Param components[1]['buttons'][0]['url'] supports 1 variable, appended to the end of the URL."},
		{"URL variable without an example", "MARKETING", []any{body("b"), buttons(urlVar("https://x.test/{{1}}", nil))}, "",
			"Param components[1]['buttons'][0]['example'] is required: the URL has a variable, so give one example URL."},
		{"URL variable with an example", "MARKETING", []any{body("b"), buttons(urlVar("https://x.test/{{1}}", []string{"https://x.test/a"}))}, "", ""},
		{"phone button without a number", "MARKETING", []any{body("b"), buttons(map[string]any{"type": "PHONE_NUMBER", "text": "Call"})}, "",
			"Param components[1]['buttons'][0]['phone_number'] is required for a PHONE_NUMBER button."},
		{"phone number of 22", "MARKETING", []any{body("b"), buttons(map[string]any{"type": "PHONE_NUMBER", "text": "Call", "phone_number": "+123456789012345678901"})}, "",
			"Param components[1]['buttons'][0]['phone_number'] must be at most 20 characters."},
		// Carousels.
		{"carousel of 11 cards", "MARKETING", []any{body("b"), carousel(cards(11, mediaCard())...)}, "", "Param components[1]['cards'] must have 2 to 10 cards; it has 11."},
		{"carousel card without a handle", "MARKETING", []any{body("b"), carousel(cards(2, map[string]any{"components": []any{header("IMAGE", nil)}})...)}, "",
			"Param components[1]['cards'][0]: the card's IMAGE header needs example.header_handle, an uploaded media asset handle."},
		{"carousel cards that differ", "MARKETING", []any{body("b"), carousel(mediaCard(body("x")), mediaCard())}, "",
			"Param components[1]['cards'][1]: all cards of a carousel must have the same components."},
		{"carousel card body of 161", "MARKETING", []any{body("b"), carousel(cards(2, mediaCard(body(strings.Repeat("c", 161))))...)}, "",
			"Param components[1]['cards'][0]['components'][1]['text'] must be at most 160 characters."},
		{"carousel card with 3 buttons", "MARKETING", []any{body("b"), carousel(cards(2, mediaCard(buttons(qr, qr, qr)))...)}, "",
			"Param components[1]['cards'][0]['components'][1]['buttons'] can have at most 2 button(s) on a card; it has 3."},
		{"carousel card with a copy code", "MARKETING", []any{body("b"), carousel(cards(2, mediaCard(buttons(copyCode)))...)}, "",
			"Param components[1]['cards'][0]['components'][1]['buttons'][0]['type'] must be one of {QUICK_REPLY, URL, PHONE_NUMBER} on a card."},
		{"carousel card with a footer", "MARKETING", []any{body("b"), carousel(cards(2, mediaCard(map[string]any{"type": "FOOTER", "text": "f"}))...)}, "",
			"Param components[1]['cards'][0]['components'][1]['type'] must be one of {HEADER, BODY, BUTTONS} on a card."},
		{"carousel card label of 26", "MARKETING", []any{body("b"), carousel(cards(2, mediaCard(buttons(map[string]any{"type": "QUICK_REPLY", "text": strings.Repeat("x", 26)})))...)}, "",
			"Param components[1]['cards'][0]['components'][1]['buttons'][0]['text'] must be at most 25 characters."},
		{"carousel of an image and a video card", "MARKETING", []any{body("b"), carousel(mediaCard(), map[string]any{"components": []any{header("VIDEO", handle)}})}, "", ""},
		{"product carousel", "MARKETING", []any{body("b"), carousel(cards(3, productCard)...)}, "", ""},
		{"product card with 2 buttons", "MARKETING", []any{body("b"), carousel(cards(2, map[string]any{"components": []any{header("PRODUCT", nil), buttons(map[string]any{"type": "SPM"}, urlButton)}})...)}, "",
			"Param components[1]['cards'][0]['components'][1]['buttons'] can have at most 1 button(s) on a card; it has 2."},
		{"carousel on UTILITY", "UTILITY", []any{body("b"), carousel(cards(2, mediaCard())...)}, "",
			"Carousel templates are supported only for MARKETING templates; only MARKETING templates can have a CAROUSEL component."},
		// Headers, bodies, footers and kinds.
		{"GIF header", "MARKETING", []any{header("GIF", handle), body("b")}, "", ""},
		{"AUDIO header", "MARKETING", []any{header("AUDIO", nil), body("b")}, "",
			"Param components[0]['format'] must be one of {TEXT, IMAGE, VIDEO, GIF, DOCUMENT, LOCATION}."},
		{"location header on AUTHENTICATION", "AUTHENTICATION", []any{header("LOCATION", nil), body("b")}, "",
			"Location headers can only be used in templates categorized as UTILITY or MARKETING."},
		{"call permission request", "UTILITY", []any{body("b"), map[string]any{"type": "CALL_PERMISSION_REQUEST"}}, "", ""},
		{"call permission request on AUTHENTICATION", "AUTHENTICATION", []any{body("b"), map[string]any{"type": "CALL_PERMISSION_REQUEST"}}, "",
			"Only MARKETING and UTILITY templates can include a CALL_PERMISSION_REQUEST component."},
		{"two bodies", "MARKETING", []any{body("a"), body("b")}, "", "Param components[1]: a template can have only one BODY component."},
		{"footer of 61", "MARKETING", []any{body("a"), map[string]any{"type": "FOOTER", "text": strings.Repeat("f", 61)}}, "",
			"Param components[1]['text'] of a FOOTER must be at most 60 characters."},
		{"footer variable", "MARKETING", []any{body("a"), map[string]any{"type": "FOOTER", "text": "Bye {{1}}"}}, "",
			"Param components[1]['text']: a FOOTER cannot contain variables."},
		{"body variable without an example", "MARKETING", []any{body("Hi {{1}}")}, "",
			"Param components[0]['example']: the BODY has 1 variable(s) and 0 example value(s); give one example value per variable."},
		{"body variables with a gap", "MARKETING", []any{map[string]any{"type": "BODY", "text": "{{1}} {{3}}", "example": map[string]any{"body_text": [][]string{{"a", "b"}}}}}, "",
			"Param components[0]['text']: the BODY variables must be sequential, starting from {{1}}."},
		{"a name in a positional body", "MARKETING", []any{map[string]any{"type": "BODY", "text": "{{name}}", "example": map[string]any{"body_text": [][]string{{"a"}}}}}, "",
			"Param components[0]['text']: the BODY variable {{name}} is not a positional parameter; use {{1}}, {{2}}... or parameter_format NAMED."},
		{"a number in a NAMED body", "MARKETING", []any{map[string]any{"type": "BODY", "text": "{{1}}",
			"example": map[string]any{"body_text_named_params": []any{map[string]any{"param_name": "1", "example": "a"}}}}}, "NAMED",
			"Param components[0]['text']: the BODY variable {{1}} is not a valid named parameter: use lowercase letters and underscores."},
		{"a NAMED header with its example", "MARKETING", []any{
			header("TEXT", map[string]any{"text": "Hi {{name}}", "example": map[string]any{"header_text_named_params": []any{map[string]any{"param_name": "name", "example": "Ann"}}}}),
			body("b")}, "NAMED", ""},
		{"a header variable without an example", "MARKETING", []any{header("TEXT", map[string]any{"text": "Hi {{1}}"}), body("b")}, "",
			"Param components[0]['example']: the HEADER has 1 variable(s) and 0 example value(s); give one example value per variable."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, ts := newTestServer(t, Options{})
			b := templateWith(tc.category, tc.comps...)
			if tc.format != "" {
				b["parameter_format"] = tc.format
			}
			a := call(t, ts, "POST", "/v1/configs/templates", b, nil)
			if tc.want == "" {
				if a.status != http.StatusCreated {
					t.Fatalf("want 201, got %d %s", a.status, a.raw)
				}
				return
			}
			wantMetaError(t, a, http.StatusBadRequest, metaErr{code: 100, message: "(#100) Invalid parameter", details: tc.want})
		})
	}
}
