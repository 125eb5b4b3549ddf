package mock360

import (
	"encoding/json"
	"net/http"
	"time"
)

// MarshalJSON writes the body as text, which is what API bodies are, and
// uses snake_case keys like the rest of the control API.
func (r RecordedRequest) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Time     time.Time   `json:"time"`
		Method   string      `json:"method"`
		Path     string      `json:"path"`
		RawQuery string      `json:"raw_query"`
		Header   http.Header `json:"header"`
		Body     string      `json:"body"`
		Status   int         `json:"status"`
		Rendered string      `json:"rendered,omitempty"`
	}{r.Time, r.Method, r.Path, r.RawQuery, r.Header, string(r.Body), r.Status, r.Rendered})
}

// MarshalJSON writes the event body as text.
func (d WebhookDelivery) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Time   time.Time `json:"time"`
		URL    string    `json:"url"`
		Body   string    `json:"body"`
		Status int       `json:"status"`
		Err    string    `json:"err,omitempty"`
	}{d.Time, d.URL, string(d.Body), d.Status, d.Err})
}

// serveControl is the unauthenticated /_mock/ API. It is not recorded and
// never sees latency or faults.
func (s *Server) serveControl(w http.ResponseWriter, r *http.Request) {
	ok := func() { writeJSON(w, http.StatusOK, map[string]bool{"ok": true}) }
	route := r.Method + " " + r.URL.Path
	switch route {
	case "GET /_mock/requests":
		writeJSON(w, http.StatusOK, s.Requests())
	case "DELETE /_mock/requests":
		s.ResetRequests()
		ok()
	case "POST /_mock/reset":
		s.Reset()
		ok()
	case "POST /_mock/seed":
		var st State
		if !decodeStrict(w, r, &st) {
			return
		}
		s.Seed(st)
		ok()
	case "GET /_mock/state":
		writeJSON(w, http.StatusOK, s.State())
	case "POST /_mock/faults":
		var f Fault
		if !decodeStrict(w, r, &f) {
			return
		}
		s.AddFault(f)
		ok()
	case "DELETE /_mock/faults":
		s.ClearFaults()
		ok()
	case "POST /_mock/rate_limit":
		var body struct {
			PerSecond *float64 `json:"per_second"`
		}
		if !decodeStrict(w, r, &body) {
			return
		}
		if body.PerSecond == nil || *body.PerSecond < 0 {
			writeGatewayError(w, http.StatusBadRequest, "per_second must be a number >= 0")
			return
		}
		s.SetRateLimit(*body.PerSecond)
		ok()
	case "POST /_mock/latency":
		var body struct {
			MS *int64 `json:"ms"`
		}
		if !decodeStrict(w, r, &body) {
			return
		}
		if body.MS == nil || *body.MS < 0 {
			writeGatewayError(w, http.StatusBadRequest, "ms must be an integer >= 0")
			return
		}
		s.SetLatency(time.Duration(*body.MS) * time.Millisecond)
		ok()
	case "POST /_mock/inbox":
		s.receive(w, r)
	case "GET /_mock/inbox":
		writeJSON(w, http.StatusOK, s.Inbox())
	case "GET /_mock/summary":
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write([]byte(s.Summary()))
	case "POST /_mock/onboard":
		writeJSON(w, http.StatusOK, map[string]bool{"ok": true, "changed": s.Onboard()})
	case "POST /_mock/pacing", "DELETE /_mock/pacing":
		s.controlPacing(w, r)
	case "POST /_mock/recipient_errors", "DELETE /_mock/recipient_errors":
		s.controlRecipientErrors(w, r)
	case "POST /_mock/cloud_api_marketing":
		var body struct {
			Disabled *bool `json:"disabled"`
		}
		if !decodeStrict(w, r, &body) {
			return
		}
		if body.Disabled == nil {
			writeGatewayError(w, http.StatusBadRequest, "disabled must be true or false")
			return
		}
		s.Update(func(st *State) { st.DisableMarketingMessagesOnCloudAPI = *body.Disabled })
		ok()
	case "GET /_mock/webhook_deliveries":
		writeJSON(w, http.StatusOK, s.WebhookDeliveries())
	default:
		writeGatewayError(w, http.StatusNotFound, "unknown control endpoint: "+route)
	}
}

// decodeStrict refuses unknown fields so a typo in a seed or fault is an error.
func decodeStrict(w http.ResponseWriter, r *http.Request, v any) bool {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 16<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		writeGatewayError(w, http.StatusBadRequest, "invalid JSON: "+err.Error())
		return false
	}
	return true
}
