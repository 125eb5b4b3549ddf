package mock360

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"
)

func setTemplate(b map[string]any, name string, components []any) {
	tpl := b["template"].(map[string]any)
	tpl["name"] = name
	if components != nil {
		tpl["components"] = components
	}
}

func TestSendValidation(t *testing.T) {
	const invalid = "(#100) Invalid parameter"
	cases := []struct {
		name    string
		path    string
		body    any
		message string
		code    int
		details string
	}{
		{"invalid JSON", "/marketing_messages", `{"messaging_product":`, invalid, 100,
			"The request body is not valid JSON or has a parameter of the wrong type: unexpected end of JSON input"},
		{"missing messaging_product", "/marketing_messages", send(func(b map[string]any) { delete(b, "messaging_product") }),
			invalid, 100, "The parameter messaging_product is required."},
		{"wrong messaging_product", "/marketing_messages", send(func(b map[string]any) { b["messaging_product"] = "sms" }),
			invalid, 100, "Param messaging_product must be 'whatsapp'."},
		{"no to and no recipient", "/marketing_messages", send(func(b map[string]any) { delete(b, "to") }),
			invalid, 100, "The parameter to is required."},
		{"text message on MM", "/marketing_messages", send(func(b map[string]any) {
			b["type"] = "text"
			b["text"] = map[string]any{"body": "hi"}
		}), invalid, 100, "Message must be a template message."},
		{"missing type on MM", "/marketing_messages", send(func(b map[string]any) { delete(b, "type") }),
			invalid, 100, "Message must be a template message."},
		{"missing template name", "/marketing_messages", send(func(b map[string]any) { delete(b["template"].(map[string]any), "name") }),
			invalid, 100, "The parameter template['name'] is required."},
		{"missing language code", "/messages", send(func(b map[string]any) { b["template"].(map[string]any)["language"] = map[string]any{} }),
			invalid, 100, "The parameter template['language']['code'] is required."},
		{"bad language policy", "/marketing_messages", send(func(b map[string]any) {
			b["template"].(map[string]any)["language"] = map[string]any{"code": "en", "policy": "fallback"}
		}), invalid, 100, "Param template['language']['policy'] must be 'deterministic'."},
		{"non-numeric button index", "/marketing_messages", send(func(b map[string]any) {
			setTemplate(b, "spring_sale", []any{map[string]any{"type": "button", "sub_type": "url", "index": "first"}})
		}), invalid, 100, "Param template['components'][0]['index'] must be an integer or a numeric string."},
		// A send has no time-to-live: Meta's send schema has no such key and
		// the TTL is set on the template. Refused whatever the value, -1
		// and in-range values included, on both endpoints.
		{"TTL in range on MM", "/marketing_messages", send(func(b map[string]any) { b["message_send_ttl_seconds"] = 86400 }),
			invalid, 100, sendTTLRefusal},
		{"TTL -1 on MM", "/marketing_messages", send(func(b map[string]any) { b["message_send_ttl_seconds"] = -1 }),
			invalid, 100, sendTTLRefusal},
		{"TTL null on MM", "/marketing_messages", send(func(b map[string]any) { b["message_send_ttl_seconds"] = nil }),
			invalid, 100, sendTTLRefusal},
		{"TTL on Cloud", "/messages", send(func(b map[string]any) { b["message_send_ttl_seconds"] = 43200 }),
			invalid, 100, sendTTLRefusal},
		{"unknown product_policy", "/marketing_messages", send(func(b map[string]any) { b["product_policy"] = "BEST_EFFORT" }),
			invalid, 100, `Param product_policy must be one of {CLOUD_API_FALLBACK, STRICT}; got "BEST_EFFORT".`},
		// Meta's schema lists product_policy as One of "CLOUD_API_FALLBACK", "STRICT": exactly those.
		{"lowercase STRICT", "/marketing_messages", send(func(b map[string]any) { b["product_policy"] = "strict" }),
			invalid, 100, `Param product_policy must be one of {CLOUD_API_FALLBACK, STRICT}; got "strict".`},
		{"lowercase CLOUD_API_FALLBACK", "/marketing_messages", send(func(b map[string]any) { b["product_policy"] = "cloud_api_fallback" }),
			invalid, 100, `Param product_policy must be one of {CLOUD_API_FALLBACK, STRICT}; got "cloud_api_fallback".`},
		{"unknown template", "/marketing_messages", send(func(b map[string]any) { setTemplate(b, "nope", nil) }),
			"(#132001) Template name does not exist in the translation", 132001, "template name (nope) does not exist in en"},
		{"wrong language", "/messages", send(func(b map[string]any) {
			b["template"].(map[string]any)["language"] = map[string]any{"code": "de"}
		}), "(#132001) Template name does not exist in the translation", 132001, "template name (marketing_text_no_param) does not exist in de"},
		{"utility template on MM", "/marketing_messages", send(func(b map[string]any) {
			setTemplate(b, "order_update", []any{map[string]any{"type": "body", "parameters": []any{map[string]any{"type": "text", "text": "#1"}}}})
		}), "(#131055) Method not allowed", 131055, "Only marketing template messages are supported"},
		{"body params missing", "/marketing_messages", send(func(b map[string]any) {
			setTemplate(b, "spring_sale", springSale()[1:])
		}), "(#132000) Number of parameters does not match the expected number of params", 132000,
			"body: number of localizable_params (0) does not match the expected number of params (2)"},
		{"body param extra", "/messages", send(func(b map[string]any) {
			setTemplate(b, "marketing_text_no_param", []any{map[string]any{"type": "body", "parameters": []any{map[string]any{"type": "text", "text": "x"}}}})
		}), "(#132000) Number of parameters does not match the expected number of params", 132000,
			"body: number of localizable_params (1) does not match the expected number of params (0)"},
		{"header param on a static header", "/marketing_messages", send(func(b map[string]any) {
			setTemplate(b, "spring_sale", append(springSale(), map[string]any{"type": "header", "parameters": []any{map[string]any{"type": "text", "text": "x"}}}))
		}), "(#132000) Number of parameters does not match the expected number of params", 132000,
			"header: number of localizable_params (1) does not match the expected number of params (0)"},
		{"URL button param missing", "/marketing_messages", send(func(b map[string]any) {
			setTemplate(b, "spring_sale", springSale()[:1])
		}), "(#132000) Number of parameters does not match the expected number of params", 132000,
			"button at index 0: number of localizable_params (0) does not match the expected number of params (1)"},
		{"URL button param on a missing button", "/marketing_messages", send(func(b map[string]any) {
			setTemplate(b, "spring_sale", append(springSale(), map[string]any{"type": "button", "sub_type": "url", "index": "1",
				"parameters": []any{map[string]any{"type": "text", "text": "x"}}}))
		}), "(#132000) Number of parameters does not match the expected number of params", 132000,
			"button at index 1: number of localizable_params (1) does not match the expected number of params (0)"},
	}
	_, ts := newTestServer(t, Options{})
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a := call(t, ts, "POST", tc.path, tc.body, nil)
			wantMetaError(t, a, http.StatusBadRequest, metaErr{
				wrapped: tc.path == "/marketing_messages", code: tc.code, message: tc.message, details: tc.details,
			})
		})
	}
}

// sendTTLRefusal is the mock's answer to message_send_ttl_seconds on a send.
const sendTTLRefusal = `Unexpected key "message_send_ttl_seconds": a send has no time-to-live. Set message_send_ttl_seconds on the template instead.`

var wamidRe = regexp.MustCompile(`^wamid\.[A-Za-z0-9+/]{48}$`)

func TestSendSuccess(t *testing.T) {
	cases := []struct {
		name    string
		path    string
		body    map[string]any
		contact string
		pricing string
	}{
		{"MM, no params", "/marketing_messages", send(nil), `{"input":"441234567890","wa_id":"441234567890"}`, "marketing_lite"},
		{"MM, alternative route", "/marketing/marketing_messages", send(nil), `{"input":"441234567890","wa_id":"441234567890"}`, "marketing_lite"},
		{"MM, all params, string index, STRICT", "/marketing_messages", send(func(b map[string]any) {
			comps := springSale()
			comps[1].(map[string]any)["index"] = "0"
			setTemplate(b, "spring_sale", comps)
			b["product_policy"] = "STRICT"
		}), `{"input":"441234567890","wa_id":"441234567890"}`, "marketing_lite"},
		{"MM, CLOUD_API_FALLBACK", "/marketing_messages", send(func(b map[string]any) { b["product_policy"] = "CLOUD_API_FALLBACK" }),
			`{"input":"441234567890","wa_id":"441234567890"}`, "marketing_lite"},
		{"MM by BSUID", "/marketing_messages", send(func(b map[string]any) {
			delete(b, "to")
			b["recipient"] = "US.13491208655302741918"
		}), `{"input":"US.13491208655302741918","user_id":"US.13491208655302741918"}`, "marketing_lite"},
		{"formatted phone", "/marketing_messages", send(func(b map[string]any) { b["to"] = "+44 1234-567890" }),
			`{"input":"+44 1234-567890","wa_id":"441234567890"}`, "marketing_lite"},
		{"Cloud template", "/messages", send(func(b map[string]any) {
			setTemplate(b, "order_update", []any{map[string]any{"type": "body", "parameters": []any{map[string]any{"type": "text", "text": "#1"}}}})
		}), `{"input":"441234567890","wa_id":"441234567890"}`, "utility"},
		{"Cloud text", "/messages", map[string]any{"messaging_product": "whatsapp", "to": "441234567890", "type": "text",
			"text": map[string]any{"body": "hello"}}, `{"input":"441234567890","wa_id":"441234567890"}`, "service"},
	}
	mock, ts := newTestServer(t, Options{})
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a := call(t, ts, "POST", tc.path, tc.body, nil)
			if a.status != http.StatusOK {
				t.Fatalf("status %d: %s", a.status, a.raw)
			}
			msgs, _ := a.body["messages"].([]any)
			if len(msgs) != 1 {
				t.Fatalf("messages = %v", a.body["messages"])
			}
			id, _ := msgs[0].(map[string]any)["id"].(string)
			if !wamidRe.MatchString(id) {
				t.Fatalf("id %q is not a wamid", id)
			}
			// message_status: "Cloud API will always include a message_status
			// property that will have a value of accepted for messages that are
			// processed" (https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/template-pacing).
			wantJSON(t, a, http.StatusOK, `{"messaging_product":"whatsapp","contacts":[`+tc.contact+`],"messages":[{"id":"`+id+`","message_status":"accepted"}]}`)
			st := mock.State()
			last := st.Messages[len(st.Messages)-1]
			if last.ID != id || last.PricingCategory != tc.pricing {
				t.Fatalf("recorded %+v, want id %s pricing %s", last, id, tc.pricing)
			}
		})
	}
}

func TestSendNotOnboarded(t *testing.T) {
	mock, ts := newTestServer(t, Options{})
	mock.Update(func(st *State) { st.OnboardingStatus = "ELIGIBLE" })

	a := call(t, ts, "POST", "/marketing_messages", send(func(b map[string]any) { b["product_policy"] = "STRICT" }), nil)
	wantMetaError(t, a, http.StatusBadRequest, metaErr{wrapped: true, code: 131055,
		message: "(#200) You must accept the Marketing Messages Lite API terms to use the API.",
		details: "The Marketing Messages Lite API terms of service have not been accepted for this WhatsApp Business Account."})
	if n := len(mock.State().Messages); n != 0 {
		t.Fatalf("a refused STRICT send was recorded: %d messages", n)
	}

	// Without STRICT the send falls back to Cloud API: same answer, marketing pricing.
	// (Lower-case "cloud_api_fallback" is refused: TestSendValidation.)
	for _, policy := range []any{nil, "CLOUD_API_FALLBACK"} {
		a = call(t, ts, "POST", "/marketing_messages", send(func(b map[string]any) {
			if policy != nil {
				b["product_policy"] = policy
			}
			b["message_activity_sharing"] = true
		}), nil)
		if a.status != http.StatusOK {
			t.Fatalf("policy %v: status %d %s", policy, a.status, a.raw)
		}
		msgs := mock.State().Messages
		if last := msgs[len(msgs)-1]; last.PricingCategory != "marketing" || last.ActivitySharing {
			t.Fatalf("policy %v: recorded %+v, want a fallback without activity sharing", policy, last)
		}
	}
}

func TestSendTemplateSyncDelay(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	mock, ts := newTestServer(t, Options{TemplateSyncDelay: 10 * time.Minute, Now: clock})
	mock.Update(func(st *State) {
		st.Templates = append(st.Templates, Template{ID: "new1", Name: "fresh_promo", Language: "en", Category: "MARKETING",
			Status: "APPROVED", Components: []TemplateComponent{{Type: "BODY", Text: "New!"}}, CreatedAt: now.Add(-9 * time.Minute)})
	})
	fresh := send(func(b map[string]any) { setTemplate(b, "fresh_promo", nil) })
	wantMetaError(t, call(t, ts, "POST", "/marketing_messages", fresh, nil), http.StatusBadRequest, metaErr{wrapped: true, code: 131009,
		message: "(#131009) Parameter value is not valid",
		details: "Template fresh_promo (en) is not yet available for Marketing Messages: its sync takes up to 10 minutes after creation. Try again later."})
	// Old templates are unaffected, and Cloud sends do not wait for the sync.
	if a := call(t, ts, "POST", "/marketing_messages", send(nil), nil); a.status != http.StatusOK {
		t.Fatalf("old template: %d %s", a.status, a.raw)
	}
	if a := call(t, ts, "POST", "/messages", fresh, nil); a.status != http.StatusOK {
		t.Fatalf("cloud send: %d %s", a.status, a.raw)
	}
	now = now.Add(time.Minute)
	if a := call(t, ts, "POST", "/marketing_messages", fresh, nil); a.status != http.StatusOK {
		t.Fatalf("after the sync delay: %d %s", a.status, a.raw)
	}
}

func TestSendNamedParameters(t *testing.T) {
	mock, ts := newTestServer(t, Options{})
	mock.Update(func(st *State) {
		st.Templates = append(st.Templates, Template{ID: "n1", Name: "named_promo", Language: "en_US", Category: "MARKETING",
			Status: "approved", ParameterFormat: "NAMED",
			Components: []TemplateComponent{{Type: "BODY", Text: "Hi {{first_name}}, use {{code}} or {{ code }}."}}})
	})
	body := func(names ...string) map[string]any {
		var params []any
		for _, n := range names {
			params = append(params, map[string]any{"type": "text", "parameter_name": n, "text": "v"})
		}
		return send(func(b map[string]any) {
			b["template"] = map[string]any{"name": "named_promo", "language": map[string]any{"code": "en_US"},
				"components": []any{map[string]any{"type": "body", "parameters": params}}}
		})
	}
	if a := call(t, ts, "POST", "/marketing_messages", body("first_name", "code"), nil); a.status != http.StatusOK {
		t.Fatalf("named send: %d %s", a.status, a.raw)
	}
	wantMetaError(t, call(t, ts, "POST", "/marketing_messages", body("first_name"), nil), http.StatusBadRequest, metaErr{wrapped: true,
		code: 132000, message: "(#132000) Number of parameters does not match the expected number of params",
		details: "body: number of localizable_params (1) does not match the expected number of params (2)"})
	wantMetaError(t, call(t, ts, "POST", "/marketing_messages", body("first_name", "coupon"), nil), http.StatusBadRequest, metaErr{wrapped: true,
		code: 132000, message: "(#132000) Number of parameters does not match the expected number of params",
		details: "body: parameter_name (coupon) is not a variable of this NAMED template; expected names: first_name, code"})
}

func TestSendMediaHeader(t *testing.T) {
	mock, ts := newTestServer(t, Options{})
	mock.Update(func(st *State) {
		st.Templates = append(st.Templates, Template{ID: "m1", Name: "photo_promo", Language: "en", Category: "MARKETING", Status: "approved",
			Components: []TemplateComponent{{Type: "HEADER", Format: "IMAGE"}, {Type: "BODY", Text: "Look"}}})
	})
	header := []any{map[string]any{"type": "header", "parameters": []any{map[string]any{"type": "image", "image": map[string]any{"link": "https://x.example/a.png"}}}}}
	if a := call(t, ts, "POST", "/marketing_messages", send(func(b map[string]any) { setTemplate(b, "photo_promo", header) }), nil); a.status != http.StatusOK {
		t.Fatalf("with image: %d %s", a.status, a.raw)
	}
	a := call(t, ts, "POST", "/marketing_messages", send(func(b map[string]any) { setTemplate(b, "photo_promo", nil) }), nil)
	wantMetaError(t, a, http.StatusBadRequest, metaErr{wrapped: true, code: 132000,
		message: "(#132000) Number of parameters does not match the expected number of params",
		details: "header: number of localizable_params (0) does not match the expected number of params (1)"})
}

// Meta's error codes page: a paused template is 132015, a disabled one
// 132016, and one not approved (or not in the language) 132001.
// https://developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes
func TestSendNotApprovedTemplate(t *testing.T) {
	cases := []struct {
		status  string
		code    int
		message string
		details string
	}{
		{"REJECTED", 132001, "(#132001) Template name does not exist in the translation", "template name (marketing_text_no_param) does not exist in en"},
		{"PAUSED", 132015, "(#132015) Template is Paused", "Template is paused due to low quality so it cannot be sent in a template message."},
		{"DISABLED", 132016, "(#132016) Template is Disabled", "Template has been paused too many times due to low quality and is now permanently disabled."},
	}
	for _, c := range cases {
		t.Run(c.status, func(t *testing.T) {
			mock, ts := newTestServer(t, Options{})
			mock.Update(func(st *State) { st.Templates[0].Status = c.status })
			a := call(t, ts, "POST", "/marketing_messages", send(nil), nil)
			wantMetaError(t, a, http.StatusBadRequest, metaErr{wrapped: true, code: c.code, message: c.message, details: c.details})
			if !strings.Contains(string(a.raw), `"detail":{"error":`) {
				t.Fatalf("not wrapped: %s", a.raw)
			}
		})
	}
}
