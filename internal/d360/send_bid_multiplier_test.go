package d360

import "testing"

func TestEffectiveMaxPrice(t *testing.T) {
	// Meta's example: bid_amount 2000, multiplier 1.5, effective 3000.
	tmpl := &Template{OptimizationSpec: &MaxPrice{BidAmount: 2000}}
	if got, ok := EffectiveMaxPrice(tmpl, 1.5); !ok || got != 3000 {
		t.Fatalf("EffectiveMaxPrice = %d, %v; want 3000, true", got, ok)
	}
	if _, ok := EffectiveMaxPrice(&Template{}, 1.5); ok {
		t.Fatal("a template without a max price has no effective max price")
	}
}
