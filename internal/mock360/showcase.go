package mock360

import (
	"encoding/json"
	"time"
)

// ShowcaseTemplates are approved MARKETING templates that, together, use
// every component kind a send can fill: a text header with a variable,
// currency and date_time body variables, NAMED variables, media and
// location headers, URL, quick reply, phone, copy code and flow buttons, a
// limited-time offer and a carousel. They are not in DefaultState, whose
// exact list tests and demos depend on; add them with Update or a seed.
func ShowcaseTemplates() []Template {
	created := time.Date(2025, 1, 15, 10, 0, 0, 0, time.UTC)
	const ns = "c2f3a8b1_5d6e_4f70_9a1b_2c3d4e5f6a7b"
	tpl := func(id, name, format string, comps ...TemplateComponent) Template {
		return Template{ID: id, Name: name, Language: "en", Category: "MARKETING", Status: "approved", ParameterFormat: format,
			Namespace: ns, QualityScore: "GREEN", Components: comps, CreatedAt: created, ModifiedAt: created}
	}
	image := TemplateComponent{Type: "HEADER", Format: "IMAGE", Example: &TemplateExample{HeaderHandle: []string{"4::aW1hZ2UvcG5n:ARb"}}}
	return []Template{
		tpl("Sc1Offer0000000a", "seasonal_offer", "",
			TemplateComponent{Type: "HEADER", Format: "TEXT", Text: "{{1}}, your spring offer",
				Example: &TemplateExample{HeaderText: []string{"Peter"}}},
			TemplateComponent{Type: "BODY", Text: "Hi {{1}}, {{2}} off everything: the jacket is now {{3}} until {{4}}.",
				Example: &TemplateExample{BodyText: [][]string{{"Peter", "20%", "$79.99", "May 1"}}}},
			TemplateComponent{Type: "FOOTER", Text: "Reply STOP to opt out"},
			TemplateComponent{Type: "BUTTONS", Buttons: []TemplateButton{
				{Type: "URL", Text: "Shop now", URL: "https://shop.example.com/offer/{{1}}", Example: json.RawMessage(`["https://shop.example.com/offer/spring"]`)},
				{Type: "QUICK_REPLY", Text: "Stop promotions"},
			}}),
		tpl("Sc2Named000000b", "new_arrivals", "NAMED", image,
			TemplateComponent{Type: "BODY", Text: "{{first_name}}, new arrivals are in. Your code {{code}} works until {{ends}}.",
				Example: &TemplateExample{BodyTextNamedParams: []NamedParamExample{{"first_name", "Peter"}, {"code", "NEW10"}, {"ends", "Friday"}}}},
			TemplateComponent{Type: "BUTTONS", Buttons: []TemplateButton{
				{Type: "PHONE_NUMBER", Text: "Call the shop", PhoneNumber: "+15550783881"},
				{Type: "FLOW", Text: "Book a fitting"},
			}}),
		tpl("Sc3Offer0000000c", "flash_offer", "", image,
			TemplateComponent{Type: "LIMITED_TIME_OFFER", LimitedTimeOffer: &LimitedTimeOffer{Text: "Expiring offer!", HasExpiration: ptr(true)}},
			TemplateComponent{Type: "BODY", Text: "Good news, {{1}}! Use code {{2}} to get 25% off.",
				Example: &TemplateExample{BodyText: [][]string{{"Peter", "SPRING25"}}}},
			TemplateComponent{Type: "BUTTONS", Buttons: []TemplateButton{
				{Type: "COPY_CODE", Example: json.RawMessage(`"SPRING25"`)},
				{Type: "URL", Text: "Book now!", URL: "https://shop.example.com/flash/{{1}}", Example: json.RawMessage(`["https://shop.example.com/flash/a"]`)},
			}}),
		tpl("Sc4Store0000000d", "store_opening", "",
			TemplateComponent{Type: "HEADER", Format: "LOCATION"},
			TemplateComponent{Type: "BODY", Text: "Our new store opens on {{1}}.", Example: &TemplateExample{BodyText: [][]string{{"Saturday"}}}}),
		tpl("Sc5Carousel0000e", "spring_picks", "",
			TemplateComponent{Type: "BODY", Text: "Our spring picks for {{1}}", Example: &TemplateExample{BodyText: [][]string{{"Peter"}}}},
			TemplateComponent{Type: "CAROUSEL", Cards: []CarouselCard{
				{Components: []TemplateComponent{image, {Type: "BODY", Text: "Jackets"}}},
				{Components: []TemplateComponent{image, {Type: "BODY", Text: "Shoes"}}},
			}}),
	}
}

func ptr[T any](v T) *T { return &v }
