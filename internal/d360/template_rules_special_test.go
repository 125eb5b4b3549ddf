package d360

import (
	"strings"
	"testing"
)

// fromJSON is a template as d360_template builds it from components_json.
func fromJSON(t *testing.T, category, components string) *Template {
	t.Helper()
	comps, err := ParseTemplateComponents([]byte(components))
	if err != nil {
		t.Fatalf("parse %s: %v", components, err)
	}
	return &Template{Name: "x", Language: "en", Category: category, Components: comps, RawComponents: []byte(components)}
}

func TestCheckTemplateContent_documentedRules(t *testing.T) {
	const (
		image = `{"type":"HEADER","format":"IMAGE","example":{"header_handle":["4::aW"]}}`
		offer = `{"type":"LIMITED_TIME_OFFER","limited_time_offer":{"text":"Expiring offer!","has_expiration":true}}`
		code  = `{"type":"COPY_CODE","example":"SPRING25"}`
		link  = `{"type":"URL","text":"Book","url":"https://x.test/a"}`
		qr    = `{"type":"QUICK_REPLY","text":"Stop"}`
		body  = `{"type":"BODY","text":"b"}`
		card  = `{"components":[` + image + `]}`
	)
	buttons := func(b ...string) string { return `{"type":"BUTTONS","buttons":[` + strings.Join(b, ",") + `]}` }
	list := func(c ...string) string { return "[" + strings.Join(c, ",") + "]" }
	cases := []struct {
		name, category, components string
		want                       []TemplateProblem
	}{
		{"offer", "MARKETING", list(image, offer, body, buttons(code, link)), nil},
		{"offer body", "MARKETING", list(offer, `{"type":"BODY","text":"`+strings.Repeat("a", 601)+`"}`, buttons(code, link)),
			[]TemplateProblem{{PartBody, "body text is 601 characters; the limit is 600 for a limited-time offer template"}}},
		{"offer text", "MARKETING", list(`{"type":"LIMITED_TIME_OFFER","limited_time_offer":{"text":"Expiring offer!!!"}}`, body, buttons(link)),
			[]TemplateProblem{{PartOffer, `the limited-time offer text "Expiring offer!!!" is 17 characters; the limit is 16`}}},
		{"offer without text", "MARKETING", list(`{"type":"LIMITED_TIME_OFFER"}`, body, buttons(link)),
			[]TemplateProblem{{PartOffer, "the limited_time_offer needs text, the offer details, at most 16 characters"}}},
		{"offer on utility", "UTILITY", list(offer, body, buttons(code, link)),
			[]TemplateProblem{{PartOffer, "a limited-time offer template must be MARKETING; this one is UTILITY"}}},
		{"offer with footer", "MARKETING", list(offer, body, `{"type":"FOOTER","text":"f"}`, buttons(code, link)),
			[]TemplateProblem{{PartFooter, "a limited-time offer template cannot have a footer"}}},
		{"offer header", "MARKETING", list(`{"type":"HEADER","format":"DOCUMENT","example":{"header_handle":["4::aW"]}}`, offer, body, buttons(code, link)),
			[]TemplateProblem{{PartHeader, `a limited-time offer template's header must be IMAGE or VIDEO, not "DOCUMENT"`}}},
		{"offer header handle", "MARKETING", list(`{"type":"HEADER","format":"VIDEO"}`, offer, body, buttons(code, link)),
			[]TemplateProblem{{PartHeader, "the VIDEO header of a limited-time offer template needs an example header_handle (an uploaded media handle)"}}},
		{"offer without URL", "MARKETING", list(offer, body, buttons(code)),
			[]TemplateProblem{{PartButtons, "a limited-time offer template needs a URL button"}}},
		{"offer copy code second", "MARKETING", list(offer, body, buttons(link, code)),
			[]TemplateProblem{{PartButtons, "the COPY_CODE button of a limited-time offer template must be its first button; it is button 1"}}},
		{"offer expiring without copy code", "MARKETING", list(offer, body, buttons(link)),
			[]TemplateProblem{{PartButtons, "a limited-time offer with has_expiration = true needs a COPY_CODE button, as the first button"}}},
		{"carousel", "MARKETING", list(body, `{"type":"CAROUSEL","cards":[`+card+`,`+card+`]}`), nil},
		{"carousel of one", "MARKETING", list(body, `{"type":"CAROUSEL","cards":[`+card+`]}`),
			[]TemplateProblem{{PartCarousel, "a carousel has 2 to 10 cards; this one has 1"}}},
		{"carousel on utility", "UTILITY", list(body, `{"type":"CAROUSEL","cards":[`+card+`,`+card+`]}`),
			[]TemplateProblem{{PartCarousel, "a carousel template must be MARKETING; this one is UTILITY"}}},
		{"carousel cards differ", "MARKETING", list(body, `{"type":"CAROUSEL","cards":[`+card+`,{"components":[`+image+`,`+body+`]}]}`),
			[]TemplateProblem{{PartCarousel, "card 1's components differ from card 0's; all cards of a carousel have the same components (HEADER IMAGE/VIDEO)"}}},
		{"carousel card header", "MARKETING", list(body, `{"type":"CAROUSEL","cards":[{"components":[{"type":"HEADER","format":"TEXT"}]},{"components":[{"type":"HEADER","format":"TEXT"}]}]}`),
			[]TemplateProblem{{PartCarousel, `card 0's header must be IMAGE or VIDEO (PRODUCT on a product card carousel), not "TEXT"`},
				{PartCarousel, `card 1's header must be IMAGE or VIDEO (PRODUCT on a product card carousel), not "TEXT"`}}},
		{"carousel card buttons", "MARKETING", list(body, `{"type":"CAROUSEL","cards":[{"components":[`+image+`,`+buttons(qr, qr, code)+`]},{"components":[`+image+`,`+buttons(qr, qr, code)+`]}]}`),
			[]TemplateProblem{{PartCarousel, "card 0 has 3 buttons; a card may have at most 2"}, {PartCarousel, `card 0's button 2 has type "COPY_CODE"; a card's buttons are QUICK_REPLY, URL, PHONE_NUMBER`},
				{PartCarousel, "card 1 has 3 buttons; a card may have at most 2"}, {PartCarousel, `card 1's button 2 has type "COPY_CODE"; a card's buttons are QUICK_REPLY, URL, PHONE_NUMBER`}}},
		{"GIF header", "MARKETING", list(`{"type":"HEADER","format":"GIF"}`, body), nil},
		{"audio header", "MARKETING", list(`{"type":"HEADER","format":"AUDIO"}`, body),
			[]TemplateProblem{{PartHeader, `header format "AUDIO" is not one of TEXT, IMAGE, VIDEO, GIF, DOCUMENT, LOCATION`}}},
		{"location header", "AUTHENTICATION", list(`{"type":"HEADER","format":"LOCATION"}`, body),
			[]TemplateProblem{{PartHeader, "a LOCATION header is only for MARKETING and UTILITY templates; this one is AUTHENTICATION"}}},
		{"call permission", "AUTHENTICATION", list(body, `{"type":"CALL_PERMISSION_REQUEST"}`),
			[]TemplateProblem{{PartComponents, "a CALL_PERMISSION_REQUEST component is only for MARKETING and UTILITY templates; this one is AUTHENTICATION"}}},
		{"unknown kind", "MARKETING", list(body, `{"type":"SIDEBAR"}`),
			[]TemplateProblem{{PartComponents, `component 1 has type "SIDEBAR"; Meta's template components are HEADER, BODY, FOOTER, BUTTONS, LIMITED_TIME_OFFER, CAROUSEL, CALL_PERMISSION_REQUEST`}}},
		{"two bodies", "MARKETING", list(body, body),
			[]TemplateProblem{{PartComponents, "a template has at most one BODY component; this one has 2"}}},
		{"URL, quick reply, URL", "MARKETING", list(body, buttons(link, qr, link)),
			[]TemplateProblem{{PartButtons, "quick reply buttons must be next to each other, not mixed with other buttons"}}},
		{"URL variable twice", "MARKETING", list(body, buttons(`{"type":"URL","text":"Go","url":"https://x.test/{{1}}{{1}}","example":["https://x.test/a"]}`)),
			[]TemplateProblem{{PartButtons, "button 0's url may have one variable, at its end"}}},
		{"URL example null", "MARKETING", list(body, buttons(`{"type":"URL","text":"Go","url":"https://x.test/{{1}}","example":null}`)),
			[]TemplateProblem{{PartButtons, "button 0's url has a variable; give one example url"}}},
		{"phone number", "MARKETING", list(body, buttons(`{"type":"PHONE_NUMBER","text":"Call","phone_number":"+123456789012345678901"}`)),
			[]TemplateProblem{{PartButtons, "button 0's phone_number is 22 characters; the limit is 20"}}},
		{"copy code list", "MARKETING", list(body, buttons(`{"type":"COPY_CODE","example":["SPRING25"]}`)),
			[]TemplateProblem{{PartButtons, `button 0: a COPY_CODE button's example is one string, the example code, not ["SPRING25"]`}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := CheckTemplateContent(fromJSON(t, tc.category, tc.components))
			if len(got) != len(tc.want) {
				t.Fatalf("got %+v, want %+v", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Errorf("problem %d = %+v, want %+v", i, got[i], tc.want[i])
				}
			}
		})
	}
}

// Components whose nested objects have the wrong type are refused as
// invalid JSON, as the API refuses them.
func TestParseTemplateComponents_nestedTypes(t *testing.T) {
	for _, raw := range []string{
		`[{"type":"LIMITED_TIME_OFFER","limited_time_offer":{"text":5}}]`,
		`[{"type":"LIMITED_TIME_OFFER","limited_time_offer":{"has_expiration":"yes"}}]`,
		`[{"type":"CAROUSEL","cards":[{"components":{}}]}]`,
	} {
		if _, err := ParseTemplateComponents([]byte(raw)); err == nil {
			t.Errorf("%s parsed", raw)
		}
	}
}
