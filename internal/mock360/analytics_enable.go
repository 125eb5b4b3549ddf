package mock360

import "net/http"

// enableAnalyticsRefused is 360dialog's answer to a confirmation without
// enable=true: "Bad request - enable=true required", HTTP 400
// (https://docs.360dialog.com/docs/messaging-api/api-reference/marketing-messages).
// The reference shows the text, not its envelope; the mock answers it in
// the gateway's {"error": "..."}, as its other 360dialog-level 400s
// (https://docs.360dialog.com/api/api-error-message-list).
const enableAnalyticsRefused = "Bad request - enable=true required"

// handleEnableAnalytics confirms template analytics on the WABA: POST
// /marketing/template_analytics?enable=true, "Must be 'true' to enable
// analytics" (the API reference above; the guide is
// https://docs.360dialog.com/docs/resources/templates/template-analytics).
// Confirming again changes nothing. The key was checked before routing.
//
// The answer's shape is inferred: the reference describes a "Response
// payload for successful analytics enablement" whose example is true, read
// here as Graph's usual {"success": true}.
func (s *Server) handleEnableAnalytics(w http.ResponseWriter, r *http.Request) {
	if v, ok := r.URL.Query()["enable"]; !ok || len(v) != 1 || v[0] != "true" {
		writeGatewayError(w, http.StatusBadRequest, enableAnalyticsRefused)
		return
	}
	s.mu.Lock()
	s.state.TemplateAnalyticsEnabled = true
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]bool{"success": true})
}
