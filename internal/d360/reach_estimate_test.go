package d360

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestDecodeReachEstimate_shapes(t *testing.T) {
	cases := []struct {
		name, body string
		want       []ReachEstimatePoint
		currency   string
	}{
		{"bare, numbers", `{"currency":"usd","country":"BR","lookback_window":"L7D","estimates":[
			{"bid_amount":3000,"estimated_deliveries":900,"estimated_cost":2000},
			{"bid_amount":1500,"estimated_deliveries":500,"estimated_cost":700}]}`,
			[]ReachEstimatePoint{{1500, 500, 500, 700, 700}, {3000, 900, 900, 2000, 2000}}, "USD"},
		{"graph edge, strings and ranges", `{"data":[{"currency":"INR","estimates":[
			{"bid_amount":"87000","estimated_deliveries":{"min":100,"max":120},"estimated_cost":{"lower_bound":"50.5","upper_bound":40}},
			{"bid_amount":87000,"estimated_deliveries":1},
			{"bid_amount":0},{"estimated_deliveries":5},{"bid_amount":-3},{"bid_amount":"x"}]}]}`,
			[]ReachEstimatePoint{{87000, 100, 120, 40, 50.5}}, "INR"},
		{"empty estimates", `{"currency":"EUR","estimates":[]}`, []ReachEstimatePoint{}, "EUR"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, problem := DecodeReachEstimate([]byte(tc.body))
			if problem != "" {
				t.Fatal(problem)
			}
			if got.Currency != tc.currency || len(got.Estimates) != len(tc.want) {
				t.Fatalf("got %+v", got)
			}
			for i := range tc.want {
				if got.Estimates[i] != tc.want[i] {
					t.Fatalf("estimate %d: got %+v, want %+v", i, got.Estimates[i], tc.want[i])
				}
			}
		})
	}
	for _, bad := range []string{``, `null`, `[]`, `{}`, `{"data":[]}`, `{"estimates":{}}`, `{"data":[null]}`} {
		if _, problem := DecodeReachEstimate([]byte(bad)); problem == "" {
			t.Errorf("%q decoded as an estimate", bad)
		}
	}
}

func TestReachEstimateRequest_Validate(t *testing.T) {
	for _, ok := range []ReachEstimateRequest{{"BR", "L1D"}, {"IN", "L7D"}, {"US", "L14D"}, {"MX", "L28D"}} {
		if err := ok.Validate(); err != nil {
			t.Errorf("%+v: %v", ok, err)
		}
	}
	for _, bad := range []ReachEstimateRequest{{"br", "L7D"}, {"BRA", "L7D"}, {"", "L7D"}, {"BR", "L30D"}, {"BR", "l7d"}, {"BR", ""}} {
		if bad.Validate() == nil {
			t.Errorf("%+v was accepted", bad)
		}
	}
}

func TestGetReachEstimate_noTokenSendsNothing(t *testing.T) {
	hits := 0
	ts := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { hits++ }))
	defer ts.Close()
	c, err := New(Config{APIKey: "k", BaseURL: ts.URL, GraphURL: ts.URL + "/v24.0"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Graph.GetReachEstimate(context.Background(), "1", ReachEstimateRequest{"BR", "L7D"}); !errors.Is(err, ErrNoGraphToken) {
		t.Fatalf("err = %v", err)
	}
	if hits != 0 {
		t.Fatalf("%d requests without a token", hits)
	}
}
