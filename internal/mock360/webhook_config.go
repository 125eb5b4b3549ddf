package mock360

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
)

type webhookBody struct {
	URL     string            `json:"url"`
	Headers map[string]string `json:"headers"`
}

// handleGetWebhook serves GET /v1/configs/webhook. With no webhook set it
// answers 404, which public clients read as "key valid, nothing set";
// 360dialog documents no answer for an unset webhook.
func (s *Server) handleGetWebhook(w http.ResponseWriter) {
	s.mu.Lock()
	cfg := s.state.Webhook
	var body webhookBody
	if cfg != nil {
		body = webhookBody{URL: cfg.URL, Headers: cloneHeaders(cfg.Headers)}
	}
	s.mu.Unlock()
	if cfg == nil {
		writeGatewayError(w, http.StatusNotFound, "Webhook URL is not configured")
		return
	}
	writeJSON(w, http.StatusOK, body)
}

// handleSetWebhook serves POST /v1/configs/webhook. Validation errors use
// 360dialog's own {"error":"..."} envelope: this endpoint is 360dialog's, not a
// Meta pass-through. An empty url is rejected too, because no way to unset the
// webhook is documented.
func (s *Server) handleSetWebhook(w http.ResponseWriter, raw []byte) {
	var body webhookBody
	if err := json.Unmarshal(raw, &body); err != nil {
		writeGatewayError(w, http.StatusBadRequest, "Invalid request body: "+err.Error())
		return
	}
	if msg := validateWebhookURL(body.URL); msg != "" {
		writeGatewayError(w, http.StatusBadRequest, msg)
		return
	}
	if body.Headers == nil {
		body.Headers = map[string]string{}
	}
	s.mu.Lock()
	s.state.Webhook = &WebhookConfig{URL: body.URL, Headers: cloneHeaders(body.Headers)}
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, body)
}

// validateWebhookURL applies 360dialog's documented rules
// (https://docs.360dialog.com/partner/messaging/receiving-messages-via-webhook/multiple-webhooks-per-phone-number):
// https only, no underscore in the host, no explicit port.
func validateWebhookURL(raw string) string {
	if raw == "" {
		return "Webhook URL is required"
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return "Webhook URL is not a valid URL"
	}
	if u.Scheme != "https" {
		return "Webhook URL must use https"
	}
	if strings.Contains(u.Hostname(), "_") {
		return "Webhook URL host must not contain underscores"
	}
	if u.Port() != "" {
		return "Webhook URL must not contain an explicit port"
	}
	return ""
}
