package d360

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestScrubsEverySecret(t *testing.T) {
	const hook = "hook-secret-41d2"
	long := strings.Repeat("x", 248) + testKey // the snippet limit cuts the key
	cases := map[string]string{
		"webhook secret in message": `{"error":{"message":"header X-Hook-Secret=` + hook + ` refused","code":100}}`,
		"key in fbtrace_id":         `{"error":{"message":"bad","code":100,"fbtrace_id":"A` + testKey + `"}}`,
		"key cut by the snippet":    long,
		"key in type and title":     `{"error":{"message":"bad","code":100,"type":"` + testKey + `","error_user_title":"` + testKey + `"}}`,
	}
	for name, body := range cases {
		t.Run(name, func(t *testing.T) {
			var logged strings.Builder
			_, ts := newScripted(t, answer{status: 400, body: body})
			c := newTestClient(t, ts.URL, func(cfg *Config) {
				cfg.Log = func(_ context.Context, msg string, f map[string]any) { fmt.Fprintln(&logged, msg, f) }
			})
			_, err := c.Webhook.Set(context.Background(), WebhookConfig{URL: "https://hooks.example.com/x", Headers: map[string]string{"X-Hook-Secret": hook}})
			if err == nil {
				t.Fatal("want an error")
			}
			var apiErr *APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("want an *APIError, got %T", err)
			}
			text := fmt.Sprintf("%s %+v %s", err, *apiErr, logged.String())
			for _, leak := range []string{hook, testKey, testKey[:8]} {
				if strings.Contains(text, leak) {
					t.Fatalf("%q leaked: %s", leak, text)
				}
			}
		})
	}
}
