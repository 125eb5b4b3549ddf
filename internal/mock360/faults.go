package mock360

import "net/http"

// Fault makes matching API requests fail. It never applies to /_mock/.
type Fault struct {
	Method string `json:"method,omitempty"` // exact match; empty = any
	Path   string `json:"path,omitempty"`   // exact URL path match; empty = any
	Status int    `json:"status,omitempty"` // HTTP status (0 => 403 for codes 368/130497/131031, 400 for other Codes, else 500)
	// Code is the Meta error code of the envelope; 0 => 360dialog's gateway
	// envelope {"error":"<text for the status>"}.
	Code       int    `json:"code,omitempty"`
	Subcode    int    `json:"subcode,omitempty"`
	Message    string `json:"message,omitempty"`     // overrides the message text
	RetryAfter string `json:"retry_after,omitempty"` // Retry-After header value
	Times      int    `json:"times,omitempty"`       // the next N matching requests (Times==0 && Every==0 => 1)
	Every      int    `json:"every,omitempty"`       // instead: every Nth matching request, forever
	// AfterEffect processes the request normally (it takes effect) and then
	// answers with the fault instead of the real answer.
	AfterEffect bool `json:"after_effect,omitempty"`
	// DropConnection reads the body, lets the request take effect, then
	// closes the TCP connection without any answer.
	DropConnection bool `json:"drop_connection,omitempty"`
	// Raw answers with Status (200 when 0), Headers and Body exactly as
	// given, in place of any documented envelope. It stands in for what no
	// documented API does, so that clients can be tested against it: an
	// empty or malformed 2xx, a redirect, a proxy's HTML page.
	Raw     bool              `json:"raw,omitempty"`
	Body    string            `json:"body,omitempty"`
	Headers map[string]string `json:"headers,omitempty"`
}

type faultEntry struct {
	Fault
	seen      int // matching requests so far (Every)
	remaining int // answers left (Times)
}

// AddFault registers f after the existing faults; the first that fires wins.
func (s *Server) AddFault(f Fault) {
	e := &faultEntry{Fault: f, remaining: f.Times}
	if f.Times == 0 && f.Every == 0 {
		e.remaining = 1
	}
	s.mu.Lock()
	s.faults = append(s.faults, e)
	s.mu.Unlock()
}

// ClearFaults removes every fault.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	s.faults = nil
	s.mu.Unlock()
}

// pickFaultLocked returns the fault for this request, if any. Every request
// that matches an Every fault counts towards its N, even when another fault
// answers it; a Times fault is spent only when it answers.
func (s *Server) pickFaultLocked(method, path string) *Fault {
	var picked *Fault
	kept := s.faults[:0]
	for _, e := range s.faults {
		if (e.Method == "" || e.Method == method) && (e.Path == "" || e.Path == path) {
			if e.Every > 0 {
				e.seen++
				if picked == nil && e.seen%e.Every == 0 {
					f := e.Fault
					picked = &f
				}
			} else if picked == nil && e.remaining > 0 {
				e.remaining--
				f := e.Fault
				picked = &f
			}
		}
		if e.Every > 0 || e.remaining > 0 {
			kept = append(kept, e)
		}
	}
	s.faults = kept
	return picked
}

// writeFault answers with f's envelope: Meta's (detail-wrapped on
// /marketing_messages) when Code is set, else the gateway's.
func (s *Server) writeFault(w http.ResponseWriter, path string, f *Fault) {
	if f.Raw {
		writeRawFault(w, f)
		return
	}
	status := f.Status
	if status == 0 {
		status = http.StatusInternalServerError
		if f.Code != 0 {
			status = statusForCode(f.Code) // 403 for integrity errors, else 400
		}
	}
	if f.RetryAfter != "" {
		w.Header().Set("Retry-After", f.RetryAfter)
	}
	if graphPath.MatchString(path) {
		// graph.facebook.com is not behind 360dialog's gateway, so a Graph
		// fault always has Meta's envelope; without a Code, pick the code
		// Graph uses for that kind of status.
		code := f.Code
		if code == 0 {
			code = graphCodeFor(status)
		}
		msg := f.Message
		if msg == "" {
			msg = metaMessage(code)
			if code == 1 || code == 190 {
				msg = metaTitles[code] // Graph sends these two without the "(#n)" prefix
			}
		}
		graphError(w, status, code, f.Subcode, msg)
		return
	}
	if f.Code == 0 {
		text := f.Message
		if text == "" {
			text = gatewayText(status)
		}
		writeGatewayError(w, status, text)
		return
	}
	msg, details := metaMessage(f.Code), metaTitles[f.Code]
	if f.Message != "" {
		msg, details = f.Message, f.Message
	}
	if details == "" {
		details = msg
	}
	e := whatsappError(f.Code, msg, details)
	e.status, e.err.ErrorSubcode = status, f.Subcode
	writeAPIError(w, e, isMarketingPath(path))
}

func isMarketingPath(p string) bool {
	return p == "/marketing_messages" || p == "/marketing/marketing_messages"
}

func graphCodeFor(status int) int {
	switch {
	case status == http.StatusUnauthorized:
		return 190
	case status == http.StatusForbidden:
		return 200
	case status == http.StatusTooManyRequests:
		return 4
	case status >= 500:
		return 1
	}
	return 100
}

func writeRawFault(w http.ResponseWriter, f *Fault) {
	for k, v := range f.Headers {
		w.Header().Set(k, v)
	}
	status := f.Status
	if status == 0 {
		status = http.StatusOK
	}
	w.WriteHeader(status)
	_, _ = w.Write([]byte(f.Body))
}
