package d360

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"net/url"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"
)

// echoForms are the ways a server may echo a secret: as is, escaped by the
// JSON, HTML and URL encoders of common server languages, and nested.
func echoForms(secret string) map[string]string {
	goJSON := jsonString(secret)
	forms := map[string]string{
		"raw":                    secret,
		"json.Marshal":           goJSON,
		"PHP json_encode":        phpJSON(secret),
		"all \\uXXXX":            allUnicodeEscapes(secret, "%04x"),
		"all \\uXXXX upper":      allUnicodeEscapes(secret, "%04X"),
		"html.EscapeString":      html.EscapeString(secret),
		"decimal entities":       entities(secret, "&#%d;"),
		"hex entities":           entities(secret, "&#x%x;"),
		"url.QueryEscape":        url.QueryEscape(secret),
		"url.PathEscape":         url.PathEscape(secret),
		"lowercase percent":      strings.ToLower(percentAll(secret)),
		"HTML inside Go JSON":    jsonString(html.EscapeString(secret)),
		"Go JSON inside Go JSON": jsonString(goJSON),
	}
	return forms
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b[1 : len(b)-1])
}

// phpJSON is PHP's json_encode default: \/ for '/', \uXXXX for all but ASCII
// (https://www.php.net/manual/en/function.json-encode.php).
func phpJSON(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '/':
			b.WriteString(`\/`)
		case r == '"' || r == '\\':
			b.WriteString(`\` + string(r))
		case r < 0x20 || r >= utf8.RuneSelf:
			b.WriteString(allUnicodeEscapes(string(r), "%04x"))
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func allUnicodeEscapes(s, format string) string {
	var b strings.Builder
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, `\u`+format, u)
	}
	return b.String()
}

func entities(s, format string) string {
	var b strings.Builder
	for _, r := range s {
		fmt.Fprintf(&b, format, r)
	}
	return b.String()
}

func percentAll(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		fmt.Fprintf(&b, "%%%02X", s[i])
	}
	return b.String()
}

// FuzzScrubEchoes: whatever the secret, no form of it survives scrubbing,
// wherever it stands in a text.
func FuzzScrubEchoes(f *testing.F) {
	for _, s := range []string{
		testKey, slashKey, `a/b&c<d>e"f'g+h%i\j`, "key with space", "ключ-é-😀", "+", "%41", `\u0041`,
		"&amp;", "a", "ab", "k", "EAAGm0PX4ZCpsBA/x+y=", "\xff\xfekey", "x\u202ey",
	} {
		f.Add(s, "error: ", " refused")
	}
	f.Add(slashKey, `{"echo":"`, `"}`)
	f.Add("tok", "%", "\\")
	f.Fuzz(func(t *testing.T, secret, before, after string) {
		if secret == "" || len(secret) > 256 || len(before)+len(after) > 1024 {
			return
		}
		for name, form := range echoForms(secret) {
			text := before + form + after
			got := scrub(text, []string{secret})
			// A secret of asterisks can be re-formed by the marker itself.
			if strings.Contains(got, form) && !strings.Contains(secret, "*") {
				t.Fatalf("%s form %q of secret %q survives in %q (from %q)", name, form, secret, got, text)
			}
			if !strings.Contains(got, redacted) {
				t.Fatalf("%s form %q of secret %q not redacted in %q", name, form, secret, got)
			}
		}
	})
}

// TestScrubEchoesEndToEnd drives every form through the client's error
// path once: an unparsed body and a Meta envelope's message.
func TestScrubEchoesEndToEnd(t *testing.T) {
	for name, form := range echoForms(slashKey) {
		for _, body := range []string{
			"<html>echo: " + form + "</html>",
			`{"error":{"message":"echo ` + jsonString(form) + `","code":100}}`,
		} {
			_, ts := newScripted(t, answer{status: 400, body: body})
			c := newTestClient(t, ts.URL, func(cfg *Config) { cfg.APIKey = slashKey })
			_, err := c.Messages.SendMarketing(context.Background(), &MarketingMessage{To: "491700000000"})
			var apiErr *APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("%s: want an *APIError, got %T %v", name, err, err)
			}
			text := fmt.Sprintf("%s %+v", err, *apiErr)
			if strings.Contains(text, form) {
				t.Fatalf("%s form %q leaked: %s", name, form, text)
			}
			assertNoSecretTrace(t, text, slashKey)
		}
	}
}
