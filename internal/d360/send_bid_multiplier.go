package d360

import "math"

// SendBidSpec is the bid_spec of a send: the per-message multiplier of the
// template's max price. Meta's "Adjust max-price when sending messages"
// (https://developers.facebook.com/documentation/business-messaging/whatsapp/marketing-messages/pricing)
// puts it at the top level of the /marketing_messages body as
// "bid_spec": {"per_message_bid_multiplier": ...}, a Float, optional,
// default 1: "A positive multiplier applied to the template's bid_amount".
// The send keeps the name bid_spec although a template's max price is now
// its optimization_spec.
type SendBidSpec struct {
	PerMessageBidMultiplier float64 `json:"per_message_bid_multiplier"`
}

// EffectiveMaxPrice is the max price of one send of a template whose max
// price is t's, scaled by multiplier: per 1,000 deliveries, in the smallest
// unit of the WABA's currency, rounded to the nearest unit. Meta's example
// (same page): a bid_amount of 2000 and a multiplier of 1.5 give 3000. ok
// is false when t has no max price, so there is nothing to scale.
func EffectiveMaxPrice(t *Template, multiplier float64) (amount int64, ok bool) {
	mp := t.MaxPrice()
	if mp == nil || mp.BidAmount < 1 {
		return 0, false
	}
	return int64(math.Round(float64(mp.BidAmount) * multiplier)), true
}
