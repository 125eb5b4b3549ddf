package mock360

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"
)

// receiver collects webhook bodies and answers with status.
type receiver struct {
	mu      sync.Mutex
	bodies  [][]byte
	headers []http.Header
	status  int
	srv     *httptest.Server
}

func newReceiver(t *testing.T, status int) *receiver {
	r := &receiver{status: status}
	r.srv = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		b, _ := io.ReadAll(req.Body)
		r.mu.Lock()
		r.bodies = append(r.bodies, b)
		r.headers = append(r.headers, req.Header.Clone())
		r.mu.Unlock()
		w.WriteHeader(r.status)
	}))
	t.Cleanup(r.srv.Close)
	return r
}

// waitDeliveries waits until the mock recorded n deliveries.
func waitDeliveries(t *testing.T, mock *Server, n int) []WebhookDelivery {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		d := mock.WebhookDeliveries()
		if len(d) >= n || time.Now().After(deadline) {
			if len(d) != n {
				t.Fatalf("got %d deliveries, want %d", len(d), n)
			}
			return d
		}
		time.Sleep(10 * time.Millisecond)
	}
}

var fastDelays = WebhookDelays{Sent: 5 * time.Millisecond, Delivered: 10 * time.Millisecond, Read: 15 * time.Millisecond, Click: 20 * time.Millisecond}

type event struct {
	Object string `json:"object"`
	Entry  []struct {
		ID      string `json:"id"`
		Changes []struct {
			Field string `json:"field"`
			Value struct {
				MessagingProduct string            `json:"messaging_product"`
				Metadata         map[string]string `json:"metadata"`
				Statuses         []struct {
					ID           string `json:"id"`
					Status       string `json:"status"`
					Timestamp    string `json:"timestamp"`
					RecipientID  string `json:"recipient_id"`
					Conversation *struct {
						ID                  string            `json:"id"`
						ExpirationTimestamp string            `json:"expiration_timestamp"`
						Origin              map[string]string `json:"origin"`
					} `json:"conversation"`
					Pricing map[string]any `json:"pricing"`
				} `json:"statuses"`
				UserActions []struct {
					Timestamp  string            `json:"timestamp"`
					ActionType string            `json:"action_type"`
					Data       map[string]string `json:"marketing_messages_link_click_data"`
				} `json:"user_actions"`
			} `json:"value"`
		} `json:"changes"`
	} `json:"entry"`
}

func decodeEvent(t *testing.T, raw []byte) event {
	t.Helper()
	var e event
	if err := json.Unmarshal(raw, &e); err != nil {
		t.Fatalf("event is not JSON: %s", raw)
	}
	if e.Object != "whatsapp_business_account" || len(e.Entry) != 1 || e.Entry[0].ID != "102290129340398" ||
		len(e.Entry[0].Changes) != 1 || e.Entry[0].Changes[0].Field != "messages" {
		t.Fatalf("bad envelope: %s", raw)
	}
	v := e.Entry[0].Changes[0].Value
	if v.MessagingProduct != "whatsapp" || v.Metadata["phone_number_id"] != "106540352242922" || v.Metadata["display_phone_number"] != "15550783881" {
		t.Fatalf("bad value: %s", raw)
	}
	return e
}

func TestWebhookEmission(t *testing.T) {
	fixed := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	sharing := func(b map[string]any) { b["message_activity_sharing"] = true }
	sharingWithLink := func(b map[string]any) {
		setTemplate(b, "spring_sale", springSale())
		b["message_activity_sharing"] = true
	}
	cases := []struct {
		name       string
		onboarding string
		path       string
		body       map[string]any
		category   string
		click      bool
		version    string // State.WebhookVersion; "" = current (v24.0+)
	}{
		{"MM send", "ONBOARDED", "/marketing_messages", send(nil), "marketing_lite", false, ""},
		{"MM send, v23.0 webhooks", "ONBOARDED", "/marketing_messages", send(nil), "marketing_lite", false, "v23.0"},
		// Clicks only for a template with a link: spring_sale has a URL button.
		{"MM send with activity sharing", "ONBOARDED", "/marketing_messages", send(sharingWithLink), "marketing_lite", true, ""},
		{"MM send with activity sharing, no link", "ONBOARDED", "/marketing_messages", send(sharing), "marketing_lite", false, ""},
		{"fallback send", "PENDING_INTERNAL_SETUP", "/marketing_messages", send(sharingWithLink), "marketing", false, "v23.0"},
		{"Cloud marketing send", "ONBOARDED", "/messages", send(sharingWithLink), "marketing", false, "v23.0"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rcv := newReceiver(t, http.StatusOK)
			mock, ts := newTestServer(t, Options{WebhookDelays: fastDelays, Now: func() time.Time { return fixed }})
			mock.Update(func(st *State) {
				st.OnboardingStatus = tc.onboarding
				st.WebhookVersion = tc.version
				st.Webhook = &WebhookConfig{URL: rcv.srv.URL + "/hook", Headers: map[string]string{"X-Secret": "s3"}}
			})
			a := call(t, ts, "POST", tc.path, tc.body, nil)
			if a.status != http.StatusOK {
				t.Fatalf("send: %d %s", a.status, a.raw)
			}
			wamid := a.body["messages"].([]any)[0].(map[string]any)["id"].(string)
			want := 3
			if tc.click {
				want = 4
			}
			deliveries := waitDeliveries(t, mock, want)
			if !tc.click { // nothing comes after the read, not even late
				time.Sleep(2 * fastDelays.Click)
				if n := len(mock.WebhookDeliveries()); n != want {
					t.Fatalf("%d deliveries, want %d (no click)", n, want)
				}
			}
			for i, status := range []string{"sent", "delivered", "read"} {
				d := deliveries[i]
				if d.URL != rcv.srv.URL+"/hook" || d.Status != http.StatusOK || d.Err != "" {
					t.Fatalf("delivery %d: %+v", i, d)
				}
				st := decodeEvent(t, d.Body).Entry[0].Changes[0].Value.Statuses
				if len(st) != 1 || st[0].ID != wamid || st[0].Status != status || st[0].RecipientID != "441234567890" || st[0].Timestamp != "1772366400" {
					t.Fatalf("%s event: %s", status, d.Body)
				}
				if status == "read" {
					if st[0].Conversation != nil || st[0].Pricing != nil {
						t.Fatalf("read event carries conversation/pricing: %s", d.Body)
					}
					continue
				}
				// "Omitted entirely for v24.0+ unless webhook is for a free entry
				// point conversation" (https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/status).
				if tc.version == "" {
					if st[0].Conversation != nil {
						t.Fatalf("%s carries a conversation on v24.0+: %s", status, d.Body)
					}
				} else {
					if st[0].Conversation == nil || st[0].Conversation.Origin["type"] != tc.category || len(st[0].Conversation.ID) != 32 {
						t.Fatalf("%s conversation: %s", status, d.Body)
					}
					if (status == "sent") != (st[0].Conversation.ExpirationTimestamp == "1772452800") {
						t.Fatalf("%s expiration_timestamp: %s", status, d.Body)
					}
				}
				p := st[0].Pricing
				if p["category"] != tc.category || p["pricing_model"] != "PMP" || p["billable"] != true || p["type"] != "regular" {
					t.Fatalf("%s pricing: %v", status, p)
				}
			}
			if tc.click {
				ua := decodeEvent(t, deliveries[3].Body).Entry[0].Changes[0].Value.UserActions
				if len(ua) != 1 || ua[0].ActionType != "marketing_messages_link_click" || ua[0].Timestamp != "1772366400" ||
					ua[0].Data["click_component"] != "cta" || len(ua[0].Data["tracking_token"]) != 24 || len(ua[0].Data["click_id"]) != 32 {
					t.Fatalf("click event: %s", deliveries[3].Body)
				}
			}
			rcv.mu.Lock()
			defer rcv.mu.Unlock()
			if len(rcv.headers) != want || rcv.headers[0].Get("X-Secret") != "s3" || rcv.headers[0].Get("Content-Type") != "application/json" {
				t.Fatalf("receiver saw %d requests, headers %v", len(rcv.headers), rcv.headers)
			}
		})
	}
}

func TestWebhookFailingReceiverIsRecorded(t *testing.T) {
	rcv := newReceiver(t, http.StatusInternalServerError)
	mock, ts := newTestServer(t, Options{WebhookDelays: fastDelays})
	mock.Update(func(st *State) { st.Webhook = &WebhookConfig{URL: rcv.srv.URL} })
	call(t, ts, "POST", "/marketing_messages", send(nil), nil)
	for _, d := range waitDeliveries(t, mock, 3) {
		if d.Status != http.StatusInternalServerError || d.Err != "" {
			t.Fatalf("delivery %+v", d)
		}
	}

	// A receiver that is gone gives a transport error, not a crash.
	mock.Reset()
	dead := httptest.NewServer(http.NotFoundHandler())
	deadURL := dead.URL
	dead.Close()
	mock.Update(func(st *State) { st.Webhook = &WebhookConfig{URL: deadURL} })
	call(t, ts, "POST", "/marketing_messages", send(nil), nil)
	for _, d := range waitDeliveries(t, mock, 3) {
		if d.Status != 0 || d.Err == "" {
			t.Fatalf("delivery to a dead receiver: %+v", d)
		}
	}
}

func TestWebhookCloseCancelsPending(t *testing.T) {
	rcv := newReceiver(t, http.StatusOK)
	mock, ts := newTestServer(t, Options{WebhookDelays: WebhookDelays{Sent: time.Millisecond, Delivered: time.Hour, Read: time.Hour, Click: time.Hour}})
	mock.Update(func(st *State) { st.Webhook = &WebhookConfig{URL: rcv.srv.URL} })
	call(t, ts, "POST", "/marketing_messages", send(nil), nil)
	waitDeliveries(t, mock, 1)
	done := make(chan struct{})
	go func() {
		mock.Close()
		mock.Close() // idempotent
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Close did not cancel the pending deliveries")
	}
	if n := len(mock.WebhookDeliveries()); n != 1 {
		t.Fatalf("deliveries after Close: %d", n)
	}
}

func TestNoWebhookConfiguredEmitsNothing(t *testing.T) {
	mock, ts := newTestServer(t, Options{WebhookDelays: fastDelays})
	call(t, ts, "POST", "/marketing_messages", send(nil), nil)
	time.Sleep(60 * time.Millisecond)
	if n := len(mock.WebhookDeliveries()); n != 0 {
		t.Fatalf("deliveries without a webhook: %d", n)
	}
}
