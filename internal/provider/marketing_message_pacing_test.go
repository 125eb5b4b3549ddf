package provider

import (
	"fmt"
	"net/http/httptest"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/d360-tf/terraform-provider-d360/internal/mock360"
)

// manyMessages sends to n recipients. It uses count, not for_each, because
// the test harness cannot shim for_each instances into its legacy state;
// the bench runs the for_each form with a real CLI.
func manyMessages(ts *httptest.Server, n int, providerExtra string) string {
	return fmt.Sprintf(`
provider "d360" {
  api_key         = %q
  base_url        = %q
  %s
}

resource "d360_marketing_message" "many" {
  count         = %d
  to            = format("49151%%08d", count.index)
  template_name = "marketing_text_no_param"
  language_code = "en"
}
`, testAPIKey, ts.URL, providerExtra, n)
}

// acceptedOnce fails unless every one of n recipients got exactly one message.
func acceptedOnce(t *testing.T, srv *mock360.Server, n int) {
	t.Helper()
	per := map[string]int{}
	for _, m := range srv.State().Messages {
		per[m.To]++
	}
	if len(per) != n {
		t.Fatalf("%d recipients got a message, want %d", len(per), n)
	}
	for to, c := range per {
		if c != 1 {
			t.Fatalf("%s got %d messages, want exactly 1", to, c)
		}
	}
}

// refusedSends counts the sends the mock answered with anything but 200.
func refusedSends(srv *mock360.Server) int {
	n := 0
	for _, r := range srv.RequestsTo("POST", "/marketing_messages") {
		if r.Status != 200 {
			n++
		}
	}
	return n
}

// TestAccMarketingMessage_paced: 50 sends with the mock limited to 20/s and
// the provider told so. The shared pace keeps every send under the limit.
func TestAccMarketingMessage_paced(t *testing.T) {
	srv, ts := newMock(t, mock360.Options{RateLimit: 20})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps:                    []resource.TestStep{{Config: manyMessages(ts, 50, "max_messages_per_second = 20")}},
	})
	acceptedOnce(t, srv, 50)
	if throttled := refusedSends(srv); throttled != 0 {
		t.Fatalf("%d sends were throttled; the shared pace should keep all 50 under 20/s", throttled)
	}
}

// TestAccMarketingMessage_rateLimitStorm: the provider believes it may send
// 80/s but the mock allows 5/s. Throttles are retried until every message is
// accepted exactly once, and none surfaces as an error.
func TestAccMarketingMessage_rateLimitStorm(t *testing.T) {
	srv, ts := newMock(t, mock360.Options{RateLimit: 5})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps:                    []resource.TestStep{{Config: manyMessages(ts, 15, "")}},
	})
	acceptedOnce(t, srv, 15)
	if refusedSends(srv) == 0 {
		t.Fatal("the mock never throttled, so this test proved nothing")
	}
}

// TestAccMarketingMessage_timeoutStopsBeforeSending: with the provider paced
// to one send per second and a create timeout of 1.5s, the third of three
// sends would have to wait about 2s for its turn. It gives up before sending
// anything, leaves no state, and the other two go out once each.
func TestAccMarketingMessage_timeoutStopsBeforeSending(t *testing.T) {
	srv, ts := newMock(t, mock360.Options{})
	config := fmt.Sprintf(`
provider "d360" {
  api_key                 = %q
  base_url                = %q
  max_messages_per_second = 1
}

resource "d360_marketing_message" "many" {
  count         = 3
  to            = format("49151%%08d", count.index)
  template_name = "marketing_text_no_param"
  language_code = "en"
  timeouts {
    create = "1500ms"
  }
}
`, testAPIKey, ts.URL)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config:      config,
			ExpectError: errorLike("WhatsApp message not sent", "cancelled or timed out before the request left", "nothing was sent"),
		}},
	})
	if n := len(sends(srv)); n != 2 {
		t.Fatalf("mock saw %d sends, want the 2 that fit in the timeout", n)
	}
	acceptedOnce(t, srv, 2)
}
