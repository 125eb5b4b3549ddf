package mock360

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
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

// plannedEvent is one webhook, delay after the send. effect, when set, runs
// under the lock just before value is built (a template pause, say); value
// returning nil sends nothing.
type plannedEvent struct {
	delay  time.Duration
	field  string // "" = "messages"
	effect func(st *State)
	value  func(now time.Time) map[string]any
}

// sendPlan is what a send decided for its webhooks.
type sendPlan struct {
	bizOpaque string
	click     string         // click_component of the template's link; "" = no link
	held      bool           // held for quality assessment (template pacing)
	pacing    string         // pacingRelease or pacingPause, when held
	failCode  int            // an asyncErrors code for this recipient; 0 = none
	cost      map[string]any // pricing.cost of the delivered status; nil = none (webhook_cost.go)
}

// scheduleWebhooksLocked plans the status events of a send (and the click for
// MM sends with activity sharing of a template with a link) to the webhook
// configured at send time.
func (s *Server) scheduleWebhooksLocked(msg SentMessage, plan sendPlan) {
	d := s.delays
	conv := s.state.WebhookVersion != "" && graphMajor(s.state.WebhookVersion) < 24
	var events []plannedEvent
	switch {
	case plan.failCode != 0:
		events = []plannedEvent{{delay: d.Sent, value: failedStatus(msg, plan, plan.failCode)}}
	case plan.held && plan.pacing == pacingPause:
		// Template pacing, bad signal: "The template's status will be set to
		// PAUSED", "A message_template_status_update will be sent", "Each
		// held message will be dropped and trigger a messages webhook with
		// "status":"failed" and "code":"132015"" (template-pacing page,
		// see fidelity.go).
		var paused *Template
		events = []plannedEvent{
			{delay: d.Read, field: "message_template_status_update",
				effect: func(st *State) { paused = pauseTemplateLocked(st, msg.TemplateName, msg.Language) },
				value: func(time.Time) map[string]any {
					if paused == nil {
						return nil // an earlier held message already paused it
					}
					return templatePausedValue(*paused)
				}},
			{delay: d.Read + d.Sent, value: failedStatus(msg, plan, 132015)},
		}
	default:
		var offset time.Duration
		if plan.held { // released after the assessment: sent as usual, later
			offset = d.Read
		}
		read, clicked := s.engagedLocked(msg) // analytics.go
		events = s.talliedLocked(msg, statusEvents(msg, plan.bizOpaque, plan.cost, d, offset, conv), read)
		if msg.ActivitySharing && plan.click != "" && clicked {
			events = append(events, s.clickTalliedLocked(msg, plannedEvent{delay: offset + d.Click, value: func(now time.Time) map[string]any {
				return map[string]any{"user_actions": []any{clickAction(now, plan.click)}}
			}}))
		}
	}
	s.runEventsLocked(events, msg.Time)
}

// runEventsLocked delivers events in a goroutine. Effects run even when no
// webhook is configured: they are what the API does, not what it reports.
func (s *Server) runEventsLocked(events []plannedEvent, sentAt time.Time) {
	var url string
	var headers map[string]string
	if cfg := s.state.Webhook; cfg != nil {
		url, headers = cfg.URL, cloneHeaders(cfg.Headers)
	}
	hasEffect := false
	for _, ev := range events {
		hasEffect = hasEffect || ev.effect != nil
	}
	if url == "" && !hasEffect {
		return
	}
	meta := map[string]string{"display_phone_number": s.state.DisplayPhoneNumber, "phone_number_id": s.state.PhoneNumberID}
	wabaID := s.state.WABAID
	logGen := s.logGen
	ctx, gen, ok := s.emitter.start()
	if !ok {
		return
	}
	// Event times are the send time plus the delay, so the goroutine never
	// calls Options.Now, which a test may change without locking.
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
			if ev.effect != nil {
				s.mu.Lock()
				if s.emitter.current(gen) {
					ev.effect(&s.state)
				}
				s.mu.Unlock()
			}
			if url == "" {
				continue
			}
			at := sentAt.Add(ev.delay)
			value := ev.value(at)
			if value == nil {
				continue
			}
			var body []byte
			if ev.field == "" {
				value["messaging_product"] = "whatsapp"
				value["metadata"] = meta
				body = envelope(wabaID, nil, "messages", value)
			} else {
				// WABA-level fields carry entry[].time, as an integer
				// (message_template_status_update reference).
				t := at.Unix()
				body = envelope(wabaID, &t, ev.field, value)
			}
			s.deliver(ctx, gen, logGen, url, headers, body, sentAt.Add(time.Since(start)))
		}
	}()
}

func envelope(entryID string, t *int64, field string, value map[string]any) []byte {
	entry := map[string]any{"id": entryID, "changes": []any{map[string]any{"field": field, "value": value}}}
	if t != nil {
		entry["time"] = *t
	}
	body, _ := json.Marshal(map[string]any{"object": "whatsapp_business_account", "entry": []any{entry}})
	return body
}

// graphMajor turns "v23.0" into 23 (0 if it cannot).
func graphMajor(v string) int {
	major, _, _ := strings.Cut(strings.TrimPrefix(strings.TrimSpace(v), "v"), ".")
	n, _ := strconv.Atoi(major)
	return n
}

// recipientFields are the identifiers of a status. For a send to a BSUID,
// https://developers.facebook.com/documentation/business-messaging/whatsapp/business-scoped-user-ids
// ("Status messages webhooks"): recipient_user_id is the BSUID, recipient_id
// "Will be omitted if you sent the message to the user's BSUID ... and we
// are unable to include their phone number" (the mock never knows it, the
// strictest case), and contacts[] (user_id) comes with sent, delivered and
// read but "Will be omitted entirely for failed status messages webhooks".
// Sends to a phone number keep the documented recipient_id only: the mock
// has no BSUID for a phone number.
func recipientFields(msg SentMessage, status map[string]any, value map[string]any, failed bool) {
	if msg.To != "" {
		status["recipient_id"] = msg.To
		return
	}
	status["recipient_user_id"] = msg.Recipient
	if !failed {
		// profile.name is in the documented shape; the mock has no real
		// display name, so it sends a fixed one.
		value["contacts"] = []any{map[string]any{"profile": map[string]string{"name": mockUserName}, "user_id": msg.Recipient}}
	}
}

const mockUserName = "Mock User"

// statusEvents builds sent, delivered and read, offset after the send.
// conversation is included only for webhook versions before v24.0: "Omitted
// entirely for v24.0+ unless webhook is for a free entry point conversation"
// (https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/status);
// the mock has no free entry point windows. cost, when set, goes into the
// pricing of delivered only (webhook_cost.go says why).
func statusEvents(msg SentMessage, bizOpaque string, cost map[string]any, d WebhookDelays, offset time.Duration, withConversation bool) []plannedEvent {
	// Before v24.0 the conversation id is "a unique ID per-message" (same page).
	conversationID := randomString("0123456789abcdef", 32)
	// PMP is the pricing model since 2025-07-01 (same page: CBP "Will only be
	// set to this value if the webhook was sent before July 1, 2025").
	// Service messages are free under PMP.
	pricing := map[string]any{"billable": true, "pricing_model": "PMP", "type": "regular", "category": msg.PricingCategory}
	if msg.PricingCategory == "service" {
		pricing = map[string]any{"billable": false, "pricing_model": "PMP", "type": "free_customer_service", "category": "service"}
	}
	status := func(name string, withPricing bool) func(time.Time) map[string]any {
		return func(now time.Time) map[string]any {
			st := map[string]any{"id": msg.ID, "status": name, "timestamp": unix(now)}
			value := map[string]any{}
			recipientFields(msg, st, value, false)
			if bizOpaque != "" {
				st["biz_opaque_callback_data"] = bizOpaque
			}
			if withPricing {
				if withConversation {
					conv := map[string]any{"id": conversationID, "origin": map[string]string{"type": msg.PricingCategory}}
					if name == "sent" {
						conv["expiration_timestamp"] = unix(now.Add(24 * time.Hour))
					}
					st["conversation"] = conv
				}
				st["pricing"] = pricing
				if name == "delivered" && cost != nil {
					st["pricing"] = withCost(pricing, cost)
				}
			}
			value["statuses"] = []any{st}
			return value
		}
	}
	return []plannedEvent{
		{delay: offset + d.Sent, value: status("sent", true)},
		{delay: offset + d.Delivered, value: status("delivered", true)},
		{delay: offset + d.Read, value: status("read", false)},
	}
}

// withCost is a copy of pricing with its cost object: the sent event
// shares pricing and carries none.
func withCost(pricing, cost map[string]any) map[string]any {
	out := make(map[string]any, len(pricing)+1)
	for k, v := range pricing {
		out[k] = v
	}
	out["cost"] = cost
	return out
}

// failedStatus is a failed status with errors[] in the shape of the status
// webhook reference's failed example (code, title, message = title,
// error_data.details, href); it has no conversation or pricing.
func failedStatus(msg SentMessage, plan sendPlan, code int) func(time.Time) map[string]any {
	e := asyncErrors[code]
	return func(now time.Time) map[string]any {
		st := map[string]any{"id": msg.ID, "status": "failed", "timestamp": unix(now),
			"errors": []any{map[string]any{
				"code": code, "title": e.title, "message": e.title,
				"error_data": map[string]string{"details": e.details},
				"href":       "/documentation/business-messaging/whatsapp/support/error-codes",
			}}}
		value := map[string]any{}
		recipientFields(msg, st, value, true)
		if plan.bizOpaque != "" {
			st["biz_opaque_callback_data"] = plan.bizOpaque
		}
		value["statuses"] = []any{st}
		return value
	}
}

// clickAction is a marketing_messages_link_click with the given
// click_component (see clickComponent for its casing).
func clickAction(now time.Time, component string) map[string]any {
	return map[string]any{
		"timestamp":   unix(now),
		"action_type": "marketing_messages_link_click",
		"marketing_messages_link_click_data": map[string]string{
			"tracking_token":  randomString(alnum, 24),
			"click_id":        randomString(alnum, 32),
			"click_component": component,
		},
	}
}

func unix(t time.Time) string { return strconv.FormatInt(t.Unix(), 10) }

// deliver POSTs one event and records the outcome, unless the records were
// cleared since the send (logGen). A failing receiver is recorded, never
// fatal.
func (s *Server) deliver(ctx context.Context, gen int, logGen uint64, url string, headers map[string]string, body []byte, at time.Time) {
	rec := WebhookDelivery{Time: at, URL: url, Body: body}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.deliveryTarget(url), bytes.NewReader(body))
	if err == nil {
		for k, v := range headers {
			req.Header.Set(k, v)
		}
		req.Header.Set("Content-Type", "application/json")
		if req.URL.Path == InboxPath {
			// Only to an inbox, never to a user's receiver: 360dialog
			// sends no such header.
			req.Header.Set(inboxGenHeader, s.id+" "+strconv.FormatUint(logGen, 10))
		}
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
	if s.emitter.current(gen) && s.logGen == logGen {
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
