package d360

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// Max price for marketing messages (open beta since 1 October 2026).
//
// Sources:
//   - Meta, "Set a max price for marketing messages (BETA)":
//     https://developers.facebook.com/documentation/business-messaging/whatsapp/marketing-messages/pricing
//     "you express this as a bid_amount value per 1,000 deliveries", set "at
//     the template level"; Meta charges "that max price or lower".
//   - Meta, the same guide's enrolment page (June 2026 revision):
//     https://developers.facebook.com/documentation/business-messaging/whatsapp/marketing-messages/pricing/enroll-max-price
//     "bid_spec is being replaced by optimization_spec ... The bid_amount and
//     bid_strategy fields are unchanged — only the enclosing object name
//     changes", with bid_spec no longer supported after 31 July 2026.
//   - 360dialog, "Max price for marketing messages":
//     https://docs.360dialog.com/docs/resources/marketing-messages/max-price-for-marketing-messages
//     per template, per 1,000 deliveries, fields keep the names bid_amount
//     and bid_strategy.
//
// The unit (the smallest unit of the WABA's currency, e.g. cents) is stated
// only by third parties (dualhook.com/docs/marketing-max-price, hibot.live),
// not in the parts of Meta's or 360dialog's pages that could be read.
// A per-send multiplier and per-country adjustments are not modelled.

// BidStrategyLowestCostWithBidCap is the one bid_strategy Meta's max price
// page documents, in its create parameters: "<BID_STRATEGY> Enum Required.
// The bid strategy to use. Currently supports only LOWEST_COST_WITH_BID_CAP."
// (https://developers.facebook.com/documentation/business-messaging/whatsapp/marketing-messages/pricing).
const BidStrategyLowestCostWithBidCap = "LOWEST_COST_WITH_BID_CAP"

// BidStrategies are the bid_strategy values the same page allows.
var BidStrategies = []string{BidStrategyLowestCostWithBidCap}

// MaxPrice is the template's optimization_spec: the most paid per 1,000
// deliveries.
type MaxPrice struct {
	// BidAmount is per 1,000 deliveries.
	BidAmount int64 `json:"bid_amount"`
	// BidStrategy is one of BidStrategies. Meta marks it required on a
	// create, so the provider always sets it; an empty one is left out.
	BidStrategy string `json:"bid_strategy,omitempty"`
}

// MaxPrice is the template's max price as the API reported it, from
// optimization_spec or, for answers in the retired shape, bid_spec; nil
// when none is set.
func (t *Template) MaxPrice() *MaxPrice {
	if t.OptimizationSpec != nil {
		return t.OptimizationSpec
	}
	return t.BidSpec
}

// UnmarshalJSON accepts bid_amount as a number or a numeric string: Graph
// answers often carry integers as strings.
func (m *MaxPrice) UnmarshalJSON(b []byte) error {
	var raw struct {
		BidAmount   json.RawMessage `json:"bid_amount"`
		BidStrategy string          `json:"bid_strategy"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	m.BidStrategy = raw.BidStrategy
	amount := strings.Trim(string(bytes.TrimSpace(raw.BidAmount)), `"`)
	if amount == "" || amount == "null" {
		m.BidAmount = 0
		return nil
	}
	n, err := strconv.ParseInt(amount, 10, 64)
	if err != nil {
		return fmt.Errorf("bid_amount %s is not an integer: %w", raw.BidAmount, err)
	}
	m.BidAmount = n
	return nil
}

// CheckMaxPrice says what is wrong with a max price of bidAmount on a
// template of this category; nothing when it is fine. Meta's page offers
// max price for marketing message deliveries only, so another category is
// a PartCategory problem; an amount below 1 is a PartMaxPrice one.
func CheckMaxPrice(category string, bidAmount int64) []TemplateProblem {
	var problems []TemplateProblem
	if !strings.EqualFold(category, "MARKETING") {
		problems = append(problems, TemplateProblem{Part: PartCategory, Message: fmt.Sprintf(
			"a max price applies only to MARKETING templates (Meta charges it per marketing message delivery); this template's category is %s", category)})
	}
	if bidAmount < 1 {
		problems = append(problems, TemplateProblem{Part: PartMaxPrice, Message: fmt.Sprintf(
			"bid_amount must be a positive whole number per 1,000 deliveries; got %d", bidAmount)})
	}
	return problems
}
