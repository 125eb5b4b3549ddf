package d360

import (
	"strings"
	"testing"
)

func TestCheckTextParameter(t *testing.T) {
	const rule = `; WhatsApp refuses a text parameter with new lines, tabs or more than 4 spaces in a row ` +
		`(error 132018: "Param text cannot have new-line/tab characters or more than 4 consecutive spaces")`
	for _, tc := range []struct{ value, want string }{
		{"", ""},
		{"Ana", ""},
		{"a    b", ""},      // four spaces are allowed
		{"    ", ""},        // also on their own
		{"a    b    c", ""}, // two runs of four
		{"Ünïcødé ĳ 中文 עברית", ""},
		{"🎉👍🏽", ""},
		{"a\u00a0\u00a0\u00a0\u00a0\u00a0b", ""}, // no-break spaces are not the spaces of the rule
		{"20% off {{1}}", ""},
		{"a\nb", "has a line break" + rule + ", so put the value on one line"},
		{"a\r\nb", "has a line break" + rule + ", so put the value on one line"},
		{"\r", "has a line break" + rule + ", so put the value on one line"},
		{"a\tb", "has a tab" + rule + ", so use spaces instead"},
		{"a     b", "has more than 4 spaces in a row" + rule + ", so shorten the run to at most 4"},
		{strings.Repeat(" ", 5), "has more than 4 spaces in a row" + rule + ", so shorten the run to at most 4"},
		{"\x00", "has the control character U+0000, which is not text WhatsApp can show; remove it"},
		{"a\x1bb", "has the control character U+001B, which is not text WhatsApp can show; remove it"},
		{"a\x7f", "has the control character U+007F, which is not text WhatsApp can show; remove it"},
		{"a\u0085", "has the control character U+0085, which is not text WhatsApp can show; remove it"},
		{"a\x00\n", "has the control character U+0000, which is not text WhatsApp can show; remove it"}, // the first problem
	} {
		err := CheckTextParameter(tc.value)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tc.want {
			t.Errorf("CheckTextParameter(%q) = %q, want %q", tc.value, got, tc.want)
		}
	}
}

func TestCheckURLSuffix(t *testing.T) {
	const encode = "; Meta requires special characters in a URL button's value to be percent-encoded, so write it as "
	for _, tc := range []struct{ value, want string }{
		{"", ""},
		{"abc123", ""},
		{"summer-sale?utm=x", ""},
		{"summer-sale?utm=x&b=y/z", ""},
		{"a/b/c.html", ""},
		{"Gon%C3%A7alves", ""},
		{"a%2fb", ""},
		{"A-Z_a.z~0!$&'()*+,;=@", ""},
		{"...", ""},        // not a dot segment
		{"a..b/..c", ""},   // nor these
		{"?next=../x", ""}, // in the query, ".." is only text
		{"x.", ""},
		{"a b", `has a space` + encode + `%20`},
		{"x:key", `has ":"` + encode + `%3A`},
		{"9|DL", `has "|"` + encode + `%7C`},
		{"Gonçalves", `has "ç"` + encode + `%C3%A7`},
		{"Peña", `has "ñ"` + encode + `%C3%B1`},
		{"🎉", `has "🎉"` + encode + `%F0%9F%8E%89`},
		{`a"b`, `has "\""` + encode + `%22`},
		{"<b>", `has "<"` + encode + `%3C`},
		{`a\b`, `has "\\"` + encode + `%5C`},
		{"a{1}", `has "{"` + encode + `%7B`},
		{"[x]", `has "["` + encode + `%5B`},
		{"a^b", `has "^"` + encode + `%5E`},
		{"a`b", "has \"`\"" + encode + `%60`},
		{"a\nb", "has the control character U+000A, which cannot be part of a URL; remove it"},
		{"a\tb", "has the control character U+0009, which cannot be part of a URL; remove it"},
		{"\x00", "has the control character U+0000, which cannot be part of a URL; remove it"},
		{"a\u0085", "has the control character U+0085, which cannot be part of a URL; remove it"},
		{"100%", `has a "%" that does not start a percent-encoding (% and two hex digits); write a literal % as %25`},
		{"%zz", `has a "%" that does not start a percent-encoding (% and two hex digits); write a literal % as %25`},
		{"%2", `has a "%" that does not start a percent-encoding (% and two hex digits); write a literal % as %25`},
		{"sale#top", `has "#", which would start a fragment of the URL, a part the browser never sends to the site; write it as %23 if it belongs to the value`},
		{"../admin", `has the path segment "..", which would move the link out of the path the template was approved with; remove it`},
		{"a/../../b", `has the path segment "..", which would move the link out of the path the template was approved with; remove it`},
		{"..", `has the path segment "..", which would move the link out of the path the template was approved with; remove it`},
		{"./x", `has the path segment ".", which would move the link out of the path the template was approved with; remove it`},
		{"a/%2E%2e/b", `has the path segment "%2E%2e", which would move the link out of the path the template was approved with; remove it`},
		{"a/..?x=1", `has the path segment "..", which would move the link out of the path the template was approved with; remove it`},
	} {
		err := CheckURLSuffix(tc.value)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tc.want {
			t.Errorf("CheckURLSuffix(%q) = %q, want %q", tc.value, got, tc.want)
		}
	}
}
