package d360

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// checkOfferParameters applies the send rules of Meta's limited-time offer
// page
// (https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/marketing-templates/limited-time-offer-templates):
// <EXPIRATION_TIME> "Required. Offer code expiration time as a UNIX
// timestamp in milliseconds.", for a template whose offer shows its
// expiration (has_expiration: "Set to true to have the offer expiration
// details appear in the delivered message"); and <OFFER_CODE> "Maximum 15
// characters.", which 360dialog's coupon page states for every copy code
// ("Codes are limited to 15 characters",
// https://docs.360dialog.com/partner/messaging/template-messages/coupon-code-templates).
// buttons are the send's button components by index, as CheckParameters
// matched them.
func checkOfferParameters(t *Template, components []MessageComponent, buttons map[int]MessageComponent) []TemplateProblem {
	var problems []TemplateProblem
	if offer := offerOf(t, specialShapes(t)); offer != nil && offer.hasExpiration {
		given, ms := false, int64(0)
		for _, c := range components {
			if !strings.EqualFold(c.Type, "limited_time_offer") {
				continue
			}
			for _, p := range c.Parameters {
				if p.LimitedTimeOffer != nil && !given {
					given, ms = true, p.LimitedTimeOffer.ExpirationTimeMS
				}
			}
		}
		switch {
		case !given:
			problems = append(problems, TemplateProblem{Part: PartOffer, Message: fmt.Sprintf(
				"template %q shows when its offer expires (has_expiration); give limited_time_offer with expiration_time_ms, the offer's end as a Unix time in milliseconds", t.Name)})
		case ms <= 0:
			problems = append(problems, TemplateProblem{Part: PartOffer, Message: fmt.Sprintf(
				"the offer's expiration_time_ms is %d; give the offer's end as a Unix time in milliseconds", ms)})
		}
	}
	for i, c := range buttons {
		if c.SubType != "copy_code" {
			continue
		}
		for _, p := range c.Parameters {
			if n := utf8.RuneCountInString(p.CouponCode); n > MaxCopyCodeExample {
				problems = append(problems, TemplateProblem{Part: PartButtons, Message: fmt.Sprintf(
					"the coupon_code %s of copy code button %d is %d characters; the limit is %d", strconv.Quote(p.CouponCode), i, n, MaxCopyCodeExample)})
			}
		}
	}
	return problems
}
