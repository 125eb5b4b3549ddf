package mock360

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// Max price for marketing messages, as the mock models it.
//
// Meta, "Set a max price for marketing messages (BETA)":
// https://developers.facebook.com/documentation/business-messaging/whatsapp/marketing-messages/pricing
// a bid_amount "per 1,000 deliveries", set at the template level; Meta
// charges "that max price or lower". Its enrolment page (June 2026):
// https://developers.facebook.com/documentation/business-messaging/whatsapp/marketing-messages/pricing/enroll-max-price
// moves bid_amount and bid_strategy from bid_spec into optimization_spec and
// drops bid_spec after 31 July 2026. 360dialog, "Max price for marketing
// messages":
// https://docs.360dialog.com/docs/resources/marketing-messages/max-price-for-marketing-messages
// per template, per 1,000 deliveries, for marketing templates on the
// Marketing Messages API.
//
// The pricing page's create parameters make bid_strategy "Required" and
// say "Currently supports only LOWEST_COST_WITH_BID_CAP" (parseMaxPrice);
// its "Error codes" give 131061 for such a template on the Cloud API
// (cloudMaxPriceRefused in messages.go).
//
// Not modelled: per-country adjustments, a per-send multiplier and a charge
// field in status webhooks.

// MaxPrice is a template's optimization_spec.
type MaxPrice struct {
	BidAmount   int64  `json:"bid_amount"`
	BidStrategy string `json:"bid_strategy,omitempty"`
}

const bidAmountRule = "Param optimization_spec['bid_amount'] must be a positive integer: the max price per 1,000 deliveries."

// parseMaxPrice checks a create body's max price. The refusals use Meta's
// generic (#100) with details, as the mock does for other template fields;
// refusing bid_spec (rather than ignoring it) is the mock's reading of "no
// longer supported", so that a client still sending it is caught.
func parseMaxPrice(category string, optimization, legacy json.RawMessage) (*MaxPrice, *apiError) {
	if isPresent(legacy) {
		return nil, invalidParameter("bid_spec is no longer supported since 31 July 2026: send bid_amount and bid_strategy inside optimization_spec.")
	}
	if !isPresent(optimization) {
		return nil, nil
	}
	if category != "MARKETING" {
		return nil, invalidParameter(fmt.Sprintf("A max price (optimization_spec) can only be set on MARKETING templates; this template's category is %s.", category))
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(optimization, &fields); err != nil {
		return nil, invalidParameter("Param optimization_spec must be an object.")
	}
	amount := bytes.TrimSpace(fields["bid_amount"])
	if !isPresent(amount) {
		return nil, invalidParameter("The parameter optimization_spec['bid_amount'] is required.")
	}
	var n json.Number
	dec := json.NewDecoder(bytes.NewReader(amount))
	dec.UseNumber()
	// json.Number would also take "87000"; the documented type is a number.
	if amount[0] == '"' || dec.Decode(&n) != nil {
		return nil, invalidParameter(bidAmountRule)
	}
	v, err := n.Int64()
	if err != nil || v < 1 {
		return nil, invalidParameter(bidAmountRule)
	}
	out := &MaxPrice{BidAmount: v}
	// "<BID_STRATEGY> Enum Required. The bid strategy to use. Currently
	// supports only LOWEST_COST_WITH_BID_CAP."
	// (https://developers.facebook.com/documentation/business-messaging/whatsapp/marketing-messages/pricing)
	raw := fields["bid_strategy"]
	if !isPresent(raw) {
		return nil, invalidParameter("The parameter optimization_spec['bid_strategy'] is required.")
	}
	if json.Unmarshal(raw, &out.BidStrategy) != nil || !slices.Contains(bidStrategies, out.BidStrategy) {
		return nil, invalidParameter(fmt.Sprintf("Param optimization_spec['bid_strategy'] must be one of {%s}; got %s.",
			strings.Join(bidStrategies, ", "), bytes.TrimSpace(raw)))
	}
	return out, nil
}

// bidStrategies are the documented bid_strategy values, exactly as spelt.
var bidStrategies = []string{"LOWEST_COST_WITH_BID_CAP"}

func isPresent(raw json.RawMessage) bool {
	s := strings.TrimSpace(string(raw))
	return s != "" && s != "null"
}

// checkMaxPriceRecipient applies Meta's rule from "Send marketing messages":
// https://developers.facebook.com/documentation/business-messaging/whatsapp/marketing-messages/send-marketing-messages
// a BSUID recipient with a max-price (bid_spec) template fails with 131062.
func checkMaxPriceRecipient(msg SentMessage, t Template) *apiError {
	if msg.Recipient == "" || t.MaxPrice == nil {
		return nil
	}
	return whatsappError(131062, metaMessage(131062),
		fmt.Sprintf("Template %s (%s) has a max price (optimization_spec); send it to a phone number (to), not a BSUID.", t.Name, t.Language))
}
