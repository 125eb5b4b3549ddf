package mock360

import (
	"bytes"
	"net/http"
	"strings"
	"time"
)

// RecordedRequest is one API request as the mock saw it.
type RecordedRequest struct {
	Time     time.Time
	Method   string
	Path     string
	RawQuery string
	Header   http.Header // D360-API-KEY and Authorization values are "REDACTED"
	Body     []byte
	Status   int // status the mock answered (0 if the connection was dropped)
	// Rendered is the text of the message the request delivered (render.go);
	// empty for every request that delivered none.
	Rendered string
}

func recordRequest(r *http.Request, body []byte, now time.Time) RecordedRequest {
	h := r.Header.Clone()
	for k := range h {
		if strings.EqualFold(k, "D360-API-KEY") || strings.EqualFold(k, "Authorization") {
			h[k] = []string{"REDACTED"}
		}
	}
	return RecordedRequest{
		Time: now, Method: r.Method, Path: r.URL.Path,
		RawQuery: redactQuery(r.URL.RawQuery), Header: h, Body: bytes.Clone(body),
	}
}

// Requests returns a copy of the recorded API requests, in order.
func (s *Server) Requests() []RecordedRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	return cloneRequests(s.requests, func(RecordedRequest) bool { return true })
}

// RequestsTo returns the recorded requests with exactly this method and path.
func (s *Server) RequestsTo(method, path string) []RecordedRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	return cloneRequests(s.requests, func(r RecordedRequest) bool { return r.Method == method && r.Path == path })
}

func cloneRequests(in []RecordedRequest, keep func(RecordedRequest) bool) []RecordedRequest {
	out := []RecordedRequest{}
	for _, r := range in {
		if keep(r) {
			r.Header = r.Header.Clone()
			r.Body = bytes.Clone(r.Body)
			out = append(out, r)
		}
	}
	return out
}

// ResetRequests forgets the recorded requests.
func (s *Server) ResetRequests() {
	s.mu.Lock()
	s.requests = nil
	s.requestsEpoch++
	s.mu.Unlock()
}

// bufferedResponse holds an answer until latency and faults are applied.
type bufferedResponse struct {
	header http.Header
	status int
	body   bytes.Buffer
	// rendered is the text of a message the request delivered, for the
	// request log.
	rendered string
}

func newBufferedResponse() *bufferedResponse {
	return &bufferedResponse{header: http.Header{}, status: http.StatusOK}
}

func (b *bufferedResponse) Header() http.Header         { return b.header }
func (b *bufferedResponse) Write(p []byte) (int, error) { return b.body.Write(p) }
func (b *bufferedResponse) WriteHeader(status int)      { b.status = status }

func (b *bufferedResponse) copyTo(w http.ResponseWriter) {
	for k, v := range b.header {
		w.Header()[k] = v
	}
	w.WriteHeader(b.status)
	_, _ = w.Write(b.body.Bytes())
}

// dropConnection closes the TCP connection without an answer. Without a
// hijackable connection (HTTP/2, a ResponseRecorder), ErrAbortHandler makes
// net/http abort the response instead.
func dropConnection(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			_ = conn.Close()
			return
		}
	}
	panic(http.ErrAbortHandler)
}
