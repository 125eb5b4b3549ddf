package provider

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/d360-tf/terraform-provider-d360/internal/d360"
)

func TestBroadcastWorkers(t *testing.T) {
	for _, c := range []struct {
		rate    float64
		latency time.Duration
		want    int
	}{
		{80, 30 * time.Millisecond, 4},            // 3.6 → the floor
		{80, 300 * time.Millisecond, 36},          // 24 in flight, half again
		{1000, 30 * time.Millisecond, 45},         // 30 in flight
		{1000, 300 * time.Millisecond, 450},       // 300 in flight
		{1000, 0, 150},                            // before the first answer: 100 ms
		{1000, 2 * time.Second, 512},              // the ceiling
		{math.Inf(1), 10 * time.Millisecond, 512}, // unpaced
	} {
		if got := broadcastWorkers(c.rate, c.latency); got != c.want {
			t.Errorf("broadcastWorkers(%v, %v) = %d, want %d", c.rate, c.latency, got, c.want)
		}
	}
}

// A broadcast keeps enough sends in flight to hold a fast pace through a
// slow API: at 1,000 per second with 150 ms per answer, about 150 sends.
// A fixed pool of 32 would hold it to about 210 per second.
func TestSendBroadcastConcurrencyFollowsLatency(t *testing.T) {
	var inFlight, peak atomic.Int64
	var n atomic.Int64
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cur := inFlight.Add(1)
		defer inFlight.Add(-1)
		for {
			p := peak.Load()
			if cur <= p || peak.CompareAndSwap(p, cur) {
				break
			}
		}
		time.Sleep(150 * time.Millisecond)
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"messaging_product":"whatsapp","contacts":[{"input":"x","wa_id":"x"}],"messages":[{"id":"wamid.%d"}]}`, n.Add(1))
	}))
	defer api.Close()
	client, err := d360.New(d360.Config{BaseURL: api.URL, APIKey: "test-key", MaxMessagesPerSecond: 1000})
	if err != nil {
		t.Fatal(err)
	}
	recipients := make([]string, 600)
	for i := range recipients {
		recipients[i] = fmt.Sprintf("4915200%06d", i)
	}
	results := sendBroadcast(context.Background(), client, recipients, func(to string) *d360.MarketingMessage {
		return &d360.MarketingMessage{To: to, Template: d360.MessageTemplate{Name: "t"}}
	})
	if len(results) != len(recipients) {
		t.Fatalf("%d results, want %d", len(results), len(recipients))
	}
	for to, r := range results {
		if r.Outcome != outcomeAccepted {
			t.Fatalf("%s: outcome %q (%s)", to, r.Outcome, r.Error)
		}
	}
	if got := n.Load(); got != int64(len(recipients)) {
		t.Errorf("the API received %d sends, want %d (one per recipient)", got, len(recipients))
	}
	if p := peak.Load(); p < 100 || p > maxBroadcastWorkers {
		t.Errorf("at most %d sends were in flight, want 100 to %d: 1,000/s at 150 ms needs about 150", p, maxBroadcastWorkers)
	}
}
