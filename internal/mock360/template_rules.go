package mock360

import (
	"encoding/json"
	"fmt"
	"unicode/utf8"
)

// Template component rules beyond HEADER/BODY/FOOTER/BUTTONS. Where sources
// differ the mock takes the strictest documented rule, so that what passes
// here passes at Meta.

// LimitedTimeOffer is the object of a LIMITED_TIME_OFFER component:
// https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/marketing-templates/limited-time-offer-templates
type LimitedTimeOffer struct {
	Text          string `json:"text"`
	HasExpiration *bool  `json:"has_expiration,omitempty"`
}

// CarouselCard is one card of a CAROUSEL component:
// https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/marketing-templates/media-card-carousel-templates
type CarouselCard struct {
	Components []TemplateComponent `json:"components"`
}

const (
	// "<LIMITED_TIME_OFFER_TEXT> ... Required. Offer details text. Maximum 16 characters." (limited-time offer page above)
	maxOfferText = 16
	// The copy-code example is the code itself. The limited-time offer page
	// says "<OFFER_CODE_EXAMPLE> String Required. Example offer code.
	// Maximum 15 characters."; 360dialog's coupon page says "Codes are
	// limited to 15 characters"
	// (https://docs.360dialog.com/partner/messaging/template-messages/coupon-code-templates).
	// A 20-character limit has also been reported for Meta's coupon page; 15
	// is the strictest documented value, so the mock uses it.
	maxCopyCodeExample = 15
	// "Messages must include between 2 and 10 cards." and "Cards must
	// include either an image or a video header."
	// (https://docs.360dialog.com/docs/messaging/message-types/interactive/media-carousel; Meta's carousel template page
	// has the same limits.)
	minCarouselCards, maxCarouselCards = 2, 10
)

// checkExtraComponent validates the component types that carry nested
// objects. It returns nil for types it does not own.
func checkExtraComponent(i int, c *TemplateComponent) *apiError {
	switch c.Type {
	case "LIMITED_TIME_OFFER":
		o := c.LimitedTimeOffer
		switch {
		case o == nil || o.Text == "":
			return invalidParameter(fmt.Sprintf("Param components[%d]['limited_time_offer.text'] is required: the offer details text, at most %d characters.", i, maxOfferText))
		case utf8.RuneCountInString(o.Text) > maxOfferText:
			return invalidParameter(fmt.Sprintf("Param components[%d]['limited_time_offer.text'] must be at most %d characters.", i, maxOfferText))
		}
	case "CAROUSEL":
		if n := len(c.Cards); n < minCarouselCards || n > maxCarouselCards {
			return invalidParameter(fmt.Sprintf("Param components[%d]['cards'] must have %d to %d cards; it has %d.", i, minCarouselCards, maxCarouselCards, n))
		}
		for j, card := range c.Cards {
			hasMedia := false
			for _, cc := range card.Components {
				if cc.Type == "HEADER" && (cc.Format == "IMAGE" || cc.Format == "VIDEO") {
					hasMedia = true
				}
			}
			if !hasMedia {
				return invalidParameter(fmt.Sprintf("Param components[%d]['cards'][%d] needs an IMAGE or VIDEO header.", i, j))
			}
		}
	}
	return nil
}

// checkTemplateWide applies rules that span components.
func checkTemplateWide(b *createTemplateBody) *apiError {
	hasOffer, hasFooter := false, false
	for _, c := range b.Components {
		hasOffer = hasOffer || c.Type == "LIMITED_TIME_OFFER"
		hasFooter = hasFooter || c.Type == "FOOTER"
		for j, btn := range c.Buttons {
			if apiErr := checkCopyCode(j, btn); apiErr != nil {
				return apiErr
			}
		}
	}
	// Limited-time offer page, "Limitations": "Only templates categorized as
	// MARKETING are supported." and "Footer components are not supported."
	if hasOffer && b.Category != "MARKETING" {
		return invalidParameter("Limited-time offer templates are supported only for MARKETING templates; only MARKETING templates can have a LIMITED_TIME_OFFER component.")
	}
	if hasOffer && hasFooter {
		return invalidParameter("A limited-time offer template cannot have a FOOTER component.")
	}
	return nil
}

// checkCopyCode: the coupon-code and limited-time offer pages send the
// example of a copy_code button as one string ("example": "<OFFER_CODE_EXAMPLE>"):
// https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/marketing-templates/coupon-templates
func checkCopyCode(j int, btn TemplateButton) *apiError {
	if btn.Type != "COPY_CODE" {
		return nil
	}
	if len(btn.Example) == 0 {
		return invalidParameter(fmt.Sprintf("Param buttons[%d]: a COPY_CODE button needs an example: the example offer code, at most %d characters.", j, maxCopyCodeExample))
	}
	var code string
	if err := json.Unmarshal(btn.Example, &code); err != nil {
		return invalidParameter(fmt.Sprintf("Param buttons[%d]['example'] of a COPY_CODE button must be a string (the example code), not %s.", j, btn.Example))
	}
	if code == "" {
		return invalidParameter(fmt.Sprintf("Param buttons[%d]: a COPY_CODE button needs an example: the example offer code, at most %d characters.", j, maxCopyCodeExample))
	}
	if utf8.RuneCountInString(code) > maxCopyCodeExample {
		return invalidParameter(fmt.Sprintf("Param buttons[%d]['example'] of a COPY_CODE button must be at most %d characters.", j, maxCopyCodeExample))
	}
	return nil
}

// templateTTLAllowsMinusOne: -1 ("a custom TTL of 30 days") appears in
// Meta's message template reference for authentication and utility
// templates only; the time-to-live page gives MARKETING 43,200 to 2,592,000
// seconds and nothing else:
// https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/time-to-live
func templateTTLAllowsMinusOne(category string) bool { return category != "MARKETING" }
