package d360

import (
	"encoding/json"
	"reflect"
	"testing"
)

// The create body carries the max price in optimization_spec, bid_amount as
// a JSON integer and no bid_strategy when none is set.
func TestTemplateMaxPriceWire(t *testing.T) {
	tpl := Template{Name: "sale", Language: "en", Category: "MARKETING", OptimizationSpec: &MaxPrice{BidAmount: 87000}}
	b, err := json.Marshal(tpl)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]json.RawMessage
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if s := string(got["optimization_spec"]); s != `{"bid_amount":87000}` {
		t.Fatalf("optimization_spec = %s", s)
	}
	if _, ok := got["bid_spec"]; ok {
		t.Fatalf("the retired bid_spec was sent: %s", b)
	}
	tpl.OptimizationSpec.BidStrategy = BidStrategyLowestCostWithBidCap
	b, _ = json.Marshal(tpl)
	_ = json.Unmarshal(b, &got)
	if s := string(got["optimization_spec"]); s != `{"bid_amount":87000,"bid_strategy":"LOWEST_COST_WITH_BID_CAP"}` {
		t.Fatalf("optimization_spec = %s", s)
	}
}

// Reading is tolerant: the legacy bid_spec object, and a bid_amount sent as
// a numeric string, are both understood.
func TestTemplateMaxPriceRead(t *testing.T) {
	cases := map[string]MaxPrice{
		`{"name":"a","optimization_spec":{"bid_amount":1500,"bid_strategy":"X"}}`:         {BidAmount: 1500, BidStrategy: "X"},
		`{"name":"a","bid_spec":{"bid_amount":"2500"}}`:                                   {BidAmount: 2500},
		`{"name":"a","optimization_spec":{"bid_amount":10},"bid_spec":{"bid_amount":20}}`: {BidAmount: 10},
	}
	for in, want := range cases {
		var tpl Template
		if err := json.Unmarshal([]byte(in), &tpl); err != nil {
			t.Fatalf("%s: %v", in, err)
		}
		got := tpl.MaxPrice()
		if got == nil || *got != want {
			t.Fatalf("%s: MaxPrice() = %+v, want %+v", in, got, want)
		}
	}
	var none Template
	_ = json.Unmarshal([]byte(`{"name":"a"}`), &none)
	if none.MaxPrice() != nil {
		t.Fatal("a template without a max price reported one")
	}
}

// A max price is for MARKETING templates and a positive amount; each rule
// broken is one problem, with the part a caller points at.
func TestCheckMaxPrice(t *testing.T) {
	if p := CheckMaxPrice("MARKETING", 1); p != nil {
		t.Fatalf("valid max price refused: %v", p)
	}
	if p := CheckMaxPrice("marketing", 87000); p != nil {
		t.Fatalf("valid max price on a lower-case category refused: %v", p)
	}
	category := TemplateProblem{PartCategory,
		"a max price applies only to MARKETING templates (Meta charges it per marketing message delivery); this template's category is UTILITY"}
	amount := TemplateProblem{PartMaxPrice, "bid_amount must be a positive whole number per 1,000 deliveries; got 0"}
	for _, tc := range []struct {
		category string
		bid      int64
		want     []TemplateProblem
	}{
		{"UTILITY", 100, []TemplateProblem{category}},
		{"MARKETING", 0, []TemplateProblem{amount}},
		{"UTILITY", 0, []TemplateProblem{category, amount}},
	} {
		if got := CheckMaxPrice(tc.category, tc.bid); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("CheckMaxPrice(%s, %d) = %v, want %v", tc.category, tc.bid, got, tc.want)
		}
	}
}
