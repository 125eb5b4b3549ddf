package provider

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/d360-tf/terraform-provider-d360/internal/mock360"
)

// otherOrigin is where a misbehaving base_url redirects to. It counts every
// request that reaches it, so a test can assert that none did.
func otherOrigin(t *testing.T) (*atomic.Int32, *httptest.Server) {
	t.Helper()
	var n atomic.Int32
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		_, _ = w.Write([]byte(`{"messages":[{"id":"wamid.ELSEWHERE"}]}`))
	}))
	t.Cleanup(ts.Close)
	return &n, ts
}

// TestAccMarketingMessage_redirectIsOutcomeUnknown: a send answered with a
// redirect is never followed (the key and the message stay on the API's
// origin) and is kept as an unknown outcome, never as accepted.
func TestAccMarketingMessage_redirectIsOutcomeUnknown(t *testing.T) {
	for _, status := range []int{307, 302} {
		t.Run(fmt.Sprint(status), func(t *testing.T) {
			reached, other := otherOrigin(t)
			srv, ts := newMock(t, mock360.Options{})
			srv.AddFault(mock360.Fault{Method: "POST", Path: "/marketing_messages", Raw: true, Status: status,
				Headers: map[string]string{"Location": other.URL + "/marketing_messages"}})
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders,
				Steps: []resource.TestStep{{
					Config: providerConfig(ts) + simpleMessage,
					ConfigStateChecks: []statecheck.StateCheck{
						mockCheck(wantSends(1, srv)),
						statecheck.ExpectKnownValue(messageAddr, tfjsonpath.New("outcome"), knownvalue.StringExact("unknown")),
						statecheck.ExpectKnownValue(messageAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(unknownIDPattern)),
					},
				}},
			})
			if n := reached.Load(); n != 0 {
				t.Fatalf("the redirect target received %d requests, want none", n)
			}
		})
	}
}

// TestAccMarketingMessage_emptySuccessIsOutcomeUnknown: a 2xx without a
// message id is not an acceptance; the send is kept as unknown, sent once.
func TestAccMarketingMessage_emptySuccessIsOutcomeUnknown(t *testing.T) {
	for name, body := range map[string]string{"empty": "", "null": "null"} {
		t.Run(name, func(t *testing.T) {
			srv, ts := newMock(t, mock360.Options{})
			srv.AddFault(mock360.Fault{Method: "POST", Path: "/marketing_messages", Raw: true, Status: 200, Body: body, AfterEffect: true})
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders,
				Steps: []resource.TestStep{
					{
						Config: providerConfig(ts) + simpleMessage,
						ConfigStateChecks: []statecheck.StateCheck{
							mockCheck(wantSends(1, srv)),
							statecheck.ExpectKnownValue(messageAddr, tfjsonpath.New("outcome"), knownvalue.StringExact("unknown")),
							statecheck.ExpectKnownValue(messageAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(unknownIDPattern)),
						},
					},
					{
						Config:            providerConfig(ts) + simpleMessage,
						ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
						ConfigStateChecks: []statecheck.StateCheck{mockCheck(wantSends(1, srv))},
					},
				},
			})
		})
	}
}

// TestAccMarketingBroadcast_emptySuccessIsOutcomeUnknown: the same for one
// recipient of a broadcast; the others are accepted as usual.
func TestAccMarketingBroadcast_emptySuccessIsOutcomeUnknown(t *testing.T) {
	for name, body := range map[string]string{"empty object": "{}", "no messages": `{"messages":[]}`} {
		t.Run(name, func(t *testing.T) {
			srv, ts := newMock(t, mock360.Options{})
			srv.AddFault(mock360.Fault{Method: "POST", Path: "/marketing_messages", Raw: true, Status: 200, Body: body, AfterEffect: true, Times: 1})
			recipients := numbers(0, 2)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders,
				Steps: []resource.TestStep{{
					Config:            providerConfig(ts) + broadcastConfig(recipients, "1", ""),
					ConfigStateChecks: append(expectCounts(1, 0, 1), mockCheck(wantSends(2, srv))),
				}},
			})
			if got := perRecipient(srv); got[recipients[0]] != 1 || got[recipients[1]] != 1 {
				t.Fatalf("mock took %v, want exactly one message per recipient", got)
			}
		})
	}
}

// TestAccWebhook_secretHeaderNotEchoed: an API error that echoes the
// webhook's secret header reaches neither the diagnostic nor the trace log.
func TestAccWebhook_secretHeaderNotEchoed(t *testing.T) {
	const secret = "hook-secret-e7c21d"
	srv, ts := newMock(t, mock360.Options{})
	srv.AddFault(mock360.Fault{Method: "POST", Path: "/v1/configs/webhook", Raw: true, Status: 400,
		Headers: map[string]string{"Content-Type": "application/json"},
		Body:    `{"error":{"message":"(#100) Invalid header X-Hook-Secret: ` + secret + `","code":100,"fbtrace_id":"A` + secret + `"}}`})
	logPath := t.TempDir() + "/trace.log"
	t.Setenv("TF_LOG", "TRACE")
	t.Setenv("TF_ACC_LOG_PATH", logPath)
	t.Setenv(envAPIKey, testAPIKey)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			// The secret is assembled in HCL, so the configuration text the
			// test harness logs does not contain it.
			Config: fmt.Sprintf(`
provider "d360" {
  base_url = %q
}
resource "d360_webhook" "this" {
  url     = "https://hooks.example.com/whatsapp"
  headers = { "X-Hook-Secret" = join("-", ["hook", "secret", "e7c21d"]) }
}
`, ts.URL),
			ExpectError: errorLike("HTTP 400, code 100", "Invalid header X-Hook-Secret: ***", "fbtrace_id A***"),
		}},
	})
	raw, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatal(err)
	}
	log := string(raw)
	for _, want := range []string{"360dialog request", "path=/v1/configs/webhook"} {
		if !strings.Contains(log, want) {
			t.Fatalf("trace log (%d bytes) lacks %q, so it cannot prove anything", len(raw), want)
		}
	}
	if i := strings.Index(log, secret); i >= 0 {
		t.Fatalf("webhook secret found in the trace log: ...%s...", log[max(0, i-160):min(len(log), i+40)])
	}
}

// TestAccProvider_credentialNotHeaderSafe: a key with a newline is refused
// at configure, on the attribute, without a single request.
func TestAccProvider_credentialNotHeaderSafe(t *testing.T) {
	srv, ts := newMock(t, mock360.Options{})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{
				Config:      fmt.Sprintf("provider \"d360\" {\n  api_key  = \"%s\\n\"\n  base_url = %q\n}\n", testAPIKey, ts.URL) + healthConfig,
				ExpectError: errorLike("Invalid 360dialog API key", "api key starts or ends with white space", "trimspace(file(...))"),
			},
			{
				Config: fmt.Sprintf(
					"provider \"d360\" {\n  api_key  = %q\n  base_url = %q\n  graph_api_token = \"%s \"\n}\n",
					testAPIKey,
					ts.URL,
					testGraphToken,
				) + healthConfig,
				ExpectError: errorLike("Invalid Graph API token", "graph token starts or ends with white space"),
			},
		},
	})
	if n := len(srv.Requests()); n != 0 {
		t.Fatalf("the mock saw %d requests, want none", n)
	}
}

// TestAccProvider_maxRetryDuration: a read that keeps failing is given up
// on after max_retry_duration, and the error says so.
func TestAccProvider_maxRetryDuration(t *testing.T) {
	srv, ts := newMock(t, mock360.Options{})
	srv.AddFault(mock360.Fault{Method: "GET", Path: "/health_status", Status: 500, Every: 1})
	limited := strings.Replace(providerConfig(ts), "provider \"d360\" {", "provider \"d360\" {\n  max_retry_duration = \"1s\"", 1)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{
				Config:      "provider \"d360\" {\n  api_key = \"k\"\n  max_retry_duration = \"forever\"\n}\n" + healthConfig,
				ExpectError: errorLike("Invalid duration", `"forever" is not a positive duration`),
			},
			{
				Config:      limited + healthConfig,
				ExpectError: errorLike("GET /health_status: gave up after", "attempts", "retry time limit is 1s", "HTTP 500", "max_retry_duration"),
			},
		},
	})
}

// TestAccProvider_escapedKeyEchoNotLeaked: a server that echoes the API key
// JSON-escaped with \/ (as PHP does), HTML-escaped or URL-encoded gets it
// into neither the diagnostic nor the trace log.
func TestAccProvider_escapedKeyEchoNotLeaked(t *testing.T) {
	const key = "acc/key&7d1e<0b>+c"
	echoes := []string{
		`acc\/key&7d1e<0b>+c`,                    // PHP's json_encode
		`acc/key&amp;7d1e&lt;0b&gt;+c`,           // HTML
		`acc%2Fkey%267d1e%3C0b%3E%2Bc`,           // URL query encoding
		`acc\u002fkey\u00267d1e\u003c0b\u003e+c`, // JSON \u escapes
	}
	srv, ts := newMock(t, mock360.Options{APIKey: key})
	srv.AddFault(mock360.Fault{Method: "GET", Path: "/health_status", Raw: true, Status: 400, Every: 1,
		Headers: map[string]string{"Content-Type": "application/json"},
		Body: `{"error":{"message":"(#100) Invalid D360-API-KEY ` + strings.Join(echoes, " / ") + `","code":100,` +
			`"error_user_msg":"` + echoes[1] + `","fbtrace_id":"A` + echoes[2] + `"}}`})
	logPath := t.TempDir() + "/trace.log"
	t.Setenv("TF_LOG", "TRACE")
	t.Setenv("TF_ACC_LOG_PATH", logPath)
	t.Setenv(envAPIKey, key)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config:      fmt.Sprintf("provider \"d360\" {\n  base_url = %q\n}\n", ts.URL) + healthConfig,
			ExpectError: errorLike("HTTP 400, code 100", "Invalid D360-API-KEY *** / *** / *** / ***"),
		}},
	})
	raw, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatal(err)
	}
	log := string(raw)
	if !strings.Contains(log, "Invalid D360-API-KEY") {
		t.Fatalf("trace log (%d bytes) lacks the error, so it cannot prove anything", len(raw))
	}
	for _, form := range append(echoes, key, "7d1e") {
		if i := strings.Index(log, form); i >= 0 {
			t.Fatalf("the key, as %q, is in the trace log: ...%s...", form, log[max(0, i-160):min(len(log), i+40)])
		}
	}
}
