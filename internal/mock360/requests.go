package mock360

import (
	"bytes"
	"net/http"
	"strings"
	"time"
)

// Defaults of the request log's limits and of the API's body limit. With
// them the log holds at most 20,000 entries whose bodies, headers and
// delivered texts take at most 64 MiB together: a mock left running in CI
// stays bounded however much it is sent, and a provider test, whose sends
// are a few KiB each and number 10,000 in the largest broadcast, still
// reads every request it made, whole.
const (
	DefaultRequestLogSize      = 20_000
	DefaultRequestLogBodyBytes = 64 << 10
	DefaultRequestLogBytes     = 64 << 20
	// Neither 360dialog nor Meta documents a body limit for these JSON
	// endpoints; media uploads, the only large bodies of the API, are not
	// mocked. A template's texts are short (a body of at most 1,024
	// characters, a header of 60, buttons of 25:
	// https://developers.facebook.com/documentation/business-messaging/whatsapp/marketing-messages/deep-links),
	// so 1 MiB is generous for every real request and small enough to
	// read whole.
	DefaultMaxBodyBytes = 1 << 20
)

// RecordedRequest is one API request as the mock saw it.
type RecordedRequest struct {
	Time     time.Time
	Method   string
	Path     string
	RawQuery string
	Header   http.Header // D360-API-KEY and Authorization values are "REDACTED"
	// Body is the request body, cut to Options.RequestLogBodyBytes.
	// BodyTruncated says it was cut; BodySize is the whole body's length
	// (for a body refused as too long that came without a Content-Length,
	// the limit plus one: all that is known of it).
	Body          []byte
	BodySize      int64
	BodyTruncated bool
	Status        int // status the mock answered (0 if the connection was dropped)
	// Rendered is the text of the message the request delivered (render.go);
	// empty for every request that delivered none.
	Rendered string
}

// recordRequest copies what the log keeps of r. The copy is never changed
// afterwards, apart from Status and Rendered set through requestLog.update,
// so snapshots may share its Header and Body.
func recordRequest(r *http.Request, body []byte, size int64, maxBody int, now time.Time) RecordedRequest {
	h := r.Header.Clone()
	for k := range h {
		if strings.EqualFold(k, "D360-API-KEY") || strings.EqualFold(k, "Authorization") {
			h[k] = []string{"REDACTED"}
		}
	}
	truncated := len(body) > maxBody
	if truncated {
		body = body[:maxBody]
	}
	return RecordedRequest{
		Time: now, Method: r.Method, Path: r.URL.Path, RawQuery: redactQuery(r.URL.RawQuery), Header: h,
		Body: bytes.Clone(body), BodySize: size, BodyTruncated: truncated,
	}
}

// requestLog keeps the newest requests within a count and a byte budget.
// Entries are numbered in arrival order, so an answer finds its entry again
// after older ones were dropped, and never updates one that was cleared.
type requestLog struct {
	maxEntries int
	maxBytes   int64
	entries    []loggedRequest
	first      uint64 // number of entries[0]
	bytes      int64  // sum of entries' cost
	dropped    int    // entries dropped since the last clear
}

type loggedRequest struct {
	RecordedRequest
	cost int64
}

// entryCost counts what an entry keeps that can grow with the request.
func entryCost(r RecordedRequest) int64 {
	n := len(r.Body) + len(r.Path) + len(r.RawQuery) + len(r.Rendered)
	for k, vs := range r.Header {
		n += len(k)
		for _, v := range vs {
			n += len(v)
		}
	}
	return int64(n)
}

// add appends r and returns its number.
func (l *requestLog) add(r RecordedRequest) uint64 {
	e := loggedRequest{RecordedRequest: r, cost: entryCost(r)}
	l.entries = append(l.entries, e)
	l.bytes += e.cost
	l.trim()
	return l.first + uint64(len(l.entries)) - 1
}

// update sets the answer of entry n, unless it is no longer kept.
func (l *requestLog) update(n uint64, status int, rendered string) {
	if n < l.first || n-l.first >= uint64(len(l.entries)) {
		return
	}
	e := &l.entries[n-l.first]
	e.Status, e.Rendered = status, rendered
	l.bytes -= e.cost
	e.cost = entryCost(e.RecordedRequest)
	l.bytes += e.cost
	l.trim()
}

// trim drops the oldest entries until both limits hold, but always keeps
// the newest, so the last request can be read even if it alone is over
// the budget.
func (l *requestLog) trim() {
	for len(l.entries) > 1 && (len(l.entries) > l.maxEntries || l.bytes > l.maxBytes) {
		l.bytes -= l.entries[0].cost
		l.entries[0] = loggedRequest{} // let the body go now, not when the array is reallocated
		l.entries = l.entries[1:]
		l.first++
		l.dropped++
	}
}

func (l *requestLog) clear() {
	l.first += uint64(len(l.entries))
	l.entries, l.bytes, l.dropped = nil, 0, 0
}

// snapshot copies the entries that keep returns true for. The copies share
// Header and Body with the log, which never changes them.
func (l *requestLog) snapshot(keep func(*RecordedRequest) bool) []RecordedRequest {
	out := []RecordedRequest{}
	for i := range l.entries {
		if keep(&l.entries[i].RecordedRequest) {
			out = append(out, l.entries[i].RecordedRequest)
		}
	}
	return out
}

// Requests returns a copy of the recorded API requests, oldest first: the
// newest Options.RequestLogSize of them at most (see RequestsDropped).
func (s *Server) Requests() []RecordedRequest {
	return s.requestsWhere(func(*RecordedRequest) bool { return true })
}

// RequestsTo returns the recorded requests with exactly this method and path.
func (s *Server) RequestsTo(method, path string) []RecordedRequest {
	return s.requestsWhere(func(r *RecordedRequest) bool { return r.Method == method && r.Path == path })
}

func (s *Server) requestsWhere(keep func(*RecordedRequest) bool) []RecordedRequest {
	s.mu.Lock()
	out := s.log.snapshot(keep)
	s.mu.Unlock()
	// Deep copies, made outside the lock, so a caller may change them.
	for i := range out {
		out[i].Header = out[i].Header.Clone()
		out[i].Body = bytes.Clone(out[i].Body)
	}
	return out
}

// RequestsDropped is how many requests the log dropped, oldest first, to
// keep within its limits since it was last cleared.
func (s *Server) RequestsDropped() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.log.dropped
}

// requestsSnapshot is the log and its drop count at one moment, sharing
// bodies with the log, for the control API to encode without copying them.
func (s *Server) requestsSnapshot() ([]RecordedRequest, int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.log.snapshot(func(*RecordedRequest) bool { return true }), s.log.dropped
}

// ResetRequests starts a new run of records: it forgets the recorded
// requests and the count of dropped ones, the webhook deliveries and the
// events received at the inbox, so that /_mock/summary then reads one run
// of a CI job alone. Events of sends made before it are still delivered
// (clearing a log does not change what the API does) but not recorded.
// The state, faults, rate limit and latency stay.
func (s *Server) ResetRequests() {
	s.mu.Lock()
	s.clearRecordsLocked()
	s.mu.Unlock()
}

// clearRecordsLocked empties every record of what happened and starts a
// new log generation.
func (s *Server) clearRecordsLocked() {
	s.log.clear()
	s.deliveries = nil
	s.inbox = nil
	s.logGen++
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
