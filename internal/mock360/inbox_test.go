package mock360

import (
	"strings"
	"testing"
	"time"
)

func TestInboxReceivesTheMocksOwnWebhooks(t *testing.T) {
	mock, ts := newTestServer(t, Options{WebhookDelays: fastDelays})
	mock.Update(func(st *State) { st.Webhook = &WebhookConfig{URL: ts.URL + InboxPath} })
	// spring_sale has a URL button: clicks come only for templates with a link.
	a := call(t, ts, "POST", "/marketing_messages", send(func(b map[string]any) {
		setTemplate(b, "spring_sale", springSale())
		b["message_activity_sharing"] = true
	}), nil)
	wamid := a.body["messages"].([]any)[0].(map[string]any)["id"].(string)
	deadline := time.Now().Add(5 * time.Second)
	for len(mock.Inbox()) < 4 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	inbox := mock.Inbox()
	if len(inbox) != 4 {
		t.Fatalf("inbox has %d events, want sent, delivered, read and a click", len(inbox))
	}
	var got []string
	for _, ev := range inbox {
		got = append(got, eventNote(ev.Body))
	}
	want := []string{"sent " + wamid + " [marketing_lite]", "delivered " + wamid + " [marketing_lite]", "read " + wamid, "marketing_messages_link_click"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("inbox events:\n got  %q\n want %q", got, want)
	}
	// The inbox is not an API request: it is neither recorded nor faulted.
	for _, r := range mock.Requests() {
		if strings.HasPrefix(r.Path, "/_mock/") {
			t.Fatalf("control request recorded: %s", r.Path)
		}
	}
}

func TestInboxHostsDeliverToTheInbox(t *testing.T) {
	mock, ts := newTestServer(t, Options{WebhookDelays: fastDelays, InboxHosts: []string{"hooks.demo.test"}})
	mock.SetSelfURL(ts.URL)
	// Set through the API, with a URL that passes 360dialog's rules.
	a := call(t, ts, "POST", "/v1/configs/webhook", map[string]any{"url": "https://hooks.demo.test/whatsapp"}, nil)
	if a.status != 200 {
		t.Fatalf("set webhook: %d %s", a.status, a.raw)
	}
	call(t, ts, "POST", "/marketing_messages", send(nil), nil)
	deadline := time.Now().Add(5 * time.Second)
	for len(mock.Inbox()) < 3 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := len(mock.Inbox()); n != 3 {
		t.Fatalf("inbox got %d events, want sent, delivered and read", n)
	}
	for _, d := range mock.WebhookDeliveries() {
		if d.URL != "https://hooks.demo.test/whatsapp" || d.Status != 200 {
			t.Fatalf("delivery recorded as %+v, want the configured URL and 200", d)
		}
	}
}
