package main

import (
	"flag"
	"fmt"
)

// controlHelp documents the unauthenticated /_mock/ API and the seed file,
// for -h. Keep it in step with internal/mock360/control.go and State.
const controlHelp = `
Control API (no key; never recorded, never faulted):
  GET    /_mock/requests              requests the API received (DELETE clears); a delivered send
                                      has "rendered": the text its recipient reads. Bounded: see
                                      "Request log" below
  POST   /_mock/reset                 back to the state the mock started with (-seed, else the
                                      built-in one), whatever was seeded since; clears requests,
                                      faults, deliveries
  POST   /_mock/seed                  replace the state until the next reset (body: a whole state,
                                      as GET /_mock/state gives it; a partial one is refused)
  GET    /_mock/state                 current state, in the seed file format
  POST   /_mock/faults                add a fault {"path","status","code","times",...}; DELETE clears.
                                      Codes 368, 130497 and 131031 default to HTTP 403
  POST   /_mock/rate_limit            {"per_second": 80}
  POST   /_mock/latency               {"ms": 250}
  GET    /_mock/webhook_deliveries    webhook events the mock POSTed
  GET    /_mock/inbox, /_mock/summary events received at /_mock/inbox; a text summary, with the
                                      delivered text of every delivered send
  POST   /_mock/onboard               accept the MM API terms: onboarding status ONBOARDED and
                                      an account_update MM_LITE_TERMS_SIGNED webhook
  POST   /_mock/pacing                {"name","language","outcome":"release|pause","accept_first":0}:
                                      sends answer message_status held_for_quality_assessment, then are
                                      sent, or fail with 132015 after a PAUSED template webhook.
                                      DELETE ends pacing
  POST   /_mock/recipient_errors      {"recipient":"<phone or BSUID>","code":131049}: 131049, 131050,
                                      131026 give a failed status webhook; 368, 130497, 131031 an
                                      HTTP 403. DELETE clears
  POST   /_mock/cloud_api_marketing   {"disabled":true}: disable_marketing_messages_on_cloud_api,
                                      so Cloud API marketing sends and MM fallbacks get 131063

Request log: GET /_mock/requests keeps the newest -request-log-size requests (default 20000),
  at most -request-log-body-bytes of each body (default 64 KiB) and -request-log-bytes of
  bodies, headers and delivered texts in all (default 64 MiB), so its memory stays bounded.
  A cut body has "body_truncated": true and its whole size in "body_size"; the answer's
  X-Mock-Requests-Dropped header and /_mock/summary count the requests dropped. An API
  request with a body over -max-body-bytes (default 1 MiB) gets HTTP 413 in the gateway's
  {"error": "..."} envelope, unread. A client that stalls while sending a request is cut
  off after -read-header-timeout or -read-timeout; answers themselves have no time limit.

Seed file (-seed, POST /_mock/seed): a whole state, as GET /_mock/state gives it. Every key
GET always writes must be there (webhook may be null, lists may be empty); unknown keys are
refused.

Seed file fields beyond the defaults (see GET /_mock/state for the full format):
  onboarding_status, terms_status, terms_signed_at   the WABA's MM onboarding
  paced_templates                            [{"name","language","outcome","accept_first"}]
  recipient_errors                           {"<phone or BSUID>": <code>}
  disable_marketing_messages_on_cloud_api    true|false
  webhook_version                            "v23.0" adds the conversation object that
                                             v24.0+ status webhooks leave out (default: v24.0+)
`

func usage(fs *flag.FlagSet) func() {
	return func() {
		out := fs.Output()
		fmt.Fprintf(out, "Usage: d360-mock [flags]\n\nServes a mock of 360dialog's WhatsApp API and the Meta Graph reads of the d360 provider.\n\nFlags:\n")
		fs.PrintDefaults()
		fmt.Fprint(out, controlHelp)
	}
}
