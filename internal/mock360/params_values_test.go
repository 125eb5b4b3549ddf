package mock360

import (
	"net/http"
	"strings"
	"testing"
)

// showcaseServer is the default state plus the showcase templates, for
// seasonal_offer's text header.
func showcaseServer(t *testing.T) (*Server, func(path string, body map[string]any) answer) {
	t.Helper()
	seed := DefaultState()
	seed.Templates = append(seed.Templates, ShowcaseTemplates()...)
	mock, ts := newTestServer(t, Options{Seed: &seed})
	return mock, func(path string, body map[string]any) answer { return call(t, ts, "POST", path, body, nil) }
}

// springSaleWith fills spring_sale ("Hi {{1}}, {{2}} off...", URL button
// https://shop.example.com/sale/{{1}}) with the given values.
func springSaleWith(name, discount, suffix string) map[string]any {
	return send(func(b map[string]any) {
		setTemplate(b, "spring_sale", []any{
			map[string]any{"type": "body", "parameters": []any{
				map[string]any{"type": "text", "text": name}, map[string]any{"type": "text", "text": discount}}},
			map[string]any{"type": "button", "sub_type": "url", "index": "0", "parameters": []any{
				map[string]any{"type": "text", "text": suffix}}},
		})
	})
}

// seasonalHeader sends seasonal_offer with header text v.
func seasonalHeader(v string) map[string]any {
	text := func(s string) map[string]any { return map[string]any{"type": "text", "text": s} }
	return send(func(b map[string]any) {
		setTemplate(b, "seasonal_offer", []any{
			map[string]any{"type": "header", "parameters": []any{text(v)}},
			map[string]any{"type": "body", "parameters": []any{text("Ann"), text("20%"),
				map[string]any{"type": "currency", "currency": map[string]any{"fallback_value": "$5", "code": "USD", "amount_1000": 5000}},
				map[string]any{"type": "date_time", "date_time": map[string]any{"fallback_value": "May 1"}}}},
			map[string]any{"type": "button", "sub_type": "url", "index": 0, "parameters": []any{text("spring")}},
		})
	})
}

// A text parameter with a line break, a tab or more than 4 spaces in a row,
// and a URL button value that is not valid in a URL, are refused with 132018
// on both send endpoints, and nothing is recorded.
func TestSendRefusesParameterValues(t *testing.T) {
	const message = "(#132018) There's an issue with the parameters in your template"
	const textRule = "Param text cannot have new-line/tab characters or more than 4 consecutive spaces"
	const badURL = "buttons: Button at index 0 has a URL parameter that is not valid in a URL; percent-encode special characters such as spaces"
	cases := []struct {
		name, path string
		body       map[string]any
		details    string
	}{
		{"body new line", "/marketing_messages", springSaleWith("Ann\nLee", "20%", "spring"), "body: " + textRule},
		{"body carriage return", "/marketing_messages", springSaleWith("Ann", "20%\r", "spring"), "body: " + textRule},
		{"body tab", "/marketing_messages", springSaleWith("Ann", "\t20%", "spring"), "body: " + textRule},
		{"body five spaces", "/marketing_messages", springSaleWith("Ann     Lee", "20%", "spring"), "body: " + textRule},
		{"body new line on /messages", "/messages", springSaleWith("Ann\n", "20%", "spring"), "body: " + textRule},
		{"header new line", "/marketing_messages", seasonalHeader("Ann\n"), "header: " + textRule},
		{"URL space", "/marketing_messages", springSaleWith("Ann", "20%", "summer sale"), badURL},
		{"URL control character", "/marketing_messages", springSaleWith("Ann", "20%", "a\x01b"), badURL},
		{"URL new line", "/marketing_messages", springSaleWith("Ann", "20%", "a\n"), badURL},
		{"URL colon (Meta's table: %3A)", "/marketing_messages", springSaleWith("Ann", "20%", "x:key"), badURL},
		{"URL bar (Meta's table: %7C)", "/marketing_messages", springSaleWith("Ann", "20%", "9|DL"), badURL},
		{"URL non-ASCII (Meta's table: %C3%A7)", "/marketing_messages", springSaleWith("Ann", "20%", "Gonçalves"), badURL},
		{"URL bad percent escape", "/marketing_messages", springSaleWith("Ann", "20%", "100%"), badURL},
		{"URL two fragments", "/marketing_messages", springSaleWith("Ann", "20%", "a#b#c"), badURL},
		{"URL over 2000 characters", "/marketing_messages",
			springSaleWith("Ann", "20%", strings.Repeat("a", 2001-len("https://shop.example.com/sale/"))),
			"buttons: Button at index 0 makes a URL of 2001 characters; the limit is 2000"},
	}
	mock, post := showcaseServer(t)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			wantMetaError(t, post(tc.path, tc.body), http.StatusBadRequest, metaErr{
				wrapped: tc.path == "/marketing_messages", code: 132018, message: message, details: tc.details})
		})
	}
	if n := len(mock.State().Messages); n != 0 {
		t.Fatalf("refused sends were recorded: %d messages", n)
	}
}

// The limits are not stricter than the documented rules: four spaces,
// Unicode and emoji are text; a query string, a percent-encoding and a URL
// of exactly 2000 characters are valid. A single "#" and "../" make valid
// URLs and no Meta page refuses them, so the mock accepts them (the
// provider's plan check refuses them, its own conservative choice); nor
// does any page refuse a NUL in a text parameter.
func TestSendAcceptsParameterValues(t *testing.T) {
	cases := []struct {
		name         string
		body         map[string]any
		wantRendered string
	}{
		{"four spaces", springSaleWith("Ann    Lee", "20%", "spring"), "Hi Ann    Lee, 20% off"},
		{"unicode and emoji", springSaleWith("Ünïcødé 中文", "🎉 20%", "spring"), "Hi Ünïcødé 中文, 🎉 20% off"},
		{"query string", springSaleWith("Ann", "20%", "summer-sale?utm=x&b=1"), "https://shop.example.com/sale/summer-sale?utm=x&b=1"},
		{"percent-encoded", springSaleWith("Ann", "20%", "Gon%C3%A7alves"), "https://shop.example.com/sale/Gon%C3%A7alves"},
		{"one fragment", springSaleWith("Ann", "20%", "spring#top"), "https://shop.example.com/sale/spring#top"},
		{"dot segments", springSaleWith("Ann", "20%", "../admin"), "https://shop.example.com/sale/../admin"},
		{"NUL", springSaleWith("Ann\x00", "20%", "spring"), "Hi Ann\x00, 20% off"},
		{"2000 characters", springSaleWith("Ann", "20%", strings.Repeat("a", 2000-len("https://shop.example.com/sale/"))), "https://shop.example.com/sale/aaa"},
		{"header four spaces", seasonalHeader("Ann    Lee"), "Ann    Lee, your spring offer"},
	}
	mock, post := showcaseServer(t)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if a := post("/marketing_messages", tc.body); a.status != http.StatusOK {
				t.Fatalf("status %d: %s", a.status, a.raw)
			}
			msgs := mock.State().Messages
			if got := msgs[len(msgs)-1].Rendered; !strings.Contains(got, tc.wantRendered) {
				t.Fatalf("rendered %q, want it to contain %q", got, tc.wantRendered)
			}
		})
	}
}
