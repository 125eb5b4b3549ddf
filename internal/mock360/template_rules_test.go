package mock360

import (
	"net/http"
	"strings"
	"testing"
)

func templateWith(category string, components ...any) map[string]any {
	return map[string]any{"name": "rule_check", "language": "en", "category": category, "components": components}
}

var plainBody = map[string]any{"type": "BODY", "text": "Use code SPRING25"}

func buttons(b ...any) map[string]any { return map[string]any{"type": "BUTTONS", "buttons": b} }

// urlButton is the URL button a limited-time offer template requires.
var urlButton = map[string]any{"type": "URL", "text": "Book now!", "url": "https://shop.example.com/offer"}

func lto(offer map[string]any) map[string]any {
	return map[string]any{"type": "limited_time_offer", "limited_time_offer": offer}
}

func card(header string) map[string]any {
	return map[string]any{"components": []any{
		map[string]any{"type": "HEADER", "format": header, "example": map[string]any{"header_handle": []string{"4::aW"}}},
		map[string]any{"type": "BODY", "text": "A card"},
		buttons(map[string]any{"type": "QUICK_REPLY", "text": "More"}),
	}}
}

func TestCreateTemplate_documentedShapes(t *testing.T) {
	cases := map[string]struct {
		body map[string]any
		want string // empty: accepted
	}{
		"copy code with a string example": {templateWith("MARKETING", plainBody, buttons(map[string]any{"type": "COPY_CODE", "example": "SPRING25"})), ""},
		"copy code without example":       {templateWith("MARKETING", plainBody, buttons(map[string]any{"type": "COPY_CODE"})), "COPY_CODE button needs an example"},
		"copy code example too long":      {templateWith("MARKETING", plainBody, buttons(map[string]any{"type": "COPY_CODE", "example": "SPRING2026SUPERSALE"})), "at most 15 characters"},
		"copy code example as a list":     {templateWith("MARKETING", plainBody, buttons(map[string]any{"type": "COPY_CODE", "example": []string{"SPRING25"}})), "must be a string"},
		"unknown button type passes":      {templateWith("MARKETING", plainBody, buttons(map[string]any{"type": "VOICE_CALL", "text": "Call"})), ""},
		"limited time offer": {templateWith("MARKETING", lto(map[string]any{"text": "Expiring offer!", "has_expiration": true}), plainBody,
			buttons(map[string]any{"type": "COPY_CODE", "example": "SPRING25"}, urlButton)), ""},
		"limited time offer without text": {templateWith("MARKETING", lto(map[string]any{"has_expiration": true}), plainBody), "limited_time_offer.text'] is required"},
		"limited time offer text too long": {templateWith("MARKETING", lto(map[string]any{"text": "This offer text is far too long"}), plainBody),
			"at most 16 characters"},
		"limited time offer with footer": {templateWith("MARKETING", lto(map[string]any{"text": "Expiring!"}), plainBody, map[string]any{"type": "FOOTER", "text": "f"}),
			"cannot have a FOOTER"},
		"limited time offer on utility": {templateWith("UTILITY", lto(map[string]any{"text": "Expiring!"}), plainBody), "only MARKETING templates"},
		"carousel":                      {templateWith("MARKETING", plainBody, map[string]any{"type": "CAROUSEL", "cards": []any{card("IMAGE"), card("VIDEO")}}), ""},
		"carousel of one card":          {templateWith("MARKETING", plainBody, map[string]any{"type": "CAROUSEL", "cards": []any{card("IMAGE")}}), "2 to 10 cards"},
		"carousel card with text header": {templateWith("MARKETING", plainBody, map[string]any{"type": "CAROUSEL", "cards": []any{card("IMAGE"), card("TEXT")}}),
			"IMAGE or VIDEO header"},
		"marketing ttl -1": {func() map[string]any {
			b := templateWith("MARKETING", plainBody)
			b["message_send_ttl_seconds"] = -1
			return b
		}(), "between 43200 and 2592000"},
		"utility ttl -1": {func() map[string]any {
			b := templateWith("UTILITY", plainBody)
			b["message_send_ttl_seconds"] = -1
			return b
		}(), ""},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			_, ts := newTestServer(t, Options{})
			a := call(t, ts, "POST", "/v1/configs/templates", tc.body, nil)
			if tc.want == "" {
				if a.status != http.StatusCreated {
					t.Fatalf("want 201, got %d %s", a.status, a.raw)
				}
				return
			}
			if a.status != http.StatusBadRequest || !strings.Contains(string(a.raw), `"code":100`) || !strings.Contains(string(a.raw), tc.want) {
				t.Fatalf("want 400 code 100 with %q, got %d %s", tc.want, a.status, a.raw)
			}
		})
	}
}

// The list answer keeps what was created, nested objects included.
func TestCreateTemplate_keepsNestedComponents(t *testing.T) {
	_, ts := newTestServer(t, Options{})
	body := templateWith("MARKETING", lto(map[string]any{"text": "Expiring offer!", "has_expiration": true}), plainBody,
		map[string]any{"type": "CAROUSEL", "cards": []any{card("IMAGE"), card("VIDEO")}},
		buttons(map[string]any{"type": "COPY_CODE", "example": "SPRING25"}, urlButton))
	if a := call(t, ts, "POST", "/v1/configs/templates", body, nil); a.status != http.StatusCreated {
		t.Fatalf("create: %d %s", a.status, a.raw)
	}
	a := call(t, ts, "GET", `/v1/configs/templates?filters={"business_templates.name":"rule_check"}`, nil, nil)
	for _, want := range []string{`"limited_time_offer":{"text":"Expiring offer!","has_expiration":true}`, `"cards":[{"components":[`,
		`{"type":"COPY_CODE","example":"SPRING25"}`} {
		if !strings.Contains(string(a.raw), want) {
			t.Errorf("list lacks %s: %s", want, a.raw)
		}
	}
}
