package mock360

import (
	"encoding/json"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Template analytics, as the mock models them.
//
// 360dialog proxies Meta's template analytics: "You must confirm template
// analytics on your WhatsApp Business Account before you can get template
// analytics" and the analytics answer "How many times was a template sent,
// delivered, or read?" and "how many times were they clicked?"
// (https://docs.360dialog.com/docs/resources/templates/template-analytics).
// Its OpenAPI lists "Get Template Analytics", GET
// /marketing/template_analytics, "Retrieve analytics data for message
// templates including delivery and engagement metrics"
// (https://docs.360dialog.com/docs/messaging-api/api-reference/marketing-messages).
// The query parameters were not readable there; the mock takes Meta's names
// for the same query (start, end, granularity, template_ids, metric_types:
// https://developers.facebook.com/documentation/business-messaging/whatsapp/analytics#template-analytics),
// which is inferred. The answer has the shape of Meta's "Template analytics
// response example" (data[].granularity, product_type, data_points[] with
// template_id, start, end, sent, delivered, read, clicked[], cost[] of
// amount_spent and cost_per_delivered) on the max price page
// (https://developers.facebook.com/documentation/business-messaging/whatsapp/marketing-messages/pricing).
//
// The numbers are what the mock really did: a send counts as sent,
// delivered, read or clicked once the emitter has fired that event for it
// (webhook_emitter.go), whether or not a webhook is configured. Data points
// are per UTC day of the send ("Data is reported with daily granularity in
// UTC time by default", 360dialog's page above).
//
// Cost is the mock's own model, not Meta's price list: every delivered
// marketing message costs mockPricePerDelivery, and a Marketing Messages
// delivery of a template with a max price costs at most that max price
// (bid_amount is "per 1,000 deliveries" in the currency's smallest unit,
// template_pricing.go), because Meta charges "that max price or lower".
// Conversion metrics need a Pixel or Conversions API events, which the mock
// does not have: it reports none.

// mockPricePerDelivery is the mock's list price of a delivered marketing
// message, in the WABA currency's base unit.
const mockPricePerDelivery = 0.025

// maxAnalyticsDays is Meta's template analytics lookback: "The lookback
// window for template and template group analytics ... will continue to be
// 90 days"
// (https://developers.facebook.com/documentation/business-messaging/whatsapp/analytics).
const maxAnalyticsDays = 90

// analyticsLedger is what the emitter did per send, and the engagement rates
// a test set.
type analyticsLedger struct {
	events map[string]*sendEvents // by message id
	rates  map[string]Engagement  // by template name
	seen   map[string]int         // sends per template since its rates were set
}

// sendEvents are the events fired for one send.
type sendEvents struct{ sent, delivered, read, clicked bool }

// Engagement sets the share of a template's sends that the mock reads and
// clicks (POST /_mock/engagement). Deterministic: of the first n sends after
// the rates are set, exactly floor(n*rate) are read (clicked).
type Engagement struct {
	Template  string  `json:"template"`
	ReadRate  float64 `json:"read_rate"`
	ClickRate float64 `json:"click_rate"`
}

// SetEngagement sets the read and click rates of a template's next sends.
func (s *Server) SetEngagement(e Engagement) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.analytics.rates == nil {
		s.analytics.rates, s.analytics.seen = map[string]Engagement{}, map[string]int{}
	}
	s.analytics.rates[e.Template] = e
	s.analytics.seen[e.Template] = 0
}

// hit says whether the k-th event of a stream at rate r happens: exactly
// floor(n*r) of the first n do.
func hit(k int, r float64) bool {
	const eps = 1e-9
	return math.Floor(float64(k)*r+eps) > math.Floor(float64(k-1)*r+eps)
}

// engagedLocked decides a send's read and click from its template's rates:
// both happen when no rates are set, as before rates existed.
func (s *Server) engagedLocked(msg SentMessage) (read, click bool) {
	e, ok := s.analytics.rates[msg.TemplateName]
	if !ok || msg.TemplateName == "" {
		return true, true
	}
	s.analytics.seen[msg.TemplateName]++
	k := s.analytics.seen[msg.TemplateName]
	return hit(k, e.ReadRate), hit(k, e.ClickRate)
}

// talliedLocked drops the read event of an unread send and makes sent,
// delivered and read (statusEvents' order) record themselves in the ledger
// when they fire.
func (s *Server) talliedLocked(msg SentMessage, status []plannedEvent, read bool) []plannedEvent {
	if s.analytics.events == nil {
		s.analytics.events = map[string]*sendEvents{}
	}
	rec := &sendEvents{}
	s.analytics.events[msg.ID] = rec
	marks := []*bool{&rec.sent, &rec.delivered, &rec.read}
	out := make([]plannedEvent, 0, len(status))
	for i, ev := range status {
		if i == 2 && !read {
			continue
		}
		out = append(out, recording(ev, marks[min(i, 2)]))
	}
	return out
}

// clickTalliedLocked makes a click event record itself when it fires.
func (s *Server) clickTalliedLocked(msg SentMessage, ev plannedEvent) plannedEvent {
	if rec := s.analytics.events[msg.ID]; rec != nil {
		return recording(ev, &rec.clicked)
	}
	return ev
}

// recording sets *mark when ev fires (under the lock, in runEventsLocked).
func recording(ev plannedEvent, mark *bool) plannedEvent {
	effect := ev.effect
	ev.effect = func(st *State) {
		*mark = true
		if effect != nil {
			effect(st)
		}
	}
	return ev
}

// analyticsQuery is a parsed GET /marketing/template_analytics.
type analyticsQuery struct {
	start, end  time.Time
	templateIDs []string
	metrics     map[string]bool // upper case; empty = all
}

func parseAnalyticsQuery(r *http.Request) (analyticsQuery, *apiError) {
	q := r.URL.Query()
	var aq analyticsQuery
	unixParam := func(name string) (time.Time, *apiError) {
		n, err := strconv.ParseInt(q.Get(name), 10, 64)
		if err != nil {
			return time.Time{}, invalidParameter("Param " + name + " must be a UNIX timestamp")
		}
		return time.Unix(n, 0).UTC(), nil
	}
	var apiErr *apiError
	if aq.start, apiErr = unixParam("start"); apiErr != nil {
		return aq, apiErr
	}
	if aq.end, apiErr = unixParam("end"); apiErr != nil {
		return aq, apiErr
	}
	// Meta: times not on a day boundary are floored (start) and rounded up
	// (end) to 00:00 UTC.
	aq.start = aq.start.Truncate(24 * time.Hour)
	if t := aq.end.Truncate(24 * time.Hour); !t.Equal(aq.end) {
		aq.end = t.Add(24 * time.Hour)
	}
	if !aq.end.After(aq.start) {
		return aq, invalidParameter("Param end must be after start")
	}
	if aq.end.Sub(aq.start) > maxAnalyticsDays*24*time.Hour {
		return aq, invalidParameter("The time range must be at most " + strconv.Itoa(maxAnalyticsDays) + " days")
	}
	if g := q.Get("granularity"); g != "" && !strings.EqualFold(g, "DAILY") {
		return aq, invalidParameter("Param granularity must be DAILY")
	}
	aq.templateIDs = listParam(q.Get("template_ids"))
	if len(aq.templateIDs) == 0 {
		return aq, invalidParameter("Param template_ids is required")
	}
	aq.metrics = map[string]bool{}
	for _, m := range listParam(q.Get("metric_types")) {
		aq.metrics[strings.ToUpper(m)] = true
	}
	return aq, nil
}

// listParam reads a Graph list parameter: a JSON array of strings or
// numbers, or a comma-separated list.
func listParam(v string) []string {
	v = strings.TrimSpace(v)
	if v == "" {
		return nil
	}
	var raw []json.RawMessage
	if json.Unmarshal([]byte(v), &raw) == nil {
		out := make([]string, 0, len(raw))
		for _, r := range raw {
			out = append(out, strings.Trim(string(r), `"`))
		}
		return out
	}
	var out []string
	for _, p := range strings.Split(v, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// dayPoint is one template's day.
type dayPoint struct {
	sent, delivered, read, clicked int
	spent                          float64
}

func (s *Server) handleTemplateAnalytics(w http.ResponseWriter, r *http.Request) {
	aq, apiErr := parseAnalyticsQuery(r)
	if apiErr != nil {
		writeAPIError(w, apiErr, false)
		return
	}
	writeJSON(w, http.StatusOK, s.templateAnalytics(aq))
}

func (s *Server) templateAnalytics(aq analyticsQuery) map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	days := int(aq.end.Sub(aq.start) / (24 * time.Hour))
	type key struct{ product, id string }
	points := map[key][]dayPoint{}
	clickText := map[string]string{}
	byNameLang := map[[2]string]Template{}
	for _, t := range s.state.Templates {
		byNameLang[[2]string{t.Name, t.Language}] = t
	}
	for _, msg := range s.state.Messages {
		t, ok := byNameLang[[2]string{msg.TemplateName, msg.Language}]
		if !ok || !slices.Contains(aq.templateIDs, t.ID) || msg.Time.Before(aq.start) || !msg.Time.Before(aq.end) {
			continue
		}
		ev := s.analytics.events[msg.ID]
		if ev == nil || !ev.sent {
			continue
		}
		k := key{productType(msg), t.ID}
		if points[k] == nil {
			points[k] = make([]dayPoint, days)
		}
		p := &points[k][int(msg.Time.Sub(aq.start)/(24*time.Hour))]
		p.sent++
		if ev.delivered {
			p.delivered++
			p.spent += deliveryPrice(msg, t)
		}
		if ev.read {
			p.read++
		}
		if ev.clicked {
			p.clicked++
			clickText[t.ID] = linkButtonText(t)
		}
	}
	want := func(m string) bool { return len(aq.metrics) == 0 || aq.metrics[m] }
	data := []any{}
	for _, product := range []string{"MARKETING_MESSAGES_LITE_API", "CLOUD_API"} {
		var dps []any
		for _, id := range aq.templateIDs {
			for i, p := range points[key{product, id}] {
				start := aq.start.Add(time.Duration(i) * 24 * time.Hour)
				dp := map[string]any{"template_id": id, "start": start.Unix(), "end": start.Add(24 * time.Hour).Unix()}
				if want("SENT") {
					dp["sent"] = p.sent
				}
				if want("DELIVERED") {
					dp["delivered"] = p.delivered
				}
				if want("READ") {
					dp["read"] = p.read
				}
				if want("CLICKED") && p.clicked > 0 {
					dp["clicked"] = []any{map[string]any{"type": "url_button", "button_content": clickText[id], "count": p.clicked}}
				}
				if want("COST") {
					cost := []any{map[string]any{"type": "amount_spent", "value": round6(p.spent)}}
					if p.delivered > 0 {
						cost = append(cost, map[string]any{"type": "cost_per_delivered", "value": round6(p.spent / float64(p.delivered))})
					}
					dp["cost"] = cost
				}
				dps = append(dps, dp)
			}
		}
		if len(dps) > 0 {
			data = append(data, map[string]any{"granularity": "DAILY", "product_type": product, "data_points": dps})
		}
	}
	return map[string]any{"data": data}
}

// productType is the template analytics product_type of a send: Meta's max
// price page says MM sends appear with product_type
// MARKETING_MESSAGES_LITE_API; others are Cloud API sends.
func productType(msg SentMessage) string {
	if msg.PricingCategory == "marketing_lite" {
		return "MARKETING_MESSAGES_LITE_API"
	}
	return "CLOUD_API"
}

// deliveryPrice is the mock's charge for one delivery (see the top of this
// file): marketing only, capped by the template's max price on MM.
func deliveryPrice(msg SentMessage, t Template) float64 {
	if msg.PricingCategory != "marketing_lite" && msg.PricingCategory != "marketing" {
		return 0
	}
	price := mockPricePerDelivery
	if t.MaxPrice != nil && msg.PricingCategory == "marketing_lite" {
		price = math.Min(price, float64(t.MaxPrice.BidAmount)/100/1000)
	}
	return price
}

// linkButtonText is the text of the template's first URL button.
func linkButtonText(t Template) string {
	for _, c := range t.Components {
		for _, b := range c.Buttons {
			if strings.EqualFold(b.Type, "URL") {
				return b.Text
			}
		}
	}
	return ""
}

func round6(f float64) float64 { return math.Round(f*1e6) / 1e6 }
