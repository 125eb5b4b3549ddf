package mock360

import "testing"

func TestHitIsExactShare(t *testing.T) {
	for _, r := range []float64{0, 0.1, 0.25, 1.0 / 3, 0.5, 0.7, 1} {
		n := 0
		for k := 1; k <= 60; k++ {
			if hit(k, r) {
				n++
			}
		}
		if want := int(60*r + 1e-9); n != want {
			t.Errorf("rate %v: %d of 60, want %d", r, n, want)
		}
	}
}

func TestDeliveryPriceCappedByMaxPrice(t *testing.T) {
	tpl := Template{MaxPrice: &MaxPrice{BidAmount: 1500}} // 15.00 per 1,000 deliveries
	if got := deliveryPrice(SentMessage{PricingCategory: "marketing_lite"}, tpl); got != 0.015 {
		t.Errorf("MM with max price: %v, want 0.015", got)
	}
	if got := deliveryPrice(SentMessage{PricingCategory: "marketing"}, tpl); got != mockPricePerDelivery {
		t.Errorf("Cloud API marketing: %v, want the list price", got)
	}
	if got := deliveryPrice(SentMessage{PricingCategory: "utility"}, tpl); got != 0 {
		t.Errorf("utility: %v, want 0", got)
	}
}
