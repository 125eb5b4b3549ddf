package mock360

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

// Meta re-categorizes a template after approval
// (https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/template_category_update):
// the list answers the new category, the completed-change webhook carries
// previous_category and new_category in Meta's envelope with entry[].time,
// and /marketing_messages then refuses the template with 131055, as it
// refuses every template that is not MARKETING
// (https://docs.360dialog.com/docs/resources/marketing-messages/expected-errors-and-programming-languages).
func TestTemplateCategoryControl(t *testing.T) {
	mock, do := fidelityServer(t, nil)
	body := map[string]any{"name": "marketing_text_no_param", "language": "en", "category": "utility"}
	wantJSON(t, do("POST", "/_mock/template_category", body), http.StatusOK, `{"ok":true,"changed":true}`)

	d := waitDeliveries(t, mock, 1)
	tpl := mock.State().Templates[0]
	wantBody(t, d[0].Body, fmt.Sprintf(`{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","time":1772366400,`+
		`"changes":[{"field":"template_category_update","value":{"message_template_id":%d,"message_template_name":"marketing_text_no_param",`+
		`"message_template_language":"en","previous_category":"MARKETING","new_category":"UTILITY"}}]}]}`, metaTemplateID(tpl)))

	list := do("GET", `/v1/configs/templates?filters={"business_templates.name":"marketing_text_no_param"}`, nil)
	if !strings.Contains(string(list.raw), `"category":"UTILITY"`) {
		t.Fatalf("the list does not answer the new category: %s", list.raw)
	}
	wantMetaError(t, do("POST", "/marketing_messages", send(nil)), http.StatusBadRequest, metaErr{wrapped: true, code: 131055,
		message: "(#131055) Method not allowed", details: "Only marketing template messages are supported"})

	// The same category again changes nothing and sends nothing.
	wantJSON(t, do("POST", "/_mock/template_category", body), http.StatusOK, `{"ok":true,"changed":false}`)
	time.Sleep(20 * time.Millisecond)
	if n := len(mock.WebhookDeliveries()); n != 1 {
		t.Fatalf("%d deliveries after an unchanged category, want 1", n)
	}
}

// The control endpoint refuses what no template can be: an unknown
// category (360dialog's create page: "Allowed values: AUTHENTICATION,
// MARKETING, UTILITY"), a template that does not exist, and a body without
// name or language or with unknown fields.
func TestTemplateCategoryControlRefuses(t *testing.T) {
	mock, do := fidelityServer(t, nil)
	for _, c := range []struct {
		body   map[string]any
		status int
		text   string
	}{
		{map[string]any{"name": "spring_sale", "language": "en", "category": "PROMOTIONAL"}, http.StatusBadRequest,
			`category must be one of AUTHENTICATION, MARKETING, UTILITY, got "PROMOTIONAL"`},
		{map[string]any{"name": "spring_sale", "language": "de", "category": "UTILITY"}, http.StatusNotFound,
			`no such template: "spring_sale" (de)`},
		{map[string]any{"name": "spring_sale", "category": "UTILITY"}, http.StatusBadRequest, "name and language are required"},
	} {
		wantGateway(t, do("POST", "/_mock/template_category", c.body), c.status, c.text)
	}
	if a := do("POST", "/_mock/template_category", map[string]any{"name": "spring_sale", "language": "en", "categry": "UTILITY"}); a.status != http.StatusBadRequest {
		t.Fatalf("a misspelt field: %d %s", a.status, a.raw)
	}
	time.Sleep(20 * time.Millisecond)
	if n := len(mock.WebhookDeliveries()); n != 0 {
		t.Fatalf("refused changes sent %d webhooks", n)
	}
	if got := mock.State().Templates[1].Category; got != "MARKETING" {
		t.Fatalf("a refused change left category %s", got)
	}
}
