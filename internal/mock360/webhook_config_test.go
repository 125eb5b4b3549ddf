package mock360

import (
	"net/http"
	"testing"
)

func TestWebhookConfig(t *testing.T) {
	mock, ts := newTestServer(t, Options{})
	wantGateway(t, call(t, ts, "GET", "/v1/configs/webhook", nil, nil), http.StatusNotFound, "Webhook URL is not configured")

	body := map[string]any{"url": "https://hooks.example.com/wa", "headers": map[string]string{"X-Token": "abc"}}
	want := `{"url":"https://hooks.example.com/wa","headers":{"X-Token":"abc"}}`
	wantJSON(t, call(t, ts, "POST", "/v1/configs/webhook", body, nil), http.StatusOK, want)
	wantJSON(t, call(t, ts, "GET", "/v1/configs/webhook", nil, nil), http.StatusOK, want)
	if st := mock.State(); st.Webhook == nil || st.Webhook.URL != "https://hooks.example.com/wa" || st.Webhook.Headers["X-Token"] != "abc" {
		t.Fatalf("state webhook = %+v", st.Webhook)
	}

	wantJSON(t, call(t, ts, "POST", "/v1/configs/webhook", map[string]any{"url": "https://b.example.com"}, nil), http.StatusOK,
		`{"url":"https://b.example.com","headers":{}}`)

	bad := []struct {
		name, body, text string
	}{
		{"http", `{"url":"http://hooks.example.com"}`, "Webhook URL must use https"},
		{"underscore", `{"url":"https://my_hooks.example.com/x"}`, "Webhook URL host must not contain underscores"},
		{"port", `{"url":"https://hooks.example.com:8443/x"}`, "Webhook URL must not contain an explicit port"},
		{"empty", `{"url":""}`, "Webhook URL is required"},
		{"missing", `{}`, "Webhook URL is required"},
		{"not a URL", `{"url":"https://"}`, "Webhook URL is not a valid URL"},
		{"bad JSON", `{"url":`, "Invalid request body: unexpected end of JSON input"},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			wantGateway(t, call(t, ts, "POST", "/v1/configs/webhook", tc.body, nil), http.StatusBadRequest, tc.text)
		})
	}
	// A refused update leaves the old webhook in place.
	if st := mock.State(); st.Webhook.URL != "https://b.example.com" {
		t.Fatalf("webhook changed by a refused update: %+v", st.Webhook)
	}
}
