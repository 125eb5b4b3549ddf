package mock360

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"
)

func showcase(t *testing.T, name string) Template {
	t.Helper()
	for _, tpl := range ShowcaseTemplates() {
		if tpl.Name == name {
			return tpl
		}
	}
	t.Fatalf("no showcase template %q", name)
	return Template{}
}

func renderJSON(t *testing.T, tpl Template, components string) (string, error) {
	t.Helper()
	comps, err := parseRenderComponents([]byte(`{"template":{"components":` + components + `}}`))
	if err != nil {
		t.Fatal(err)
	}
	return renderSend(tpl, comps)
}

func TestRenderSend(t *testing.T) {
	spring := DefaultState().Templates[1]
	for _, tc := range []struct {
		name, comps, want string
		tpl               Template
	}{
		{"default spring_sale", `[{"type":"body","parameters":[{"type":"text","text":"Ann"},{"type":"text","text":"20%"}]},
			{"type":"button","sub_type":"url","index":0,"parameters":[{"type":"text","text":"spring"}]}]`,
			"Spring sale\n\nHi Ann, 20% off everything until Sunday.\n\nReply STOP to opt out\n\n[Shop now] → https://shop.example.com/sale/spring", spring},
		{"header variable, currency, date_time, quick reply", `[
			{"type":"header","parameters":[{"type":"text","text":"Ann"}]},
			{"type":"body","parameters":[{"type":"text","text":"Ann"},{"type":"text","text":"30%"},
			  {"type":"currency","currency":{"fallback_value":"$59.99","code":"USD","amount_1000":59990}},
			  {"type":"date_time","date_time":{"fallback_value":"May 1, 2026"}}]},
			{"type":"button","sub_type":"url","index":"0","parameters":[{"type":"text","text":"ann?c=1"}]}]`,
			"Ann, your spring offer\n\nHi Ann, 30% off everything: the jacket is now $59.99 until May 1, 2026.\n\nReply STOP to opt out\n\n" +
				"[Shop now] → https://shop.example.com/offer/ann?c=1\n[Stop promotions]", showcase(t, "seasonal_offer")},
		{"named, image by id, phone and flow buttons", `[
			{"type":"header","parameters":[{"type":"image","image":{"id":"1234"}}]},
			{"type":"body","parameters":[{"type":"text","parameter_name":"ends","text":"Friday"},{"type":"text","parameter_name":"first_name","text":"Ann"},{"type":"text","parameter_name":"code","text":"NEW10"}]},
			{"type":"button","sub_type":"flow","index":1,"parameters":[{"type":"action","action":{"flow_token":"t"}}]}]`,
			"[image: 1234]\n\nAnn, new arrivals are in. Your code NEW10 works until Friday.\n\n[Call the shop] → +15550783881\n[Book a fitting]", showcase(t, "new_arrivals")},
		{"limited-time offer and copy code", `[
			{"type":"header","parameters":[{"type":"image","image":{"link":"https://cdn.example.com/a.png"}}]},
			{"type":"limited_time_offer","parameters":[{"type":"limited_time_offer","limited_time_offer":{"expiration_time_ms":1777636800000}}]},
			{"type":"body","parameters":[{"type":"text","text":"Ann"},{"type":"text","text":"SPRING25"}]},
			{"type":"button","sub_type":"copy_code","index":0,"parameters":[{"type":"coupon_code","coupon_code":"SPRING25"}]},
			{"type":"button","sub_type":"url","index":1,"parameters":[{"type":"text","text":"x"}]}]`,
			"[image: https://cdn.example.com/a.png]\n\n[offer: Expiring offer!, expires 2026-05-01 12:00 UTC]\n\nGood news, Ann! Use code SPRING25 to get 25% off.\n\n" +
				"[Copy offer code] → SPRING25\n[Book now!] → https://shop.example.com/flash/x", showcase(t, "flash_offer")},
		{"location", `[{"type":"header","parameters":[{"type":"location","location":{"latitude":52.52,"longitude":13.405,"name":"Mock Store","address":"Main St 1"}}]},
			{"type":"body","parameters":[{"type":"text","text":"Saturday"}]}]`,
			"[location: Mock Store, Main St 1]\n\nOur new store opens on Saturday.", showcase(t, "store_opening")},
		{"location by coordinates", `[{"type":"header","parameters":[{"type":"location","location":{"latitude":52.52,"longitude":-13.405}}]},
			{"type":"body","parameters":[{"type":"text","text":"Saturday"}]}]`,
			"[location: 52.52, -13.405]\n\nOur new store opens on Saturday.", showcase(t, "store_opening")},
		{"carousel", `[{"type":"body","parameters":[{"type":"text","text":"Ann"}]},{"type":"carousel","cards":[]}]`,
			"Our spring picks for Ann\n\n[carousel: 2 cards]", showcase(t, "spring_picks")},
		{"document with filename", `[{"type":"header","parameters":[{"type":"document","document":{"link":"https://cdn.example.com/c.pdf","filename":"catalog.pdf"}}]}]`,
			"[document: https://cdn.example.com/c.pdf, catalog.pdf]",
			Template{Components: []TemplateComponent{{Type: "HEADER", Format: "DOCUMENT"}}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := renderJSON(t, tc.tpl, tc.comps)
			if err != nil || got != tc.want {
				t.Fatalf("got %q, %v\nwant %q", got, err, tc.want)
			}
		})
	}
}

func TestRenderSendMissingValues(t *testing.T) {
	spring := DefaultState().Templates[1]
	for _, tc := range []struct{ name, comps, want string }{
		{"body", `[{"type":"body","parameters":[{"type":"text","text":"Ann"}]},{"type":"button","sub_type":"url","index":0,"parameters":[{"type":"text","text":"s"}]}]`, "body: {{2}}"},
		{"url suffix", `[{"type":"body","parameters":[{"type":"text","text":"Ann"},{"type":"text","text":"1"}]}]`, "button 0: the URL suffix"},
	} {
		if _, err := renderJSON(t, spring, tc.comps); !errors.Is(err, errNoValue) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", tc.name, err, tc.want)
		}
	}
	if _, err := renderJSON(t, showcase(t, "flash_offer"), `[{"type":"header","parameters":[{"type":"image","image":{"id":"1"}}]},{"type":"body","parameters":[{"type":"text","text":"a"},{"type":"text","text":"b"}]}]`); err == nil || !strings.Contains(err.Error(), "button 0: the coupon code") {
		t.Errorf("copy code without a code: %v", err)
	}
	if _, err := renderJSON(t, showcase(t, "store_opening"), `[{"type":"body","parameters":[{"type":"text","text":"a"}]}]`); err == nil || !strings.Contains(err.Error(), "location header") {
		t.Errorf("location without a parameter: %v", err)
	}
}

// An accepted send carries its rendered text into the state, the request
// log and the summary.
func TestAcceptedSendIsRendered(t *testing.T) {
	mock, ts := newTestServer(t, Options{})
	a := call(t, ts, "POST", "/marketing_messages", send(func(b map[string]any) { setTemplate(b, "spring_sale", springSale()) }), nil)
	if a.status != http.StatusOK {
		t.Fatalf("send: %d %s", a.status, a.raw)
	}
	refused := call(t, ts, "POST", "/marketing_messages", send(func(b map[string]any) { setTemplate(b, "spring_sale", nil) }), nil)
	if refused.status != http.StatusBadRequest {
		t.Fatalf("a send without parameters: %d %s", refused.status, refused.raw)
	}
	want := "Spring sale\n\nHi Ann, 20% off everything until Sunday.\n\nReply STOP to opt out\n\n[Shop now] → https://shop.example.com/sale/spring"
	if msgs := mock.State().Messages; len(msgs) != 1 || msgs[0].Rendered != want {
		t.Fatalf("messages: %+v", msgs)
	}

	resp, err := http.Get(ts.URL + "/_mock/requests")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var reqs []map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&reqs); err != nil {
		t.Fatal(err)
	}
	if len(reqs) != 2 || reqs[0]["rendered"] != want {
		t.Fatalf("request log: %+v", reqs)
	}
	if _, ok := reqs[1]["rendered"]; ok {
		t.Fatalf("a refused send has rendered text: %+v", reqs[1])
	}

	summary := mock.Summary()
	wantLines := "  POST   /marketing_messages          -> 200  template=spring_sale to=441234567890\n" +
		"    delivered text:\n      | Spring sale\n      |\n      | Hi Ann, 20% off everything until Sunday.\n      |\n" +
		"      | Reply STOP to opt out\n      |\n      | [Shop now] → https://shop.example.com/sale/spring\n" +
		"  POST   /marketing_messages          -> 400  template=spring_sale to=441234567890\n"
	if !strings.Contains(summary, wantLines) {
		t.Fatalf("summary:\n%s\nwant it to contain:\n%s", summary, wantLines)
	}
}

// A send to /messages of a text message delivers its body.
func TestAcceptedTextMessageIsRendered(t *testing.T) {
	mock, ts := newTestServer(t, Options{})
	a := call(t, ts, "POST", "/messages", map[string]any{"messaging_product": "whatsapp", "to": "441234567890", "type": "text", "text": map[string]any{"body": "Hello there"}}, nil)
	if a.status != http.StatusOK {
		t.Fatalf("send: %d %s", a.status, a.raw)
	}
	if msgs := mock.State().Messages; len(msgs) != 1 || msgs[0].Rendered != "Hello there" {
		t.Fatalf("messages: %+v", msgs)
	}
}
