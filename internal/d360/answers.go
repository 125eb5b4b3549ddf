package d360

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// UnusableAnswerError is a 2xx answer whose body is empty or lacks what
// the endpoint always sends. It is never read as "nothing there": an empty
// template list is not a deleted template, an empty health is not a healthy
// number. A proxy, a truncated body or an outage can produce one.
type UnusableAnswerError struct {
	Method, Path string
	Problem      string // what is missing, e.g. "no waba_templates array"
}

func (e *UnusableAnswerError) Error() string {
	return fmt.Sprintf("%s %s: the answer is empty or malformed (%s), so it was not used. "+
		"Nothing was changed; try again, and if it persists check for a proxy in between or ask 360dialog support", e.Method, e.Path, sanitizeForeign(e.Problem))
}

// sanitizeForeign makes text that came from a server safe to print in a
// diagnostic or a log: every control character (Unicode Cc, which holds
// ESC, newlines and the C1 controls), format character (Cf: the bidi
// overrides U+202A-U+202E and isolates U+2066-U+2069, zero-width
// characters, tag characters), line and paragraph separator, and byte that
// is not UTF-8 becomes a visible escape such as \x1b or \u202e. A server
// could otherwise recolour or clear the user's terminal, forge a line of
// Terraform's output, or show text reversed
// (https://unicode.org/reports/tr9/#Explicit_Directional_Formatting_Characters,
// https://www.unicode.org/reports/tr36/). Newlines go too: none of the
// client's own messages holds one, so a newline can only be foreign.
// Backslashes are left as they are, so ordinary text reads unchanged.
func sanitizeForeign(s string) string {
	i := strings.IndexFunc(s, func(r rune) bool { return r == utf8.RuneError || unsafeRune(r) })
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	b.WriteString(s[:i])
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case unsafeRune(r):
			b.WriteString(escapeRune(r))
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// unsafeRune reports a rune a terminal may act on rather than show.
func unsafeRune(r rune) bool {
	return unicode.In(r, unicode.Cc, unicode.Cf) || r == '\u2028' || r == '\u2029'
}

func escapeRune(r rune) string {
	switch {
	case r == '\n':
		return `\n`
	case r == '\r':
		return `\r`
	case r == '\t':
		return `\t`
	case r < utf8.RuneSelf:
		return fmt.Sprintf(`\x%02x`, r)
	case r <= 0xFFFF:
		return fmt.Sprintf(`\u%04x`, r)
	}
	return fmt.Sprintf(`\U%08x`, r)
}

// quoteForeign quotes text from a server for an error message: in Go
// syntax with every non-ASCII character escaped, so nothing in it is
// invisible or ambiguous, and cut to a length a reader can take in.
func quoteForeign(s string) string {
	const limit = 64
	if len(s) <= limit {
		return strconv.QuoteToASCII(s)
	}
	cut := limit
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return strconv.QuoteToASCII(s[:cut]) + fmt.Sprintf("… (%d bytes)", len(s))
}
