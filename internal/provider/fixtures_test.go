package provider

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/d360-tf/terraform-provider-d360/internal/mock360"
)

// Configurations and state checks shared by the acceptance tests of more
// than one file: broadcasts, eligibility, templates and webhooks.

const broadcastAddr = "d360_marketing_broadcast.test"

// numbers returns n recipients starting at from: 4915100000000, ...
func numbers(from, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("49151%08d", from+i)
	}
	return out
}

func broadcastConfig(recipients []string, trigger, extra string) string {
	return fmt.Sprintf(`
resource "d360_marketing_broadcast" "test" {
  recipients    = [%s]
  template_name = "spring_sale"
  language_code = "en"
  body_parameters = [{ text = "friend" }, { text = "20%%" }]
  buttons         = [{ index = 0, sub_type = "url", text = "spring" }]
  triggers = {
    run = %q
  }
%s
}
`, `"`+strings.Join(recipients, `", "`)+`"`, trigger, extra)
}

// perRecipient counts the sends the mock accepted per recipient.
func perRecipient(srv *mock360.Server) map[string]int {
	out := map[string]int{}
	for _, m := range srv.State().Messages {
		out[m.To]++
	}
	return out
}

func expectCounts(accepted, failed, unknown int64) []statecheck.StateCheck {
	return []statecheck.StateCheck{
		statecheck.ExpectKnownValue(broadcastAddr, tfjsonpath.New("accepted_count"), knownvalue.Int64Exact(accepted)),
		statecheck.ExpectKnownValue(broadcastAddr, tfjsonpath.New("failed_count"), knownvalue.Int64Exact(failed)),
		statecheck.ExpectKnownValue(broadcastAddr, tfjsonpath.New("unknown_count"), knownvalue.Int64Exact(unknown)),
	}
}

func eligibilityConfig(wabaID string) string {
	return fmt.Sprintf("data \"d360_mm_lite_eligibility\" \"this\" {\n  waba_id = %q\n}\n", wabaID)
}

func expectEligibility(key string, check knownvalue.Check) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(eligibilityAddr, tfjsonpath.New(key), check)
}

const templateAddr = "d360_template.summer"

func summerTemplate(body string) string {
	return fmt.Sprintf(`
resource "d360_template" "summer" {
  name     = "summer_sale"
  language = "en"
  category = "MARKETING"
  components = {
    header = { format = "TEXT", text = "Summer sale" }
    body = {
      text     = %q
      examples = ["Ana", "25%%"]
    }
    footer = "Reply STOP to opt out"
    buttons = [
      { type = "URL", text = "Shop now", url = "https://shop.example.com/summer/{{1}}", url_example = "https://shop.example.com/summer/a1" },
      { type = "QUICK_REPLY", text = "Not interested" },
    ]
  }
  message_send_ttl_seconds = 86400
  wait_for_approval        = true
  timeouts {
    create = "1m"
  }
}
`, body)
}

const summerBody = "Hi {{1}}, {{2}} off all summer."

func fidelityTemplate(category, components, extra string) string {
	return fmt.Sprintf(`
resource "d360_template" "f" {
  name       = "fidelity_check"
  language   = "en"
  category   = %q
  %s
  %s
}
`, category, components, extra)
}

// planFails expects a plan-time error and no request at all to the API.
func planFails(t *testing.T, config string, expect ...string) {
	t.Helper()
	srv, ts := newMock(t, mock360.Options{})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps:                    []resource.TestStep{{Config: providerConfig(ts) + config, ExpectError: errorLike(expect...)}},
	})
	if n := len(srv.Requests()); n != 0 {
		t.Fatalf("a refused template reached the API: %d requests", n)
	}
}

const webhookAddr = "d360_webhook.this"

const (
	eligibilityAddr = "data.d360_mm_lite_eligibility.this"
	mockWABAID      = "102290129340398"
	mockGraphPath   = "/v24.0/" + mockWABAID
)
