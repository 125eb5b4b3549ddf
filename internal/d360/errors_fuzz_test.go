package d360

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

// realisticSecret is the shape of a D360-API-KEY or a Graph token: long,
// and made of letters, digits and a few URL-safe marks. Scrubbing is only
// promised for those: a "secret" of "a" or "1" would match ordinary text.
var realisticSecret = regexp.MustCompile(`^[A-Za-z0-9_-]{8,}$`)

// FuzzParseAPIError feeds arbitrary failure bodies, with a secret planted
// anywhere, to the error parser.
func FuzzParseAPIError(f *testing.F) {
	const key = "live-key-9f8e7d6c"
	for _, body := range []string{
		``, `{}`, `null`, `[]`, `"text"`, `<html><body>502 Bad Gateway</body></html>`,
		`{"error":"Invalid api_key"}`,
		`{"error":{"message":"(#131055) Not a marketing template","type":"OAuthException","code":131055,"error_subcode":2494010,"error_data":{"details":"use MARKETING"},"fbtrace_id":"Abc"}}`,
		`{"detail":{"error":{"message":"(#200) accept the terms","code":131055,"error_data":"terms"}}}`,
		`{"detail":"Not authenticated"}`, `{"message":"x"}`, `{"error":{"code":0}}`, `{"detail":{"error":[]}}`,
		`{"error":{"message":"key ` + key + ` refused","error_user_title":"` + key + `","error_data":{"details":"` + key + `"},"fbtrace_id":"` + key + `"}}`,
		`{"detail":"` + key + `"}`, `{"message":"` + key + `"}`, `{"error":"` + key + `"}`, `plain ` + key,
	} {
		f.Add(400, body, key)
	}
	f.Add(502, strings.Repeat("é", 300), key)
	for _, body := range []string{
		`{"error":{"message":"\u001b[31mred\nError: forged\u202e","type":"\u2066","code":1,"error_data":{"details":"\u0085"},"fbtrace_id":"\u200b"}}`,
		"<html>\x1b[2J\xff\u202e</html>", `{"detail":"\u009b2J"}`, `{"message":"\u2028"}`, `{"error":"\u0000"}`,
	} {
		f.Add(400, body, key)
	}
	f.Fuzz(func(t *testing.T, status int, body, secret string) {
		e := parseAPIError("POST", "/marketing_messages", status, []byte(body), secret, "")
		text := e.Error()
		if e.HTTPStatus != status || !strings.HasPrefix(text, "POST /marketing_messages: HTTP ") {
			t.Fatalf("status or request lost: %q", text)
		}
		// Nothing the server sent can reach a terminal as a control or
		// format character, in the text or in any field a caller may show;
		// the client's own text holds none either, not even a newline.
		for _, shown := range []string{text, e.Type, e.Title, e.Message, e.Details, e.TraceID, e.Snippet} {
			if !utf8.ValidString(shown) {
				t.Fatalf("not UTF-8: %q", shown)
			}
			for _, r := range shown {
				if unsafeRune(r) {
					t.Fatalf("raw %U in %q", r, shown)
				}
			}
		}
		if !realisticSecret.MatchString(secret) {
			return
		}
		if !utf8.ValidString(e.Snippet) {
			t.Fatalf("snippet is not valid UTF-8: %q", e.Snippet)
		}
		// "***" is shorter than any real secret, so scrubbing keeps the bound.
		if len(e.Snippet) > snippetLimit+len("…") {
			t.Fatalf("snippet of %d bytes", len(e.Snippet))
		}
		if strings.Contains(text, secret) {
			t.Fatalf("secret %q in the error text %q", secret, text)
		}
	})
}
