package d360

import (
	"testing"
)

func TestDecodeTemplateAnalytics_metaExample(t *testing.T) {
	// Meta's "Template analytics response example", plus a click and a
	// conversion metric.
	a, err := DecodeTemplateAnalytics([]byte(`{"data":[{"granularity":"DAILY","product_type":"MARKETING_MESSAGES_LITE_API","data_points":[
	 {"template_id":"1421988012088524","start":1718064000,"end":1718150400,"sent":1,"delivered":1,"read":1,
	  "clicked":[{"type":"url_button","button_content":"Shop","count":1},{"type":"quick_reply_button","button_content":"Stop","count":2}],
	  "cost":[{"type":"amount_spent","value":0.01},{"type":"cost_per_delivered","value":0.01}],"website_purchase":3}]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	m := a.Totals()["1421988012088524"]
	if m == nil || m.Sent != 1 || m.Delivered != 1 || m.Read != 1 || m.LinkClicks != 1 || m.Clicks != 3 || m.Cost != 0.01 || m.Other["website_purchase"] != 3 {
		t.Fatalf("totals: %+v", m)
	}
	if _, err := DecodeTemplateAnalytics([]byte(`{"error":"x"}`)); err == nil {
		t.Fatal("an answer without data was accepted")
	}
}
