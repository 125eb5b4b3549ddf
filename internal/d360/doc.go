// Package d360 is a client for 360dialog's WhatsApp API (the MM Lite
// /marketing_messages send, templates, webhook and health endpoints) and for
// the few Meta Graph reads that 360dialog does not expose. It knows nothing
// about Terraform: errors and checks come back as typed values (APIError
// and the other error types, with the Remedy kind RemedyFor gives them;
// TemplateProblem with a TemplatePart; WebhookProblem with a WebhookPart),
// and callers choose the words and the field to point at.
//
// # Retries
//
// Reads (GET, and writes that are idempotent, such as setting the webhook)
// retry on throttle answers, on 5xx answers and on transport errors, with
// jittered exponential backoff and the server's Retry-After when there is
// one. All their attempts together, the one in flight included, stay within
// Config.MaxRetryDuration; past it the read fails with *RetryBudgetError.
//
// A Retry-After is honoured in full as long as it fits in the time left
// before the caller's deadline; MaxBackoff caps only the client's own
// backoff. A wait that cannot fit is not started: the request fails at once
// with *ThrottledError, which counts the throttle answers and names the
// wait asked for. Waits of a second or more are logged at info level.
//
// Sends (the marketing message and the template create) go out at most once.
// They are retried only on answers that prove the request was refused:
// HTTP 429; 360dialog's HTTP 400 "You have exceeded the endpoint rate
// limit." (https://docs.360dialog.com/api/api-error-message-list); Meta's
// 130429 throughput limit
// (https://developers.facebook.com/documentation/business-messaging/whatsapp/throughput);
// Meta's 131056 pair rate limit and Graph rate limits 4 and 80007
// (https://developers.facebook.com/documentation/business-messaging/whatsapp/about-the-platform);
// or a dial that never connected. Neither 360dialog nor Meta documents an
// idempotency key, so once the request may have been written, a timeout, a
// reset or a 5xx leaves the outcome unknown: the send fails with
// *OutcomeUnknownError and is never retried, since a second attempt could
// message the recipient twice.
//
// # Redirects
//
// The client never follows a redirect. Both APIs answer in place, so a 3xx
// means the base URL points somewhere else, and following it would hand the
// key, and on a 307 or 308 the send itself, to that address. It fails with
// *RedirectError instead.
//
// # Secrets
//
// The API key goes bare in the D360-API-KEY header
// (https://docs.360dialog.com/docs/whatsapp-api/the-basics), and only to an
// https base URL or a loopback one, such as a local mock. The key, the Graph
// token and any secret a request carries (webhook header values) are
// scrubbed from every error text and log entry, longest first, in every form
// a server may echo them: plain, JSON-escaped (\/ and \uXXXX included),
// HTML-escaped and URL-encoded; logs never get header values. Text the
// server sends reaches errors with control and format characters escaped,
// so it cannot recolour a terminal, forge a line or reverse text.
//
// # Pace
//
// Every send of one channel shares one token bucket of
// Config.MaxMessagesPerSecond (default 80, the documented per-number
// throughput, https://docs.360dialog.com/partner/get-started/billing-and-invocing),
// across all clients of the process with the same base URL and key; the
// shared bucket keeps the lowest rate any of them asked for. A throttle
// answer pauses every send of the channel, not just the refused one.
package d360
