package d360

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// redacted stands in for a secret in any text the client passes on.
const redacted = "***"

// scrub replaces every non-empty secret in s, in every form a server may
// echo it in: as is, JSON-escaped (Go's \u0026 style, PHP's \/, any \uXXXX
// in either case, nested escapes), HTML-escaped (named, decimal and hex
// character references) and URL-encoded (%XX in either case, + for space).
//
// Secrets go longest first: a one-letter key scrubbed first would cut a
// longer secret that holds the letter, so the longer one would no longer
// match and its rest would leak. Every non-empty secret is scrubbed, even
// one letter long, because a short key is still a key; the text then loses
// that letter everywhere, which is the price of never showing it.
func scrub(s string, secrets []string) string {
	if s == "" {
		return s
	}
	for _, secret := range longestFirst(secrets) {
		s = scrubOne(s, secret)
	}
	return s
}

// longestFirst returns the distinct non-empty secrets, longest first.
func longestFirst(secrets []string) []string {
	out := make([]string, 0, len(secrets))
	for _, s := range secrets {
		if s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	slices.SortStableFunc(out, func(a, b string) int { return cmp.Compare(len(b), len(a)) })
	return out
}

// scrubOne replaces every occurrence of secret in s, in any of its
// encodings, leftmost first and each as long as it goes.
//
// The text is not decoded and then searched, because it has no single
// decoding: "%41" is "A" or the three characters "%41", "+" is a plus or a
// space, and a backslash may be the secret's own or start an escape.
// Instead the matcher reads the secret one character at a time and tries
// every encoding of it from every position where the characters before it
// could have ended, a set that is almost always one position. A match is
// tried only where the text holds a byte that can start an encoding of the
// secret's first character, so text without the secret costs one table
// lookup per byte.
//
// Text built to nearly match the secret at every byte would cost
// len(s)·len(secret) steps. The work is therefore capped at a fixed
// multiple of len(s); text that exhausts it is redacted whole, which keeps
// scrubbing linear and never shows what it could not check.
func scrubOne(s, secret string) string {
	if len(s) < len(secret) {
		return s // no encoding of a character is shorter than the character
	}
	m := secretMatcher{secret: secret, budget: scrubStepsPerByte*len(s) + scrubStepsBase}
	m.frontier, m.next = m.buf[0][:0], m.buf[1][:0]
	first, _ := nextSecretChar(secret)
	var b strings.Builder
	last, matched := 0, false
	for i := 0; i < len(s); i++ {
		if !first.mayStartAt(s[i]) {
			continue
		}
		end := m.matchAt(s, i)
		if m.budget < 0 {
			return redacted
		}
		if end < 0 {
			continue
		}
		if !matched {
			b.Grow(len(s))
			matched = true
		}
		b.WriteString(s[last:i])
		b.WriteString(redacted)
		last, i = end, end-1
	}
	if !matched {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// The step budget of scrubOne. Ordinary text spends about one step per
// byte that could start the secret, and a real echo of the secret one per
// character of it, which is never more than one per byte of the echo.
const (
	scrubStepsPerByte = 8
	scrubStepsBase    = 1 << 16
)

// secretChar is one character of a secret: a rune, or a byte that is not
// valid UTF-8 (raw), which JSON encoders write as U+FFFD.
type secretChar struct {
	r     rune
	lit   string // the UTF-8 bytes, or the invalid byte
	raw   bool
	punct bool // ASCII punctuation, which escapers prefix with a backslash
}

func nextSecretChar(secret string) (secretChar, int) {
	r, size := utf8.DecodeRuneInString(secret)
	return secretChar{r: r, lit: secret[:size], raw: r == utf8.RuneError && size == 1,
		punct: r < utf8.RuneSelf && isPunct(byte(r))}, size
}

// mayStartAt reports whether an encoding of c can start with byte b.
func (c secretChar) mayStartAt(b byte) bool {
	return b == c.lit[0] || b == '\\' || b == '&' || b == '%' ||
		b == '+' && c.r == ' ' || b == 0xEF && c.raw // 0xEF starts U+FFFD
}

type secretMatcher struct {
	secret         string
	budget         int
	frontier, next []int
	buf            [2][8]int
}

// matchAt returns the end of the longest match of the secret that starts
// at i, or -1.
func (m *secretMatcher) matchAt(s string, i int) int {
	m.frontier = append(m.frontier[:0], i)
	for rest := m.secret; rest != ""; {
		c, size := nextSecretChar(rest)
		rest = rest[size:]
		m.budget -= len(m.frontier)
		if p := m.frontier[0]; len(m.frontier) == 1 && p < len(s) && !startsEscape[s[p]] && !c.raw {
			// The common case: one position, and no escape there to try.
			if !strings.HasPrefix(s[p:], c.lit) {
				return -1
			}
			m.frontier[0] = p + len(c.lit)
			continue
		}
		m.next = m.next[:0]
		for _, p := range m.frontier {
			m.next = c.ends(s, p, m.next)
		}
		if len(m.next) == 0 {
			return -1
		}
		slices.Sort(m.next)
		m.frontier, m.next = slices.Compact(m.next), m.frontier
	}
	return m.frontier[len(m.frontier)-1]
}

// ends appends every position where an encoding of c that starts at p ends.
func (c secretChar) ends(s string, p int, out []int) []int {
	if p >= len(s) {
		return out
	}
	out = c.literalEnds(s, p, out)
	switch s[p] {
	case '\\':
		out = c.backslashEnds(s, p, out)
	case '&':
		out = c.referenceEnds(s, p+1, out)
	case '%':
		out = c.percentEnds(s, p, out)
	case '+':
		if c.r == ' ' {
			out = append(out, p+1) // a space in a query (https://pkg.go.dev/net/url#QueryEscape)
		}
	}
	return out
}

// literalEnds: the character itself. Before punctuation backslashes may
// stand (up to maxBackslashes): JSON's \/ \" \\ (PHP writes \/ by default,
// https://www.php.net/manual/en/json.constants.php), JavaScript's \', and
// the doubled backslashes of JSON inside a JSON string.
func (c secretChar) literalEnds(s string, p int, out []int) []int {
	q := p
	if c.punct {
		q += backslashesAt(s, p)
	}
	switch {
	case c.r == '\\':
		// The secret's own backslash, as is or escaped, once or nested.
		if s[p] == '\\' {
			out = append(out, p+1)
		}
		for k := p + 2; k <= q; k++ {
			out = append(out, k)
		}
	case strings.HasPrefix(s[q:], c.lit):
		out = append(out, q+len(c.lit))
	case c.raw && strings.HasPrefix(s[q:], "\uFFFD"):
		out = append(out, q+len("\uFFFD"))
	}
	return out
}

// backslashEnds: JSON's \uXXXX in either case, a surrogate pair above
// U+FFFF, and \b \f \n \r \t (RFC 8259 section 7,
// https://www.rfc-editor.org/rfc/rfc8259#section-7); JavaScript's \xXX and
// \u{X...}; Python's \UXXXXXXXX; and an HTML reference whose & Go's
// encoding/json wrote as \u0026 (https://pkg.go.dev/encoding/json#Marshal).
// The backslash may be doubled by nested escaping, up to maxBackslashes.
func (c secretChar) backslashEnds(s string, p int, out []int) []int {
	q := p + backslashesAt(s, p)
	if q == p || q == len(s) {
		return out
	}
	switch s[q] {
	case 'u':
		if v, ok := hexAt(s, q+1, 4); ok {
			if v == c.r {
				out = append(out, q+5)
			} else if utf16.IsSurrogate(v) && c.r > 0xFFFF {
				k := q + 5 + backslashesAt(s, q+5)
				if lo, ok := hexAt(s, k+1, 4); ok && k > q+5 && s[k] == 'u' && utf16.DecodeRune(v, lo) == c.r {
					out = append(out, k+5)
				}
			}
			if v == '&' {
				out = c.referenceEnds(s, q+5, out)
			}
		} else if q+1 < len(s) && s[q+1] == '{' {
			if v, n := numberAt(s, q+2, 16); n > 0 && v == c.r && q+2+n < len(s) && s[q+2+n] == '}' {
				out = append(out, q+3+n)
			}
		}
	case 'U':
		if v, ok := hexAt(s, q+1, 8); ok && v == c.r {
			out = append(out, q+9)
		}
	case 'x':
		if v, ok := hexAt(s, q+1, 2); ok && v == c.r {
			out = append(out, q+3)
		}
	case 'b', 'f', 'n', 'r', 't':
		if jsonShortEscapes[s[q]] == c.r {
			out = append(out, q+1)
		}
	}
	return out
}

// referenceEnds: an HTML character reference whose & ends at q: decimal,
// hex, or named; HTML parsers accept one without its semicolon
// (https://html.spec.whatwg.org/multipage/parsing.html#character-reference-state).
func (c secretChar) referenceEnds(s string, q int, out []int) []int {
	end := -1
	if strings.HasPrefix(s[q:], "#") {
		q, base := q+1, 10
		if q < len(s) && (s[q] == 'x' || s[q] == 'X') {
			q, base = q+1, 16
		}
		if v, n := numberAt(s, q, base); n > 0 && v == c.r {
			end = q + n
		}
	} else {
		for _, name := range htmlNames[c.r] {
			if strings.HasPrefix(s[q:], name) {
				end = q + len(name)
			}
		}
	}
	if end < 0 {
		return out
	}
	if strings.HasPrefix(s[end:], ";") {
		end++
	}
	return append(out, end)
}

// percentEnds: each UTF-8 byte as %XX in either case (RFC 3986 section 2.1,
// https://www.rfc-editor.org/rfc/rfc3986#section-2.1), which covers
// QueryEscape and PathEscape, and JavaScript escape()'s %uXXXX.
func (c secretChar) percentEnds(s string, p int, out []int) []int {
	if p+1 < len(s) && (s[p+1] == 'u' || s[p+1] == 'U') {
		if v, ok := hexAt(s, p+2, 4); ok && v == c.r {
			out = append(out, p+6)
		}
	}
	q := p
	for i := 0; i < len(c.lit); i++ {
		if v, ok := hexAt(s, q+1, 2); !ok || s[q] != '%' || byte(v) != c.lit[i] {
			return out
		}
		q += 3
	}
	return append(out, q)
}

// Escapes are read only up to these lengths, which keeps the cost of one
// position bounded. Nesting JSON in JSON four deep doubles a backslash
// into 15, and no encoder pads a character reference with a dozen zeros;
// text beyond them is read as the characters it is.
const (
	maxBackslashes = 16
	maxDigits      = 16
)

// backslashesAt counts the backslashes at p, up to maxBackslashes.
func backslashesAt(s string, p int) int {
	n := 0
	for n < maxBackslashes && p+n < len(s) && s[p+n] == '\\' {
		n++
	}
	return n
}

// hexAt reads exactly n hex digits at i.
func hexAt(s string, i, n int) (rune, bool) {
	if i < 0 || i+n > len(s) {
		return 0, false
	}
	v, k := numberAt(s[:i+n], i, 16)
	return v, k == n
}

// numberAt reads the digits in base 10 or 16 at i; n is how many. A value
// past the last code point, or more than maxDigits digits, reads as -1,
// which no rune is.
func numberAt(s string, i, base int) (v rune, n int) {
	for ; i+n < len(s); n++ {
		if n == maxDigits {
			return -1, n
		}
		d := digitValue(s[i+n], base)
		if d < 0 {
			break
		}
		if v >= 0 {
			v = v*rune(base) + rune(d)
			if v > unicode.MaxRune {
				v = -1
			}
		}
	}
	return v, n
}

func digitValue(c byte, base int) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case base == 16 && 'a' <= c && c <= 'f':
		return int(c-'a') + 10
	case base == 16 && 'A' <= c && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// startsEscape holds the bytes that can start an encoding other than the
// character itself.
var startsEscape = [256]bool{'\\': true, '&': true, '%': true, '+': true}

func isPunct(c byte) bool {
	return c > ' ' && c < 0x7F && !isAlnum(rune(c))
}

func isAlnum(r rune) bool {
	return '0' <= r && r <= '9' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
}

// jsonShortEscapes are JSON's two-character escapes of control characters;
// those of " \ / are punctuation after a backslash.
var jsonShortEscapes = map[byte]rune{'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t'}

// htmlNames are the HTML named character references of the ASCII
// characters a key or token may hold
// (https://html.spec.whatwg.org/multipage/named-characters.html).
var htmlNames = map[rune][]string{
	'\t': {"Tab"}, '\n': {"NewLine"},
	'!': {"excl"}, '"': {"quot", "QUOT"}, '#': {"num"}, '$': {"dollar"}, '%': {"percnt"},
	'&': {"amp", "AMP"}, '\'': {"apos"}, '(': {"lpar"}, ')': {"rpar"}, '*': {"ast", "midast"},
	'+': {"plus"}, ',': {"comma"}, '.': {"period"}, '/': {"sol"}, ':': {"colon"}, ';': {"semi"},
	'<': {"lt", "LT"}, '=': {"equals"}, '>': {"gt", "GT"}, '?': {"quest"}, '@': {"commat"},
	'[': {"lsqb", "lbrack"}, '\\': {"bsol"}, ']': {"rsqb", "rbrack"}, '^': {"Hat"},
	'_': {"lowbar", "UnderBar"}, '`': {"grave", "DiacriticalGrave"},
	'{': {"lcub", "lbrace"}, '|': {"verbar", "vert", "VerticalLine"}, '}': {"rcub", "rbrace"},
}

// secretsOf lists what must never leave the client for this request: the
// configured credentials, plus values the request itself carries, such as
// a webhook's secret headers.
func (c *Client) secretsOf(req request) []string {
	return append([]string{c.cfg.APIKey, c.cfg.GraphToken}, req.secrets...)
}

// scrubFields scrubs the free-text fields of a log entry.
func scrubFields(fields map[string]any, secrets []string) map[string]any {
	for k, v := range fields {
		if s, ok := v.(string); ok {
			fields[k] = scrub(s, secrets)
		}
	}
	return fields
}

// scrubbedError is err with secrets scrubbed from its text; errors.Is and
// errors.As still see err.
type scrubbedError struct {
	err     error
	secrets []string
}

func (e scrubbedError) Error() string { return scrub(e.err.Error(), e.secrets) }
func (e scrubbedError) Unwrap() error { return e.err }
