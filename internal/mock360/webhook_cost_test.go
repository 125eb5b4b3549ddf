package mock360

import (
	"fmt"
	"net/http"
	"testing"
	"time"
)

// capTemplate gives marketing_text_no_param a max price of bid (per 1,000
// deliveries, in the currency's smallest unit) and returns its id.
func capTemplate(st *State, bid int64) string {
	for i := range st.Templates {
		if st.Templates[i].Name == "marketing_text_no_param" {
			st.Templates[i].MaxPrice = &MaxPrice{BidAmount: bid, BidStrategy: "LOWEST_COST_WITH_BID_CAP"}
			return st.Templates[i].ID
		}
	}
	panic("marketing_text_no_param is not in the default state")
}

// Meta's max price page: with max price, delivered (and read) status
// webhooks carry pricing.cost {amount, currency}, amount in the currency's
// base unit; the status webhook reference puts pricing on sent and on one
// of delivered or read, which is delivered in the mock.
func TestStatusWebhooksCarryMaxPriceCost(t *testing.T) {
	for _, tc := range []struct {
		name, currency, wantCurrency string
		bid                          int64
		amount                       float64
	}{
		{"under the list price", "", "USD", 1500, 0.015},
		{"capped at the list price", "", "USD", 5000, mockPricePerDelivery},
		{"WABA currency", "INR", "INR", 1500, 0.015},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var id string
			mock, do := fidelityServer(t, func(st *State) {
				id = capTemplate(st, tc.bid)
				st.Currency = tc.currency
			})
			wamid, _ := sentID(t, do("POST", "/marketing_messages", send(nil)))
			d := waitDeliveries(t, mock, 3)
			status := func(name, extra string) string {
				return messagesEnvelope(`"statuses":[{"id":"` + wamid + `","status":"` + name +
					`","timestamp":"1772366400","recipient_id":"441234567890"` + extra + `}]`)
			}
			wantBody(t, d[0].Body, status("sent", ","+pricingMM))
			wantBody(t, d[1].Body, status("delivered", fmt.Sprintf(`,"pricing":{"billable":true,"pricing_model":"PMP","type":"regular","category":"marketing_lite","cost":{"amount":%v,"currency":%q}}`, tc.amount, tc.wantCurrency)))
			wantBody(t, d[2].Body, status("read", ""))

			// The same model as the template analytics: what the webhooks
			// reported is what analytics says was spent.
			day := fidelityNow.Truncate(24 * time.Hour)
			a := do("GET", fmt.Sprintf("/marketing/template_analytics?start=%d&end=%d&template_ids=%s&metric_types=COST",
				day.Unix(), day.Add(24*time.Hour).Unix(), id), nil)
			if a.status != http.StatusOK {
				t.Fatalf("analytics: %d %s", a.status, a.raw)
			}
			dp := a.body["data"].([]any)[0].(map[string]any)["data_points"].([]any)[0].(map[string]any)
			spent := dp["cost"].([]any)[0].(map[string]any)
			if spent["type"] != "amount_spent" || spent["value"] != tc.amount {
				t.Fatalf("analytics amount_spent %v, want %v (the webhook's amount)", spent, tc.amount)
			}
		})
	}
}

// Without a max price no status carries a cost: the pricing objects stay as
// the status webhook reference shows them.
func TestStatusWebhooksWithoutMaxPriceHaveNoCost(t *testing.T) {
	mock, do := fidelityServer(t, nil)
	wamid, _ := sentID(t, do("POST", "/marketing_messages", send(nil)))
	d := waitDeliveries(t, mock, 3)
	for i, name := range []string{"sent", "delivered", "read"} {
		extra := ""
		if name != "read" {
			extra = "," + pricingMM
		}
		wantBody(t, d[i].Body, messagesEnvelope(`"statuses":[{"id":"`+wamid+`","status":"`+name+`","timestamp":"1772366400","recipient_id":"441234567890"`+extra+`}]`))
	}
}

// statusCost decides alone: only MM sends of a max-price template, in the
// WABA currency, USD by default.
func TestStatusCost(t *testing.T) {
	capped := Template{MaxPrice: &MaxPrice{BidAmount: 1500}}
	mm := SentMessage{PricingCategory: "marketing_lite"}
	for _, tc := range []struct {
		name     string
		msg      SentMessage
		tpl      Template
		currency string
		want     string
	}{
		{"MM with max price", mm, capped, "", "map[amount:0.015 currency:USD]"},
		{"MM with max price, EUR", mm, capped, "EUR", "map[amount:0.015 currency:EUR]"},
		{"MM without max price", mm, Template{}, "", "map[]"},
		{"Cloud API marketing", SentMessage{PricingCategory: "marketing"}, capped, "", "map[]"},
		{"utility", SentMessage{PricingCategory: "utility"}, capped, "", "map[]"},
	} {
		if got := fmt.Sprint(statusCost(tc.msg, tc.tpl, tc.currency)); got != tc.want {
			t.Errorf("%s: statusCost = %s, want %s", tc.name, got, tc.want)
		}
	}
}
