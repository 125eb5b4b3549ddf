package mock360

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// offerParameter is the parameter of a send's limited_time_offer component.
type offerParameter struct {
	ExpirationTimeMS int64 `json:"expiration_time_ms"`
}

// checkOfferParameters applies the send rules of Meta's limited-time offer
// page
// (https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/marketing-templates/limited-time-offer-templates):
//   - <EXPIRATION_TIME> "Required. Offer code expiration time as a UNIX
//     timestamp in milliseconds." The expiration is what has_expiration
//     shows ("Set to true to have the offer expiration details appear in the
//     delivered message"), so a template with has_expiration true needs it.
//     Without one, the count of the component's parameters is wrong
//     (132000, as for a missing header parameter); a value that is no
//     timestamp is a parameter issue (132018).
//   - <OFFER_CODE> "Maximum 15 characters.", as 360dialog's coupon page
//     says of every copy code: "Codes are limited to 15 characters"
//     (https://docs.360dialog.com/partner/messaging/template-messages/coupon-code-templates).
func checkOfferParameters(t Template, comps []sendComponent) *apiError {
	if offerExpires(t) {
		var offer *offerParameter
		for _, c := range comps {
			if strings.EqualFold(c.Type, "limited_time_offer") {
				for _, p := range c.Parameters {
					if offer == nil {
						offer = p.LimitedTimeOffer
					}
				}
			}
		}
		if offer == nil {
			return mismatch("limited_time_offer", 0, 1)
		}
		if offer.ExpirationTimeMS <= 0 {
			return whatsappError(paramValueCode, paramValueMessage,
				fmt.Sprintf("limited_time_offer: expiration_time_ms must be the offer's expiration as a UNIX timestamp in milliseconds; got %d", offer.ExpirationTimeMS))
		}
	}
	for _, c := range comps {
		if !strings.EqualFold(c.Type, "button") || !strings.EqualFold(c.SubType, "copy_code") {
			continue
		}
		for _, p := range c.Parameters {
			if utf8.RuneCountInString(p.CouponCode) > maxCopyCodeExample {
				return whatsappError(paramValueCode, paramValueMessage,
					fmt.Sprintf("buttons: Button at index %d: the coupon_code must be at most %d characters", c.index, maxCopyCodeExample))
			}
		}
	}
	return nil
}

func offerExpires(t Template) bool {
	for _, c := range t.Components {
		if strings.EqualFold(c.Type, "LIMITED_TIME_OFFER") && c.LimitedTimeOffer != nil &&
			c.LimitedTimeOffer.HasExpiration != nil && *c.LimitedTimeOffer.HasExpiration {
			return true
		}
	}
	return false
}
