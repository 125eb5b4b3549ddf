package main

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"
)

// -h documents every control endpoint and the fidelity seed fields.
func TestUsageListsControlEndpointsAndSeedFields(t *testing.T) {
	var stderr bytes.Buffer
	_ = run(context.Background(), []string{"-h"}, io.Discard, &stderr)
	out := stderr.String()
	for _, want := range []string{
		"-seed", "/_mock/onboard", "MM_LITE_TERMS_SIGNED", "/_mock/pacing", "held_for_quality_assessment", "132015",
		"/_mock/recipient_errors", "131049", "131050", "131026", "HTTP 403", "/_mock/cloud_api_marketing", "131063",
		"paced_templates", "recipient_errors", `"rendered"`, "delivered text", "disable_marketing_messages_on_cloud_api", "webhook_version",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("-h does not mention %q:\n%s", want, out)
		}
	}
}
