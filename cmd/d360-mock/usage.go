package main

import (
	"flag"
	"fmt"
)

// controlHelp documents the unauthenticated /_mock/ API and the seed file,
// for -h. Keep it in step with internal/mock360/control.go and State.
const controlHelp = `
Control API (no key; never recorded, never faulted):
  GET    /_mock/run                   {"run_id","version","base_url"} of this process; the run_id
                                      is the one in the -env-file's first line (d360-mock wait)
  GET    /_mock/requests              requests the API received; a delivered send has "rendered":
                                      the text its recipient reads. Bounded: see "Request log" below
  DELETE /_mock/requests              starts a new run of records: clears the requests, webhook
                                      deliveries and inbox events, so /_mock/summary shows what came
                                      after it. Events of earlier sends are still delivered, not
                                      recorded. State, faults, rate limit and latency stay
  POST   /_mock/reset                 back to how the mock started, whatever was seeded since: the
                                      -seed state (else the built-in one) with the -webhook-inbox
                                      webhook; -api-key and -graph-token stay. Clears requests,
                                      faults, deliveries, the inbox
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
  POST   /_mock/template_category     {"name","language","category":"UTILITY"}: Meta re-categorizes
                                      the template, with a template_category_update webhook

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
  template_analytics_enabled                 true|false, set by POST /marketing/template_analytics
                                             ?enable=true (default seed: true; recorded only)
`

// ciHelp is the contract a CI script relies on.
const ciHelp = `
In CI:
  rm -f mock.env
  d360-mock -env-file mock.env > mock.log 2>&1 &
  d360-mock wait -env-file mock.env -pid $! -timeout 30s || { cat mock.log; exit 1; }
  . ./mock.env

  The env file is removed at start, written whole (a temporary file renamed) once the mock
  listens, and removed when it stops. Its first line, a comment, names the run; wait checks
  that the mock answering at its D360_BASE_URL is that run, so a stale file never passes.
  d360-mock wait -h says more. A mock that cannot listen (a port in use, say) exits at once
  and writes no file.

Exit status: 0 after SIGINT or SIGTERM, and for -h and -version; 1 when it cannot start
(cannot listen, unreadable -seed, -env-file not writable); 2 for a flag it does not take.
`

func usage(fs *flag.FlagSet) func() {
	return func() {
		out := fs.Output()
		fmt.Fprintf(out, "Usage: d360-mock [flags]\n       d360-mock wait (-env-file FILE | -url URL) [-timeout 30s] [-pid PID]\n\n"+
			"Serves a mock of 360dialog's WhatsApp API and the Meta Graph reads of the d360 provider.\n\nFlags:\n")
		fs.PrintDefaults()
		fmt.Fprint(out, ciHelp)
		fmt.Fprint(out, controlHelp)
	}
}
