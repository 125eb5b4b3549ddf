package d360

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestCheckMessageID(t *testing.T) {
	for id, ok := range map[string]bool{
		goodWAMID:                true,
		"wamid.ABC+/=_-.:":       true,
		"x":                      true,
		"wamid.é😀":               true,
		strings.Repeat("A", 512): true,
		strings.Repeat("A", 513): false,
		"":                       false,
		" ":                      false,
		"   ":                    false,
		" wamid.A":               false,
		"wamid.A ":               false,
		"wamid.A B":              false,
		"wamid.A\tB":             false,
		"wamid.A\nB":             false,
		"wamid.A\rB":             false,
		"wamid.\x1b[31m":         false,
		"wamid.\x00":             false,
		"wamid.\x7f":             false,
		"wamid.\u0085":           false, // NEL, a C1 control
		"wamid.\u009b2J":         false, // CSI, a C1 control
		"wamid.\u00a0":           false, // no-break space
		"wamid.\u2028":           false, // line separator
		"wamid.\u3000":           false, // ideographic space
		"wamid.\u202eA":          false, // right-to-left override
		"wamid.\u2066A":          false, // left-to-right isolate
		"wamid.\u200bA":          false, // zero-width space
		"wamid.\u200dA":          false, // zero-width joiner
		"wamid.\ufeffA":          false, // byte order mark
		"wamid.\U000E0041":       false, // tag character
		"wamid.\ue000":           false, // private use
		"wamid.\ufffd":           false, // what bytes that are not UTF-8 decode to
		"wamid.\xff":             false,
		"wamid.\xc3":             false, // a cut rune
	} {
		if err := checkMessageID(id); (err == nil) != ok {
			t.Errorf("checkMessageID(%q) = %v, want ok=%v", id, err, ok)
		} else if err != nil {
			assertSafeText(t, err.Error())
		}
	}
}

// FuzzCheckMessageID: an accepted id is safe to store and print, and the
// error about a refused one is itself safe to print.
func FuzzCheckMessageID(f *testing.F) {
	for _, id := range []string{goodWAMID, "", " ", "wamid.\x1b[31m", "wamid.\u202e", "\xff", "a\u200bb", strings.Repeat("é", 300)} {
		f.Add(id)
	}
	f.Fuzz(func(t *testing.T, id string) {
		err := checkMessageID(id)
		if err != nil {
			assertSafeText(t, err.Error())
			if len(err.Error()) > 400 {
				t.Fatalf("an error of %d bytes", len(err.Error()))
			}
			return
		}
		if id == "" || len(id) > maxMessageIDBytes || !utf8.ValidString(id) || strings.TrimSpace(id) != id {
			t.Fatalf("accepted %q", id)
		}
		for _, r := range id {
			if unicode.IsSpace(r) || unsafeRune(r) || r == utf8.RuneError {
				t.Fatalf("accepted %q with %U", id, r)
			}
		}
		if sanitizeForeign(id) != id {
			t.Fatalf("accepted %q, which is not printed as is", id)
		}
	})
}

func TestSanitizeForeign(t *testing.T) {
	for in, want := range map[string]string{
		"plain text, with: punctuation (and) ü 😀": "plain text, with: punctuation (and) ü 😀",
		`C:\path\to`:                     `C:\path\to`,
		"\x1b[31mred\x1b[0m":             `\x1b[31mred\x1b[0m`,
		"line\nError: forged\r\t":        `line\nError: forged\r\t`,
		"\u202eevil\u202c \u2066x\u2069": `\u202eevil\u202c \u2066x\u2069`,
		"a\u200bb\ufeff":                 `a\u200bb\ufeff`,
		"\u0085\u009b\x7f\x00":           `\u0085\u009b\x7f\x00`,
		"\u2028\u2029":                   `\u2028\u2029`,
		"tag\U000E0041":                  `tag\U000e0041`,
		"bad \xff\xfe bytes":             `bad \xff\xfe bytes`,
		"kept \ufffd":                    "kept \ufffd",
	} {
		if got := sanitizeForeign(in); got != want {
			t.Errorf("sanitizeForeign(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzSanitizeForeign: the output holds nothing a terminal acts on, is
// stable when sanitized again, and keeps every safe character of the input
// in order.
func FuzzSanitizeForeign(f *testing.F) {
	for _, s := range []string{"", "plain", "\x1b[31m", "\u202e\u2066", "\xff", "a\nb", "\u0085", "\U000E0041", `\x1b`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := sanitizeForeign(s)
		if !utf8.ValidString(got) {
			t.Fatalf("sanitizeForeign(%q) = %q is not UTF-8", s, got)
		}
		for _, r := range got {
			if unsafeRune(r) {
				t.Fatalf("sanitizeForeign(%q) = %q holds %U", s, got, r)
			}
		}
		if again := sanitizeForeign(got); again != got {
			t.Fatalf("not stable: %q, then %q", got, again)
		}
		var kept strings.Builder
		for i := 0; i < len(s); {
			r, size := utf8.DecodeRuneInString(s[i:])
			if invalid := r == utf8.RuneError && size == 1; !invalid && !unsafeRune(r) {
				kept.WriteRune(r)
			}
			i += size
		}
		rest := got
		for _, r := range kept.String() {
			i := strings.IndexRune(rest, r)
			if i < 0 {
				t.Fatalf("sanitizeForeign(%q) = %q lost %q", s, got, r)
			}
			rest = rest[i+utf8.RuneLen(r):]
		}
	})
}

// FuzzSendAnswer: a 2xx send answer is accepted only with a printable id
// and no reported failure; otherwise its error is one of the two kinds
// and safe to print.
func FuzzSendAnswer(f *testing.F) {
	for _, body := range []string{
		`{"messages":[{"id":"` + goodWAMID + `"}]}`, `{}`, `null`, `{"messages":[]}`, `{"messages":[{"id":"   "}]}`,
		`{"messages":[{"id":"wamid.\u001b[31m"}]}`, `{"messages":[{"id":"` + goodWAMID + `"}],"success":false}`,
		`{"messages":[{"id":"` + goodWAMID + `"}],"error":{"message":"\u202e","code":1}}`, `{"error":"x"}`, `{"error":[]}`,
		`{"messages":[{"id":"` + goodWAMID + `"}],"success":true,"error":null}`,
	} {
		f.Add(body)
	}
	f.Fuzz(func(t *testing.T, body string) {
		var out SendResult
		if json.Unmarshal([]byte(body), &out) != nil {
			return // an unreadable 2xx body is an unknown outcome in the transport
		}
		err := checkSendAnswer(&out)
		if err == nil {
			if checkMessageID(out.MessageID()) != nil || out.Error != nil || out.Success != nil && !*out.Success {
				t.Fatalf("accepted %s", body)
			}
			return
		}
		if !errors.Is(err, ErrMalformedSendAnswer) && !errors.Is(err, ErrSendNotSucceeded) {
			t.Fatalf("unexpected error kind for %s: %v", body, err)
		}
		assertSafeText(t, err.Error())
	})
}
