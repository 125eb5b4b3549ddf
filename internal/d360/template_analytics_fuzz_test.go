package d360

import (
	"testing"
)

// FuzzDecodeTemplateAnalytics: any answer decodes or is refused with an
// error, never a panic, and totals never count more reads than the data
// points say.
func FuzzDecodeTemplateAnalytics(f *testing.F) {
	for _, s := range []string{
		`{"data":[{"granularity":"DAILY","product_type":"MARKETING_MESSAGES_LITE_API","data_points":[{"template_id":"1421988012088524","start":1718064000,"end":1718150400,"sent":1,"delivered":1,"read":1,"cost":[{"type":"amount_spent","value":0.01},{"type":"cost_per_delivered","value":0.01}]}]}]}`,
		`{"template_analytics":{"data":[{"data_points":[{"template_id":1,"sent":"3","clicked":[{"type":"url_button","button_content":"Shop","count":2}],"website_purchase":4}]}]}}`,
		`{"data":[{"data_points":[{"clicked":5}]}]}`, `{"data":null}`, `{}`, `[]`, `null`, ``, `{"data":[{"data_points":[1]}]}`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		a, err := DecodeTemplateAnalytics([]byte(raw))
		if err != nil {
			if a != nil {
				t.Fatal("an error with an answer")
			}
			return
		}
		var read int64
		for _, s := range a.Data {
			for _, p := range s.DataPoints {
				read += p.Read
			}
		}
		var total int64
		for _, m := range a.Totals() {
			total += m.Read
			if m.LinkClicks > m.Clicks && m.Clicks >= 0 && m.LinkClicks >= 0 {
				t.Fatalf("link clicks %d > clicks %d", m.LinkClicks, m.Clicks)
			}
		}
		if total != read {
			t.Fatalf("totals read %d, data points %d", total, read)
		}
	})
}
