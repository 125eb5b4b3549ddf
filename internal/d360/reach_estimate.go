package d360

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// Meta's reach estimation tool: "helps businesses set the right max price by
// helping them understand estimated delivery rates and costs at different
// max prices" (https://developers.facebook.com/documentation/business-messaging/whatsapp/marketing-messages/pricing).
// The request takes a destination country and a look-back window and no
// bid; the answer holds estimates at several bid_amount levels. Twilio's
// wrapper of the same tool documents that shape: "country ... The
// destination country for the estimate, for example BR", "lookbackWindow
// ... Valid values: L1D, L7D, L14D, or L28D", "You can't pass bid_amount in
// this request", and an answer of currency, country, lookback_window,
// estimates and disclaimer
// (https://www.twilio.com/docs/whatsapp/api/message-cost-estimate-resource).
//
// Inferred, because Meta's page could not be read in full: the edge name
// (reachEstimateEdge), the Graph spelling of the parameters (snake_case, as
// every Graph parameter), and the names inside each estimate. The decoder
// therefore accepts the spellings listed in reachEstimateAliases, numbers
// sent as strings, a single number or a {min,max} range, and the answer
// either bare or inside Graph's {"data":[...]} edge envelope.
const reachEstimateEdge = "reachestimate"

// ReachEstimatePath is the Graph path of the estimate for a WABA.
func ReachEstimatePath(wabaID string) string {
	return "/" + url.PathEscape(wabaID) + "/" + reachEstimateEdge
}

// LookbackWindows are the documented look-back windows, shortest first
// (https://www.twilio.com/docs/whatsapp/api/message-cost-estimate-resource:
// "Valid values: L1D, L7D, L14D, or L28D").
var LookbackWindows = []string{"L1D", "L7D", "L14D", "L28D"}

// countryCode is an ISO 3166-1 alpha-2 code, as Twilio's example "BR".
var countryCode = regexp.MustCompile(`^[A-Z]{2}$`)

// ReachEstimateRequest is what the tool takes: no template and no bid.
type ReachEstimateRequest struct {
	Country        string // ISO 3166-1 alpha-2 destination country
	LookbackWindow string // one of LookbackWindows
}

// ReachEstimate is Meta's answer, in the WABA's currency.
type ReachEstimate struct {
	Currency       string // ISO 4217, the WABA's currency ("" when Meta did not say)
	Country        string
	LookbackWindow string
	Disclaimer     string
	// Estimates, one per max-price level, sorted by BidAmount ascending;
	// a level Meta repeats is kept once (the first).
	Estimates []ReachEstimatePoint
}

// ReachEstimatePoint is the estimate at one max price.
type ReachEstimatePoint struct {
	// BidAmount is the max price per 1,000 deliveries in the smallest unit
	// of the WABA's currency, the unit of a template's bid_amount
	// (https://developers.facebook.com/documentation/business-messaging/whatsapp/marketing-messages/pricing).
	BidAmount int64
	// DeliveriesMin and DeliveriesMax bound the estimated deliveries; equal
	// when Meta gives a single number. Inferred names.
	DeliveriesMin, DeliveriesMax int64
	// CostMin and CostMax bound the estimated cost, in the smallest unit of
	// the WABA's currency like BidAmount (the unit is inferred). Equal when
	// Meta gives a single number.
	CostMin, CostMax float64
}

// maxReachEstimates bounds the levels kept from one answer, so that a
// hostile or broken answer cannot fill the state (DESIGN "cost grows with
// the input"). Meta shows a handful of levels.
const maxReachEstimates = 100

// reachEstimateAliases are the member names accepted for each value, the
// inferred Graph name first. The alternatives are the obvious spellings of
// the same thing, so that a renamed member does not silently read as zero.
var reachEstimateAliases = struct{ bid, deliveries, cost []string }{
	bid:        []string{"bid_amount", "max_price", "bid"},
	deliveries: []string{"estimated_deliveries", "estimated_delivered", "deliveries", "estimated_delivery"},
	cost:       []string{"estimated_cost", "estimated_spend", "cost", "spend"},
}

// GetReachEstimate reads GET /{waba-id}/reachestimate?country=&lookback_window=
// with the Graph token; without one it returns ErrNoGraphToken and sends
// nothing. A read: it never sends a message and is safe in a plan.
//
// Meta API docs: https://developers.facebook.com/documentation/business-messaging/whatsapp/marketing-messages/pricing
func (s *GraphService) GetReachEstimate(ctx context.Context, wabaID string, in ReachEstimateRequest) (*ReachEstimate, error) {
	if !s.client.HasGraphToken() {
		return nil, ErrNoGraphToken
	}
	if err := in.Validate(); err != nil {
		return nil, err
	}
	q := url.Values{
		// https://www.twilio.com/docs/whatsapp/api/message-cost-estimate-resource
		// ("country", "lookbackWindow"); the snake_case spelling is Graph's.
		"country":         {in.Country},
		"lookback_window": {in.LookbackWindow},
	}
	var raw json.RawMessage
	path := ReachEstimatePath(wabaID)
	if err := s.client.do(ctx, request{api: apiGraph, method: http.MethodGet, path: path, query: q}, &raw); err != nil {
		return nil, err
	}
	est, problem := DecodeReachEstimate(raw)
	if problem != "" {
		return nil, &UnusableAnswerError{Method: http.MethodGet, Path: path, Problem: problem}
	}
	return est, nil
}

// Validate refuses a request the documentation rules out, before anything
// is sent.
func (r ReachEstimateRequest) Validate() error {
	if !countryCode.MatchString(r.Country) {
		return fmt.Errorf("country %q is not an ISO 3166-1 alpha-2 code such as BR", r.Country)
	}
	for _, w := range LookbackWindows {
		if r.LookbackWindow == w {
			return nil
		}
	}
	return fmt.Errorf("lookback window %q is not one of %s", r.LookbackWindow, strings.Join(LookbackWindows, ", "))
}

// DecodeReachEstimate reads an answer of the tool. It returns a problem,
// not an estimate, for an answer that holds no estimates array at all (an
// empty array is an answer: Meta had nothing to estimate from). Estimates
// without a positive bid amount are dropped, since nothing can be said of
// them; every number is clamped at zero.
func DecodeReachEstimate(body []byte) (*ReachEstimate, string) {
	var top map[string]json.RawMessage
	if err := json.Unmarshal(body, &top); err != nil || top == nil {
		return nil, "not a JSON object"
	}
	// Graph edges answer {"data":[{...}]}; take the first node.
	if data, ok := top["data"]; ok {
		var nodes []map[string]json.RawMessage
		if err := json.Unmarshal(data, &nodes); err != nil || len(nodes) == 0 || nodes[0] == nil {
			return nil, "no estimate in data"
		}
		top = nodes[0]
	}
	rawEstimates, ok := top["estimates"]
	if !ok {
		return nil, "no estimates array"
	}
	var entries []map[string]json.RawMessage
	if err := json.Unmarshal(rawEstimates, &entries); err != nil {
		return nil, "estimates is not an array of objects"
	}
	out := &ReachEstimate{
		Currency:       strings.ToUpper(sanitizeForeign(stringMember(top, "currency"))),
		Country:        sanitizeForeign(stringMember(top, "country")),
		LookbackWindow: sanitizeForeign(stringMember(top, "lookback_window")),
		Disclaimer:     sanitizeForeign(stringMember(top, "disclaimer")),
		Estimates:      []ReachEstimatePoint{},
	}
	seen := map[int64]bool{}
	for _, e := range entries {
		if len(out.Estimates) == maxReachEstimates {
			break
		}
		bid, _, ok := rangeMember(e, reachEstimateAliases.bid)
		if !ok || bid < 1 || bid > math.MaxInt64/2 || seen[int64(math.Round(bid))] {
			continue
		}
		seen[int64(math.Round(bid))] = true
		p := ReachEstimatePoint{BidAmount: int64(math.Round(bid))}
		if lo, hi, ok := rangeMember(e, reachEstimateAliases.deliveries); ok {
			p.DeliveriesMin, p.DeliveriesMax = clampCount(lo), clampCount(hi)
		}
		if lo, hi, ok := rangeMember(e, reachEstimateAliases.cost); ok {
			p.CostMin, p.CostMax = lo, hi
		}
		out.Estimates = append(out.Estimates, p)
	}
	sort.Slice(out.Estimates, func(i, j int) bool { return out.Estimates[i].BidAmount < out.Estimates[j].BidAmount })
	return out, ""
}

func stringMember(m map[string]json.RawMessage, name string) string {
	var s string
	if json.Unmarshal(m[name], &s) != nil {
		return ""
	}
	return s
}

// rangeMember reads the first present alias as a number, a numeric string,
// or an object {min,max} (also lower_bound/upper_bound), and returns it as
// an ordered, finite, non-negative range.
func rangeMember(m map[string]json.RawMessage, aliases []string) (lo, hi float64, ok bool) {
	for _, name := range aliases {
		raw, present := m[name]
		if !present {
			continue
		}
		if v, ok := number(raw); ok {
			return v, v, true
		}
		var obj map[string]json.RawMessage
		if json.Unmarshal(raw, &obj) != nil || obj == nil {
			return 0, 0, false
		}
		lo, okLo := firstNumber(obj, "min", "lower_bound", "lower")
		hi, okHi := firstNumber(obj, "max", "upper_bound", "upper")
		switch {
		case okLo && okHi:
		case okLo:
			hi = lo
		case okHi:
			lo = hi
		default:
			return 0, 0, false
		}
		if lo > hi {
			lo, hi = hi, lo
		}
		return lo, hi, true
	}
	return 0, 0, false
}

func firstNumber(m map[string]json.RawMessage, names ...string) (float64, bool) {
	for _, n := range names {
		if v, ok := number(m[n]); ok {
			return v, true
		}
	}
	return 0, false
}

// number reads a JSON number or a string holding one (Meta's own examples
// show bid_amount both ways). Negative, infinite and NaN values are refused.
func number(raw json.RawMessage) (float64, bool) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return 0, false
	}
	text := string(raw)
	if raw[0] == '"' {
		if json.Unmarshal(raw, &text) != nil {
			return 0, false
		}
		text = strings.TrimSpace(text)
	} else if raw[0] != '-' && (raw[0] < '0' || raw[0] > '9') {
		return 0, false
	}
	v, err := strconv.ParseFloat(text, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
		return 0, false
	}
	return v, true
}

// clampCount rounds an estimated count to a whole number within int64.
func clampCount(v float64) int64 {
	if v >= math.MaxInt64/2 {
		return math.MaxInt64 / 2
	}
	return int64(math.Round(v))
}
