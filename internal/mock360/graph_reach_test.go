package mock360

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"reflect"
	"testing"
)

const reachPath = "/v24.0/102290129340398/reachestimate"

type reachAnswer struct {
	Data []struct {
		Currency       string `json:"currency"`
		Country        string `json:"country"`
		LookbackWindow string `json:"lookback_window"`
		Disclaimer     string `json:"disclaimer"`
		Estimates      []struct {
			BidAmount  int64            `json:"bid_amount"`
			Deliveries map[string]int64 `json:"estimated_deliveries"`
			Cost       map[string]int64 `json:"estimated_cost"`
		} `json:"estimates"`
	} `json:"data"`
}

func getReach(t *testing.T, ts *httptest.Server, query string) reachAnswer {
	t.Helper()
	a := call(t, ts, "GET", reachPath+query, nil, map[string]string{"Authorization": "Bearer " + testToken, "D360-API-KEY": ""})
	if a.status != http.StatusOK {
		t.Fatalf("status %d: %s", a.status, a.raw)
	}
	var out reachAnswer
	if err := json.Unmarshal(a.raw, &out); err != nil || len(out.Data) != 1 {
		t.Fatalf("answer %s (%v)", a.raw, err)
	}
	return out
}

// TestReachEstimate_plausible: more reach and more cost at a higher max
// price, in the WABA's currency, the same numbers for the same question,
// and more deliveries over a longer window.
func TestReachEstimate_plausible(t *testing.T) {
	mock, ts := newTestServer(t, Options{})
	a := getReach(t, ts, "?country=BR&lookback_window=L7D")
	e := a.Data[0]
	if e.Currency != "USD" || e.Country != "BR" || e.LookbackWindow != "L7D" || e.Disclaimer == "" || len(e.Estimates) < 3 {
		t.Fatalf("estimate %+v", e)
	}
	for i := 1; i < len(e.Estimates); i++ {
		p, c := e.Estimates[i-1], e.Estimates[i]
		if c.BidAmount <= p.BidAmount || c.Deliveries["min"] <= p.Deliveries["min"] || c.Cost["min"] <= p.Cost["min"] {
			t.Fatalf("not increasing at level %d: %+v", i, e.Estimates)
		}
	}
	for _, p := range e.Estimates {
		if p.Deliveries["min"] > p.Deliveries["max"] || p.Cost["min"] > p.Cost["max"] ||
			p.Cost["max"] > p.Deliveries["max"]*p.BidAmount/1000 {
			t.Fatalf("a range is reversed or the cost exceeds the max price: %+v", p)
		}
	}
	if again := getReach(t, ts, "?country=BR&lookback_window=L7D"); !reflect.DeepEqual(again.Data[0], e) {
		t.Fatal("the same question got another answer")
	}
	long := getReach(t, ts, "?country=BR&lookback_window=L28D").Data[0]
	if long.Estimates[0].Deliveries["min"] <= e.Estimates[0].Deliveries["min"] || long.Estimates[0].BidAmount != e.Estimates[0].BidAmount {
		t.Fatalf("L28D %+v vs L7D %+v", long.Estimates[0], e.Estimates[0])
	}
	mock.Update(func(st *State) { st.Currency = "INR" })
	inr := getReach(t, ts, "?country=BR&lookback_window=L7D").Data[0]
	if inr.Currency != "INR" || inr.Estimates[0].BidAmount <= e.Estimates[0].BidAmount {
		t.Fatalf("INR estimate %+v", inr)
	}
}

func TestReachEstimate_refusals(t *testing.T) {
	_, ts := newTestServer(t, Options{})
	bearer := map[string]string{"Authorization": "Bearer " + testToken, "D360-API-KEY": ""}
	cases := []struct {
		name, method, path string
		headers            map[string]string
		status             int
		err                metaErr
	}{
		{"no token", "GET", reachPath + "?country=BR&lookback_window=L7D", map[string]string{"D360-API-KEY": ""}, 401,
			metaErr{code: 190, message: "Invalid OAuth access token - Cannot parse access token"}},
		{"no country", "GET", reachPath + "?lookback_window=L7D", bearer, 400,
			metaErr{code: 100, message: "(#100) Param country must be an ISO 3166-1 alpha-2 country code, such as BR"}},
		{"lower-case country", "GET", reachPath + "?country=br&lookback_window=L7D", bearer, 400,
			metaErr{code: 100, message: "(#100) Param country must be an ISO 3166-1 alpha-2 country code, such as BR"}},
		{"unknown window", "GET", reachPath + "?country=BR&lookback_window=L30D", bearer, 400,
			metaErr{code: 100, message: "(#100) Param lookback_window must be one of {L1D, L7D, L14D, L28D}"}},
		{"a bid", "GET", reachPath + "?country=BR&lookback_window=L7D&bid_amount=100", bearer, 400,
			metaErr{code: 100, message: "(#100) Param bid_amount is not supported: the estimate covers several max-price levels"}},
		{"another WABA", "GET", "/v24.0/999/reachestimate?country=BR&lookback_window=L7D", bearer, 400,
			metaErr{code: 100, subcode: 33, message: "Unsupported get request. Object with ID '999' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api"}},
		{"POST", "POST", reachPath + "?country=BR&lookback_window=L7D", bearer, 400,
			metaErr{code: 100, subcode: 33, message: "Unsupported post request. Object with ID '102290129340398' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			wantMetaError(t, call(t, ts, tc.method, tc.path, nil, tc.headers), tc.status, tc.err)
		})
	}
}
