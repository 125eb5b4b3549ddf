package d360

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
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

// WebhookURLProblem says why 360dialog would refuse raw as a webhook URL, or
// "" when it would not: https only, no underscore in the host, no explicit
// port (reference §5.1).
func WebhookURLProblem(raw string) string {
	u, err := url.Parse(raw)
	switch {
	case err != nil || u.Host == "":
		return fmt.Sprintf("%q is not a URL such as https://hooks.example.com/whatsapp", raw)
	case u.Scheme != "https":
		return fmt.Sprintf("%q must use https: 360dialog only delivers to https URLs", raw)
	case strings.Contains(u.Hostname(), "_"):
		return fmt.Sprintf("the host %q contains an underscore, which 360dialog refuses; use a host name with hyphens instead", u.Hostname())
	case u.Port() != "":
		return fmt.Sprintf("%q has an explicit port (%s), which 360dialog refuses; serve the webhook on the default https port 443", raw, u.Port())
	}
	return ""
}
