package d360

import (
	"context"
	"net/http"
)

// WebhookService manages the channel's webhook (/v1/configs/webhook).
type WebhookService service

// WebhookConfig is where 360dialog posts this number's events.
type WebhookConfig struct {
	URL     string            `json:"url"`
	Headers map[string]string `json:"headers,omitempty"`
}

// Get returns the configured webhook, or nil when none is set: 360dialog
// answers 404 then, with a valid key.
//
// 360dialog API docs: https://docs.360dialog.com/partner/messaging/receiving-messages-via-webhook
func (s *WebhookService) Get(ctx context.Context) (*WebhookConfig, error) {
	var out WebhookConfig
	err := s.client.do(ctx, request{api: api360, method: http.MethodGet, path: "/v1/configs/webhook"}, &out)
	if IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// Set points the channel's webhook at cfg.URL. Setting is idempotent, so it
// is retried like a read.
//
// 360dialog API docs: https://docs.360dialog.com/partner/messaging/receiving-messages-via-webhook
func (s *WebhookService) Set(ctx context.Context, cfg WebhookConfig) (*WebhookConfig, error) {
	var out WebhookConfig
	// Header values are usually a shared secret the receiver checks, and an
	// error answer may echo them.
	secrets := make([]string, 0, len(cfg.Headers))
	for _, v := range cfg.Headers {
		secrets = append(secrets, v)
	}
	err := s.client.do(ctx, request{api: api360, method: http.MethodPost, path: "/v1/configs/webhook", body: cfg, secrets: secrets}, &out)
	if err != nil {
		return nil, err
	}
	return &out, nil
}
