package d360_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http/httptest"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/d360-tf/terraform-provider-d360/internal/d360"
	"github.com/d360-tf/terraform-provider-d360/internal/mock360"
)

// The mock renders what it delivers with its own code; d360.RenderPreview
// renders from the template the client reads back. The two must agree, or a
// preview in a plan would promise a text the mock (and the tests built on
// it) does not deliver.
func newAgreementMock(t testing.TB) (*mock360.Server, *d360.Client) {
	t.Helper()
	seed := mock360.DefaultState()
	seed.Templates = append(seed.Templates, mock360.ShowcaseTemplates()...)
	mock := mock360.NewServer(mock360.Options{APIKey: "k", Seed: &seed})
	ts := httptest.NewServer(mock)
	t.Cleanup(func() { ts.Close(); mock.Close() })
	client, err := d360.New(d360.Config{BaseURL: ts.URL, APIKey: "k", MaxMessagesPerSecond: 10000})
	if err != nil {
		t.Fatal(err)
	}
	return mock, client
}

// sendAndCompare sends tmpl through the mock and returns the mock's text
// and the preview of the same template and parameters.
func sendAndCompare(t testing.TB, mock *mock360.Server, client *d360.Client, tmpl d360.MessageTemplate) (delivered, preview string, previewErr error) {
	t.Helper()
	delivered, preview, previewErr, err := sendOrRefuse(t, mock, client, tmpl)
	if err != nil {
		t.Fatalf("send %s: %v", tmpl.Name, err)
	}
	return delivered, preview, previewErr
}

// sendOrRefuse is sendAndCompare that returns the mock's refusal.
func sendOrRefuse(t testing.TB, mock *mock360.Server, client *d360.Client, tmpl d360.MessageTemplate) (delivered, preview string, previewErr, sendErr error) {
	t.Helper()
	ctx := context.Background()
	tmpl.Language = d360.TemplateLanguage{Code: "en", Policy: "deterministic"}
	mock.Reset() // also keeps the state small under fuzzing
	if _, err := client.Messages.SendMarketing(ctx, &d360.MarketingMessage{To: "441234567890", Template: tmpl}); err != nil {
		return "", "", nil, err
	}
	msgs := mock.State().Messages
	delivered = msgs[len(msgs)-1].Rendered
	if reqs := mock.Requests(); len(reqs) != 1 || reqs[0].Rendered != delivered {
		t.Fatalf("request log %+v does not show the delivered text %q", reqs, delivered)
	}
	read, err := client.Templates.Find(ctx, tmpl.Name, "en")
	if err != nil || read == nil {
		t.Fatalf("read %s: %v, %v", tmpl.Name, read, err)
	}
	preview, previewErr = d360.RenderPreview(read, &tmpl)
	return delivered, preview, previewErr, nil
}

func text(v string) d360.Parameter { return d360.Parameter{Type: "text", Text: v} }

func TestRenderersAgree(t *testing.T) {
	mock, client := newAgreementMock(t)
	comp := func(typ string, params ...d360.Parameter) d360.MessageComponent {
		return d360.MessageComponent{Type: typ, Parameters: params}
	}
	btn := func(subType, index string, p d360.Parameter) d360.MessageComponent {
		return d360.MessageComponent{Type: "button", SubType: subType, Index: index, Parameters: []d360.Parameter{p}}
	}
	named := func(name, v string) d360.Parameter { return d360.Parameter{Type: "text", ParameterName: name, Text: v} }
	for _, tc := range []struct {
		send d360.MessageTemplate
		want string // the agreed text, so that agreeing on nonsense fails too
	}{
		{d360.MessageTemplate{Name: "marketing_text_no_param"}, "Our new collection is here. Have a look!"},
		{d360.MessageTemplate{Name: "spring_sale", Components: []d360.MessageComponent{
			comp("body", text("Ann"), text("{{2}}")), btn("url", "0", text("spring"))}},
			"Spring sale\n\nHi Ann, {{2}} off everything until Sunday.\n\nReply STOP to opt out\n\n[Shop now] → https://shop.example.com/sale/spring"},
		// A header variable, two body variables, a currency, a date_time and a URL button.
		{d360.MessageTemplate{Name: "seasonal_offer", Components: []d360.MessageComponent{
			comp("header", text("Ann")),
			comp("body", text("Ann"), text("30%"),
				d360.Parameter{Type: "currency", Currency: &d360.Currency{FallbackValue: "$59.99", Code: "USD", Amount1000: 59990}},
				d360.Parameter{Type: "date_time", DateTime: &d360.DateTime{FallbackValue: "May 1, 2026"}}),
			btn("url", "0", text("ann?c=1"))}},
			"Ann, your spring offer\n\nHi Ann, 30% off everything: the jacket is now $59.99 until May 1, 2026.\n\nReply STOP to opt out\n\n" +
				"[Shop now] → https://shop.example.com/offer/ann?c=1\n[Stop promotions]"},
		{d360.MessageTemplate{Name: "new_arrivals", Components: []d360.MessageComponent{
			comp("header", d360.Parameter{Type: "image", Image: &d360.Media{ID: "1234"}}),
			comp("body", named("code", "NEW10"), named("ends", "Friday"), named("first_name", "Ann")),
			btn("flow", "1", d360.Parameter{Type: "action", Action: &d360.FlowAction{FlowToken: "t"}})}},
			"[image: 1234]\n\nAnn, new arrivals are in. Your code NEW10 works until Friday.\n\n[Call the shop] → +15550783881\n[Book a fitting]"},
		{d360.MessageTemplate{Name: "flash_offer", Components: []d360.MessageComponent{
			comp("header", d360.Parameter{Type: "image", Image: &d360.Media{Link: "https://cdn.example.com/a.png"}}),
			comp("limited_time_offer", d360.Parameter{Type: "limited_time_offer", LimitedTimeOffer: &d360.LimitedTimeOffer{ExpirationTimeMS: 1777636800000}}),
			comp("body", text("Ann"), text("SPRING25")),
			btn("copy_code", "0", d360.Parameter{Type: "coupon_code", CouponCode: "SPRING25"}),
			btn("url", "1", text("x"))}},
			"[image: https://cdn.example.com/a.png]\n\n[offer: Expiring offer!, expires 2026-05-01 12:00 UTC]\n\nGood news, Ann! Use code SPRING25 to get 25% off.\n\n" +
				"[Copy offer code] → SPRING25\n[Book now!] → https://shop.example.com/flash/x"},
		{d360.MessageTemplate{Name: "store_opening", Components: []d360.MessageComponent{
			comp("header", d360.Parameter{Type: "location", Location: &d360.Location{Latitude: 52.52, Longitude: 13.405, Name: "Mock Store", Address: "Main St 1"}}),
			comp("body", text("Saturday"))}},
			"[location: Mock Store, Main St 1]\n\nOur new store opens on Saturday."},
		// A carousel goes out through the raw components escape hatch.
		{d360.MessageTemplate{Name: "spring_picks", RawComponents: json.RawMessage(`[
			{"type":"body","parameters":[{"type":"text","text":"Ann"}]},
			{"type":"carousel","cards":[
			  {"card_index":0,"components":[{"type":"header","parameters":[{"type":"image","image":{"id":"1"}}]}]},
			  {"card_index":1,"components":[{"type":"header","parameters":[{"type":"image","image":{"id":"2"}}]}]}]}]`)},
			"Our spring picks for Ann\n\n[carousel: 2 cards]"},
	} {
		t.Run(tc.send.Name, func(t *testing.T) {
			delivered, preview, err := sendAndCompare(t, mock, client, tc.send)
			if err != nil {
				t.Fatalf("preview: %v (the mock delivered %q)", err, delivered)
			}
			if delivered != preview {
				t.Fatalf("the renderers disagree:\nmock:    %q\npreview: %q", delivered, preview)
			}
			if preview != tc.want {
				t.Fatalf("both rendered %q, want %q", preview, tc.want)
			}
		})
	}
}

// FuzzRenderersAgree sends seasonal_offer with arbitrary values: the mock and
// the preview give the same text, or both say that a value is missing. The
// plan check and the mock refuse values alike: what the mock refuses
// (132018), the plan check refuses too, and what the plan check refuses
// beyond that is only its own documented choice (a control character in a
// text, "#" or a dot segment in a URL value).
func FuzzRenderersAgree(f *testing.F) {
	f.Add("Ann", "20%", "$5", "May 1", "spring")
	f.Add("{{1}}", "{{2}}", "}}", "{{", "a{{1}}b")
	f.Add("", "", "", "", "")
	f.Add("Ünïcødé 🎉", "\n\n", "$ 1", "\t", "x y")
	f.Add("Ann    Lee", "a     b", "$5", "May 1", "../x#y")
	f.Add("Ann\x00", "\r", "$5", "May 1", "Gon%C3%A7alves?a=b")
	mock, client := newAgreementMock(f)
	read, err := client.Templates.Find(context.Background(), "seasonal_offer", "en")
	if err != nil || read == nil {
		f.Fatalf("read seasonal_offer: %v, %v", read, err)
	}
	f.Fuzz(func(t *testing.T, name, discount, price, until, suffix string) {
		// JSON carries only UTF-8: the wire turns other bytes into U+FFFD.
		for _, v := range []string{name, discount, price, until, suffix} {
			if !utf8.ValidString(v) {
				t.Skip("not UTF-8")
			}
		}
		send := d360.MessageTemplate{Name: "seasonal_offer", Components: []d360.MessageComponent{
			{Type: "header", Parameters: []d360.Parameter{text(name)}},
			{Type: "body", Parameters: []d360.Parameter{text(name), text(discount),
				{Type: "currency", Currency: &d360.Currency{FallbackValue: price, Code: "USD", Amount1000: 1}},
				{Type: "date_time", DateTime: &d360.DateTime{FallbackValue: until}}}},
			{Type: "button", SubType: "url", Index: "0", Parameters: []d360.Parameter{text(suffix)}},
		}}
		planned := d360.CheckParameters(read, send.Components)
		delivered, preview, err, sendErr := sendOrRefuse(t, mock, client, send)
		var apiErr *d360.APIError
		switch {
		case errors.As(sendErr, &apiErr) && apiErr.Code == d360.CodeTemplateParameterFormat:
			if len(planned) == 0 {
				t.Fatalf("the mock refuses a send the plan check passes: %v", sendErr)
			}
			return
		case sendErr != nil:
			t.Fatalf("send: %v", sendErr)
		}
		for _, p := range planned {
			clientOnly := (p.Part != d360.PartButtons && strings.Contains(p.Message, "has the control character")) ||
				(p.Part == d360.PartButtons && (strings.Contains(p.Message, `has "#"`) || strings.Contains(p.Message, "has the path segment")))
			if !clientOnly {
				t.Fatalf("the plan check refuses a send the mock takes: %s", p.Message)
			}
		}
		if err != nil {
			if !strings.HasPrefix(delivered, "(not rendered: ") {
				t.Fatalf("the preview fails (%v) but the mock delivered %q", err, delivered)
			}
			return
		}
		if delivered != preview {
			t.Fatalf("the renderers disagree:\nmock:    %q\npreview: %q", delivered, preview)
		}
	})
}
