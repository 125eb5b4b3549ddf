package mock360

import (
	"fmt"
	"hash/fnv"
	"net/http"
	"regexp"
	"strings"
)

// Meta's reach estimation tool "helps businesses set the right max price by
// helping them understand estimated delivery rates and costs at different
// max prices"
// (https://developers.facebook.com/documentation/business-messaging/whatsapp/marketing-messages/pricing).
// The request is a destination country and a look-back window, with no bid;
// the answer is the WABA's currency and estimates at several bid_amount
// levels, as Twilio's wrapper of the tool documents
// (https://www.twilio.com/docs/whatsapp/api/message-cost-estimate-resource).
// The edge name and the member names of each estimate are inferred (Meta's
// page holds them and could not be read in full), so they are kept here in
// one place.
const reachEstimateEdge = "reachestimate"

// reachLookbackDays are the documented windows ("Valid values: L1D, L7D,
// L14D, or L28D", Twilio's page above) and the days each covers.
var reachLookbackDays = map[string]int64{"L1D": 1, "L7D": 7, "L14D": 14, "L28D": 28}

// reachCountry is an ISO 3166-1 alpha-2 code (Twilio: "The destination
// country for the estimate, for example BR").
var reachCountry = regexp.MustCompile(`^[A-Z]{2}$`)

// reachRates is a plausible marketing rate per 1,000 deliveries in US
// cents for a few countries, roughly Meta's published rate card
// (https://developers.facebook.com/docs/whatsapp/pricing); other countries
// get a rate derived from their code. Only the order of magnitude matters:
// the mock's estimates are for tests, not for budgeting.
var reachRates = map[string]int64{"BR": 6250, "IN": 1090, "US": 2500, "MX": 3050, "ID": 4110, "DE": 13650, "GB": 5290}

// reachCurrencyUnits converts US cents to the smallest unit of a few
// currencies (bid_amount is "expressed in your WABA currency's smallest
// unit (cents for USD, paise for INR ...)", Meta's max price page above).
var reachCurrencyUnits = map[string]float64{"USD": 1, "EUR": 0.92, "GBP": 0.79, "INR": 83, "BRL": 5, "MXN": 17, "IDR": 15500}

// reachLevels are the max-price levels, in percent of the country's rate,
// and at each level the share of the audience reached and the part of the
// max price charged on average: more reach at a higher price, and a total
// cost that rises with it (Meta charges "that max price or lower").
var reachLevels = []struct{ pricePct, reachPct, chargedPct int64 }{
	{50, 52, 90}, {75, 66, 85}, {100, 78, 80}, {125, 86, 75}, {150, 91, 70}, {200, 95, 65},
}

// serveReachEstimate serves GET /{version}/{waba-id}/reachestimate.
func (s *Server) serveReachEstimate(w http.ResponseWriter, r *http.Request, wabaID string) {
	s.mu.Lock()
	known, currency := s.state.WABAID, s.state.Currency
	s.mu.Unlock()
	if r.Method != http.MethodGet || wabaID != known {
		// Graph's answer for an unknown node or an unsupported method
		// (https://developers.facebook.com/docs/graph-api/guides/error-handling).
		graphError(w, http.StatusBadRequest, 100, 33, fmt.Sprintf(
			"Unsupported %s request. Object with ID '%s' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api",
			strings.ToLower(r.Method), wabaID))
		return
	}
	q := r.URL.Query()
	country, window := q.Get("country"), q.Get("lookback_window")
	days, windowOK := reachLookbackDays[window]
	switch {
	case q.Has("bid_amount"):
		// Twilio's page: "You can't pass bid_amount in this request."
		graphError(w, http.StatusBadRequest, 100, 0, "(#100) Param bid_amount is not supported: the estimate covers several max-price levels")
		return
	case !reachCountry.MatchString(country):
		graphError(w, http.StatusBadRequest, 100, 0, "(#100) Param country must be an ISO 3166-1 alpha-2 country code, such as BR")
		return
	case !windowOK:
		graphError(w, http.StatusBadRequest, 100, 0, "(#100) Param lookback_window must be one of {L1D, L7D, L14D, L28D}")
		return
	}
	if currency == "" {
		currency = "USD"
	}
	writeJSON(w, http.StatusOK, map[string]any{"data": []any{reachEstimate(wabaID, country, window, currency, days)}})
}

// reachEstimate is deterministic in its inputs: the same WABA, country,
// window and currency always give the same numbers.
func reachEstimate(wabaID, country, window, currency string, days int64) map[string]any {
	h := fnv.New64a()
	h.Write([]byte(wabaID + "/" + country))
	seed := h.Sum64()
	rate, ok := reachRates[country]
	if !ok {
		rate = 2000 + int64(seed%6000)
	}
	units, ok := reachCurrencyUnits[currency]
	if !ok {
		units = 1
	}
	base := int64(float64(rate)*units + 0.5)
	audience := (1000 + int64(seed>>16%9000)) * days // marketing sends the WABA made in the window
	estimates := make([]any, 0, len(reachLevels))
	for _, l := range reachLevels {
		bid := base * l.pricePct / 100
		delivered := audience * l.reachPct / 100
		cost := delivered * bid * l.chargedPct / 100 / 1000
		estimates = append(estimates, map[string]any{
			"bid_amount":           bid,
			"estimated_deliveries": map[string]int64{"min": delivered * 95 / 100, "max": delivered * 105 / 100},
			"estimated_cost":       map[string]int64{"min": cost * 95 / 100, "max": cost * 105 / 100},
		})
	}
	return map[string]any{
		"currency": currency, "country": country, "lookback_window": window, "estimates": estimates,
		"disclaimer": "Estimates are based on historical data and are informational only (d360-mock).",
	}
}
