package mock360

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
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
	s.inbox = append(s.inbox, InboxEvent{Time: time.Now(), Body: bytes.Clone(body)})
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]bool{"ok": true})
}

// Inbox returns the events received at /_mock/inbox, in order.
func (s *Server) Inbox() []InboxEvent {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]InboxEvent(nil), s.inbox...)
}
