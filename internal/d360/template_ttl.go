package d360

import (
	"fmt"
	"strings"
)

// TemplateTTL is the message_send_ttl_seconds range of one template
// category, from Meta's table "Defaults, min/max values, and compatibility":
// https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/time-to-live
// ("Authentication templates: 30 to 900 seconds", "Utility templates: 30 to
// 43200 seconds", marketing "12 hours to 30 days"). -1, "a custom TTL of 30
// days", appears in Meta's message template reference for authentication
// and utility templates; the time-to-live page does not offer it for
// marketing, so it is refused there.
type TemplateTTL struct {
	Min, Max      int64
	AllowMinusOne bool
}

var templateTTLs = map[string]TemplateTTL{
	"MARKETING":      {Min: 43200, Max: 2592000},
	"UTILITY":        {Min: 30, Max: 43200, AllowMinusOne: true},
	"AUTHENTICATION": {Min: 30, Max: 900, AllowMinusOne: true},
}

// CheckTemplateTTL says why ttl does not fit the category, as one PartTTL
// problem; nothing when it does (or the category is unknown, which other
// checks report).
func CheckTemplateTTL(category string, ttl int64) []TemplateProblem {
	r, ok := templateTTLs[strings.ToUpper(category)]
	if !ok || (ttl >= r.Min && ttl <= r.Max) || (ttl == -1 && r.AllowMinusOne) {
		return nil
	}
	orMinusOne := ""
	if r.AllowMinusOne {
		orMinusOne = " or -1 (30 days)"
	}
	return []TemplateProblem{{Part: PartTTL, Message: fmt.Sprintf(
		"%s templates take %d to %d seconds%s; got %d", strings.ToUpper(category), r.Min, r.Max, orMinusOne, ttl)}}
}
