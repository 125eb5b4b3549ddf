package mock360

import (
	"net/http"
	"testing"
	"time"
)

func withMaxPrice(tpl map[string]any, spec map[string]any, key string) map[string]any {
	tpl[key] = spec
	return tpl
}

// A max price is stored and echoed as optimization_spec by create and list.
func TestTemplateMaxPriceStored(t *testing.T) {
	now := time.Date(2026, 10, 2, 9, 0, 0, 0, time.UTC)
	_, ts := newTestServer(t, Options{Now: func() time.Time { return now }})
	body := withMaxPrice(newTemplate("capped_sale", "en", "MARKETING", "Sale"),
		map[string]any{"bid_amount": 87000, "bid_strategy": "LOWEST_COST_WITH_BID_CAP"}, "optimization_spec")
	a := call(t, ts, "POST", "/v1/configs/templates", body, nil)
	if a.status != http.StatusCreated {
		t.Fatalf("create: %d %s", a.status, a.raw)
	}
	spec, _ := a.body["optimization_spec"].(map[string]any)
	if spec == nil || spec["bid_amount"] != float64(87000) || spec["bid_strategy"] != "LOWEST_COST_WITH_BID_CAP" {
		t.Fatalf("create answer lacks the max price: %s", a.raw)
	}
	list := call(t, ts, "GET", "/v1/configs/templates", nil, nil)
	var found map[string]any
	for _, x := range list.body["waba_templates"].([]any) {
		if m := x.(map[string]any); m["name"] == "capped_sale" {
			found = m
		}
	}
	if found == nil {
		t.Fatalf("template not listed: %s", list.raw)
	}
	spec, _ = found["optimization_spec"].(map[string]any)
	if spec == nil || spec["bid_amount"] != float64(87000) || spec["bid_strategy"] != "LOWEST_COST_WITH_BID_CAP" {
		t.Fatalf("list lacks the max price: %v", found)
	}
	// Templates without one carry no optimization_spec at all.
	call(t, ts, "POST", "/v1/configs/templates", newTemplate("uncapped", "en", "MARKETING", "Sale"), nil)
	for _, x := range call(t, ts, "GET", "/v1/configs/templates", nil, nil).body["waba_templates"].([]any) {
		if m := x.(map[string]any); m["name"] == "uncapped" {
			if _, ok := m["optimization_spec"]; ok {
				t.Fatalf("uncapped template has a max price: %v", m)
			}
		}
	}
}

// Malformed max prices are refused with Meta's (#100) envelope.
func TestTemplateMaxPriceValidation(t *testing.T) {
	_, ts := newTestServer(t, Options{})
	cases := []struct {
		name     string
		category string
		key      string
		spec     map[string]any
		details  string
	}{
		{"zero", "MARKETING", "optimization_spec", map[string]any{"bid_amount": 0},
			"Param optimization_spec['bid_amount'] must be a positive integer: the max price per 1,000 deliveries."},
		{"negative", "MARKETING", "optimization_spec", map[string]any{"bid_amount": -5},
			"Param optimization_spec['bid_amount'] must be a positive integer: the max price per 1,000 deliveries."},
		{"fraction", "MARKETING", "optimization_spec", map[string]any{"bid_amount": 1.5},
			"Param optimization_spec['bid_amount'] must be a positive integer: the max price per 1,000 deliveries."},
		{"string", "MARKETING", "optimization_spec", map[string]any{"bid_amount": "87000"},
			"Param optimization_spec['bid_amount'] must be a positive integer: the max price per 1,000 deliveries."},
		{"missing", "MARKETING", "optimization_spec", map[string]any{"bid_strategy": "X"},
			"The parameter optimization_spec['bid_amount'] is required."},
		// Meta's page: "<BID_STRATEGY> Enum Required. ... Currently supports
		// only LOWEST_COST_WITH_BID_CAP."
		{"missing strategy", "MARKETING", "optimization_spec", map[string]any{"bid_amount": 100},
			"The parameter optimization_spec['bid_strategy'] is required."},
		{"empty strategy", "MARKETING", "optimization_spec", map[string]any{"bid_amount": 100, "bid_strategy": ""},
			`Param optimization_spec['bid_strategy'] must be one of {LOWEST_COST_WITH_BID_CAP}; got "".`},
		{"undocumented strategy", "MARKETING", "optimization_spec", map[string]any{"bid_amount": 100, "bid_strategy": "LOWEST_COST_WITHOUT_CAP"},
			`Param optimization_spec['bid_strategy'] must be one of {LOWEST_COST_WITH_BID_CAP}; got "LOWEST_COST_WITHOUT_CAP".`},
		{"lower-case strategy", "MARKETING", "optimization_spec", map[string]any{"bid_amount": 100, "bid_strategy": "lowest_cost_with_bid_cap"},
			`Param optimization_spec['bid_strategy'] must be one of {LOWEST_COST_WITH_BID_CAP}; got "lowest_cost_with_bid_cap".`},
		{"strategy not a string", "MARKETING", "optimization_spec", map[string]any{"bid_amount": 100, "bid_strategy": 1},
			`Param optimization_spec['bid_strategy'] must be one of {LOWEST_COST_WITH_BID_CAP}; got 1.`},
		{"utility", "UTILITY", "optimization_spec", map[string]any{"bid_amount": 100},
			"A max price (optimization_spec) can only be set on MARKETING templates; this template's category is UTILITY."},
		{"retired bid_spec", "MARKETING", "bid_spec", map[string]any{"bid_amount": 100},
			"bid_spec is no longer supported since 31 July 2026: send bid_amount and bid_strategy inside optimization_spec."},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			body := withMaxPrice(newTemplate("bad_price", "en", c.category, "Sale"), c.spec, c.key)
			wantMetaError(t, call(t, ts, "POST", "/v1/configs/templates", body, nil), http.StatusBadRequest,
				metaErr{code: 100, message: "(#100) Invalid parameter", details: c.details})
		})
	}
}

// Meta's send page: a BSUID recipient with a template that has a max price
// fails with 131062.
func TestMaxPriceTemplateToBSUID(t *testing.T) {
	mock, ts := newTestServer(t, Options{})
	mock.Update(func(st *State) {
		for i := range st.Templates {
			if st.Templates[i].Name == "marketing_text_no_param" {
				st.Templates[i].MaxPrice = &MaxPrice{BidAmount: 1000}
			}
		}
	})
	bsuid := send(func(b map[string]any) { delete(b, "to"); b["recipient"] = "US.13491208655302741918" })
	wantMetaError(t, call(t, ts, "POST", "/marketing_messages", bsuid, nil), http.StatusBadRequest, metaErr{wrapped: true, code: 131062,
		message: "(#131062) Business-scoped User ID (BSUID) recipients are not supported for this message.",
		details: "Template marketing_text_no_param (en) has a max price (optimization_spec); send it to a phone number (to), not a BSUID."})
	// By phone number it goes out.
	if a := call(t, ts, "POST", "/marketing_messages", send(nil), nil); a.status != http.StatusOK {
		t.Fatalf("send by phone number: %d %s", a.status, a.raw)
	}
}

// Meta's max price page, "Error codes": 131061 "Marketing templates
// containing bid_spec are not supported by the Cloud API. To use templates
// with bid_spec, please use the Marketing Messages API for WhatsApp.", for
// "a template that has a max price set (optimization_spec ...) to the Cloud
// API /messages endpoint".
// https://developers.facebook.com/documentation/business-messaging/whatsapp/marketing-messages/pricing
func TestMaxPriceTemplateOnCloudAPI(t *testing.T) {
	const message = "(#131061) Marketing templates containing bid_spec are not supported by the Cloud API. " +
		"To use templates with bid_spec, please use the Marketing Messages API for WhatsApp."
	mock, ts := newTestServer(t, Options{})
	mock.Update(func(st *State) {
		for i := range st.Templates {
			if st.Templates[i].Name == "marketing_text_no_param" {
				st.Templates[i].MaxPrice = &MaxPrice{BidAmount: 1000, BidStrategy: "LOWEST_COST_WITH_BID_CAP"}
			}
		}
	})

	// /messages is the Cloud API: refused, in Meta's unwrapped envelope.
	wantMetaError(t, call(t, ts, "POST", "/messages", send(nil), nil), http.StatusBadRequest, metaErr{code: 131061, message: message,
		details: "Template marketing_text_no_param (en) has a max price (optimization_spec), which only the Marketing Messages API takes: send it to /marketing_messages."})
	// The same template without a max price goes out on the Cloud API.
	if a := call(t, ts, "POST", "/messages", send(func(b map[string]any) { setTemplate(b, "spring_sale", springSale()) }), nil); a.status != http.StatusOK {
		t.Fatalf("uncapped template on /messages: %d %s", a.status, a.raw)
	}
	// /marketing_messages with the terms accepted is where it belongs.
	if a := call(t, ts, "POST", "/marketing_messages", send(nil), nil); a.status != http.StatusOK {
		t.Fatalf("capped template on /marketing_messages: %d %s", a.status, a.raw)
	}

	// Terms not accepted: CLOUD_API_FALLBACK (the default) would route the
	// send through the Cloud API, which refuses the template the same way.
	mock.Update(func(st *State) { st.OnboardingStatus = "ELIGIBLE" })
	fallback := metaErr{wrapped: true, code: 131061, message: message,
		details: "Template marketing_text_no_param (en) has a max price (optimization_spec), and this send fell back to the Cloud API " +
			"because the WhatsApp Business Account has not accepted the Marketing Messages API terms."}
	sent := len(mock.State().Messages)
	wantMetaError(t, call(t, ts, "POST", "/marketing_messages", send(nil), nil), http.StatusBadRequest, fallback)
	wantMetaError(t, call(t, ts, "POST", "/marketing_messages", send(func(b map[string]any) { b["product_policy"] = "CLOUD_API_FALLBACK" }), nil),
		http.StatusBadRequest, fallback)
	if n := len(mock.State().Messages); n != sent {
		t.Fatalf("a refused send was recorded: %d messages, want %d", n, sent)
	}
	// STRICT never falls back: the terms error comes first, as before.
	wantMetaError(t, call(t, ts, "POST", "/marketing_messages", send(func(b map[string]any) { b["product_policy"] = "STRICT" }), nil),
		http.StatusBadRequest, metaErr{wrapped: true, code: 131055,
			message: "(#200) You must accept the Marketing Messages Lite API terms to use the API.",
			details: "The Marketing Messages Lite API terms of service have not been accepted for this WhatsApp Business Account."})
}
