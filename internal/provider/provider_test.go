package provider

import (
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/d360-tf/terraform-provider-d360/internal/mock360"
)

func TestAccProvider_missingAPIKey(t *testing.T) {
	_, ts := newMock(t, mock360.Options{})
	t.Setenv(envAPIKey, "")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config:      fmt.Sprintf("provider \"d360\" {\n  base_url = %q\n}\n", ts.URL) + healthConfig,
			ExpectError: errorLike("Missing 360dialog API key", "Set api_key in the provider block", "D360_API_KEY"),
		}},
	})
}

func TestAccProvider_environment(t *testing.T) {
	srv, ts := newMock(t, mock360.Options{})
	t.Setenv(envAPIKey, testAPIKey)
	t.Setenv(envBaseURL, ts.URL)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: healthConfig,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.d360_health_status.this", tfjsonpath.New("can_send_message"), knownvalue.StringExact("AVAILABLE")),
			},
		}},
	})
	if len(srv.RequestsTo("GET", "/health_status")) == 0 {
		t.Fatal("the provider did not read the base URL and key from the environment")
	}
}

func TestAccProvider_configWinsOverEnvironment(t *testing.T) {
	_, ts := newMock(t, mock360.Options{})
	t.Setenv(envAPIKey, "a-wrong-key-from-the-environment")
	t.Setenv(envBaseURL, "https://unused.example.invalid")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: providerConfig(ts) + healthConfig,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.d360_health_status.this", tfjsonpath.New("can_send_message"), knownvalue.StringExact("AVAILABLE")),
			},
		}},
	})
}

func TestAccProvider_refusesCleartextToRemoteHost(t *testing.T) {
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: `
provider "d360" {
  api_key  = "k"
  base_url = "http://waba-v2.360dialog.io"
}
` + healthConfig,
			ExpectError: errorLike("Invalid 360dialog base URL", "clear text", "use https"),
		}},
	})
}

func TestAccProvider_unknownValue(t *testing.T) {
	_, ts := newMock(t, mock360.Options{})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
resource "terraform_data" "key" {
  input = "k"
}
provider "d360" {
  api_key  = terraform_data.key.output
  base_url = %q
}
`, ts.URL) + healthConfig,
			ExpectError: errorLike("Unknown provider configuration value", "api_key is not known until apply"),
		}},
	})
}

func TestAccProvider_invalidSettings(t *testing.T) {
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{
				Config:      "provider \"d360\" {\n  api_key = \"k\"\n  request_timeout = \"soon\"\n}\n" + healthConfig,
				ExpectError: errorLike("Invalid duration", `"soon" is not a positive duration`),
			},
			{
				Config:      "provider \"d360\" {\n  api_key = \"k\"\n  max_messages_per_second = 0\n}\n" + healthConfig,
				ExpectError: errorLike("max_messages_per_second", "between 1 and 1000"),
			},
		},
	})
}

func TestAccProvider_userAgent(t *testing.T) {
	srv, ts := newMock(t, mock360.Options{})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps:                    []resource.TestStep{{Config: providerConfig(ts) + healthConfig}},
	})
	reqs := srv.RequestsTo("GET", "/health_status")
	if len(reqs) == 0 {
		t.Fatal("no health read recorded")
	}
	ua := reqs[0].Header.Get("User-Agent")
	if !regexp.MustCompile(`^terraform-provider-d360/test \(\+terraform \d+\.\d+\.\d+[^)]*\)$`).MatchString(ua) {
		t.Fatalf("User-Agent = %q", ua)
	}
	if got := reqs[0].Header.Get("D360-API-KEY"); got != "REDACTED" {
		t.Fatalf("the mock recorded D360-API-KEY %q, want it redacted", got)
	}
}

// TestAccProvider_secretsNotLogged runs a trace-level apply that reads
// health, reads Graph and sends a message, and proves that neither
// credential appears anywhere in the CLI or provider logs.
func TestAccProvider_secretsNotLogged(t *testing.T) {
	srv, ts := newMock(t, mock360.Options{})
	logPath := t.TempDir() + "/trace.log"
	t.Setenv("TF_LOG", "TRACE")
	t.Setenv("TF_ACC_LOG_PATH", logPath)
	// Credentials come from the environment, as the docs recommend: the test
	// harness itself logs the configuration text, which is not ours to mask.
	t.Setenv(envAPIKey, testAPIKey)
	t.Setenv(envGraphToken, testGraphToken)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{Config: fmt.Sprintf(`
provider "d360" {
  base_url      = %q
  graph_api_url = "%s/v24.0"
}
`, ts.URL, ts.URL) + healthConfig + eligibilityConfig(mockWABAID) + simpleMessage}},
	})
	if len(srv.RequestsTo("POST", "/marketing_messages")) != 1 {
		t.Fatal("the traced apply should have sent one message")
	}
	raw, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatal(err)
	}
	log := string(raw)
	// The log must be the real thing: provider debug lines and CLI traces.
	for _, want := range []string{
		"360dialog request",
		"path=/health_status",
		"path=/v24.0/" + mockWABAID,
		"path=/marketing_messages",
		"configured d360 provider",
	} {
		if !strings.Contains(log, want) {
			t.Fatalf("trace log (%d bytes) lacks %q, so it cannot prove anything", len(raw), want)
		}
	}
	for _, secret := range []string{testAPIKey, testGraphToken} {
		if i := strings.Index(log, secret); i >= 0 {
			t.Fatalf("secret found in the trace log: ...%s...", log[max(0, i-120):min(len(log), i+40)])
		}
	}
}
