package d360

import (
	"math"
	"strings"
	"testing"
	"unicode"
)

// FuzzDecodeReachEstimate: any answer decodes to sorted, unique, positive
// levels with ordered, finite, non-negative ranges and printable text, or to
// a problem; never both, never a panic, never more than maxReachEstimates.
func FuzzDecodeReachEstimate(f *testing.F) {
	for _, s := range []string{
		`{"currency":"USD","country":"BR","lookback_window":"L7D","disclaimer":"Estimates only.","estimates":[{"bid_amount":1500,"estimated_deliveries":500,"estimated_cost":700},{"bid_amount":3000,"estimated_deliveries":{"min":800,"max":900},"estimated_cost":{"min":1900,"max":2100}}]}`,
		`{"data":[{"currency":"INR","estimates":[{"bid_amount":"87000","estimated_deliveries":"12","estimated_spend":"9.5"}]}]}`,
		`{"estimates":[{"bid_amount":1e300},{"bid_amount":2,"estimated_deliveries":1e300,"estimated_cost":{"upper_bound":-1}}]}`,
		`{"estimates":[{"bid_amount":1},{"bid_amount":1.4},{"bid_amount":"NaN"},{"bid_amount":"Infinity"}]}`,
		`{"currency":"\u202eDSU\u001b[31m","estimates":[]}`, `{}`, `[]`, `null`, ``, `{"data":[{}]}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		est, problem := DecodeReachEstimate(body)
		if (est == nil) == (problem == "") {
			t.Fatalf("estimate %v with problem %q", est, problem)
		}
		if est == nil {
			return
		}
		if len(est.Estimates) > maxReachEstimates {
			t.Fatalf("%d estimates kept", len(est.Estimates))
		}
		for _, s := range []string{est.Currency, est.Country, est.LookbackWindow, est.Disclaimer} {
			if strings.IndexFunc(s, func(r rune) bool { return unicode.IsControl(r) || unicode.Is(unicode.Cf, r) }) >= 0 {
				t.Fatalf("unprintable text %q", s)
			}
		}
		for i, p := range est.Estimates {
			if p.BidAmount < 1 || (i > 0 && p.BidAmount <= est.Estimates[i-1].BidAmount) {
				t.Fatalf("levels not positive, sorted and unique: %+v", est.Estimates)
			}
			if p.DeliveriesMin < 0 || p.DeliveriesMin > p.DeliveriesMax {
				t.Fatalf("deliveries range %+v", p)
			}
			for _, v := range []float64{p.CostMin, p.CostMax} {
				if v < 0 || math.IsNaN(v) || math.IsInf(v, 0) {
					t.Fatalf("cost %+v", p)
				}
			}
			if p.CostMin > p.CostMax {
				t.Fatalf("cost range %+v", p)
			}
		}
	})
}
