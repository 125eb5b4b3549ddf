package d360

import (
	"encoding/json"
	"strings"
)

// redacted stands in for a secret in any text the client passes on.
const redacted = "***"

// scrub replaces every non-empty secret in s, both as is and in its JSON
// escaped form, so an upstream that echoes a header inside a JSON string
// is caught too.
func scrub(s string, secrets []string) string {
	for _, secret := range secrets {
		if secret == "" {
			continue
		}
		s = strings.ReplaceAll(s, secret, redacted)
		if b, err := json.Marshal(secret); err == nil {
			if escaped := string(b[1 : len(b)-1]); escaped != secret {
				s = strings.ReplaceAll(s, escaped, redacted)
			}
		}
	}
	return s
}

// secretsOf lists what must never leave the client for this request: the
// configured credentials, plus values the request itself carries, such as
// a webhook's secret headers.
func (c *Client) secretsOf(req request) []string {
	return append([]string{c.cfg.APIKey, c.cfg.GraphToken}, req.secrets...)
}

// scrubFields scrubs the free-text fields of a log entry.
func scrubFields(fields map[string]any, secrets []string) map[string]any {
	for k, v := range fields {
		if s, ok := v.(string); ok {
			fields[k] = scrub(s, secrets)
		}
	}
	return fields
}
