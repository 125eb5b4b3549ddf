// Package mock360 is a stateful mock of 360dialog's WhatsApp API (MM Lite
// sends, templates, webhook config, health) and of the few Meta Graph reads
// the provider makes. It follows the documented shapes, validation, envelopes,
// codes and rate limits; it is not shaped to fit any client.
package mock360

import (
	"bytes"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Options configures a Server. The zero value is usable apart from APIKey
// and GraphToken, which requests must present.
type Options struct {
	APIKey     string // required D360-API-KEY value (the bare key)
	GraphToken string // Graph Bearer token
	// Seed is the state the mock starts with and Reset returns to;
	// nil => DefaultState().
	Seed *State
	// RateLimit is sends per second across POST /marketing_messages and
	// /messages; 0 = unlimited.
	RateLimit float64
	// Latency is added to every API request (never to /_mock/).
	Latency       time.Duration
	WebhookDelays WebhookDelays // zero value => 20ms, 40ms, 60ms, 80ms
	// TemplateApprovalDelay: pending -> approved after this (0 => on the next read).
	TemplateApprovalDelay time.Duration
	// TemplateSyncDelay: MM sends of a template younger than this get 131009 (0 = off).
	TemplateSyncDelay time.Duration
	// RejectPhrase: a pending template whose body contains it (case-insensitive)
	// is rejected instead of approved; "" = off.
	RejectPhrase string
	// InboxHosts are webhook hosts whose events the mock delivers to its own
	// /_mock/inbox (at the URL given to SetSelfURL) instead of the network:
	// a demo can configure a realistic https URL and still see the events.
	InboxHosts []string
	// MaxPageSize caps the template list's limit below the default cap of
	// 1000, as a server may; clients must then follow offset. 0 = no extra cap.
	MaxPageSize int
	// RequestLogSize is how many API requests the log keeps, dropping the
	// oldest; RequestLogBodyBytes how much of each body it keeps; and
	// RequestLogBytes how many bytes of bodies, headers and delivered texts
	// all entries keep together. 0 or less => the Default values.
	RequestLogSize      int
	RequestLogBodyBytes int
	RequestLogBytes     int64
	// MaxBodyBytes: an API request with a longer body is answered 413 in
	// the gateway's envelope. 0 or less => DefaultMaxBodyBytes.
	MaxBodyBytes int64
	// Now is the API's clock (template ages, name locks, timestamps). Rate
	// limiting, latency and webhook delays use real time. nil => time.Now.
	Now func() time.Time
}

// WebhookDelays are offsets from the send at which each event is POSTed.
type WebhookDelays struct{ Sent, Delivered, Read, Click time.Duration }

// Server is the mock. It implements http.Handler.
type Server struct {
	opts   Options
	now    func() time.Time
	delays WebhookDelays
	client *http.Client

	// logBodyBytes and maxBody are the Options' limits with defaults applied.
	logBodyBytes int
	maxBody      int64

	mu sync.Mutex
	// seed is the state of NewServer, which Reset returns to; Seed does
	// not change it.
	seed       State
	state      State
	log        requestLog
	faults     []*faultEntry
	deliveries []WebhookDelivery
	inbox      []InboxEvent
	selfURL    string
	// logGen counts the clears of the request log (DELETE /_mock/requests
	// and Reset). A webhook event is recorded, as a delivery and in the
	// inbox, only if no clear came between its send and its arrival, so
	// that what a run reads after a clear is that run's alone.
	logGen uint64
	// id tells this server's own inbox deliveries apart from another
	// mock's (inboxGenHeader).
	id      string
	limiter *rate.Limiter
	latency time.Duration

	api, control *http.ServeMux // built once by NewServer

	emitter emitter
	// analytics is what the emitter did per send (analytics.go).
	analytics analyticsLedger
}

// NewServer builds a mock from opts.
func NewServer(opts Options) *Server {
	seed := DefaultState()
	if opts.Seed != nil {
		seed = opts.Seed.clone()
	}
	seed.normalize()
	s := &Server{
		opts:         opts,
		now:          opts.Now,
		delays:       opts.WebhookDelays,
		client:       webhookClient(),
		seed:         seed,
		id:           randomString(alnum, 16),
		logBodyBytes: orDefault(opts.RequestLogBodyBytes, DefaultRequestLogBodyBytes),
		maxBody:      orDefault(opts.MaxBodyBytes, DefaultMaxBodyBytes),
		log: requestLog{
			maxEntries: orDefault(opts.RequestLogSize, DefaultRequestLogSize),
			maxBytes:   orDefault(opts.RequestLogBytes, DefaultRequestLogBytes),
		},
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.delays == (WebhookDelays{}) {
		s.delays = WebhookDelays{20 * time.Millisecond, 40 * time.Millisecond, 60 * time.Millisecond, 80 * time.Millisecond}
	}
	s.api, s.control = s.apiRoutes(), s.controlRoutes()
	s.emitter.init()
	s.resetLocked()
	return s
}

func orDefault[T int | int64](v, def T) T {
	if v <= 0 {
		return def
	}
	return v
}

// resetLocked returns everything to how NewServer left it.
func (s *Server) resetLocked() {
	s.state = s.seed.clone()
	s.clearRecordsLocked()
	s.faults = nil
	s.latency = s.opts.Latency
	s.limiter = newSendLimiter(s.opts.RateLimit)
	s.emitter.restart()
	s.analytics = analyticsLedger{}
}

// webhookClient delivers events. It skips TLS verification because receivers
// of a mock are local test servers with self-signed certificates
// (httptest.NewTLSServer), and the events carry no secrets.
func webhookClient() *http.Client {
	tr := &http.Transport{Proxy: nil, MaxIdleConnsPerHost: 16, IdleConnTimeout: 30 * time.Second}
	tr.TLSClientConfig = &tls.Config{InsecureSkipVerify: true} //nolint:gosec // see above
	return &http.Client{Timeout: 5 * time.Second, Transport: tr}
}

// graphPath matches Graph calls: /v24.0/... (the version is required).
var graphPath = regexp.MustCompile(`^/v\d+\.\d+(/.*)?$`)

func isControlPath(p string) bool { return p == "/_mock" || strings.HasPrefix(p, "/_mock/") }

// ServeHTTP records the request, applies latency and faults, and routes it.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if isControlPath(r.URL.Path) {
		s.serveControl(w, r)
		return
	}
	// Read the whole body first: recording needs it, and a dropped
	// connection must come after the request was fully received. The
	// limit keeps a huge upload from being read into memory, on any path.
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.maxBody))
	if err != nil {
		s.refuseBody(w, r, body, err)
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(body))

	s.mu.Lock()
	n := s.log.add(recordRequest(r, body, int64(len(body)), s.logBodyBytes, s.now()))
	fault := s.pickFaultLocked(r.Method, r.URL.Path)
	latency := s.latency
	s.mu.Unlock()

	resp := newBufferedResponse()
	if fault == nil || fault.AfterEffect || fault.DropConnection {
		s.route(resp, r)
	}
	// A fault may replace the answer, but a delivered message stays delivered.
	rendered := resp.rendered
	if fault != nil && !fault.DropConnection {
		resp = newBufferedResponse()
		s.writeFault(resp, r.URL.Path, fault)
	}

	// The request has already taken effect here: a client that gives up
	// during the latency sees an unknown outcome, like with a slow gateway.
	if latency > 0 {
		t := time.NewTimer(latency)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
		}
	}

	status := resp.status
	if fault != nil && fault.DropConnection {
		status = 0
	}
	s.mu.Lock()
	s.log.update(n, status, rendered)
	s.mu.Unlock()

	if fault != nil && fault.DropConnection {
		dropConnection(w)
		return
	}
	resp.copyTo(w)
}

// refuseBody answers a request whose body could not be read whole, as a
// gateway in front of the API does: the request never reaches it. A body
// over the limit gets 413 in 360dialog's own envelope
// (https://docs.360dialog.com/api/api-error-message-list), whose list has
// no text for 413; a body that stalled past the server's read timeout gets
// 408, and one cut short 400, so a client never reads a success for a
// request that did not arrive. The log keeps the start of the body.
func (s *Server) refuseBody(w http.ResponseWriter, r *http.Request, body []byte, err error) {
	status, text := http.StatusBadRequest, "the request body could not be read: "+err.Error()
	// Content-Length, when sent, is the size of the body the client meant.
	size := max(int64(len(body)), r.ContentLength)
	var tooLarge *http.MaxBytesError
	var netErr net.Error
	switch {
	case errors.As(err, &tooLarge):
		status = http.StatusRequestEntityTooLarge
		text = fmt.Sprintf("%s: the body exceeds %d bytes", http.StatusText(status), s.maxBody)
		size = max(size, s.maxBody+1) // without a Content-Length, all that is known
	case errors.As(err, &netErr) && netErr.Timeout():
		status, text = http.StatusRequestTimeout, http.StatusText(http.StatusRequestTimeout)
	}
	s.mu.Lock()
	rec := recordRequest(r, body, size, s.logBodyBytes, s.now())
	rec.BodyTruncated = rec.BodyTruncated || size > int64(len(rec.Body))
	rec.Status = status
	s.log.add(rec)
	s.mu.Unlock()
	writeGatewayError(w, status, text)
}

// route serves an API request. Graph calls are matched first, by graphPath
// rather than a ServeMux pattern: a wildcard matches any segment, not only a
// version like v24.0, and Graph answers every method and depth itself (an
// unsupported method is its code 100 subcode 33, a deeper edge 2500), so its
// pattern would have to be a method-less catch-all, which would also swallow
// a wrong method on /v1/configs/... that must get 405. Graph also takes a
// Bearer token instead of the D360-API-KEY checked below.
func (s *Server) route(w http.ResponseWriter, r *http.Request) {
	if graphPath.MatchString(r.URL.Path) {
		s.serveGraph(w, r)
		return
	}
	// The gateway checks the key before it routes: a wrong key answers 401
	// on any path (https://docs.360dialog.com/api/api-error-message-list).
	if !s.checkAPIKey(r) {
		writeGatewayError(w, http.StatusUnauthorized, "Invalid api_key")
		return
	}
	serveMux(s.api, w, r, "Not Found", "Method Not Allowed")
}

// Reset puts state back to Options.Seed (or DefaultState), whatever was
// seeded since, and clears requests, faults, webhook deliveries (cancelling
// pending ones) and the inbox; rate limit and latency go back to the
// Options values. The API key and Graph token are Options, so they stay.
func (s *Server) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.resetLocked()
}

// Seed replaces the current state. Reset still returns to Options.Seed, so
// that a test can always get back to the state it started from.
func (s *Server) Seed(st State) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.state = st.clone()
	s.state.normalize()
}

// State returns a deep copy of the current state.
func (s *Server) State() State {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.settleTemplatesLocked()
	return s.state.clone()
}

// Update mutates the state under the lock.
func (s *Server) Update(fn func(*State)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.settleTemplatesLocked()
	fn(&s.state)
	s.state.normalize()
}

// SetRateLimit changes the send rate limit (0 = unlimited) and refills the bucket.
func (s *Server) SetRateLimit(perSecond float64) {
	s.mu.Lock()
	s.limiter = newSendLimiter(perSecond)
	s.mu.Unlock()
}

// SetLatency changes the latency added to every API request.
func (s *Server) SetLatency(d time.Duration) {
	s.mu.Lock()
	s.latency = d
	s.mu.Unlock()
}

// Close cancels and waits for pending webhook deliveries. It is idempotent.
func (s *Server) Close() { s.emitter.close() }
