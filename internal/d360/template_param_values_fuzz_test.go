package d360

import (
	"net/url"
	"strings"
	"testing"
	"unicode"
)

// FuzzCheckTextParameter: any value a user writes is checked without a
// panic, and refused exactly when it has a line break, a tab, a run of five
// spaces or a control character.
func FuzzCheckTextParameter(f *testing.F) {
	for _, s := range []string{"", "Ana", "a    b", "a     b", "a\nb", "\r", "\t", "\x00", "Ünïcødé 🎉", "\xff\xfe", "a\u0085", "    \n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		err := CheckTextParameter(s)
		refuse := strings.ContainsAny(s, "\n\r\t") || strings.Contains(s, "     ") || strings.ContainsFunc(s, unicode.IsControl)
		if (err != nil) != refuse {
			t.Fatalf("CheckTextParameter(%q) = %v, want refused = %v", s, err, refuse)
		}
		if err != nil && err.Error() == "" {
			t.Fatalf("CheckTextParameter(%q) refuses without saying why", s)
		}
	})
}

// FuzzCheckURLSuffix: any value a user writes is checked without a panic;
// an accepted one is printable ASCII that, appended to a base URL, gives a
// URL that parses, stays on the same host and under the same path, and has
// no fragment; a value with a space, a control character or a non-ASCII
// character is always refused.
func FuzzCheckURLSuffix(f *testing.F) {
	for _, s := range []string{"", "abc123", "summer-sale?utm=x", "a b", "../x", "#", "%2e%2e/x", "%zz", "//evil.example/x", "a:b", "Gonçalves", "\x00", "?a=../b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		err := CheckURLSuffix(s)
		if strings.ContainsFunc(s, func(r rune) bool { return r == ' ' || r > unicode.MaxASCII || unicode.IsControl(r) }) && err == nil {
			t.Fatalf("CheckURLSuffix(%q) accepts a space, a control or a non-ASCII character", s)
		}
		if err != nil {
			if err.Error() == "" {
				t.Fatalf("CheckURLSuffix(%q) refuses without saying why", s)
			}
			return
		}
		const base = "https://shop.example/p/"
		u, perr := url.Parse(base + s)
		if perr != nil {
			t.Fatalf("CheckURLSuffix(%q) accepts a value that makes %q, which does not parse: %v", s, base+s, perr)
		}
		resolved := u.ResolveReference(u) // removes dot segments
		if u.Host != "shop.example" || u.Fragment != "" || strings.Contains(s, "#") || !strings.HasPrefix(resolved.EscapedPath(), "/p/") {
			t.Fatalf("CheckURLSuffix(%q) accepts a value that makes %q (host %q, path %q, fragment %q)",
				s, base+s, u.Host, resolved.EscapedPath(), u.Fragment)
		}
	})
}
