package mock360

import (
	"bufio"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"time"
)

// MarshalJSON writes the body as text, which is what API bodies are, and
// uses snake_case keys like the rest of the control API.
func (r RecordedRequest) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Time          time.Time   `json:"time"`
		Method        string      `json:"method"`
		Path          string      `json:"path"`
		RawQuery      string      `json:"raw_query"`
		Header        http.Header `json:"header"`
		Body          string      `json:"body"`
		BodySize      int64       `json:"body_size"`
		BodyTruncated bool        `json:"body_truncated,omitempty"`
		Status        int         `json:"status"`
		Rendered      string      `json:"rendered,omitempty"`
	}{r.Time, r.Method, r.Path, r.RawQuery, r.Header, string(r.Body), r.BodySize, r.BodyTruncated, r.Status, r.Rendered})
}

// requestsDroppedHeader carries RequestsDropped on GET /_mock/requests,
// whose body stays the plain array that users' scripts already read.
const requestsDroppedHeader = "X-Mock-Requests-Dropped"

// writeRequests writes the log as one JSON array, an entry at a time, so
// that answering never holds a second copy of the whole log in memory.
func writeRequests(w http.ResponseWriter, reqs []RecordedRequest) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	bw := bufio.NewWriterSize(w, 32<<10)
	_ = bw.WriteByte('[')
	for i, r := range reqs {
		if i > 0 {
			_ = bw.WriteByte(',')
		}
		raw, _ := r.MarshalJSON() // plain data: it cannot fail
		_, _ = bw.Write(raw)
	}
	_, _ = bw.WriteString("]\n")
	_ = bw.Flush()
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
	route := r.Method + " " + r.URL.Path
	serveMux(s.control, w, r, "unknown control endpoint: "+route, "method not allowed on control endpoint: "+route)
}

// controlRoutes builds the /_mock/ API. Its answers use the gateway's
// {"error": "..."} envelope too, so one client reads both.
func (s *Server) controlRoutes() *http.ServeMux {
	mux := http.NewServeMux()
	for pattern, handler := range map[string]http.HandlerFunc{
		"GET /_mock/requests":             s.controlListRequests,
		"DELETE /_mock/requests":          s.controlClearRequests,
		"POST /_mock/reset":               s.controlReset,
		"POST /_mock/seed":                s.controlSeed,
		"GET /_mock/state":                s.controlState,
		"POST /_mock/faults":              s.controlAddFault,
		"DELETE /_mock/faults":            s.controlClearFaults,
		"POST /_mock/rate_limit":          s.controlRateLimit,
		"POST /_mock/latency":             s.controlLatency,
		"POST /_mock/inbox":               s.receive,
		"GET /_mock/inbox":                s.controlInbox,
		"GET /_mock/summary":              s.controlSummary,
		"POST /_mock/onboard":             s.controlOnboard,
		"POST /_mock/template_category":   s.controlTemplateCategory, // control_category.go
		"POST /_mock/pacing":              s.controlPacing,           // control_fidelity.go
		"DELETE /_mock/pacing":            s.controlPacing,
		"POST /_mock/recipient_errors":    s.controlRecipientErrors,
		"DELETE /_mock/recipient_errors":  s.controlRecipientErrors,
		"POST /_mock/cloud_api_marketing": s.controlCloudAPIMarketing,
		"GET /_mock/webhook_deliveries":   s.controlWebhookDeliveries,
		"POST /_mock/engagement":          s.controlEngagement, // control_analytics.go
	} {
		mux.HandleFunc(pattern, handler)
	}
	return mux
}

func writeOK(w http.ResponseWriter) { writeJSON(w, http.StatusOK, map[string]bool{"ok": true}) }

func (s *Server) controlListRequests(w http.ResponseWriter, _ *http.Request) {
	reqs, dropped := s.requestsSnapshot()
	w.Header().Set(requestsDroppedHeader, strconv.Itoa(dropped))
	writeRequests(w, reqs)
}

func (s *Server) controlClearRequests(w http.ResponseWriter, _ *http.Request) {
	s.ResetRequests()
	writeOK(w)
}

func (s *Server) controlReset(w http.ResponseWriter, _ *http.Request) {
	s.Reset()
	writeOK(w)
}

// controlSeed replaces the state with a whole one. A seed that is not a
// whole state would leave the mock with no channel, templates or health at
// all: it is refused and the state is kept.
func (s *Server) controlSeed(w http.ResponseWriter, r *http.Request) {
	raw, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxControlBody))
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		writeGatewayError(w, http.StatusRequestEntityTooLarge, "the seed exceeds "+strconv.Itoa(maxControlBody)+" bytes")
		return
	}
	if err != nil {
		writeGatewayError(w, http.StatusBadRequest, "the seed could not be read: "+err.Error())
		return
	}
	st, err := ParseState(raw)
	var partial wholeStateError
	switch {
	case errors.As(err, &partial):
		writeGatewayError(w, http.StatusBadRequest, err.Error())
		return
	case err != nil:
		writeGatewayError(w, http.StatusBadRequest, "invalid JSON: "+err.Error())
		return
	}
	s.Seed(st)
	writeOK(w)
}

func (s *Server) controlState(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, s.State())
}

func (s *Server) controlAddFault(w http.ResponseWriter, r *http.Request) {
	var f Fault
	if !decodeStrict(w, r, &f) {
		return
	}
	s.AddFault(f)
	writeOK(w)
}

func (s *Server) controlClearFaults(w http.ResponseWriter, _ *http.Request) {
	s.ClearFaults()
	writeOK(w)
}

func (s *Server) controlRateLimit(w http.ResponseWriter, r *http.Request) {
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
	writeOK(w)
}

func (s *Server) controlLatency(w http.ResponseWriter, r *http.Request) {
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
	writeOK(w)
}

func (s *Server) controlInbox(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, s.Inbox())
}

func (s *Server) controlSummary(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write([]byte(s.Summary()))
}

func (s *Server) controlOnboard(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, map[string]bool{"ok": true, "changed": s.Onboard()})
}

func (s *Server) controlCloudAPIMarketing(w http.ResponseWriter, r *http.Request) {
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
	writeOK(w)
}

func (s *Server) controlWebhookDeliveries(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, s.WebhookDeliveries())
}

// maxControlBody bounds a control request's body: a seed with thousands of
// templates fits.
const maxControlBody = 16 << 20

// decodeStrict refuses unknown fields so a typo in a fault is an error.
func decodeStrict(w http.ResponseWriter, r *http.Request, v any) bool {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxControlBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		writeGatewayError(w, http.StatusBadRequest, "invalid JSON: "+err.Error())
		return false
	}
	return true
}
