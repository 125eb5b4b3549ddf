package d360

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"
)

// APIError is every failure answer from 360dialog or Meta's Graph API, whatever
// envelope it came in. Callers branch on the predicates below, never on text.
type APIError struct {
	Method     string // request method, e.g. POST
	Path       string // request path without query, e.g. /marketing_messages
	HTTPStatus int

	Code    int    // Meta error code (0 for 360dialog gateway errors)
	Subcode int    // Meta error_subcode, when present
	Type    string // Meta error type, e.g. OAuthException
	Title   string // the short title, e.g. "Method not allowed"
	Message string // the full message text as sent
	Details string // error_data.details
	TraceID string // fbtrace_id

	// Snippet holds the start of a body that was not a known JSON envelope.
	Snippet string
}

// snippetLimit bounds how much of an unparseable body reaches an error text.
const snippetLimit = 256

// Error renders the server's text escaped (see sanitizeForeign), even in
// an APIError built by hand rather than by parseAPIError.
func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s: HTTP %d", e.Method, e.Path, e.HTTPStatus)
	if e.Code != 0 {
		fmt.Fprintf(&b, ", code %d", e.Code)
		if e.Subcode != 0 {
			fmt.Fprintf(&b, "/%d", e.Subcode)
		}
	}
	switch {
	case e.Message != "":
		b.WriteString(": " + sanitizeForeign(e.Message))
	case e.Snippet != "":
		b.WriteString(": " + sanitizeForeign(e.Snippet))
	}
	if e.Details != "" && e.Details != e.Message {
		b.WriteString(" (" + sanitizeForeign(e.Details) + ")")
	}
	if e.TraceID != "" {
		b.WriteString(" [fbtrace_id " + sanitizeForeign(e.TraceID) + "]")
	}
	return b.String()
}

// metaError is the object Meta puts under "error", and 360dialog under
// "detail.error" on /marketing_messages.
type metaError struct {
	Message      string          `json:"message"`
	Type         string          `json:"type"`
	Code         int             `json:"code"`
	Subcode      int             `json:"error_subcode"`
	UserTitle    string          `json:"error_user_title"`
	UserMessage  string          `json:"error_user_msg"`
	FBTraceID    string          `json:"fbtrace_id"`
	Title        string          `json:"title"`
	ErrorDataRaw json.RawMessage `json:"error_data"`
}

type errorEnvelope struct {
	Error   json.RawMessage `json:"error"`
	Detail  json.RawMessage `json:"detail"`
	Message string          `json:"message"`
}

// parseAPIError turns a failure body into an APIError. It accepts every
// envelope we know of and falls back to a bounded snippet, so a proxy's HTML
// error page still yields a readable error. secrets are scrubbed from the
// body before it is parsed or cut to a snippet (a cut secret would leak its
// start), and again from every field, in case an upstream ever echoes a
// header. Every field is then escaped by sanitizeForeign, for callers that
// show a field rather than Error().
func parseAPIError(method, path string, status int, body []byte, secrets ...string) *APIError {
	body = []byte(scrub(string(body), secrets))
	e := &APIError{Method: method, Path: path, HTTPStatus: status}
	var env errorEnvelope
	if err := json.Unmarshal(body, &env); err != nil || !e.fromEnvelope(env) {
		e.Snippet = snippet(body)
	}
	if e.Title == "" {
		e.Title = titleFromMessage(e.Message)
	}
	for _, f := range []*string{&e.Type, &e.Title, &e.Message, &e.Details, &e.TraceID, &e.Snippet} {
		*f = sanitizeForeign(scrub(*f, secrets))
	}
	return e
}

func (e *APIError) fromEnvelope(env errorEnvelope) bool {
	if len(env.Detail) > 0 {
		// 360dialog wraps Meta's object as {"detail":{"error":{...}}}; a
		// FastAPI-style proxy may also answer {"detail":"text"}.
		var inner errorEnvelope
		if json.Unmarshal(env.Detail, &inner) == nil && len(inner.Error) > 0 {
			return e.fromErrorField(inner.Error)
		}
		var text string
		if json.Unmarshal(env.Detail, &text) == nil && text != "" {
			e.Message = text
			return true
		}
	}
	if len(env.Error) > 0 {
		return e.fromErrorField(env.Error)
	}
	if env.Message != "" {
		e.Message = env.Message
		return true
	}
	return false
}

func (e *APIError) fromErrorField(raw json.RawMessage) bool {
	var text string
	if json.Unmarshal(raw, &text) == nil {
		e.Message = text // 360dialog gateway: {"error":"Invalid api_key"}
		return text != ""
	}
	var m metaError
	if json.Unmarshal(raw, &m) != nil {
		return false
	}
	e.Code, e.Subcode, e.Type, e.TraceID = m.Code, m.Subcode, m.Type, m.FBTraceID
	e.Message = m.Message
	if e.Message == "" {
		e.Message = m.UserMessage
	}
	e.Title = firstNonEmpty(m.UserTitle, m.Title)
	e.Details = errorDataDetails(m.ErrorDataRaw)
	return e.Message != "" || e.Code != 0
}

// errorDataDetails reads error_data.details. Meta sends an object; older
// Graph answers send a plain string, which we take as the details.
func errorDataDetails(raw json.RawMessage) string {
	if len(raw) == 0 {
		return ""
	}
	var obj struct {
		Details string `json:"details"`
	}
	if json.Unmarshal(raw, &obj) == nil {
		return obj.Details
	}
	var text string
	if json.Unmarshal(raw, &text) == nil {
		return text
	}
	return ""
}

var codePrefix = regexp.MustCompile(`^\(#\d+\)\s*`)

// titleFromMessage strips Meta's "(#131055) " prefix: Meta puts the title in
// the message after the code.
func titleFromMessage(msg string) string {
	return strings.TrimSpace(codePrefix.ReplaceAllString(msg, ""))
}

func snippet(body []byte) string {
	s := strings.TrimSpace(strings.ToValidUTF8(string(body), "?"))
	// Escaped before the cut, so the escapes count toward the limit.
	s = sanitizeForeign(strings.Join(strings.Fields(s), " "))
	if len(s) > snippetLimit {
		s = strings.ToValidUTF8(s[:snippetLimit], "") + "…"
	}
	return s
}

func firstNonEmpty(v ...string) string {
	for _, s := range v {
		if s != "" {
			return s
		}
	}
	return ""
}

// Meta and 360dialog error codes the client and its callers branch on.
const (
	CodeInvalidParameter        = 100
	CodeGraphRateLimit          = 4
	CodeGraphPermission         = 10
	CodeGraphPermissionDenied   = 200
	CodeAccessTokenExpired      = 190
	CodeWABARateLimit           = 80007
	CodeParameterValueInvalid   = 131009
	CodeNotMarketingTemplate    = 131055
	CodeThroughputExceeded      = 130429
	CodePairRateLimit           = 131056
	CodeMaxPriceNotOnCloudAPI   = 131061 // https://developers.facebook.com/documentation/business-messaging/whatsapp/marketing-messages/pricing
	CodeBSUIDNotSupported       = 131062
	CodeMarketingDisabledCloud  = 131063
	CodeParameterCountMismatch  = 132000
	CodeTemplateMissing         = 132001
	CodeTemplateParameterFormat = 132018
)

// endpointRateLimitText is how 360dialog's gateway says "throttled": with
// HTTP 400, not 429 (https://docs.360dialog.com/api/api-error-message-list).
const endpointRateLimitText = "exceeded the endpoint rate limit"

func asAPIError(err error) (*APIError, bool) {
	var e *APIError
	ok := errors.As(err, &e)
	return e, ok
}

// IsRateLimited reports an answer that proves the request was refused for
// pace and may be retried after a pause.
func IsRateLimited(err error) bool {
	e, ok := asAPIError(err)
	if !ok {
		return false
	}
	if e.HTTPStatus == 429 {
		return true
	}
	if e.HTTPStatus == 400 && strings.Contains(strings.ToLower(e.Message+e.Snippet), endpointRateLimitText) {
		return true
	}
	switch e.Code {
	case CodeThroughputExceeded, CodePairRateLimit, CodeGraphRateLimit, CodeWABARateLimit:
		return true
	}
	return false
}

// IsNotOnboarded reports the "must accept the Marketing Messages terms"
// refusal. 360dialog sends it as code 131055 with a "(#200)" message
// (https://docs.360dialog.com/partner/mm-lite-api-beta-program/mm-lite-alpha-sandbox-testing/expected-erros-and-programming-languages),
// so the text is what tells it apart from a utility
// template sent to /marketing_messages.
func IsNotOnboarded(err error) bool {
	e, ok := asAPIError(err)
	if !ok {
		return false
	}
	text := strings.ToLower(e.Message + " " + e.Details)
	return strings.Contains(text, "accept") && strings.Contains(text, "terms")
}

// IsTemplateMissing reports a template that does not exist in that language
// or is not approved (132001).
func IsTemplateMissing(err error) bool {
	e, ok := asAPIError(err)
	return ok && e.Code == CodeTemplateMissing
}

// IsNotMarketingTemplate reports a utility or authentication template sent
// through /marketing_messages.
func IsNotMarketingTemplate(err error) bool {
	e, ok := asAPIError(err)
	return ok && e.Code == CodeNotMarketingTemplate && !IsNotOnboarded(err)
}

// IsParameterMismatch reports parameters that do not fit the template.
func IsParameterMismatch(err error) bool {
	e, ok := asAPIError(err)
	return ok && (e.Code == CodeParameterCountMismatch || e.Code == CodeTemplateParameterFormat)
}

// IsAuth reports a key or token the API does not accept.
func IsAuth(err error) bool {
	e, ok := asAPIError(err)
	if !ok {
		return false
	}
	return e.HTTPStatus == 401 || e.Code == CodeAccessTokenExpired
}

// IsNotFound reports a 404 answer.
func IsNotFound(err error) bool {
	e, ok := asAPIError(err)
	return ok && e.HTTPStatus == 404
}

// OutcomeUnknownError means a send may or may not have reached WhatsApp: the
// request was written, then the answer was lost or was a 5xx. Sending again
// could message the recipient twice, so the client never does.
type OutcomeUnknownError struct {
	Method, Path string
	Err          error
}

// Error escapes the cause's text: a transport error can quote bytes the
// server sent.
func (e *OutcomeUnknownError) Error() string {
	return fmt.Sprintf("%s %s: outcome unknown, the request may have been processed: %s", e.Method, e.Path, sanitizeForeign(fmt.Sprint(e.Err)))
}

func (e *OutcomeUnknownError) Unwrap() error { return e.Err }

// IsNotSent reports a send that ended, cancelled or out of time, before any
// request could have been processed: while it waited for its turn, or
// between retries of answers that refused it. Sending it later is safe.
func IsNotSent(err error) bool {
	return !IsOutcomeUnknown(err) && (errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded))
}

// IsOutcomeUnknown reports a send whose outcome cannot be known.
func IsOutcomeUnknown(err error) bool {
	var e *OutcomeUnknownError
	return errors.As(err, &e)
}
