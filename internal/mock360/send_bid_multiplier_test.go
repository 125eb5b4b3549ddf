package mock360

import (
	"encoding/json"
	"testing"
)

// checkBidSpec follows Meta's "Adjust max-price when sending messages"
// (https://developers.facebook.com/documentation/business-messaging/whatsapp/marketing-messages/pricing).
func TestCheckBidSpec(t *testing.T) {
	for raw, ok := range map[string]bool{
		``: true, `null`: true, `{}`: true,
		`{"per_message_bid_multiplier":1.5}`: true, `{"per_message_bid_multiplier":0.01}`: true,
		`{"per_message_bid_multiplier":0}`: false, `{"per_message_bid_multiplier":-1}`: false,
		`{"per_message_bid_multiplier":"1.5"}`: false, `[]`: false,
	} {
		if got := checkBidSpec(json.RawMessage(raw)) == nil; got != ok {
			t.Errorf("checkBidSpec(%s) accepted = %v, want %v", raw, got, ok)
		}
	}
}
