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

// -h states the request log's limits, their defaults and the seed rules.
func TestUsageStatesLimits(t *testing.T) {
	var stderr bytes.Buffer
	_ = run(context.Background(), []string{"-h"}, io.Discard, &stderr)
	out := stderr.String()
	for _, want := range []string{
		"-request-log-size", "(default 20000)", "-request-log-body-bytes", "(default 65536)", "-request-log-bytes", "(default 67108864)",
		"-max-body-bytes", "(default 1048576)", "HTTP 413", "-read-header-timeout", "(default 10s)", "-read-timeout", "(default 1m0s)",
		`"body_truncated": true`, `"body_size"`, "X-Mock-Requests-Dropped", "a whole state", "whatever was seeded since",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("-h does not mention %q", want)
		}
	}
}

// -version prints the version stamped in at build time and serves nothing.
func TestVersionFlag(t *testing.T) {
	old := version
	t.Cleanup(func() { version = old })
	version = "1.2.3"
	var stdout bytes.Buffer
	if err := run(context.Background(), []string{"-version", "-addr", "256.0.0.1:0"}, &stdout, io.Discard); err != nil {
		t.Fatalf("-version: %v", err)
	}
	if got := stdout.String(); got != "d360-mock 1.2.3\n" {
		t.Errorf("-version printed %q, want %q", got, "d360-mock 1.2.3\n")
	}
}

// -h states the CI contract: the env file, wait, and the exit codes; and
// what DELETE /_mock/requests and POST /_mock/reset keep.
func TestUsageStatesTheCIContract(t *testing.T) {
	var stderr bytes.Buffer
	_ = run(context.Background(), []string{"-h"}, io.Discard, &stderr)
	out := stderr.String()
	for _, want := range []string{
		"d360-mock wait -env-file mock.env -pid $! -timeout 30s", "removed at start", "written whole", "removed when it stops",
		"Exit status:", "cannot listen", "GET    /_mock/run", "run_id",
		"DELETE /_mock/requests", "deliveries and inbox events",
		"with the -webhook-inbox", "-api-key and -graph-token stay",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("-h does not mention %q", want)
		}
	}
	stderr.Reset()
	_ = run(context.Background(), []string{"wait", "-h"}, io.Discard, &stderr)
	for _, want := range []string{"-env-file", "-url", "-timeout", "(default 30s)", "-pid", "exits 1", "exits 2", "never passes"} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("wait -h does not mention %q", want)
		}
	}
}
