package d360

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Template analytics: how a template performed.
//
// 360dialog, "Template Analytics"
// (https://docs.360dialog.com/docs/resources/templates/template-analytics):
// "How many times was a template sent, delivered, or read?", "how many
// times were they clicked?", and for Marketing Messages "off-site
// conversion metrics (e.g., app activations, checkouts, purchases) tied to
// templates". "You must confirm template analytics on your WhatsApp
// Business Account before you can get template analytics", through the
// WhatsApp Manager or POST /marketing/template_analytics?enable=true.
// 360dialog's OpenAPI lists the read as "Get Template Analytics", GET
// /marketing/template_analytics, "Retrieve analytics data for message
// templates including delivery and engagement metrics"
// (https://docs.360dialog.com/docs/messaging-api/api-reference/marketing-messages).
//
// Inferred: the parameter names. They are Meta's for the query that
// 360dialog proxies: start and end (UNIX timestamps), granularity (DAILY),
// template_ids and metric_types as Graph lists
// (https://developers.facebook.com/documentation/business-messaging/whatsapp/analytics#template-analytics).
// The answer is read as Meta's "Template analytics response example" on the
// max price page
// (https://developers.facebook.com/documentation/business-messaging/whatsapp/marketing-messages/pricing),
// tolerantly: wrapped in template_analytics or not, counts as numbers or
// strings, and any other numeric field of a data point (conversion metrics,
// whose names were not found documented) kept by its name.

// AnalyticsMetricTypes are the metric_types the client asks for: Meta's
// SENT, DELIVERED, READ and CLICKED, and COST, whose amount_spent and
// cost_per_delivered the max price page shows (COST as a metric type is
// inferred).
var AnalyticsMetricTypes = []string{"SENT", "DELIVERED", "READ", "CLICKED", "COST"}

// TemplateAnalyticsQuery selects templates and a time window.
type TemplateAnalyticsQuery struct {
	TemplateIDs []string
	Start, End  time.Time
}

// TemplateAnalytics is the answer: one entry per product type.
type TemplateAnalytics struct {
	Data []TemplateAnalyticsSeries `json:"data"`
}

// TemplateAnalyticsSeries is one product type's data points.
type TemplateAnalyticsSeries struct {
	Granularity string                   `json:"granularity"`
	ProductType string                   `json:"product_type"` // MARKETING_MESSAGES_LITE_API or CLOUD_API
	DataPoints  []TemplateAnalyticsPoint `json:"data_points"`
}

// TemplateAnalyticsPoint is one template's numbers for one period.
type TemplateAnalyticsPoint struct {
	TemplateID string
	Start, End int64
	Sent       int64
	Delivered  int64
	Read       int64
	Clicked    []ButtonClicks
	// Cost by type: amount_spent, cost_per_delivered, ...
	Cost map[string]float64
	// Other holds every other numeric field, such as conversion metrics.
	Other map[string]float64
}

// ButtonClicks counts the clicks of one button.
type ButtonClicks struct {
	Type          string `json:"type"` // url_button or quick_reply_button
	ButtonContent string `json:"button_content"`
	Count         int64  `json:"count"`
}

// Analytics reads the templates' analytics over [q.Start, q.End). Meta
// reports whole UTC days: the window is widened to day boundaries.
func (s *TemplatesService) Analytics(ctx context.Context, q TemplateAnalyticsQuery) (*TemplateAnalytics, error) {
	ids, _ := json.Marshal(q.TemplateIDs)
	metrics, _ := json.Marshal(AnalyticsMetricTypes)
	query := url.Values{
		"start":        {strconv.FormatInt(q.Start.Unix(), 10)},
		"end":          {strconv.FormatInt(q.End.Unix(), 10)},
		"granularity":  {"DAILY"},
		"template_ids": {string(ids)},
		"metric_types": {string(metrics)},
	}
	var raw json.RawMessage
	const path = "/marketing/template_analytics"
	if err := s.client.do(ctx, request{api: api360, method: http.MethodGet, path: path, query: query}, &raw); err != nil {
		return nil, err
	}
	out, err := DecodeTemplateAnalytics(raw)
	if err != nil {
		return nil, &UnusableAnswerError{Method: http.MethodGet, Path: path, Problem: err.Error()}
	}
	return out, nil
}

// DecodeTemplateAnalytics reads an answer, bare ({"data": [...]}) or as the
// Graph field ({"template_analytics": {"data": [...]}}).
func DecodeTemplateAnalytics(raw []byte) (*TemplateAnalytics, error) {
	var wrapped struct {
		TemplateAnalytics *struct {
			Data json.RawMessage `json:"data"`
		} `json:"template_analytics"`
		Data json.RawMessage `json:"data"`
	}
	if err := json.Unmarshal(raw, &wrapped); err != nil {
		return nil, fmt.Errorf("not a JSON object: %v", err)
	}
	data := wrapped.Data
	if wrapped.TemplateAnalytics != nil {
		data = wrapped.TemplateAnalytics.Data
	}
	if len(bytes.TrimSpace(data)) == 0 || bytes.Equal(bytes.TrimSpace(data), []byte("null")) {
		return nil, fmt.Errorf("no data array")
	}
	var series []struct {
		Granularity string            `json:"granularity"`
		ProductType string            `json:"product_type"`
		DataPoints  []json.RawMessage `json:"data_points"`
	}
	if err := json.Unmarshal(data, &series); err != nil {
		return nil, fmt.Errorf("data is not a list of series: %v", err)
	}
	out := &TemplateAnalytics{Data: make([]TemplateAnalyticsSeries, 0, len(series))}
	for _, sr := range series {
		ts := TemplateAnalyticsSeries{Granularity: sr.Granularity, ProductType: sr.ProductType}
		for _, rp := range sr.DataPoints {
			p, err := decodePoint(rp)
			if err != nil {
				return nil, err
			}
			ts.DataPoints = append(ts.DataPoints, p)
		}
		out.Data = append(out.Data, ts)
	}
	return out, nil
}

func decodePoint(raw json.RawMessage) (TemplateAnalyticsPoint, error) {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(raw, &fields); err != nil || fields == nil {
		return TemplateAnalyticsPoint{}, fmt.Errorf("a data point is not an object")
	}
	p := TemplateAnalyticsPoint{Cost: map[string]float64{}, Other: map[string]float64{}}
	for name, v := range fields {
		switch name {
		case "template_id":
			p.TemplateID = strings.Trim(string(v), `"`)
		case "start", "end", "sent", "delivered", "read":
			n, ok := analyticsNumber(v)
			if !ok {
				return p, fmt.Errorf("data point field %s is not a number", name)
			}
			*map[string]*int64{"start": &p.Start, "end": &p.End, "sent": &p.Sent, "delivered": &p.Delivered, "read": &p.Read}[name] = int64(n)
		case "clicked":
			if n, ok := analyticsNumber(v); ok { // a bare count: kept as one unnamed button
				p.Clicked = []ButtonClicks{{Count: int64(n)}}
				continue
			}
			if err := json.Unmarshal(v, &p.Clicked); err != nil {
				return p, fmt.Errorf("data point field clicked is not a list of button clicks")
			}
		case "cost":
			var costs []struct {
				Type  string          `json:"type"`
				Value json.RawMessage `json:"value"`
			}
			if err := json.Unmarshal(v, &costs); err != nil {
				return p, fmt.Errorf("data point field cost is not a list of costs")
			}
			for _, c := range costs {
				if n, ok := analyticsNumber(c.Value); ok {
					p.Cost[c.Type] += n
				}
			}
		default:
			if n, ok := analyticsNumber(v); ok {
				p.Other[name] = n
			}
		}
	}
	return p, nil
}

// analyticsNumber reads a JSON number, or a string holding one.
func analyticsNumber(v json.RawMessage) (float64, bool) {
	var f float64
	if json.Unmarshal(v, &f) == nil {
		return f, true
	}
	var s string
	if json.Unmarshal(v, &s) == nil {
		if f, err := strconv.ParseFloat(strings.TrimSpace(s), 64); err == nil {
			return f, true
		}
	}
	return 0, false
}

// TemplateMetrics are one template's (or a set's) totals.
type TemplateMetrics struct {
	Sent, Delivered, Read int64
	LinkClicks, Clicks    int64
	Cost                  float64
	Other                 map[string]float64
}

// Totals sums the answer per template id.
func (a *TemplateAnalytics) Totals() map[string]*TemplateMetrics {
	out := map[string]*TemplateMetrics{}
	for _, s := range a.Data {
		for _, p := range s.DataPoints {
			m := out[p.TemplateID]
			if m == nil {
				m = &TemplateMetrics{Other: map[string]float64{}}
				out[p.TemplateID] = m
			}
			m.Sent += p.Sent
			m.Delivered += p.Delivered
			m.Read += p.Read
			for _, c := range p.Clicked {
				m.Clicks += c.Count
				if c.Type == "url_button" {
					m.LinkClicks += c.Count
				}
			}
			m.Cost += p.Cost["amount_spent"]
			for k, v := range p.Other {
				m.Other[k] += v
			}
		}
	}
	return out
}
