package d360

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"
)

// The rules of limited-time offer and carousel templates. Their nested
// objects have no fields in TemplateComponent: they are read from the
// template's raw components (componentShape).

// Limited-time offer templates, from Meta's page
// (https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/marketing-templates/limited-time-offer-templates)
// and 360dialog's
// (https://docs.360dialog.com/partner/messaging/template-messages/limited-time-offer-templates):
//   - "Only templates categorized as MARKETING are supported."
//   - "Footer components are not supported."
//   - <LIMITED_TIME_OFFER_TEXT>: "Required. Offer details text. Maximum 16 characters."
//   - <BODY_TEXT>: "Maximum 600 characters."
//   - <HEADER_FORMAT>: "Required if using a header. Can be IMAGE, or VIDEO.";
//     <HEADER_ASSET_HANDLE>: "Required if using an image or video header."
//   - 360dialog: "Copy code button component required if "has_expiration"
//     is set to true. If set to false but want to use a copy code button, it
//     must appear first in the "buttons" array. URL button component is
//     always required."
//
// 360dialog's page says LTO templates "are only available while using
// Cloud API"; that is Cloud API as against the retired On-Premises API, not
// against the Marketing Messages API, whose page says "Marketing Messages
// API for WhatsApp supports all marketing templates" and "Sending messages
// follows the same API payload syntax as Sending Messages on Cloud API"
// (https://developers.facebook.com/documentation/business-messaging/whatsapp/marketing-messages/send-marketing-messages).
// So a send of an LTO template to /marketing_messages is not refused.
const (
	MaxOfferBodyLength = 600
	MaxOfferTextLength = 16
)

// Carousel templates. Media cards
// (https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/marketing-templates/media-card-carousel-templates):
// "Define the exact number of product cards (minimum 2, maximum 10)"; "Each
// card in the template has an image or video header asset and can
// optionally include a body text and up to two buttons. Button
// combinations can be a mix of quick reply buttons, phone number buttons,
// and URL buttons."; <CARD_HEADER_ASSET_HANDLE> "Required."; "All cards
// defined on a template must have the same components."; "If any card in
// the carousel includes a card body text, then all cards must include a
// card body text"; "the card body text limit of 160 characters"; "carousel
// cards are only available for marketing template messages". Product
// cards
// (https://developers.facebook.com/documentation/business-messaging/whatsapp/catalogs/product-card-carousel-template-messages):
// "up to 10 product cards", a "product" header and "a single View button
// or URL button" (an SPM or URL button).
const (
	MaxCarouselCards      = 10
	MinMediaCards         = 2
	MaxCardBodyLength     = 160
	MaxMediaCardButtons   = 2
	MaxProductCardButtons = 1
)

// componentShape is what the typed reading of a component leaves out.
type componentShape struct {
	Buttons          []rawButton `json:"buttons"`
	LimitedTimeOffer *offerShape `json:"limited_time_offer"`
	Cards            []cardShape `json:"cards"`
}

// rawButton keeps a button's example as written: a COPY_CODE button's is
// one string.
type rawButton struct {
	Example json.RawMessage `json:"example"`
}

type offerShape struct {
	Text          string `json:"text"`
	HasExpiration *bool  `json:"has_expiration"`
}

type cardShape struct {
	Components []TemplateComponent `json:"components"`
}

// decodeComponentShapes reads the nested objects of raw components; an
// error means a value of the wrong type, which the API refuses too.
func decodeComponentShapes(raw []byte) ([]componentShape, error) {
	var shapes []componentShape
	err := json.Unmarshal(raw, &shapes)
	return shapes, err
}

// specialShapes are the shapes of t's components, index for index, or nil
// when t has no raw components that match them (a Template built in code).
func specialShapes(t *Template) []componentShape {
	if len(t.RawComponents) == 0 {
		return nil
	}
	shapes, err := decodeComponentShapes(t.RawComponents)
	if err != nil || len(shapes) != len(t.Components) {
		return nil
	}
	return shapes
}

// offerFacts is what the template-wide offer rules need.
type offerFacts struct {
	hasExpiration bool
}

// offerOf says whether t is a limited-time offer template.
func offerOf(t *Template, shapes []componentShape) *offerFacts {
	var facts *offerFacts
	for i, c := range t.Components {
		if !strings.EqualFold(c.Type, "LIMITED_TIME_OFFER") {
			continue
		}
		if facts == nil {
			facts = &offerFacts{}
		}
		if shapes != nil && shapes[i].LimitedTimeOffer != nil && shapes[i].LimitedTimeOffer.HasExpiration != nil {
			facts.hasExpiration = facts.hasExpiration || *shapes[i].LimitedTimeOffer.HasExpiration
		}
	}
	return facts
}

// checkCopyCodeShape: the coupon-code and limited-time offer pages send a
// COPY_CODE button's example as one string ("example": "<OFFER_CODE_EXAMPLE>").
func checkCopyCodeShape(add func(TemplatePart, string, ...any), i int, example json.RawMessage) {
	if e := bytes.TrimSpace(example); len(e) > 0 && e[0] != '"' {
		add(PartButtons, "button %d: a COPY_CODE button's example is one string, the example code, not %s", i, e)
	}
}

func checkSpecialComponents(add func(TemplatePart, string, ...any), t *Template, shapes []componentShape, category string) {
	for i, c := range t.Components {
		switch strings.ToUpper(c.Type) {
		case "LIMITED_TIME_OFFER":
			if category != "MARKETING" {
				add(PartOffer, "a limited-time offer template must be MARKETING; this one is %s", category)
			}
			if shapes == nil {
				continue
			}
			switch o := shapes[i].LimitedTimeOffer; {
			case o == nil || o.Text == "":
				add(PartOffer, "the limited_time_offer needs text, the offer details, at most %d characters", MaxOfferTextLength)
			case utf8.RuneCountInString(o.Text) > MaxOfferTextLength:
				add(PartOffer, "the limited-time offer text %q is %d characters; the limit is %d", o.Text, utf8.RuneCountInString(o.Text), MaxOfferTextLength)
			}
		case "CAROUSEL":
			if category != "MARKETING" {
				add(PartCarousel, "a carousel template must be MARKETING; this one is %s", category)
			}
			if shapes != nil {
				checkCarousel(add, shapes[i].Cards)
			}
		}
	}
	if offer := offerOf(t, shapes); offer != nil {
		checkOfferTemplate(add, t, offer)
	}
}

// checkOfferTemplate applies the rules that span a limited-time offer
// template's components.
func checkOfferTemplate(add func(TemplatePart, string, ...any), t *Template, offer *offerFacts) {
	var buttons []TemplateButton
	for _, c := range t.Components {
		switch strings.ToUpper(c.Type) {
		case "FOOTER":
			add(PartFooter, "a limited-time offer template cannot have a footer")
		case "HEADER":
			switch f := strings.ToUpper(c.Format); f {
			case "IMAGE", "VIDEO":
				if c.Example == nil || len(c.Example.HeaderHandle) == 0 || c.Example.HeaderHandle[0] == "" {
					add(PartHeader, "the %s header of a limited-time offer template needs an example header_handle (an uploaded media handle)", f)
				}
			default:
				add(PartHeader, "a limited-time offer template's header must be IMAGE or VIDEO, not %q", c.Format)
			}
		case "BUTTONS":
			buttons = append(buttons, c.Buttons...)
		}
	}
	urls, copyAt := 0, -1
	for i, b := range buttons {
		switch strings.ToUpper(b.Type) {
		case "URL":
			urls++
		case "COPY_CODE":
			if copyAt < 0 {
				copyAt = i
			}
		}
	}
	if urls == 0 {
		add(PartButtons, "a limited-time offer template needs a URL button")
	}
	switch {
	case copyAt > 0:
		add(PartButtons, "the COPY_CODE button of a limited-time offer template must be its first button; it is button %d", copyAt)
	case copyAt < 0 && offer.hasExpiration:
		add(PartButtons, "a limited-time offer with has_expiration = true needs a COPY_CODE button, as the first button")
	}
}

func checkCarousel(add func(TemplatePart, string, ...any), cards []cardShape) {
	product := len(cards) > 0 && cardHeaderFormat(cards[0]) == "PRODUCT"
	least := MinMediaCards
	if product {
		least = 1
	}
	if n := len(cards); n < least || n > MaxCarouselCards {
		add(PartCarousel, "a carousel has %d to %d cards; this one has %d", least, MaxCarouselCards, n)
	}
	for j, card := range cards {
		if j > 0 && cardSignature(card) != cardSignature(cards[0]) {
			add(PartCarousel, "card %d's components differ from card 0's; all cards of a carousel have the same components (%s)", j, cardSignature(cards[0]))
		}
		checkCard(add, j, card, product)
	}
}

func cardHeaderFormat(card cardShape) string {
	for _, c := range card.Components {
		if strings.EqualFold(c.Type, "HEADER") {
			return strings.ToUpper(c.Format)
		}
	}
	return ""
}

// cardSignature is a card's component kinds in order, with the kind of
// header (media or product) and the buttons' types: what must be the same
// on every card. An image card and a video card have the same components:
// each card "has an image or video header asset".
func cardSignature(card cardShape) string {
	var parts []string
	for _, c := range card.Components {
		kind := strings.ToUpper(c.Type)
		switch kind {
		case "HEADER":
			if f := strings.ToUpper(c.Format); f == "IMAGE" || f == "VIDEO" {
				kind += " IMAGE/VIDEO"
			} else {
				kind += " " + f
			}
		case "BUTTONS":
			for _, b := range c.Buttons {
				kind += " " + strings.ToUpper(b.Type)
			}
		}
		parts = append(parts, kind)
	}
	return strings.Join(parts, ", ")
}

func checkCard(add func(TemplatePart, string, ...any), j int, card cardShape, product bool) {
	headers := 0
	for _, c := range card.Components {
		switch kind := strings.ToUpper(c.Type); kind {
		case "HEADER":
			headers++
			switch f := strings.ToUpper(c.Format); f {
			case "IMAGE", "VIDEO":
				if c.Example == nil || len(c.Example.HeaderHandle) == 0 || c.Example.HeaderHandle[0] == "" {
					add(PartCarousel, "card %d's %s header needs an example header_handle (an uploaded media handle)", j, f)
				}
			case "PRODUCT":
			default:
				add(PartCarousel, "card %d's header must be IMAGE or VIDEO (PRODUCT on a product card carousel), not %q", j, c.Format)
			}
		case "BODY":
			if n := utf8.RuneCountInString(c.Text); n > MaxCardBodyLength {
				add(PartCarousel, "card %d's body text is %d characters; the limit is %d", j, n, MaxCardBodyLength)
			}
		case "BUTTONS":
			checkCardButtons(add, j, c.Buttons, product)
		default:
			add(PartCarousel, "card %d has a %s component; a card has a HEADER, and optionally a BODY and BUTTONS", j, kind)
		}
	}
	if headers != 1 {
		add(PartCarousel, "card %d has %d headers; a card has one IMAGE or VIDEO header (PRODUCT on a product card carousel)", j, headers)
	}
}

func checkCardButtons(add func(TemplatePart, string, ...any), j int, buttons []TemplateButton, product bool) {
	limit, kinds := MaxMediaCardButtons, []string{"QUICK_REPLY", "URL", "PHONE_NUMBER"}
	if product {
		limit, kinds = MaxProductCardButtons, []string{"SPM", "URL"}
	}
	if len(buttons) > limit {
		add(PartCarousel, "card %d has %d buttons; a card may have at most %d", j, len(buttons), limit)
	}
	for i, b := range buttons {
		if !containsFold(kinds, b.Type) {
			add(PartCarousel, "card %d's button %d has type %q; a card's buttons are %s", j, i, b.Type, strings.Join(kinds, ", "))
			continue
		}
		checkButton(add, fmt.Sprintf("card %d's button %d", j, i), b)
	}
}

func containsFold(list []string, s string) bool {
	for _, v := range list {
		if strings.EqualFold(v, s) {
			return true
		}
	}
	return false
}
