package mock360

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// waitInbox waits until the inbox holds n events, then a little longer, so
// that an event that should not be recorded has had the time to arrive.
func waitInbox(t *testing.T, mock *Server, n int, settle time.Duration) []InboxEvent {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for len(mock.Inbox()) < n && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	time.Sleep(settle)
	inbox := mock.Inbox()
	if len(inbox) != n {
		var notes []string
		for _, ev := range inbox {
			notes = append(notes, eventNote(ev.Body))
		}
		t.Fatalf("inbox has %d events, want %d: %q", len(inbox), n, notes)
	}
	return inbox
}

func wamidOf(t *testing.T, a answer) string {
	t.Helper()
	if a.status != http.StatusOK {
		t.Fatalf("send: %d %s", a.status, a.raw)
	}
	return a.body["messages"].([]any)[0].(map[string]any)["id"].(string)
}

// DELETE /_mock/requests starts a new run of records: requests, webhook
// deliveries and inbox events go, so /_mock/summary reads one run alone.
func TestDeleteRequestsClearsDeliveriesAndInbox(t *testing.T) {
	mock, ts := newTestServer(t, Options{WebhookDelays: fastDelays})
	mock.Update(func(st *State) { st.Webhook = &WebhookConfig{URL: ts.URL + InboxPath} })
	ctl := func(method, path string) answer {
		return call(t, ts, method, path, nil, map[string]string{"D360-API-KEY": ""})
	}

	first := wamidOf(t, call(t, ts, "POST", "/marketing_messages", send(nil), nil))
	waitDeliveries(t, mock, 3)
	waitInbox(t, mock, 3, 0)
	wantJSON(t, ctl("DELETE", "/_mock/requests"), http.StatusOK, `{"ok":true}`)
	if n, d, i := len(mock.Requests()), len(mock.WebhookDeliveries()), len(mock.Inbox()); n+d+i != 0 {
		t.Fatalf("after DELETE /_mock/requests: %d requests, %d deliveries, %d inbox events", n, d, i)
	}
	if got := string(ctl("GET", "/_mock/summary").raw); got != "requests received: 0\nwebhook events sent: 0\n" {
		t.Fatalf("summary after DELETE:\n%s", got)
	}

	// The state is not a record: the first send is still there.
	if msgs := mock.State().Messages; len(msgs) != 1 || msgs[0].ID != first {
		t.Fatalf("DELETE /_mock/requests changed the state: %+v", msgs)
	}
	second := wamidOf(t, call(t, ts, "POST", "/marketing_messages", send(nil), nil))
	waitDeliveries(t, mock, 3)
	waitInbox(t, mock, 3, 0)
	summary := string(ctl("GET", "/_mock/summary").raw)
	if strings.Contains(summary, first) || strings.Count(summary, second) != 6 {
		t.Fatalf("summary of the second run mentions the first send, or misses the second:\n%s", summary)
	}
}

// Events of a send made before the clear still reach the receiver, but are
// recorded neither as deliveries nor in the inbox: they belong to the run
// that was cleared.
func TestEventsOfAClearedRunAreNotRecorded(t *testing.T) {
	slow := WebhookDelays{Sent: 150 * time.Millisecond, Delivered: 160 * time.Millisecond, Read: 170 * time.Millisecond, Click: 180 * time.Millisecond}
	for _, target := range []string{"inbox", "receiver"} {
		t.Run(target, func(t *testing.T) {
			rcv := newReceiver(t, http.StatusOK)
			mock, ts := newTestServer(t, Options{WebhookDelays: slow})
			url := ts.URL + InboxPath
			if target == "receiver" {
				url = rcv.srv.URL
			}
			mock.Update(func(st *State) { st.Webhook = &WebhookConfig{URL: url} })

			before := wamidOf(t, call(t, ts, "POST", "/marketing_messages", send(nil), nil))
			mock.ResetRequests() // before any of its events is sent
			after := wamidOf(t, call(t, ts, "POST", "/marketing_messages", send(nil), nil))

			deliveries := waitDeliveries(t, mock, 3)
			if target == "inbox" {
				for _, ev := range waitInbox(t, mock, 3, 100*time.Millisecond) {
					if !strings.Contains(string(ev.Body), after) {
						t.Errorf("inbox kept an event of the cleared run: %s", ev.Body)
					}
				}
			} else {
				time.Sleep(100 * time.Millisecond)
			}
			for _, d := range mock.WebhookDeliveries() {
				if !strings.Contains(string(d.Body), after) {
					t.Errorf("deliveries kept an event of the cleared run: %s", d.Body)
				}
			}
			if len(mock.WebhookDeliveries()) != len(deliveries) {
				t.Errorf("deliveries grew to %d after the run's 3", len(mock.WebhookDeliveries()))
			}
			if target == "receiver" {
				// What the API does is not undone: the receiver got both sends' events.
				var got string
				rcv.mu.Lock()
				for _, b := range rcv.bodies {
					got += string(b)
				}
				rcv.mu.Unlock()
				if strings.Count(got, before) != 3 || strings.Count(got, after) != 3 {
					t.Errorf("the receiver did not get 3 events of each send")
				}
			}
		})
	}
}

// An inbox keeps events that another mock, or a person, posts to it: only
// its own emitter's events of a cleared run are dropped.
func TestInboxKeepsOtherSendersEvents(t *testing.T) {
	mock, ts := newTestServer(t, Options{})
	for _, h := range []map[string]string{
		nil,
		{inboxGenHeader: "another-mock 7"},
		{inboxGenHeader: "garbage"},
	} {
		h2 := map[string]string{"D360-API-KEY": ""}
		for k, v := range h {
			h2[k] = v
		}
		if a := call(t, ts, "POST", InboxPath, map[string]any{"object": "whatsapp_business_account"}, h2); a.status != http.StatusOK {
			t.Fatalf("inbox POST: %d %s", a.status, a.raw)
		}
	}
	if n := len(mock.Inbox()); n != 3 {
		t.Fatalf("inbox kept %d of 3 foreign events", n)
	}
}
