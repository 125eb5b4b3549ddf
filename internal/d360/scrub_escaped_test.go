package d360

import (
	"context"
	"errors"
	"fmt"
	"html"
	"strings"
	"testing"
)

// slashKey is shaped like a base64 token: it holds the marks that JSON,
// HTML and URL encoders rewrite.
const slashKey = "Ab9/cD+eF=gH&iJ'kL<m>"

// TestScrubsEscapedEchoes: a server that echoes the D360-API-KEY header
// escaped the way its own language escapes text must not get the key into
// the error text or the log. Each body is one that is not a known error
// envelope, so it reaches the error text as a snippet, unparsed.
func TestScrubsEscapedEchoes(t *testing.T) {
	cases := map[string]struct{ key, body string }{
		// PHP's json_encode escapes '/' as "\/" by default
		// (https://www.php.net/manual/en/json.constants.php, JSON_UNESCAPED_SLASHES).
		"PHP json_encode": {slashKey, `{"status":"error","headers":{"D360-API-KEY":"Ab9\/cD+eF=gH&iJ'kL<m>"}}`},
		"PHP json_encode inside a Meta envelope": {slashKey,
			`{"error":{"message":"echo {\"D360-API-KEY\":\"Ab9\\\/cD+eF=gH&iJ'kL<m>\"}","code":1}}`},
		"HTML entities": {slashKey, `<html><body><pre>D360-API-KEY: Ab9/cD+eF=gH&amp;iJ&#39;kL&lt;m&gt;</pre></body></html>`},
		"numeric entities": {slashKey,
			`<p>Ab9&#x2F;cD&#43;eF&#61;gH&#X26;iJ&#039;kL&#60;m&#x3e;</p>`},
		"all \\u00XX, upper and lower hex": {testKey,
			`{"echo":"\u0074\u0065\u0073\u0074\u002D\u006b\u0065\u0079\u002d\u0035\u0066\u0033\u0061"}`},
		"Go HTML-safe JSON with upper hex": {slashKey, `{"echo":"Ab9/cD+eF=gH\u0026iJ\u0027kL\u003Cm\u003E"}`},
		"query escape":                     {slashKey, `{"echo":"key=Ab9%2FcD%2BeF%3DgH%26iJ%27kL%3Cm%3E"}`},
		"lowercase percent hex":            {slashKey, `{"echo":"key=Ab9%2fcD%2beF%3dgH%26iJ%27kL%3cm%3e"}`},
		"path escape":                      {"key with space", `{"echo":"/x/key%20with%20space/y"}`},
		"plus for space":                   {"key with space", `{"echo":"?k=key+with+space"}`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			var logged strings.Builder
			// A 500 to a read is retried, and the retry is logged with
			// the error text as its reason.
			s, ts := newScripted(t, answer{status: 500, body: tc.body})
			c := newTestClient(t, ts.URL, func(cfg *Config) {
				cfg.APIKey = tc.key
				cfg.MaxRetries = 1
				cfg.Log = func(_ context.Context, msg string, f map[string]any) { fmt.Fprintln(&logged, msg, f) }
			})
			_, err := c.Webhook.Get(context.Background())
			var apiErr *APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("want an *APIError, got %T %v", err, err)
			}
			if s.count() != 2 || !strings.Contains(logged.String(), "retrying") {
				t.Fatalf("want one logged retry, got %d requests and log %s", s.count(), logged.String())
			}
			text := fmt.Sprintf("%s %+v %s", err, *apiErr, logged.String())
			if !strings.Contains(text, redacted) {
				t.Fatalf("nothing was redacted: %s", text)
			}
			assertNoSecretTrace(t, text, tc.key)
		})
	}
}

// assertNoSecretTrace fails when text holds any run of the secret's
// letters and digits longer than two: what an escape left unscrubbed
// shows up as such a run.
func assertNoSecretTrace(t *testing.T, text, secret string) {
	t.Helper()
	for _, part := range strings.FieldsFunc(secret, func(r rune) bool { return !isAlnum(r) }) {
		if len(part) > 2 && strings.Contains(text, part) {
			t.Fatalf("part %q of the secret %q leaked: %s", part, secret, text)
		}
	}
}

// TestScrubsLongestSecretFirst: a one-letter key scrubbed first would cut
// every longer secret that contains the letter, so the longer one would no
// longer match and its rest would leak.
func TestScrubsLongestSecretFirst(t *testing.T) {
	const hook = "hook-secret-41d2"
	_, ts := newScripted(t, answer{status: 400, body: `{"error":{"message":"header X-Hook-Secret=` + hook + ` refused","code":100}}`})
	c := newTestClient(t, ts.URL, func(cfg *Config) { cfg.APIKey = "k" })
	_, err := c.Webhook.Set(context.Background(), WebhookConfig{URL: "https://hooks.example.com/x", Headers: map[string]string{"X-Hook-Secret": hook}})
	if err == nil {
		t.Fatal("want an error")
	}
	for _, leak := range []string{"secret-41d2", "41d2", "-secret"} {
		if strings.Contains(err.Error(), leak) {
			t.Fatalf("%q of the webhook secret leaked: %v", leak, err)
		}
	}
}

func TestScrubForms(t *testing.T) {
	const secret = `s3/cr+t &<>"'\é😀`
	forms := map[string]string{
		"raw":                   secret,
		"Go json.Marshal":       `s3/cr+t \u0026\u003c\u003e\"'\\é😀`,
		"PHP json_encode":       `s3\/cr+t &<>\"'\\\u00e9\ud83d\ude00`,
		"all \\u, upper hex":    `\u0073\u0033\u002F\u0063\u0072\u002B\u0074\u0020\u0026\u003C\u003E\u0022\u0027\u005C\u00E9\uD83D\uDE00`,
		"html.EscapeString":     `s3/cr+t &amp;&lt;&gt;&#34;&#39;\é😀`,
		"htmlspecialchars":      `s3/cr+t &amp;&lt;&gt;&quot;&#039;\é😀`,
		"hex entities":          `s3&#x2f;cr&#X2B;t&#x20;&#x26;&#x3C;&#x3e;&#x22;&#x27;&#x5c;&#xe9;&#x1F600;`,
		"url.QueryEscape":       `s3%2Fcr%2Bt+%26%3C%3E%22%27%5C%C3%A9%F0%9F%98%80`,
		"url.PathEscape":        `s3%2Fcr+t%20&%3C%3E%22%27%5C%C3%A9%F0%9F%98%80`,
		"lowercase percent":     `s3%2fcr%2bt%20%26%3c%3e%22%27%5c%c3%a9%f0%9f%98%80`,
		"HTML inside Go JSON":   `s3/cr+t \u0026amp;\u0026lt;\u0026gt;\u0026quot;\u0026#39;\\é😀`,
		"JSON inside JSON":      `s3\\/cr+t &<>\\\"'\\\\\\u00e9😀`,
		"JS-style quote escape": `s3/cr+t &<>\"\'\\é😀`,
	}
	for name, form := range forms {
		t.Run(name, func(t *testing.T) {
			got := scrub("before "+form+" after", []string{secret})
			if got != "before "+redacted+" after" {
				t.Fatalf("scrub(%q) = %q", form, got)
			}
		})
	}
}

// TestScrubStaysLinear: text built to nearly match a secret at every byte
// is redacted whole once the step budget is spent, instead of costing
// len(text)·len(secret); text that merely repeats the secret is not.
func TestScrubStaysLinear(t *testing.T) {
	secret := strings.Repeat("a", 63) + "b"
	for name, text := range map[string]string{
		"literal near matches": strings.Repeat("a", 1<<18),
		"escaped near matches": strings.Repeat("%61", 1<<18/3),
	} {
		if got := scrub(text, []string{secret}); got != redacted {
			t.Fatalf("%s: want the whole text redacted, got %d bytes", name, len(got))
		}
	}
	// Runs of backslashes, each a possible escape of the next one: the
	// reading of a run is capped, so this ends, one way or the other.
	runs := strings.Repeat(strings.Repeat(`\`, 16)+"y", 1<<12)
	if got := scrub(runs, []string{strings.Repeat(`\`, 8) + "x"}); got != runs && got != redacted {
		t.Fatalf("backslash runs: got %.200s", got)
	}
	echoes := strings.Repeat(secret+" and %61"+secret[1:]+" ", 1<<12)
	want := strings.Repeat(redacted+" and "+redacted+" ", 1<<12)
	if got := scrub(echoes, []string{secret}); got != want {
		t.Fatalf("echoes not scrubbed one by one: %.200s", got)
	}
}

// TestHTMLNamesDecode: every named reference the scrubber knows is one
// that HTML decodes to that character.
func TestHTMLNamesDecode(t *testing.T) {
	for r, names := range htmlNames {
		for _, name := range names {
			if got := html.UnescapeString("&" + name + ";"); got != string(r) {
				t.Errorf("&%s; decodes to %q, not %q", name, got, r)
			}
		}
	}
}
