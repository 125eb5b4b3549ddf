package mock360

// The charge a status webhook reports for a max-price send.
//
// Meta's max price page, "Metrics and billing"
// (https://developers.facebook.com/documentation/business-messaging/whatsapp/marketing-messages/pricing):
// "When max price is enabled, the delivered and read status webhooks also
// include a `cost` object with the estimated charge for the message", inside
// pricing, as in its example
//
//	"pricing": {"billable": true, "pricing_model": "PMP", "category": "marketing_lite",
//	            "type": "regular", "cost": {"amount": 0.035, "currency": "USD"}}
//
// Its "Webhook cost fields" table: amount, Float, "Cost of the delivered or
// read message. Appears on `delivered` and `read` events. The unit is the
// currency base unit (dollar for USD, rupee for INR), consistent with the
// analytics API `cost` field"; currency, String, "WABA-supported currency in
// ISO format". And: "The price reported in the delivered/read webhook may
// differ from the final charge on your invoice".
//
// Which event carries it: the status webhook reference
// (https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/status)
// includes pricing "only ... with sent status, and one of either delivered
// or read status" ("the object can only appear in one or the other"). The
// mock always emits delivered and puts pricing there, so the cost rides on
// delivered; sent carries pricing without a cost (the table names only
// delivered and read), and read carries no pricing at all.
//
// The amount is analytics.go's deliveryPrice, in the base unit like the
// analytics cost, so the webhooks of a test's sends add up to the
// amount_spent its template analytics report. No unit conversion is needed:
// deliveryPrice already turns bid_amount ("per 1,000 deliveries" in the
// smallest unit, template_pricing.go) into the base unit.

// statusCost is pricing.cost for the delivered status of msg, sent with
// template t, in the WABA currency ("" means USD, as for the reach
// estimate); nil when the send has no max price: a template without
// optimization_spec, or a send that did not go through /marketing_messages
// (a Cloud API fallback is priced "marketing", not "marketing_lite").
func statusCost(msg SentMessage, t Template, currency string) map[string]any {
	if t.MaxPrice == nil || msg.PricingCategory != "marketing_lite" {
		return nil
	}
	if currency == "" {
		currency = "USD"
	}
	return map[string]any{"amount": round6(deliveryPrice(msg, t)), "currency": currency}
}
