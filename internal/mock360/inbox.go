package mock360

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// InboxEvent is one webhook event received at /_mock/inbox. The inbox lets
// a demo or a CI job point the channel's webhook at the mock itself and see
// the events arrive over real HTTP, with no receiver of its own.
type InboxEvent struct {
	Time time.Time
	Body []byte
}

// MarshalJSON writes the body as JSON, not base64.
func (e InboxEvent) MarshalJSON() ([]byte, error) {
	body := json.RawMessage(e.Body)
	if !json.Valid(e.Body) {
		body, _ = json.Marshal(string(e.Body))
	}
	return json.Marshal(struct {
		Time time.Time       `json:"time"`
		Body json.RawMessage `json:"body"`
	}{e.Time, body})
}

// InboxPath is where the inbox listens, on the mock's own address.
const InboxPath = "/_mock/inbox"

func (s *Server) receive(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		writeGatewayError(w, http.StatusBadRequest, "could not read the event")
		return
	}
	s.mu.Lock()
	if !s.staleInboxEventLocked(r.Header.Get(inboxGenHeader)) {
		s.inbox = append(s.inbox, InboxEvent{Time: time.Now(), Body: bytes.Clone(body)})
	}
	s.mu.Unlock()
	// Received either way: the sender is not to blame for a cleared log.
	writeJSON(w, http.StatusOK, map[string]bool{"ok": true})
}

// inboxGenHeader carries "<server id> <log generation>" on the events a
// mock delivers to an inbox, so that its own inbox can tell an event of a
// send made before the last clear (DELETE /_mock/requests, reset) from one
// of the current run.
const inboxGenHeader = "X-Mock-Log-Generation"

// staleInboxEventLocked reports whether an event came from this server's
// emitter for a send made before the records were last cleared. Events
// from anything else (another mock, a person's curl) are always kept.
func (s *Server) staleInboxEventLocked(header string) bool {
	id, gen, ok := strings.Cut(header, " ")
	if !ok || id != s.id {
		return false
	}
	return gen != strconv.FormatUint(s.logGen, 10)
}

// SetSelfURL tells the mock where it listens, for InboxHosts deliveries.
func (s *Server) SetSelfURL(base string) {
	s.mu.Lock()
	s.selfURL = strings.TrimRight(base, "/")
	s.mu.Unlock()
}

// deliveryTarget is where an event for rawURL really goes: the mock's own
// inbox for a host in InboxHosts, else rawURL itself.
func (s *Server) deliveryTarget(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return rawURL
	}
	s.mu.Lock()
	self := s.selfURL
	s.mu.Unlock()
	if self != "" && slices.Contains(s.opts.InboxHosts, u.Hostname()) {
		return self + InboxPath
	}
	return rawURL
}

// Inbox returns the events received at /_mock/inbox, in order.
func (s *Server) Inbox() []InboxEvent {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]InboxEvent(nil), s.inbox...)
}
