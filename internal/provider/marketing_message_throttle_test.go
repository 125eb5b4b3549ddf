package provider

import (
	"os"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/d360-tf/terraform-provider-d360/internal/mock360"
)

const throttledMessage = `
resource "d360_marketing_message" "test" {
  to            = "4915112345678"
  template_name = "marketing_text_no_param"
  language_code = "en"
  timeouts {
    create = "2m"
  }
}
`

// A 429 asking to wait a day, with two minutes left of the create timeout:
// the send fails at once, names the 429 and the wait asked for, and says
// nothing was sent. It used to wait in silence until the timeout and then
// say "cancelled or timed out".
func TestAccMarketingMessage_longRetryAfterFailsAtOnce(t *testing.T) {
	srv, ts := newMock(t, mock360.Options{})
	srv.AddFault(mock360.Fault{Method: "POST", Path: "/marketing_messages", Status: 429, RetryAfter: "86400"})
	// Not parallel: a parallel test waits for the serial ones first, and
	// the clock below must time this apply alone.
	start := time.Now()
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: providerConfig(ts) + throttledMessage,
			ExpectError: errorLike("WhatsApp message not sent", "1 answer of HTTP 429",
				"86400 s (Retry-After)", "So nothing was sent", "max_messages_per_second", "timeouts { create"),
		}},
	})
	if d := time.Since(start); d > time.Minute {
		t.Fatalf("the apply took %v: the day-long wait should have been refused at once, not sat out until the timeout", d)
	}
	if n := len(srv.State().Messages); n != 0 {
		t.Fatalf("the mock accepted %d messages, want 0", n)
	}
}

// A short Retry-After is honoured, logged at INFO where a user sees it,
// and the send then goes out once.
func TestAccMarketingMessage_retryAfterWaitIsLogged(t *testing.T) {
	srv, ts := newMock(t, mock360.Options{})
	srv.AddFault(mock360.Fault{Method: "POST", Path: "/marketing_messages", Status: 429, RetryAfter: "2"})
	logPath := t.TempDir() + "/info.log"
	t.Setenv("TF_LOG", "INFO")
	t.Setenv("TF_ACC_LOG_PATH", logPath)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config:            providerConfig(ts) + throttledMessage,
			ConfigStateChecks: []statecheck.StateCheck{mockCheck(wantSends(2, srv))},
		}},
	})
	if n := len(srv.State().Messages); n != 1 {
		t.Fatalf("the mock accepted %d messages, want 1", n)
	}
	raw, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatal(err)
	}
	if !logHasLine(string(raw), "[INFO]", "waiting 2 s: Retry-After") {
		t.Fatal("no INFO log line says the provider is waiting 2 s for Retry-After")
	}
}
