package mock360

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Carousel cards. Media cards, from Meta's media card carousel page
// (https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/marketing-templates/media-card-carousel-templates):
//   - "Define the exact number of product cards (minimum 2, maximum 10)";
//     360dialog: "Messages must include between 2 and 10 cards."
//     (https://docs.360dialog.com/docs/messaging/message-types/interactive/media-carousel)
//   - "Each card in the template has an image or video header asset and can
//     optionally include a body text and up to two buttons. Button
//     combinations can be a mix of quick reply buttons, phone number
//     buttons, and URL buttons."
//   - <CARD_HEADER_FORMAT> "Required. ... Value can be image or video.";
//     <CARD_HEADER_ASSET_HANDLE> "Required."
//   - "All cards defined on a template must have the same components." and
//     "If any card in the carousel includes a card body text, then all cards
//     must include a card body text"
//   - "the card body text limit of 160 characters"
//
// Product cards, from the product card carousel page
// (https://developers.facebook.com/documentation/business-messaging/whatsapp/catalogs/product-card-carousel-template-messages):
// "up to 10 product cards", each with a "product" header and "a single
// View button or URL button" (an SPM or URL button).
const (
	minMediaCards, maxCarouselCards = 2, 10
	maxCardBody                     = 160
)

func checkCarouselCards(i int, cards []CarouselCard) *apiError {
	product := len(cards) > 0 && firstHeaderFormat(cards[0]) == "PRODUCT"
	least, maxButtons := minMediaCards, 2
	kinds, allowed := "{QUICK_REPLY, URL, PHONE_NUMBER}", map[string]bool{"QUICK_REPLY": true, "URL": true, "PHONE_NUMBER": true}
	if product {
		least, maxButtons = 1, 1
		kinds, allowed = "{SPM, URL}", map[string]bool{"SPM": true, "URL": true}
	}
	if n := len(cards); n < least || n > maxCarouselCards {
		return invalidParameter(fmt.Sprintf("Param components[%d]['cards'] must have %d to %d cards; it has %d.", i, least, maxCarouselCards, n))
	}
	layout := ""
	for j, card := range cards {
		at := fmt.Sprintf("components[%d]['cards'][%d]", i, j)
		headers := 0
		var shape []string
		for k, cc := range card.Components {
			shape = append(shape, cc.Type)
			switch cc.Type {
			case "HEADER":
				headers++
				// An image card and a video card have the same components:
				// each card "has an image or video header asset".
				shape = append(shape, strings.NewReplacer("IMAGE", "media", "VIDEO", "media").Replace(cc.Format))
				if apiErr := checkCardHeader(at, cc, product); apiErr != nil {
					return apiErr
				}
			case "BODY":
				if utf8.RuneCountInString(cc.Text) > maxCardBody {
					return invalidParameter(fmt.Sprintf("Param %s['components'][%d]['text'] must be at most %d characters.", at, k, maxCardBody))
				}
			case "BUTTONS":
				if len(cc.Buttons) > maxButtons {
					return invalidParameter(fmt.Sprintf("Param %s['components'][%d]['buttons'] can have at most %d button(s) on a card; it has %d.", at, k, maxButtons, len(cc.Buttons)))
				}
				for m, btn := range cc.Buttons {
					kind := strings.ToUpper(btn.Type)
					shape = append(shape, kind)
					if !allowed[kind] {
						return invalidParameter(fmt.Sprintf("Param %s['components'][%d]['buttons'][%d]['type'] must be one of %s on a card.", at, k, m, kinds))
					}
					if apiErr := checkOneButton(fmt.Sprintf("%s['components'][%d]['buttons'][%d]", at, k, m), btn); apiErr != nil {
						return apiErr
					}
				}
			default:
				return invalidParameter(fmt.Sprintf("Param %s['components'][%d]['type'] must be one of {HEADER, BODY, BUTTONS} on a card.", at, k))
			}
		}
		if headers != 1 {
			return invalidParameter(fmt.Sprintf("Param %s needs an IMAGE or VIDEO header.", at))
		}
		if j == 0 {
			layout = strings.Join(shape, ",")
		} else if strings.Join(shape, ",") != layout {
			return invalidParameter(fmt.Sprintf("Param %s: all cards of a carousel must have the same components.", at))
		}
	}
	return nil
}

func checkCardHeader(at string, cc TemplateComponent, product bool) *apiError {
	switch cc.Format {
	case "IMAGE", "VIDEO":
		if !hasHeaderHandle(cc) {
			return invalidParameter(fmt.Sprintf("Param %s: the card's %s header needs example.header_handle, an uploaded media asset handle.", at, cc.Format))
		}
	case "PRODUCT":
		if !product {
			return invalidParameter(fmt.Sprintf("Param %s: all cards of a carousel must have the same components.", at))
		}
	default:
		return invalidParameter(fmt.Sprintf("Param %s needs an IMAGE or VIDEO header.", at))
	}
	return nil
}

func firstHeaderFormat(card CarouselCard) string {
	for _, cc := range card.Components {
		if cc.Type == "HEADER" {
			return cc.Format
		}
	}
	return ""
}
