package mock360

import (
	"encoding/json"
	"fmt"
	"strings"
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
	// "<BODY_TEXT> String Required. Body component text. Supports
	// variables. Maximum 600 characters." (the limited-time offer page
	// above, and 360dialog's:
	// https://docs.360dialog.com/partner/messaging/template-messages/limited-time-offer-templates)
	maxOfferBody = 600
	// The copy-code example is the code itself. The limited-time offer page
	// says "<OFFER_CODE_EXAMPLE> String Required. Example offer code.
	// Maximum 15 characters."; 360dialog's coupon page says "Codes are
	// limited to 15 characters"
	// (https://docs.360dialog.com/partner/messaging/template-messages/coupon-code-templates).
	// Meta's components page gives 20 for a copy code's example; 15 is the
	// strictest documented value, so the mock uses it.
	maxCopyCodeExample = 15
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
		return checkCarouselCards(i, c.Cards) // template_rules_carousel.go
	}
	return nil
}

// checkTemplateWide applies rules that span components: the copy code
// examples, and what a limited-time offer or a carousel asks of the rest
// of the template.
func checkTemplateWide(b *createTemplateBody) *apiError {
	for _, c := range b.Components {
		if c.Type != "BUTTONS" {
			continue // buttons belong to the BUTTONS component; elsewhere they are not read
		}
		for j, btn := range c.Buttons {
			if apiErr := checkCopyCode(j, btn); apiErr != nil {
				return apiErr
			}
		}
	}
	for _, c := range b.Components {
		// "Note that carousel cards are only available for marketing
		// template messages." (carousel page, template_rules_carousel.go)
		if c.Type == "CAROUSEL" && b.Category != "MARKETING" {
			return invalidParameter("Carousel templates are supported only for MARKETING templates; only MARKETING templates can have a CAROUSEL component.")
		}
	}
	return checkOfferTemplate(b)
}

// checkOfferTemplate: the rest of a limited-time offer template. Meta's
// page, "Limitations": "Only templates categorized as MARKETING are
// supported." and "Footer components are not supported."; <HEADER_FORMAT>
// "Required if using a header. Can be IMAGE, or VIDEO.";
// <HEADER_ASSET_HANDLE> "Required if using an image or video header.";
// <BODY_TEXT> "Maximum 600 characters.". 360dialog's page: "Copy code
// button component required if "has_expiration" is set to true. If set to
// false but want to use a copy code button, it must appear first in the
// "buttons" array. URL button component is always required."
//
// 360dialog's page also says LTO templates "are only available while using
// Cloud API": Cloud API as against the On-Premises API. Meta's send page
// says "Marketing Messages API for WhatsApp supports all marketing
// templates"
// (https://developers.facebook.com/documentation/business-messaging/whatsapp/marketing-messages/send-marketing-messages),
// so /marketing_messages sends them too (messages.go does not refuse them).
func checkOfferTemplate(b *createTemplateBody) *apiError {
	offers, expires := 0, false
	for _, c := range b.Components {
		if c.Type == "LIMITED_TIME_OFFER" {
			offers++
			expires = expires || (c.LimitedTimeOffer != nil && c.LimitedTimeOffer.HasExpiration != nil && *c.LimitedTimeOffer.HasExpiration)
		}
	}
	if offers == 0 {
		return nil
	}
	if b.Category != "MARKETING" {
		return invalidParameter("Limited-time offer templates are supported only for MARKETING templates; only MARKETING templates can have a LIMITED_TIME_OFFER component.")
	}
	var buttons []TemplateButton
	for i, c := range b.Components {
		switch c.Type {
		case "FOOTER":
			return invalidParameter("A limited-time offer template cannot have a FOOTER component.")
		case "BODY":
			if utf8.RuneCountInString(c.Text) > maxOfferBody {
				return invalidParameter(fmt.Sprintf("Param components[%d]['text']: the BODY of a limited-time offer template must be at most %d characters.", i, maxOfferBody))
			}
		case "HEADER":
			if c.Format != "IMAGE" && c.Format != "VIDEO" {
				return invalidParameter(fmt.Sprintf("Param components[%d]['format'] of a limited-time offer template's HEADER must be one of {IMAGE, VIDEO}.", i))
			}
			if !hasHeaderHandle(c) {
				return invalidParameter(fmt.Sprintf("Param components[%d]['example']['header_handle'] is required for an %s header: an uploaded media asset handle.", i, c.Format))
			}
		case "BUTTONS":
			buttons = append(buttons, c.Buttons...)
		}
	}
	copyAt, hasURL := -1, false
	for j, btn := range buttons {
		switch strings.ToUpper(btn.Type) {
		case "COPY_CODE":
			if copyAt == -1 {
				copyAt = j
			}
		case "URL":
			hasURL = true
		}
	}
	switch {
	case !hasURL:
		return invalidParameter("A limited-time offer template requires a URL button.")
	case copyAt > 0:
		return invalidParameter("The COPY_CODE button of a limited-time offer template must appear first in the buttons array.")
	case copyAt == -1 && expires:
		return invalidParameter("A limited-time offer with has_expiration set to true requires a COPY_CODE button, first in the buttons array.")
	}
	return nil
}

// hasHeaderHandle: a media header's example is an uploaded media handle.
func hasHeaderHandle(c TemplateComponent) bool {
	return c.Example != nil && len(c.Example.HeaderHandle) > 0 && c.Example.HeaderHandle[0] != ""
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
