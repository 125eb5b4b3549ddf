package mock360

import "net/http"

// overallHealth is BLOCKED if any entity is blocked, else LIMITED if any is
// limited, else AVAILABLE
// (https://developers.facebook.com/documentation/business-messaging/whatsapp/support/health-status).
func overallHealth(entities []HealthEntity) string {
	overall := "AVAILABLE"
	for _, e := range entities {
		switch e.CanSendMessage {
		case "BLOCKED":
			return "BLOCKED"
		case "LIMITED":
			overall = "LIMITED"
		}
	}
	return overall
}

// handleHealth serves GET /health_status for the key's phone number.
func (s *Server) handleHealth(w http.ResponseWriter) {
	// Handlers write into a buffer (see ServeHTTP), so encoding under the lock is cheap.
	s.mu.Lock()
	defer s.mu.Unlock()
	entities, id := s.state.Health, s.state.PhoneNumberID
	if entities == nil {
		entities = []HealthEntity{}
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"health_status": map[string]any{
			"can_send_message": overallHealth(entities),
			"entities":         entities,
		},
		"id": id,
	})
}
