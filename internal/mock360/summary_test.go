package mock360

import (
	"io"
	"net/http"
	"regexp"
	"testing"
)

func TestSummary(t *testing.T) {
	rcv := newReceiver(t, http.StatusOK)
	mock, ts := newTestServer(t, Options{WebhookDelays: fastDelays})
	mock.Update(func(st *State) { st.Webhook = &WebhookConfig{URL: rcv.srv.URL + "/hook"} })
	call(t, ts, "GET", "/health_status", nil, nil)
	a := call(t, ts, "POST", "/marketing_messages", send(nil), nil)
	wamid := a.body["messages"].([]any)[0].(map[string]any)["id"].(string)
	waitDeliveries(t, mock, 3)

	resp, err := http.Get(ts.URL + "/_mock/summary")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	got := string(raw)
	want := `^requests received: 2
  GET    /health_status               -> 200
  POST   /marketing_messages          -> 200  template=marketing_text_no_param to=441234567890
    delivered text:
      \| Our new collection is here\. Have a look!
webhook events sent: 3
  sent ` + regexp.QuoteMeta(wamid) + ` \[marketing_lite\] +-> https://127\.0\.0\.1:\d+/hook \(200\)
  delivered ` + regexp.QuoteMeta(wamid) + ` \[marketing_lite\] +-> https://127\.0\.0\.1:\d+/hook \(200\)
  read ` + regexp.QuoteMeta(wamid) + ` +-> https://127\.0\.0\.1:\d+/hook \(200\)
$`
	if !regexp.MustCompile(want).MatchString(got) {
		t.Fatalf("summary:\n%s\nwant to match:\n%s", got, want)
	}
}
