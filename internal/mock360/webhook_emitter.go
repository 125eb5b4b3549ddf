package mock360

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// WebhookDelivery is one event the emitter POSTed.
type WebhookDelivery struct {
	Time   time.Time // on the API clock (Options.Now): send time + time since the send
	URL    string
	Body   []byte
	Status int    // receiver's HTTP status (0 if the POST failed)
	Err    string // transport error, if any
}

// emitter owns the delivery goroutines. Reset starts a new generation (old
// deliveries are cancelled and no longer recorded); Close ends them all.
type emitter struct {
	mu         sync.Mutex
	ctx        context.Context
	cancel     context.CancelFunc
	generation int
	closed     bool
	wg         sync.WaitGroup
}

func (e *emitter) init() { e.ctx, e.cancel = context.WithCancel(context.Background()) }

func (e *emitter) restart() {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.closed {
		return
	}
	e.cancel()
	e.ctx, e.cancel = context.WithCancel(context.Background())
	e.generation++
}

// start registers a delivery goroutine; ok is false after Close.
func (e *emitter) start() (ctx context.Context, generation int, ok bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.closed {
		return nil, 0, false
	}
	e.wg.Add(1)
	return e.ctx, e.generation, true
}

func (e *emitter) current(generation int) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	return !e.closed && e.generation == generation
}

func (e *emitter) close() {
	e.mu.Lock()
	e.closed = true
	e.cancel()
	e.mu.Unlock()
	e.wg.Wait()
}

type plannedEvent struct {
	delay time.Duration
	value func(now time.Time) map[string]any
}

// scheduleWebhooksLocked plans sent, delivered, read (and the click for MM
// sends with activity sharing) to the webhook configured at send time.
func (s *Server) scheduleWebhooksLocked(msg SentMessage, bizOpaque string) {
	cfg := s.state.Webhook
	if cfg == nil || cfg.URL == "" {
		return
	}
	url, headers := cfg.URL, cloneHeaders(cfg.Headers)
	meta := map[string]string{"display_phone_number": s.state.DisplayPhoneNumber, "phone_number_id": s.state.PhoneNumberID}
	wabaID := s.state.WABAID
	events := statusEvents(msg, bizOpaque, s.delays)
	if msg.ActivitySharing {
		events = append(events, plannedEvent{s.delays.Click, func(now time.Time) map[string]any {
			return map[string]any{"user_actions": []any{clickAction(now)}}
		}})
	}
	ctx, gen, ok := s.emitter.start()
	if !ok {
		return
	}
	// Event times are the send time plus the delay, so the goroutine never
	// calls Options.Now, which a test may change without locking.
	sentAt := msg.Time
	go func() {
		defer s.emitter.wg.Done()
		start := time.Now()
		for _, ev := range events {
			timer := time.NewTimer(time.Until(start.Add(ev.delay)))
			select {
			case <-ctx.Done():
				timer.Stop()
				return
			case <-timer.C:
			}
			value := ev.value(sentAt.Add(ev.delay))
			value["messaging_product"] = "whatsapp"
			value["metadata"] = meta
			body, _ := json.Marshal(map[string]any{
				"object": "whatsapp_business_account",
				"entry": []any{map[string]any{"id": wabaID, "changes": []any{
					map[string]any{"field": "messages", "value": value},
				}}},
			})
			s.deliver(ctx, gen, url, headers, body, sentAt.Add(time.Since(start)))
		}
	}()
}

// statusEvents builds the three status events in the seed's shapes.
func statusEvents(msg SentMessage, bizOpaque string, d WebhookDelays) []plannedEvent {
	conversationID := randomString("0123456789abcdef", 32)
	// PMP is the pricing model since 2025-07-01 (reference §7.1); the seed's
	// "CBP" is outdated. Service messages are free under PMP.
	pricing := map[string]any{"billable": true, "pricing_model": "PMP", "type": "regular", "category": msg.PricingCategory}
	if msg.PricingCategory == "service" {
		pricing = map[string]any{"billable": false, "pricing_model": "PMP", "type": "free_customer_service", "category": "service"}
	}
	recipient := msg.To
	if recipient == "" {
		recipient = msg.Recipient // sent by BSUID: the only id there is
	}
	status := func(name string, withPricing bool) func(time.Time) map[string]any {
		return func(now time.Time) map[string]any {
			st := map[string]any{"id": msg.ID, "status": name, "timestamp": unix(now), "recipient_id": recipient}
			if bizOpaque != "" {
				st["biz_opaque_callback_data"] = bizOpaque
			}
			if withPricing {
				conv := map[string]any{"id": conversationID, "origin": map[string]string{"type": msg.PricingCategory}}
				if name == "sent" {
					conv["expiration_timestamp"] = unix(now.Add(24 * time.Hour))
				}
				st["conversation"] = conv
				st["pricing"] = pricing
			}
			return map[string]any{"statuses": []any{st}}
		}
	}
	return []plannedEvent{
		{d.Sent, status("sent", true)},
		{d.Delivered, status("delivered", true)},
		{d.Read, status("read", false)},
	}
}

// clickAction follows the seed's example, including its "CTA" casing.
func clickAction(now time.Time) map[string]any {
	return map[string]any{
		"timestamp":   unix(now),
		"action_type": "marketing_messages_link_click",
		"marketing_messages_link_click_data": map[string]string{
			"tracking_token":  randomString(alnum, 24),
			"click_id":        randomString(alnum, 32),
			"click_component": "CTA",
		},
	}
}

func unix(t time.Time) string { return strconv.FormatInt(t.Unix(), 10) }

// deliver POSTs one event and records the outcome. A failing receiver is
// recorded, never fatal.
func (s *Server) deliver(ctx context.Context, gen int, url string, headers map[string]string, body []byte, at time.Time) {
	rec := WebhookDelivery{Time: at, URL: url, Body: body}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.deliveryTarget(url), bytes.NewReader(body))
	if err == nil {
		for k, v := range headers {
			req.Header.Set(k, v)
		}
		req.Header.Set("Content-Type", "application/json")
		var resp *http.Response
		if resp, err = s.client.Do(req); err == nil {
			_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
			_ = resp.Body.Close()
			rec.Status = resp.StatusCode
		}
	}
	if err != nil {
		rec.Err = err.Error()
	}
	if ctx.Err() != nil {
		return // cancelled by Reset or Close: not a delivery
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.emitter.current(gen) {
		s.deliveries = append(s.deliveries, rec)
	}
}

// WebhookDeliveries returns what the emitter POSTed, in order.
func (s *Server) WebhookDeliveries() []WebhookDelivery {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]WebhookDelivery, len(s.deliveries))
	for i, d := range s.deliveries {
		d.Body = bytes.Clone(d.Body)
		out[i] = d
	}
	return out
}

func cloneHeaders(h map[string]string) map[string]string {
	out := make(map[string]string, len(h))
	for k, v := range h {
		out[k] = v
	}
	return out
}
