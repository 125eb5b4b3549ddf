package mock360

import (
	"encoding/json"
	"net/http"
	"reflect"
	"testing"
	"time"
)

var fidelityNow = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC) // unix 1772366400

// fidelityServer is a mock on a fixed clock whose webhook goes to a receiver.
func fidelityServer(t *testing.T, edit func(*State)) (*Server, answerFunc) {
	t.Helper()
	rcv := newReceiver(t, http.StatusOK)
	mock, ts := newTestServer(t, Options{WebhookDelays: fastDelays, Now: func() time.Time { return fidelityNow }})
	mock.Update(func(st *State) {
		st.Webhook = &WebhookConfig{URL: rcv.srv.URL}
		if edit != nil {
			edit(st)
		}
	})
	return mock, func(method, path string, body any) answer { return call(t, ts, method, path, body, nil) }
}

type answerFunc func(method, path string, body any) answer

// wantBody compares a webhook body with want as generic JSON.
func wantBody(t *testing.T, raw []byte, want string) {
	t.Helper()
	var got, exp any
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatalf("body is not JSON: %s", raw)
	}
	if err := json.Unmarshal([]byte(want), &exp); err != nil {
		t.Fatalf("bad want JSON %v: %s", err, want)
	}
	if !reflect.DeepEqual(got, exp) {
		t.Fatalf("webhook body = %s\nwant           %s", raw, want)
	}
}

func sentID(t *testing.T, a answer) (id, status string) {
	t.Helper()
	if a.status != http.StatusOK {
		t.Fatalf("send: %d %s", a.status, a.raw)
	}
	m := a.body["messages"].([]any)[0].(map[string]any)
	id, _ = m["id"].(string)
	status, _ = m["message_status"].(string)
	return id, status
}

// messagesEnvelope wraps a messages-field value the way every status
// webhook is wrapped (status webhook reference).
func messagesEnvelope(value string) string {
	return `{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages","value":{` +
		`"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},` + value + `}}]}]}`
}

const pricingMM = `"pricing":{"billable":true,"pricing_model":"PMP","type":"regular","category":"marketing_lite"}`

// Template pacing, good signal:
// https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/template-pacing
// "subsequent messages ... will be held, and the message_status property in
// API responses will be set to held_for_quality_assessment"; "If the
// feedback is positive ... the held messages will be released and sent
// normally."
func TestPacingHeldThenReleased(t *testing.T) {
	mock, do := fidelityServer(t, func(st *State) {
		st.PacedTemplates = []PacedTemplate{{Name: "marketing_text_no_param", AcceptFirst: 1}}
	})
	first, status := sentID(t, do("POST", "/marketing_messages", send(nil)))
	if status != "accepted" {
		t.Fatalf("first send (under the threshold): message_status %q, want accepted", status)
	}
	waitDeliveries(t, mock, 3)
	held, status := sentID(t, do("POST", "/marketing_messages", send(nil)))
	if status != "held_for_quality_assessment" {
		t.Fatalf("second send: message_status %q, want held_for_quality_assessment", status)
	}
	d := waitDeliveries(t, mock, 6)
	for i, name := range []string{"sent", "delivered", "read"} {
		extra := ""
		if name != "read" {
			extra = "," + pricingMM
		}
		wantBody(t, d[3+i].Body, messagesEnvelope(`"statuses":[{"id":"`+held+`","status":"`+name+`","timestamp":"1772366400","recipient_id":"441234567890"`+extra+`}]`))
	}
	if first == held || mock.State().Templates[0].Status != "approved" {
		t.Fatalf("a released template stays approved: %+v", mock.State().Templates[0])
	}
}

// Template pacing, bad signal (same page): "The template's status will be set
// to PAUSED", "A message_template_status_update will be sent", "Each held
// message will be dropped and trigger a messages webhook with
// "status":"failed" and "code":"132015"".
func TestPacingHeldThenPaused(t *testing.T) {
	mock, do := fidelityServer(t, nil)
	// Through the control endpoint this time.
	if a := do("POST", "/_mock/pacing", map[string]any{"name": "marketing_text_no_param", "outcome": "pause"}); a.status != http.StatusOK {
		t.Fatalf("pacing: %d %s", a.status, a.raw)
	}
	one, s1 := sentID(t, do("POST", "/marketing_messages", send(nil)))
	two, s2 := sentID(t, do("POST", "/marketing_messages", send(func(b map[string]any) { b["to"] = "441234567891" })))
	if s1 != statusHeld || s2 != statusHeld {
		t.Fatalf("message_status %q, %q; want held_for_quality_assessment twice", s1, s2)
	}
	d := waitDeliveries(t, mock, 3) // one PAUSED, two failed
	time.Sleep(3 * fastDelays.Read)
	if n := len(mock.WebhookDeliveries()); n != 3 {
		t.Fatalf("%d deliveries, want one template update and two failed statuses", n)
	}
	var update, failed []WebhookDelivery
	for _, x := range d {
		var env struct {
			Entry []struct{ Changes []struct{ Field string } }
		}
		_ = json.Unmarshal(x.Body, &env)
		if env.Entry[0].Changes[0].Field == "message_template_status_update" {
			update = append(update, x)
		} else {
			failed = append(failed, x)
		}
	}
	if len(update) != 1 || len(failed) != 2 {
		t.Fatalf("updates %d, failed %d", len(update), len(failed))
	}
	tpl := mock.State().Templates[0]
	if tpl.Status != "paused" {
		t.Fatalf("template status %q, want paused", tpl.Status)
	}
	// https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/message_template_status_update
	id, _ := json.Marshal(metaTemplateID(tpl))
	wantBody(t, update[0].Body, `{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","time":1772366400,"changes":[{"field":"message_template_status_update",`+
		`"value":{"event":"PAUSED","message_template_id":`+string(id)+`,"message_template_name":"marketing_text_no_param","message_template_language":"en","reason":"NONE","message_template_category":"MARKETING"}}]}]}`)
	errs := `"errors":[{"code":132015,"title":"Template is Paused","message":"Template is Paused","error_data":{"details":"Template is paused due to low quality so it cannot be sent in a template message."},"href":"/documentation/business-messaging/whatsapp/support/error-codes"}]`
	got := map[string]bool{}
	for _, f := range failed {
		for _, w := range []struct{ id, to string }{{one, "441234567890"}, {two, "441234567891"}} {
			want := messagesEnvelope(`"statuses":[{"id":"` + w.id + `","status":"failed","timestamp":"1772366400","recipient_id":"` + w.to + `",` + errs + `}]`)
			var a, b any
			_ = json.Unmarshal(f.Body, &a)
			_ = json.Unmarshal([]byte(want), &b)
			if reflect.DeepEqual(a, b) {
				got[w.id] = true
			}
		}
	}
	if !got[one] || !got[two] {
		t.Fatalf("failed statuses do not match the documented shape: %s | %s", failed[0].Body, failed[1].Body)
	}
}

// Failed status webhooks per recipient, in the status webhook reference's
// failed shape
// (https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/status):
// errors[] with code, title, message = title, error_data.details, href; no
// conversation or pricing.
func TestRecipientErrorsFailedWebhook(t *testing.T) {
	cases := []struct {
		code           int
		title, details string
	}{
		{131049, "This message was not delivered to maintain healthy ecosystem engagement.",
			"In order to maintain a healthy ecosystem engagement, the message failed to be delivered."},
		// https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/marketing-templates
		{131050, "Unable to deliver the message. This recipient has chosen to stop receiving marketing messages on WhatsApp from your business",
			"Unable to deliver the message. This recipient has chosen to stop receiving marketing messages on WhatsApp from your business"},
		{131026, "Message undeliverable", "Unable to deliver message."},
	}
	for _, tc := range cases {
		t.Run(itoa(tc.code), func(t *testing.T) {
			mock, do := fidelityServer(t, nil)
			if a := do("POST", "/_mock/recipient_errors", map[string]any{"recipient": "+44 1234-567890", "code": tc.code}); a.status != http.StatusOK {
				t.Fatalf("control: %d %s", a.status, a.raw)
			}
			id, status := sentID(t, do("POST", "/marketing_messages", send(func(b map[string]any) { b["biz_opaque_callback_data"] = "c1" })))
			if status != statusAccepted {
				t.Fatalf("message_status %q: the API accepts the send and fails it later", status)
			}
			d := waitDeliveries(t, mock, 1)
			time.Sleep(3 * fastDelays.Read)
			if n := len(mock.WebhookDeliveries()); n != 1 {
				t.Fatalf("%d deliveries, want only the failed status", n)
			}
			title, _ := json.Marshal(tc.title)
			details, _ := json.Marshal(tc.details)
			wantBody(t, d[0].Body, messagesEnvelope(`"statuses":[{"id":"`+id+`","status":"failed","timestamp":"1772366400","recipient_id":"441234567890","biz_opaque_callback_data":"c1",`+
				`"errors":[{"code":`+itoa(tc.code)+`,"title":`+string(title)+`,"message":`+string(title)+`,"error_data":{"details":`+string(details)+`},"href":"/documentation/business-messaging/whatsapp/support/error-codes"}]}]`))
			// Other recipients are not affected.
			if _, s := sentID(t, do("POST", "/marketing_messages", send(func(b map[string]any) { b["to"] = "441234567891" }))); s != statusAccepted {
				t.Fatalf("other recipient: %q", s)
			}
			waitDeliveries(t, mock, 4)
		})
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

// Integrity errors come with HTTP 403: "The following errors are returned
// with a 403 - Forbidden HTTP Status Code" (Meta Cloud API Integrity Errors,
// https://docs.360dialog.com/docs/support/api-error-message-list).
func TestIntegrityErrorsAre403(t *testing.T) {
	for _, tc := range []struct {
		code  int
		title string
	}{{368, "Temporarily blocked for policies violations"}, {130497, "Business account is restricted from messaging users in this country."}, {131031, "Account has been locked"}} {
		mock, do := fidelityServer(t, func(st *State) { st.RecipientErrors = map[string]int{"441234567890": tc.code} })
		a := do("POST", "/marketing_messages", send(nil))
		wantMetaError(t, a, http.StatusForbidden, metaErr{wrapped: true, code: tc.code, message: "(#" + itoa(tc.code) + ") " + tc.title, details: integrityCodes[tc.code]})
		a = do("POST", "/messages", send(nil))
		wantMetaError(t, a, http.StatusForbidden, metaErr{code: tc.code, message: "(#" + itoa(tc.code) + ") " + tc.title, details: integrityCodes[tc.code]})
		if n := len(mock.State().Messages); n != 0 {
			t.Fatalf("refused sends recorded: %d", n)
		}
		// A fault with the code and no status answers 403 too.
		mock.AddFault(Fault{Path: "/messages", Code: tc.code})
		a = do("POST", "/messages", send(func(b map[string]any) { b["to"] = "4915100000000" }))
		wantMetaError(t, a, http.StatusForbidden, metaErr{code: tc.code, message: "(#" + itoa(tc.code) + ") " + tc.title, details: tc.title})
	}
	// Other codes keep 400.
	mock, do := fidelityServer(t, nil)
	mock.AddFault(Fault{Path: "/messages", Code: 131048})
	if a := do("POST", "/messages", send(nil)); a.status != http.StatusBadRequest {
		t.Fatalf("131048 fault: %d", a.status)
	}
}

func TestRecipientErrorsControlValidation(t *testing.T) {
	_, do := fidelityServer(t, nil)
	for _, body := range []map[string]any{
		{"recipient": "441234567890", "code": 132015}, // pacing's code, not a recipient's
		{"recipient": "441234567890", "code": 100},
		{"recipient": "", "code": 131049},
	} {
		if a := do("POST", "/_mock/recipient_errors", body); a.status != http.StatusBadRequest {
			t.Fatalf("%v: %d %s", body, a.status, a.raw)
		}
	}
	if a := do("POST", "/_mock/pacing", map[string]any{"name": "x", "outcome": "drop"}); a.status != http.StatusBadRequest {
		t.Fatalf("bad pacing outcome: %d", a.status)
	}
	if a := do("DELETE", "/_mock/recipient_errors", nil); a.status != http.StatusOK {
		t.Fatalf("clear: %d", a.status)
	}
}
