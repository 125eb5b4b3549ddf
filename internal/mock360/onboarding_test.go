package mock360

import (
	"net/http"
	"testing"
	"time"
)

// Onboarding through the control endpoint: the account_update webhook of
// 360dialog's page
// (https://docs.360dialog.com/partner/messaging-and-calling/sending-marketing-messages/onboarding-and-sending-messages)
// and Meta's reference
// (https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/account_update),
// then ONBOARDED from the Graph read
// (https://developers.facebook.com/documentation/business-messaging/whatsapp/marketing-messages/onboarding).
func TestOnboardControlEndpoint(t *testing.T) {
	mock, do := fidelityServer(t, func(st *State) {
		st.OnboardingStatus, st.TermsStatus, st.TermsSignedAt = "ELIGIBLE", "NOT_STARTED", ""
	})
	graph := func() answer {
		return do("GET", "/v24.0/102290129340398?fields=marketing_messages_onboarding_status,owner_business_info&access_token="+testToken, nil)
	}
	wantJSON(t, graph(), http.StatusOK, `{"id":"102290129340398","marketing_messages_onboarding_status":"ELIGIBLE",
		"owner_business_info":{"id":"104996122399160","name":"Mock Business","marketing_messages_onboarding_status":{"status":"NOT_STARTED"}}}`)

	wantJSON(t, do("POST", "/_mock/onboard", nil), http.StatusOK, `{"ok":true,"changed":true}`)
	d := waitDeliveries(t, mock, 1)
	wantBody(t, d[0].Body, `{"object":"whatsapp_business_account","entry":[{"id":"104996122399160","time":1772366400,"changes":[{"field":"account_update",
		"value":{"event":"MM_LITE_TERMS_SIGNED","waba_info":{"owner_business_id":"104996122399160","waba_id":"102290129340398"}}}]}]}`)
	wantJSON(t, graph(), http.StatusOK, `{"id":"102290129340398","marketing_messages_onboarding_status":"ONBOARDED",
		"owner_business_info":{"id":"104996122399160","name":"Mock Business","marketing_messages_onboarding_status":{"status":"TERM_OF_SERVICE_SIGNED","time":"2026-03-01"}}}`)

	// Onboarding twice changes nothing and sends no second webhook.
	wantJSON(t, do("POST", "/_mock/onboard", nil), http.StatusOK, `{"ok":true,"changed":false}`)
	time.Sleep(20 * time.Millisecond)
	if n := len(mock.WebhookDeliveries()); n != 1 {
		t.Fatalf("%d deliveries after a second onboard, want 1", n)
	}
	// Sends now go through MM Lite.
	sentID(t, do("POST", "/marketing_messages", send(func(b map[string]any) { b["product_policy"] = "STRICT" })))
	if last := mock.State().Messages[0]; last.PricingCategory != "marketing_lite" {
		t.Fatalf("after onboarding: %+v", last)
	}
}

// A send by BSUID (https://developers.facebook.com/documentation/business-messaging/whatsapp/business-scoped-user-ids):
// the answer has contacts[].input and user_id, no wa_id; sent, delivered and
// read carry contacts[] with user_id and statuses[].recipient_user_id, and
// no recipient_id (the mock never knows the phone number behind a BSUID);
// failed has recipient_user_id but no contacts[].
func TestBSUIDSendWebhooks(t *testing.T) {
	const bsuid = "US.13491208655302741918"
	bySUID := func(b map[string]any) {
		delete(b, "to")
		b["recipient"] = bsuid
	}
	mock, do := fidelityServer(t, nil)
	a := do("POST", "/marketing_messages", send(bySUID))
	id, _ := sentID(t, a)
	wantJSON(t, a, http.StatusOK, `{"messaging_product":"whatsapp","contacts":[{"input":"`+bsuid+`","user_id":"`+bsuid+`"}],"messages":[{"id":"`+id+`","message_status":"accepted"}]}`)
	d := waitDeliveries(t, mock, 3)
	contacts := `"contacts":[{"profile":{"name":"Mock User"},"user_id":"` + bsuid + `"}],`
	for i, name := range []string{"sent", "delivered", "read"} {
		extra := ""
		if name != "read" {
			extra = "," + pricingMM
		}
		wantBody(t, d[i].Body, messagesEnvelope(contacts+`"statuses":[{"id":"`+id+`","status":"`+name+`","timestamp":"1772366400","recipient_user_id":"`+bsuid+`"`+extra+`}]`))
	}

	do("POST", "/_mock/recipient_errors", map[string]any{"recipient": bsuid, "code": 131050})
	id, _ = sentID(t, do("POST", "/marketing_messages", send(bySUID)))
	d = waitDeliveries(t, mock, 4)
	title := "Unable to deliver the message. This recipient has chosen to stop receiving marketing messages on WhatsApp from your business"
	wantBody(t, d[3].Body, messagesEnvelope(`"statuses":[{"id":"`+id+`","status":"failed","timestamp":"1772366400","recipient_user_id":"`+bsuid+`",`+
		`"errors":[{"code":131050,"title":"`+title+`","message":"`+title+`","error_data":{"details":"`+title+`"},"href":"/documentation/business-messaging/whatsapp/support/error-codes"}]}]`))
}

// disable_marketing_messages_on_cloud_api
// (https://developers.facebook.com/documentation/business-messaging/whatsapp/marketing-messages/send-marketing-messages#disable-marketing-messages-on-cloud-api).
func TestDisableMarketingMessagesOnCloudAPI(t *testing.T) {
	const details = "Your template is categorized as Marketing, but marketing templates are currently disabled for your Cloud API configuration. To send this template, use the Marketing Messages API for WhatsApp or enable marketing templates on Cloud API by turning off disable_marketing_messages_on_cloud_api."
	want131063 := func(wrapped bool) metaErr {
		return metaErr{wrapped: wrapped, code: 131063, message: "(#131063) Marketing templates disabled for Cloud API", details: details}
	}
	mock, do := fidelityServer(t, nil)
	wantJSON(t, do("POST", "/_mock/cloud_api_marketing", map[string]any{"disabled": true}), http.StatusOK, `{"ok":true}`)
	wantJSON(t, do("GET", "/v24.0/102290129340398?fields=disable_marketing_messages_on_cloud_api&access_token="+testToken, nil),
		http.StatusOK, `{"id":"102290129340398","disable_marketing_messages_on_cloud_api":true}`)

	// "the Cloud API /messages endpoint rejects Marketing category templates with error code 131063"
	wantMetaError(t, do("POST", "/messages", send(nil)), http.StatusBadRequest, want131063(false))
	// Other categories still go through /messages.
	utility := send(func(b map[string]any) {
		setTemplate(b, "order_update", []any{map[string]any{"type": "body", "parameters": []any{map[string]any{"type": "text", "text": "#1"}}}})
	})
	sentID(t, do("POST", "/messages", utility))
	// An onboarded WABA's /marketing_messages works normally.
	sentID(t, do("POST", "/marketing_messages", send(nil)))

	mock.Update(func(st *State) { st.OnboardingStatus = "ELIGIBLE" })
	// "MM API ToS not signed: ... the fallback is now rejected with error 131063"
	wantMetaError(t, do("POST", "/marketing_messages", send(nil)), http.StatusBadRequest, want131063(true))
	wantMetaError(t, do("POST", "/marketing_messages", send(func(b map[string]any) { b["product_policy"] = "CLOUD_API_FALLBACK" })), http.StatusBadRequest, want131063(true))
	// "When the per-message product_policy is set to STRICT, no fallback to
	// Cloud API is attempted": the terms error, not 131063.
	a := do("POST", "/marketing_messages", send(func(b map[string]any) { b["product_policy"] = "STRICT" }))
	if a.status != http.StatusBadRequest || !containsCode(a, 131055) {
		t.Fatalf("STRICT: %d %s", a.status, a.raw)
	}
	if n := len(mock.State().Messages); n != 2 {
		t.Fatalf("%d sends recorded, want the two accepted ones", n)
	}
	// Turning it off restores Cloud API marketing sends.
	do("POST", "/_mock/cloud_api_marketing", map[string]any{"disabled": false})
	sentID(t, do("POST", "/messages", send(nil)))
}

func containsCode(a answer, code int) bool {
	d, _ := a.body["detail"].(map[string]any)
	e, _ := d["error"].(map[string]any)
	c, _ := e["code"].(float64)
	return int(c) == code
}
