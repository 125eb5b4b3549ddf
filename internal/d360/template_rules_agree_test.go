package d360_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/d360-tf/terraform-provider-d360/internal/d360"
	"github.com/d360-tf/terraform-provider-d360/internal/mock360"
)

// The plan-time review (d360.CheckTemplateContent) and the mock's create
// check are written apart, from the same pages; the mock is the oracle.
// They must accept and refuse the same templates, except where the
// provider is deliberately stricter, which providerStricter lists. A
// template the mock refuses and the plan passes is always a bug: the plan
// would promise a create that the API refuses.
//
// Components JSON that does not decode into the client's types (a button
// example that is neither a string nor a list of strings, say) is out of
// scope: the provider refuses it at plan as invalid components JSON, before
// any review rule.

// stricterCase is one deliberate difference: the plan refuses, the mock
// (like the API, as far as the pages say) accepts.
type stricterCase struct {
	why     string
	problem string // a fragment of the plan's problem
	example string // components the mock accepts and the plan refuses
}

var providerStricter = []stricterCase{
	{
		why: "body text of only spaces: Meta requires body text and the mock, like 360dialog's pages, only requires it to be non-empty; " +
			"a body a recipient sees as blank is a mistake in the configuration",
		problem: "the body has no text",
		example: `[{"type":"BODY","text":"   "}]`,
	},
	{
		why: "a URL button whose url is not http(s): the pages say only \"URL of website\"; anything else cannot open " +
			"in the device's web browser, which is what the button does",
		problem: "without an http(s) url",
		example: `[{"type":"BODY","text":"Shop"},{"type":"BUTTONS","buttons":[{"type":"URL","text":"Go","url":"shop.example.com"}]}]`,
	},
}

// stricterReason names the documented difference a plan problem is, or "".
func stricterReason(p d360.TemplateProblem) string {
	for _, s := range providerStricter {
		if strings.Contains(p.Message, s.problem) {
			return s.why
		}
	}
	return ""
}

var (
	agreeCategories = []string{"MARKETING", "UTILITY", "AUTHENTICATION", "marketing"}
	agreeFormats    = []string{"", "POSITIONAL", "NAMED", "named"}
)

// verdict is what each side said about one template.
type verdict struct {
	decodes  bool                   // the client can read the components at all
	planned  []d360.TemplateProblem // the plan's problems
	accepted bool                   // the mock created the template
	refusal  string                 // the mock's details when it refused
}

func judge(t testing.TB, mock *mock360.Server, category, format, components string) verdict {
	t.Helper()
	comps, err := d360.ParseTemplateComponents([]byte(components))
	if err != nil {
		return verdict{}
	}
	tmpl := &d360.Template{Name: "rules_agree", Language: "en", Category: category, ParameterFormat: format,
		Components: comps, RawComponents: json.RawMessage(components)}
	v := verdict{decodes: true, planned: d360.CheckTemplateContent(tmpl)}
	body, err := json.Marshal(tmpl) // as the client sends it
	if err != nil {
		t.Fatalf("marshal %s: %v", components, err)
	}
	mock.Reset()
	req := httptest.NewRequest(http.MethodPost, "/v1/configs/templates", bytes.NewReader(body))
	req.Header.Set("D360-API-KEY", "k")
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	mock.ServeHTTP(rec, req)
	switch rec.Code {
	case http.StatusCreated:
		v.accepted = true
	case http.StatusBadRequest:
		var answer struct {
			Error struct {
				Code      int `json:"code"`
				ErrorData struct {
					Details string `json:"details"`
				} `json:"error_data"`
			} `json:"error"`
		}
		if json.Unmarshal(rec.Body.Bytes(), &answer) != nil || answer.Error.Code != 100 {
			t.Fatalf("the mock refused %s without (#100): %s", components, rec.Body)
		}
		v.refusal = answer.Error.ErrorData.Details
	default:
		t.Fatalf("the mock answered %d to %s: %s", rec.Code, components, rec.Body)
	}
	return v
}

// disagreement says how the plan and the mock disagree beyond the
// documented list, or "".
func (v verdict) disagreement() string {
	switch {
	case !v.decodes:
		return ""
	case !v.accepted && len(v.planned) == 0:
		return "the mock refuses a template the plan passes: " + v.refusal
	case v.accepted:
		for _, p := range v.planned {
			if stricterReason(p) == "" {
				return "the plan refuses a template the mock creates: " + p.Part.String() + ": " + p.Message
			}
		}
	}
	return ""
}

func newRulesMock(t testing.TB) *mock360.Server {
	t.Helper()
	mock := mock360.NewServer(mock360.Options{APIKey: "k"})
	t.Cleanup(mock.Close)
	return mock
}

func componentsJSON(t testing.TB, comps []mock360.TemplateComponent) string {
	t.Helper()
	raw, err := json.Marshal(comps)
	if err != nil {
		t.Fatal(err)
	}
	return string(raw)
}

const (
	image    = `{"type":"HEADER","format":"IMAGE","example":{"header_handle":["4::aW"]}}`
	offer    = `{"type":"LIMITED_TIME_OFFER","limited_time_offer":{"text":"Expiring offer!","has_expiration":true}}`
	copyCode = `{"type":"COPY_CODE","example":"SPRING25"}`
	bookURL  = `{"type":"URL","text":"Book now!","url":"https://shop.example.com/flash/{{1}}","example":["https://shop.example.com/flash/a"]}`
	qr       = `{"type":"QUICK_REPLY","text":"Stop"}`
	call     = `{"type":"PHONE_NUMBER","text":"Call","phone_number":"+15550783881"}`
)

func body(text string) string { return `{"type":"BODY","text":` + jsonString(text) + `}` }

func jsonString(s string) string {
	raw, _ := json.Marshal(s)
	return string(raw)
}

func buttonsOf(b ...string) string {
	return `{"type":"BUTTONS","buttons":[` + strings.Join(b, ",") + `]}`
}

func list(c ...string) string { return "[" + strings.Join(c, ",") + "]" }

func card(header, extra string) string {
	c := `{"components":[` + header
	if extra != "" {
		c += "," + extra
	}
	return c + "]}"
}

func carousel(cards ...string) string {
	return `{"type":"CAROUSEL","cards":[` + strings.Join(cards, ",") + `]}`
}

func repeatCards(n int, c string) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = c
	}
	return out
}

// agreeEdges are the cases the rules turn on, each with what both sides
// must say: true when both accept it.
var agreeEdges = []struct {
	name       string
	category   string
	components string
	accepted   bool
}{
	{"LTO, the documented shape", "MARKETING", list(image, offer, body("Good news, {{1}}!"), buttonsOf(copyCode, bookURL)), false}, // no example for {{1}}
	{"LTO with body examples", "MARKETING", list(image, offer, `{"type":"BODY","text":"Good news, {{1}}!","example":{"body_text":[["Ann"]]}}`, buttonsOf(copyCode, bookURL)), true},
	{"LTO body of 600 characters", "MARKETING", list(offer, body(strings.Repeat("a", 600)), buttonsOf(copyCode, bookURL)), true},
	{"LTO body of 601 characters", "MARKETING", list(offer, body(strings.Repeat("a", 601)), buttonsOf(copyCode, bookURL)), false},
	{"LTO text header", "MARKETING", list(`{"type":"HEADER","format":"TEXT","text":"Hi"}`, offer, body("b"), buttonsOf(copyCode, bookURL)), false},
	{"LTO document header", "MARKETING", list(`{"type":"HEADER","format":"DOCUMENT","example":{"header_handle":["4::aW"]}}`, offer, body("b"), buttonsOf(copyCode, bookURL)), false},
	{"LTO video header", "MARKETING", list(`{"type":"HEADER","format":"VIDEO","example":{"header_handle":["4::aW"]}}`, offer, body("b"), buttonsOf(copyCode, bookURL)), true},
	{"LTO image header without a handle", "MARKETING", list(`{"type":"HEADER","format":"IMAGE"}`, offer, body("b"), buttonsOf(copyCode, bookURL)), false},
	{"LTO without a URL button", "MARKETING", list(offer, body("b"), buttonsOf(copyCode)), false},
	{"LTO with the copy code second", "MARKETING", list(offer, body("b"), buttonsOf(bookURL, copyCode)), false},
	{"LTO expiring without a copy code", "MARKETING", list(offer, body("b"), buttonsOf(bookURL)), false},
	{"LTO not expiring without a copy code", "MARKETING", list(`{"type":"LIMITED_TIME_OFFER","limited_time_offer":{"text":"Offer","has_expiration":false}}`, body("b"), buttonsOf(bookURL)), true},
	{"LTO text of 17 characters", "MARKETING", list(`{"type":"LIMITED_TIME_OFFER","limited_time_offer":{"text":"Expiring offer!!!"}}`, body("b"), buttonsOf(bookURL)), false},
	{"LTO with a footer", "MARKETING", list(offer, body("b"), `{"type":"FOOTER","text":"f"}`, buttonsOf(copyCode, bookURL)), false},
	{"LTO on UTILITY", "UTILITY", list(offer, body("b"), buttonsOf(copyCode, bookURL)), false},
	{"3 URL buttons", "MARKETING", list(body("b"), buttonsOf(bookURL, bookURL, bookURL)), false},
	{"2 URL buttons", "MARKETING", list(body("b"), buttonsOf(bookURL, bookURL)), true},
	{"URL variable not at the end", "MARKETING", list(body("b"), buttonsOf(`{"type":"URL","text":"Go","url":"https://x.test/{{1}}/a","example":["https://x.test/b/a"]}`)), false},
	{"URL variable twice", "MARKETING", list(body("b"), buttonsOf(`{"type":"URL","text":"Go","url":"https://x.test/{{1}}{{1}}","example":["https://x.test/b"]}`)), false},
	{"URL variable without example", "MARKETING", list(body("b"), buttonsOf(`{"type":"URL","text":"Go","url":"https://x.test/{{1}}"}`)), false},
	{"URL variable with a null example", "MARKETING", list(body("b"), buttonsOf(`{"type":"URL","text":"Go","url":"https://x.test/{{1}}","example":null}`)), false},
	{"11 buttons", "MARKETING", list(body("b"), buttonsOf(qr, qr, qr, qr, qr, qr, qr, qr, qr, qr, qr)), false},
	{"10 buttons", "MARKETING", list(body("b"), buttonsOf(qr, qr, qr, qr, qr, qr, qr, qr, bookURL, call)), true},
	{"quick reply, URL, quick reply", "MARKETING", list(body("b"), buttonsOf(qr, bookURL, qr)), false},
	{"URL, quick reply, URL", "MARKETING", list(body("b"), buttonsOf(bookURL, qr, bookURL)), false},
	{"URL, phone, quick reply, quick reply", "MARKETING", list(body("b"), buttonsOf(bookURL, call, qr, qr)), true},
	{"2 phone buttons", "MARKETING", list(body("b"), buttonsOf(call, call)), false},
	{"phone number of 22 characters", "MARKETING", list(body("b"), buttonsOf(`{"type":"PHONE_NUMBER","text":"Call","phone_number":"+123456789012345678901"}`)), false},
	{"2 copy code buttons", "MARKETING", list(body("b"), buttonsOf(copyCode, copyCode)), false},
	{"copy code example as a list", "MARKETING", list(body("b"), buttonsOf(`{"type":"COPY_CODE","example":["SPRING25"]}`)), false},
	{"label of 26 characters", "MARKETING", list(body("b"), buttonsOf(`{"type":"QUICK_REPLY","text":"`+strings.Repeat("x", 26)+`"}`)), false},
	{"carousel of 2 image cards", "MARKETING", list(body("b"), carousel(repeatCards(2, card(image, buttonsOf(qr)))...)), true},
	{"carousel of an image and a video card", "MARKETING", list(body("b"), carousel(card(image, ""), card(`{"type":"HEADER","format":"VIDEO","example":{"header_handle":["4::aW"]}}`, ""))), true},
	{"carousel of 1 card", "MARKETING", list(body("b"), carousel(card(image, ""))), false},
	{"carousel of 11 cards", "MARKETING", list(body("b"), carousel(repeatCards(11, card(image, ""))...)), false},
	{"carousel card with a text header", "MARKETING", list(body("b"), carousel(card(image, ""), card(`{"type":"HEADER","format":"TEXT","text":"x"}`, ""))), false},
	{"carousel card without a handle", "MARKETING", list(body("b"), carousel(repeatCards(2, card(`{"type":"HEADER","format":"IMAGE"}`, ""))...)), false},
	{"carousel cards that differ", "MARKETING", list(body("b"), carousel(card(image, body("x")), card(image, ""))), false},
	{"carousel card body of 161 characters", "MARKETING", list(body("b"), carousel(repeatCards(2, card(image, body(strings.Repeat("c", 161))))...)), false},
	{"carousel card with 3 buttons", "MARKETING", list(body("b"), carousel(repeatCards(2, card(image, buttonsOf(qr, qr, qr)))...)), false},
	{"carousel card with a copy code", "MARKETING", list(body("b"), carousel(repeatCards(2, card(image, buttonsOf(copyCode)))...)), false},
	{"product carousel", "MARKETING", list(body("b"), carousel(repeatCards(3, card(`{"type":"HEADER","format":"PRODUCT"}`, buttonsOf(`{"type":"SPM"}`)))...)), true},
	{"product card with 2 buttons", "MARKETING", list(body("b"), carousel(repeatCards(2, card(`{"type":"HEADER","format":"PRODUCT"}`, buttonsOf(`{"type":"SPM"}`, bookURL)))...)), false},
	{"carousel on UTILITY", "UTILITY", list(body("b"), carousel(repeatCards(2, card(image, ""))...)), false},
	{"GIF header", "MARKETING", list(`{"type":"HEADER","format":"GIF","example":{"header_handle":["4::aW"]}}`, body("b")), true},
	{"unknown header format", "MARKETING", list(`{"type":"HEADER","format":"AUDIO"}`, body("b")), false},
	{"location header on AUTHENTICATION", "AUTHENTICATION", list(`{"type":"HEADER","format":"LOCATION"}`, body("b")), false},
	{"location header on UTILITY", "UTILITY", list(`{"type":"HEADER","format":"LOCATION"}`, body("b")), true},
	{"call permission request on MARKETING", "MARKETING", list(body("b"), `{"type":"CALL_PERMISSION_REQUEST"}`), true},
	{"call permission request on AUTHENTICATION", "AUTHENTICATION", list(body("b"), `{"type":"CALL_PERMISSION_REQUEST"}`), false},
	{"unknown component", "MARKETING", list(body("b"), `{"type":"SIDEBAR"}`), false},
	{"two bodies", "MARKETING", list(body("a"), body("b")), false},
	{"two footers", "MARKETING", list(body("a"), `{"type":"FOOTER","text":"f"}`, `{"type":"FOOTER","text":"g"}`), false},
	{"footer variable", "MARKETING", list(body("a"), `{"type":"FOOTER","text":"{{1}}"}`), false},
	{"footer of 61 characters", "MARKETING", list(body("a"), `{"type":"FOOTER","text":"`+strings.Repeat("f", 61)+`"}`), false},
	{"body variables with a gap", "MARKETING", list(`{"type":"BODY","text":"{{1}} {{3}}","example":{"body_text":[["a","b"]]}}`), false},
	{"body variable without example", "MARKETING", list(body("Hi {{1}}")), false},
	{"header variable with example", "MARKETING", list(`{"type":"HEADER","format":"TEXT","text":"Hi {{1}}","example":{"header_text":["Ann"]}}`, body("b")), true},
	{"header variable without example", "MARKETING", list(`{"type":"HEADER","format":"TEXT","text":"Hi {{1}}"}`, body("b")), false},
	{"body of 1025 characters", "MARKETING", list(body(strings.Repeat("é", 1025))), false},
	{"no body", "MARKETING", list(`{"type":"FOOTER","text":"f"}`), false},
	{"no components", "MARKETING", `[]`, false},
}

func TestTemplateRulesAgree(t *testing.T) {
	mock := newRulesMock(t)
	for _, tc := range agreeEdges {
		t.Run(tc.name, func(t *testing.T) {
			v := judge(t, mock, tc.category, "", tc.components)
			if !v.decodes {
				t.Fatalf("the client cannot read %s", tc.components)
			}
			if d := v.disagreement(); d != "" {
				t.Fatal(d)
			}
			if v.accepted != tc.accepted || (len(v.planned) == 0) != tc.accepted {
				t.Fatalf("want accepted = %v by both; the mock: %v %q; the plan: %+v", tc.accepted, v.accepted, v.refusal, v.planned)
			}
		})
	}
}

// Each documented difference: the mock creates the example, and the plan
// refuses it for that reason alone.
func TestTemplateRulesProviderStricter(t *testing.T) {
	mock := newRulesMock(t)
	for _, s := range providerStricter {
		t.Run(s.problem, func(t *testing.T) {
			v := judge(t, mock, "MARKETING", "", s.example)
			if !v.accepted {
				t.Fatalf("the mock refuses the example: %s", v.refusal)
			}
			if len(v.planned) != 1 || !strings.Contains(v.planned[0].Message, s.problem) {
				t.Fatalf("want the plan to refuse only for %q; got %+v", s.problem, v.planned)
			}
		})
	}
}

// The showcase templates, every component kind a send can fill, pass both.
func TestTemplateRulesAgree_showcase(t *testing.T) {
	mock := newRulesMock(t)
	for _, tmpl := range append(mock360.ShowcaseTemplates(), mock360.DefaultState().Templates...) {
		t.Run(tmpl.Name, func(t *testing.T) {
			v := judge(t, mock, tmpl.Category, tmpl.ParameterFormat, componentsJSON(t, tmpl.Components))
			if !v.accepted || len(v.planned) != 0 {
				t.Fatalf("want both to accept; the mock: %v %q; the plan: %+v", v.accepted, v.refusal, v.planned)
			}
		})
	}
}

// FuzzTemplateRulesAgree: for any components JSON, category and parameter
// format, the plan and the mock agree, or the plan is stricter for a
// reason in providerStricter. An input that is not JSON is a recipe.
func FuzzTemplateRulesAgree(f *testing.F) {
	for _, tmpl := range append(mock360.ShowcaseTemplates(), mock360.DefaultState().Templates...) {
		format := uint8(0)
		if tmpl.ParameterFormat == "NAMED" {
			format = 2
		}
		f.Add(uint8(0), format, componentsJSON(f, tmpl.Components))
	}
	for i, tc := range agreeEdges {
		for c, name := range agreeCategories {
			if name == tc.category {
				f.Add(uint8(c), uint8(i%len(agreeFormats)), tc.components)
			}
		}
	}
	for _, s := range providerStricter {
		f.Add(uint8(0), uint8(0), s.example)
	}
	f.Add(uint8(0), uint8(2), `[{"type":"HEADER","format":"TEXT","text":"Hi {{name}}","example":{"header_text_named_params":[{"param_name":"name","example":"Ann"}]}},`+
		`{"type":"BODY","text":"{{first_name}} {{code2}}","example":{"body_text_named_params":[{"param_name":"first_name","example":"A"},{"param_name":"code2","example":"B"}]}}]`)
	f.Add(uint8(0), uint8(2), `[{"type":"BODY","text":"Hi {{1}}","example":{"body_text_named_params":[{"param_name":"1","example":"A"}]}}]`)
	for _, r := range []string{"\x12\x03\x0a\x03\x00", "\x0f\x04\x12\x02\x0a\x03", "\x00\x13\x02\x00\x01\x02\x00\x00", "\x07\x0f\x01\x12\x02\x0a\x03"} {
		f.Add(uint8(0), uint8(0), r)
	}
	mock := newRulesMock(f)
	f.Fuzz(func(t *testing.T, category, format uint8, components string) {
		if !json.Valid([]byte(components)) {
			components = recipe([]byte(components))
		}
		v := judge(t, mock, agreeCategories[int(category)%len(agreeCategories)], agreeFormats[int(format)%len(agreeFormats)], components)
		if d := v.disagreement(); d != "" {
			t.Fatalf("%s\ncomponents: %s", d, components)
		}
	})
}

// recipe builds components JSON from bytes that are not JSON themselves:
// each byte picks a piece (a body, a header, buttons, an offer, a
// carousel...) the rules turn on, and the pieces that take more read the
// bytes after them. Random JSON text rarely stays JSON under mutation;
// recipes keep the fuzzer among templates the rules have something to say
// about.
func recipe(b []byte) string {
	next := func() int {
		if len(b) == 0 {
			return 0
		}
		v := int(b[0])
		b = b[1:]
		return v
	}
	var comps []string
	for len(b) > 0 && len(comps) < 8 {
		switch next() % 23 {
		case 0:
			comps = append(comps, body("Hi"))
		case 1:
			comps = append(comps, `{"type":"BODY","text":"Hi {{1}}","example":{"body_text":[["Ann"]]}}`)
		case 2:
			comps = append(comps, body("Hi {{1}}"))
		case 3:
			comps = append(comps, body(strings.Repeat("a", 600)))
		case 4:
			comps = append(comps, body(strings.Repeat("a", 601)))
		case 5:
			comps = append(comps, body("   "))
		case 6:
			comps = append(comps, `{"type":"HEADER","format":"TEXT","text":"Hi {{1}}","example":{"header_text":["Ann"]}}`)
		case 7:
			comps = append(comps, image)
		case 8:
			comps = append(comps, `{"type":"HEADER","format":"IMAGE"}`)
		case 9:
			comps = append(comps, `{"type":"HEADER","format":"VIDEO","example":{"header_handle":["4::aW"]}}`)
		case 10:
			comps = append(comps, `{"type":"HEADER","format":"GIF"}`)
		case 11:
			comps = append(comps, `{"type":"HEADER","format":"LOCATION"}`)
		case 12:
			comps = append(comps, `{"type":"HEADER","format":"DOCUMENT","example":{"header_handle":["4::aW"]}}`)
		case 13:
			comps = append(comps, `{"type":"FOOTER","text":"f"}`)
		case 14:
			comps = append(comps, `{"type":"FOOTER","text":"f {{1}}"}`)
		case 15:
			comps = append(comps, offer)
		case 16:
			comps = append(comps, `{"type":"LIMITED_TIME_OFFER","limited_time_offer":{"text":"Offer","has_expiration":false}}`)
		case 17:
			comps = append(comps, `{"type":"LIMITED_TIME_OFFER","limited_time_offer":{"text":"Expiring offer!!!"}}`)
		case 18:
			n := next() % 12
			var bs []string
			for range n {
				bs = append(bs, recipeButtons[next()%len(recipeButtons)])
			}
			comps = append(comps, buttonsOf(bs...))
		case 19:
			comps = append(comps, recipeCarousel(next, next()%12))
		case 20:
			comps = append(comps, `{"type":"CALL_PERMISSION_REQUEST"}`)
		case 21:
			comps = append(comps, `{"type":"SIDEBAR"}`)
		case 22:
			comps = append(comps, `{"type":"BODY","text":"Hi {{first_name}}","example":{"body_text_named_params":[{"param_name":"first_name","example":"Ann"}]}}`)
		}
	}
	return list(comps...)
}

var recipeButtons = []string{
	qr, `{"type":"QUICK_REPLY","text":"` + strings.Repeat("x", 26) + `"}`,
	`{"type":"URL","text":"Go","url":"https://x.test/a"}`, bookURL,
	`{"type":"URL","text":"Go","url":"https://x.test/{{1}}"}`,
	`{"type":"URL","text":"Go","url":"https://x.test/{{1}}/a","example":["https://x.test/b/a"]}`,
	`{"type":"URL","text":"Go","url":"x.test/a"}`,
	call, `{"type":"PHONE_NUMBER","text":"Call","phone_number":"+123456789012345678901"}`, `{"type":"PHONE_NUMBER","text":"Call"}`,
	copyCode, `{"type":"COPY_CODE","example":["SPRING25"]}`, `{"type":"COPY_CODE","example":"SPRING2026SUPERSALE"}`, `{"type":"COPY_CODE"}`,
	`{"type":"SPM"}`, `{"type":"VOICE_CALL","text":"Call"}`, `{"type":"FLOW","text":"Book"}`,
}

var recipeCardHeaders = []string{
	image, `{"type":"HEADER","format":"VIDEO","example":{"header_handle":["4::aW"]}}`, `{"type":"HEADER","format":"IMAGE"}`,
	`{"type":"HEADER","format":"PRODUCT"}`, `{"type":"HEADER","format":"TEXT","text":"x"}`,
}

// recipeCarousel is n cards alike, but for the last when a byte says so.
func recipeCarousel(next func() int, n int) string {
	cardOf := func() string {
		parts := []string{recipeCardHeaders[next()%len(recipeCardHeaders)]}
		switch next() % 4 {
		case 1:
			parts = append(parts, body("A card"))
		case 2:
			parts = append(parts, body(strings.Repeat("c", 161)))
		case 3:
			parts = append(parts, `{"type":"FOOTER","text":"f"}`)
		}
		if k := next() % 4; k > 0 {
			var bs []string
			for range k {
				bs = append(bs, recipeButtons[next()%len(recipeButtons)])
			}
			parts = append(parts, buttonsOf(bs...))
		}
		return `{"components":[` + strings.Join(parts, ",") + `]}`
	}
	cards := repeatCards(n, cardOf())
	if n > 0 && next()%2 == 1 {
		cards[n-1] = cardOf()
	}
	return carousel(cards...)
}
