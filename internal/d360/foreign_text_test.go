package d360

import (
	"strings"
	"testing"
	"unicode"
)

// hasRawControl reports a control or format character in text meant for
// a terminal.
func hasRawControl(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsControl(r) || unicode.Is(unicode.Cf, r) }) >= 0
}

// Template fields the API sends reach plan-time problems escaped: a status,
// category or language holding ESC or a bidi override cannot recolour the
// terminal or reverse the text of a diagnostic.
func TestTemplateProblemsEscapeTheAPIsText(t *testing.T) {
	hostile := []Template{{Name: "spring_sale", Language: "de\u202e", Status: "paused\x1b[31m", Category: "UTILITY\x1b[0m"}}
	en := MessageTemplate{Name: "spring_sale", Language: TemplateLanguage{Code: "en"}}
	de := MessageTemplate{Name: "spring_sale", Language: TemplateLanguage{Code: "de\u202e"}}
	for _, tmpl := range []MessageTemplate{en, de} {
		for _, p := range CheckTemplateForSend(hostile, tmpl) {
			if hasRawControl(p.Message) {
				t.Errorf("raw control character in %q", p.Message)
			}
		}
	}
	problems := CheckTemplateForSend(hostile, en)
	if len(problems) != 1 || !strings.Contains(problems[0].Message, `de\u202e`) {
		t.Fatalf("want the language problem with the escaped language, got %+v", problems)
	}
}

// A blocked node's reasons come from the API and are escaped too.
func TestBlockedReasonsEscapeTheAPIsText(t *testing.T) {
	var h HealthStatus
	h.HealthStatus.Entities = []HealthEntity{{EntityType: "PHONE_NUMBER\x1b[2J", ID: "1\n2", CanSendMessage: HealthBlocked,
		Errors: []HealthError{{ErrorCode: 141006, ErrorDescription: "bad\x1b]0;owned\x07", PossibleSolution: "fix\u202eit"}}}}
	for _, r := range blockedReasons(&h) {
		if hasRawControl(r) {
			t.Errorf("raw control character in %q", r)
		}
		if !strings.Contains(r, `\x1b`) {
			t.Errorf("the escape is not visible in %q", r)
		}
	}
}
