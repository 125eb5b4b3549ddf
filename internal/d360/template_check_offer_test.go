package d360

import (
	"slices"
	"testing"
)

// flashOffer is an approved limited-time offer template as the API lists it.
func flashOffer(t *testing.T, hasExpiration string) Template {
	t.Helper()
	tmpl := fromJSON(t, "MARKETING", `[
	  {"type":"HEADER","format":"IMAGE","example":{"header_handle":["4::aW"]}},
	  {"type":"LIMITED_TIME_OFFER","limited_time_offer":{"text":"Expiring offer!","has_expiration":`+hasExpiration+`}},
	  {"type":"BODY","text":"Good news, {{1}}!","example":{"body_text":[["Ann"]]}},
	  {"type":"BUTTONS","buttons":[{"type":"COPY_CODE","example":"SPRING25"},{"type":"URL","text":"Book","url":"https://x.test/{{1}}","example":["https://x.test/a"]}]}]`)
	tmpl.Name, tmpl.Status = "flash_offer", "APPROVED"
	return *tmpl
}

func TestCheckOfferParameters(t *testing.T) {
	header := MessageComponent{Type: "header", Parameters: []Parameter{{Type: "image", Image: &Media{ID: "1"}}}}
	body := MessageComponent{Type: "body", Parameters: []Parameter{{Type: "text", Text: "Ann"}}}
	coupon := func(code string) MessageComponent {
		return MessageComponent{Type: "button", SubType: "copy_code", Index: "0", Parameters: []Parameter{{Type: "coupon_code", CouponCode: code}}}
	}
	url := MessageComponent{Type: "button", SubType: "url", Index: "1", Parameters: []Parameter{{Type: "text", Text: "ann"}}}
	expires := func(ms int64) MessageComponent {
		return MessageComponent{Type: "limited_time_offer", Parameters: []Parameter{{Type: "limited_time_offer", LimitedTimeOffer: &LimitedTimeOffer{ExpirationTimeMS: ms}}}}
	}
	for _, tc := range []struct {
		name          string
		hasExpiration string
		send          []MessageComponent
		want          []TemplateProblem
	}{
		{"complete", "true", []MessageComponent{header, body, expires(1777636800000), coupon("SPRING25"), url}, nil},
		{"no expiration", "true", []MessageComponent{header, body, coupon("SPRING25"), url}, []TemplateProblem{{PartOffer,
			`template "flash_offer" shows when its offer expires (has_expiration); give limited_time_offer with expiration_time_ms, the offer's end as a Unix time in milliseconds`}}},
		{"expiration 0", "true", []MessageComponent{header, body, expires(0), coupon("SPRING25"), url}, []TemplateProblem{{PartOffer,
			"the offer's expiration_time_ms is 0; give the offer's end as a Unix time in milliseconds"}}},
		{"no expiration shown", "false", []MessageComponent{header, body, coupon("SPRING25"), url}, nil},
		{"coupon of 16", "false", []MessageComponent{header, body, coupon("SPRING2026SALE16"), url}, []TemplateProblem{{PartButtons,
			`the coupon_code "SPRING2026SALE16" of copy code button 0 is 16 characters; the limit is 15`}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tmpl := flashOffer(t, tc.hasExpiration)
			got := CheckTemplateForSend([]Template{tmpl}, MessageTemplate{Name: "flash_offer", Language: TemplateLanguage{Code: "en"}, Components: tc.send})
			if !slices.Equal(got, tc.want) {
				t.Fatalf("got %+v\nwant %+v", got, tc.want)
			}
		})
	}
}
