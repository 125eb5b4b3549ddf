package mock360

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
)

// rateLimitText is 360dialog's throttle answer, sent with HTTP 400
// (https://docs.360dialog.com/api/api-error-message-list).
const rateLimitText = "You have exceeded the endpoint rate limit."

// metaError is Meta's Graph error object
// (https://developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes).
type metaError struct {
	Message        string     `json:"message"`
	Type           string     `json:"type"`
	Code           int        `json:"code"`
	ErrorSubcode   int        `json:"error_subcode,omitempty"`
	ErrorUserTitle string     `json:"error_user_title,omitempty"`
	ErrorUserMsg   string     `json:"error_user_msg,omitempty"`
	ErrorData      *errorData `json:"error_data,omitempty"`
	FBTraceID      string     `json:"fbtrace_id"`
}

type errorData struct {
	MessagingProduct string `json:"messaging_product"`
	Details          string `json:"details"`
}

// apiError is a Meta error plus the HTTP status it is answered with.
type apiError struct {
	status int
	err    metaError
}

// whatsappError builds the error of a WhatsApp endpoint, which always carries
// error_data with messaging_product and details. Integrity errors come with
// HTTP 403, all others with 400 (statusForCode).
func whatsappError(code int, message, details string) *apiError {
	return &apiError{status: statusForCode(code), err: metaError{
		Message:   message,
		Type:      "OAuthException",
		Code:      code,
		ErrorData: &errorData{MessagingProduct: "whatsapp", Details: details},
		FBTraceID: newFBTraceID(),
	}}
}

// invalidParameter is the generic (#100) answer with specific details.
func invalidParameter(details string) *apiError {
	return whatsappError(100, "(#100) Invalid parameter", details)
}

// metaTitles are the documented titles used to build "(#code) title" messages.
var metaTitles = map[int]string{
	1:      "An unknown error has occurred.",
	4:      "Application request limit reached",
	100:    "Invalid parameter",
	190:    "Invalid OAuth access token - Cannot parse access token",
	200:    "Permissions error",
	368:    "Temporarily blocked for policies violations",
	80007:  "Rate limit issues",
	130429: "Rate limit hit",
	131000: "Something went wrong",
	131009: "Parameter value is not valid",
	130497: "Business account is restricted from messaging users in this country.",
	131026: "Message undeliverable",
	131031: "Account has been locked",
	131048: "Spam rate limit hit",
	131055: "Method not allowed",
	131056: "(Business Account, Consumer Account) pair rate limit hit",
	131057: "Business Account is in maintenance mode",
	// https://developers.facebook.com/documentation/business-messaging/whatsapp/marketing-messages/pricing ("Error codes")
	131061: "Marketing templates containing bid_spec are not supported by the Cloud API. To use templates with bid_spec, please use the Marketing Messages API for WhatsApp.",
	131062: "Business-scoped User ID (BSUID) recipients are not supported for this message.",
	131063: "Marketing templates disabled for Cloud API",
	132000: "Number of parameters does not match the expected number of params",
	132001: "Template name does not exist in the translation",
	132015: "Template is Paused",
	132016: "Template is Disabled",
}

func metaMessage(code int) string {
	if title, ok := metaTitles[code]; ok {
		return fmt.Sprintf("(#%d) %s", code, title)
	}
	return fmt.Sprintf("(#%d) Error", code)
}

// gatewayTexts are 360dialog's documented texts per HTTP status
// (https://docs.360dialog.com/api/api-error-message-list).
var gatewayTexts = map[int]string{
	400: rateLimitText,
	401: "Invalid api_key",
	403: "The endpoint is blocked",
	429: "Too Many Requests",
	500: "Internal server error",
	502: "WhatsApp for Business API not available",
}

func gatewayText(status int) string {
	if text, ok := gatewayTexts[status]; ok {
		return text
	}
	return http.StatusText(status)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// writeGatewayError writes 360dialog's own envelope {"error":"<text>"}.
func writeGatewayError(w http.ResponseWriter, status int, text string) {
	writeJSON(w, status, map[string]string{"error": text})
}

// writeAPIError writes Meta's envelope; wrapped adds 360dialog's "detail"
// key that /marketing_messages uses
// (https://docs.360dialog.com/docs/resources/marketing-messages/expected-errors-and-programming-languages).
func writeAPIError(w http.ResponseWriter, e *apiError, wrapped bool) {
	var body any = map[string]any{"error": e.err}
	if wrapped {
		body = map[string]any{"detail": body}
	}
	writeJSON(w, e.status, body)
}

const alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

func randomString(alphabet string, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[rand.IntN(len(alphabet))]
	}
	return string(b)
}

func newFBTraceID() string { return "A" + randomString(alnum, 22) }
