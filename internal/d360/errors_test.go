package d360

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestParseAPIErrorEnvelopes(t *testing.T) {
	cases := []struct {
		name   string
		status int
		body   string
		want   APIError
	}{
		{
			name:   "360dialog gateway string",
			status: 401,
			body:   `{"error":"Invalid api_key"}`,
			want:   APIError{HTTPStatus: 401, Message: "Invalid api_key", Title: "Invalid api_key"},
		},
		{
			name:   "Meta plain envelope",
			status: 400,
			body: `{"error":{"message":"(#130429) Rate limit hit","type":"OAuthException","code":130429,
				"error_data":{"messaging_product":"whatsapp","details":"Cloud API message throughput has been reached."},
				"error_subcode":2494055,"fbtrace_id":"Az8or2yhqkZfEZ-_4Qn_Bam"}}`,
			want: APIError{HTTPStatus: 400, Code: 130429, Subcode: 2494055, Type: "OAuthException",
				Title: "Rate limit hit", Message: "(#130429) Rate limit hit",
				Details: "Cloud API message throughput has been reached.", TraceID: "Az8or2yhqkZfEZ-_4Qn_Bam"},
		},
		{
			name:   "360dialog detail-wrapped Meta error",
			status: 400,
			body: `{"detail":{"error":{"message":"(#131055) Method not allowed","type":"OAuthException","code":131055,
				"error_data":{"messaging_product":"whatsapp","details":"Only marketing template messages are supported"},
				"fbtrace_id":"AcW1"}}}`,
			want: APIError{HTTPStatus: 400, Code: 131055, Type: "OAuthException", Title: "Method not allowed",
				Message: "(#131055) Method not allowed", Details: "Only marketing template messages are supported", TraceID: "AcW1"},
		},
		{
			name:   "FastAPI detail string",
			status: 422,
			body:   `{"detail":"Unprocessable"}`,
			want:   APIError{HTTPStatus: 422, Message: "Unprocessable", Title: "Unprocessable"},
		},
		{
			name:   "error_data as a plain string",
			status: 400,
			body:   `{"error":{"message":"(#100) Invalid parameter","code":100,"error_data":"to is required"}}`,
			want:   APIError{HTTPStatus: 400, Code: 100, Title: "Invalid parameter", Message: "(#100) Invalid parameter", Details: "to is required"},
		},
		{
			name:   "non-JSON body",
			status: 502,
			body:   "<html>\n<body>Bad   gateway</body></html>",
			want:   APIError{HTTPStatus: 502, Snippet: "<html> <body>Bad gateway</body></html>"},
		},
		{
			name:   "JSON without an error envelope",
			status: 500,
			body:   `{"unexpected":true}`,
			want:   APIError{HTTPStatus: 500, Snippet: `{"unexpected":true}`},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := parseAPIError("POST", "/marketing_messages", tc.status, []byte(tc.body))
			tc.want.Method, tc.want.Path = "POST", "/marketing_messages"
			if *got != tc.want {
				t.Fatalf("parseAPIError:\n got  %+v\n want %+v", *got, tc.want)
			}
		})
	}
}

func TestParseAPIErrorBoundsSnippet(t *testing.T) {
	body := strings.Repeat("x", 10_000)
	got := parseAPIError("GET", "/health_status", 500, []byte(body))
	if n := len(got.Snippet); n > snippetLimit+len("…") {
		t.Fatalf("snippet is %d bytes, want at most %d", n, snippetLimit+len("…"))
	}
	if !strings.HasSuffix(got.Snippet, "…") {
		t.Fatalf("a cut snippet should say so: %q", got.Snippet)
	}
}

func TestParseAPIErrorScrubsSecrets(t *testing.T) {
	body := `{"error":{"message":"bad key sk-123 and token EAAG-secret","code":190,"error_data":{"details":"sk-123"}}}`
	got := parseAPIError("GET", "/v24.0/1", 401, []byte(body), "sk-123", "EAAG-secret")
	for _, s := range []string{got.Error(), got.Details, got.Message} {
		if strings.Contains(s, "sk-123") || strings.Contains(s, "EAAG-secret") {
			t.Fatalf("secret leaked into %q", s)
		}
	}
	plain := parseAPIError("GET", "/", 500, []byte("echo sk-123"), "sk-123")
	if strings.Contains(plain.Snippet, "sk-123") {
		t.Fatalf("secret leaked into snippet %q", plain.Snippet)
	}
}

func TestAPIErrorMessage(t *testing.T) {
	e := parseAPIError("POST", "/marketing_messages", 400,
		[]byte(`{"detail":{"error":{"message":"(#132001) Template name does not exist in the translation","code":132001,"error_data":{"details":"template name (spring) does not exist in en"},"fbtrace_id":"T1"}}}`))
	want := "POST /marketing_messages: HTTP 400, code 132001: (#132001) Template name does not exist in the translation (template name (spring) does not exist in en) [fbtrace_id T1]"
	if e.Error() != want {
		t.Fatalf("Error():\n got  %s\n want %s", e.Error(), want)
	}
}

func TestPredicates(t *testing.T) {
	mk := func(status int, body string) error {
		return fmt.Errorf("wrapped: %w", parseAPIError("POST", "/marketing_messages", status, []byte(body)))
	}
	meta := func(code int, msg string) string {
		return fmt.Sprintf(`{"detail":{"error":{"message":%q,"code":%d}}}`, msg, code)
	}
	notOnboarded := mk(400, meta(131055, "(#200) You must accept the Marketing Messages Lite API terms to use the API."))
	notMarketing := mk(400, meta(131055, "(#131055) Method not allowed"))
	cases := []struct {
		name string
		pred func(error) bool
		yes  []error
		no   []error
	}{
		{"IsRateLimited", IsRateLimited,
			[]error{mk(429, `{}`), mk(400, `{"error":"You have exceeded the endpoint rate limit."}`),
				mk(400, meta(130429, "Rate limit hit")), mk(400, meta(131056, "pair")), mk(400, meta(4, "app")), mk(400, meta(80007, "waba"))},
			[]error{mk(400, meta(100, "Invalid parameter")), mk(500, `{}`), errors.New("plain")}},
		{"IsNotOnboarded", IsNotOnboarded, []error{notOnboarded}, []error{notMarketing, mk(400, meta(100, "x"))}},
		{"IsNotMarketingTemplate", IsNotMarketingTemplate, []error{notMarketing}, []error{notOnboarded}},
		{"IsTemplateMissing", IsTemplateMissing, []error{mk(400, meta(132001, "missing"))}, []error{notMarketing}},
		{"IsParameterMismatch", IsParameterMismatch, []error{mk(400, meta(132000, "count")), mk(400, meta(132018, "format"))}, []error{mk(400, meta(100, "x"))}},
		{"IsAuth", IsAuth, []error{mk(401, `{"error":"Invalid api_key"}`), mk(401, meta(190, "expired"))}, []error{mk(403, `{"error":"The endpoint is blocked"}`)}},
		{"IsNotFound", IsNotFound, []error{mk(404, `{}`)}, []error{mk(400, `{}`)}},
		{"IsOutcomeUnknown", IsOutcomeUnknown,
			[]error{fmt.Errorf("x: %w", &OutcomeUnknownError{Method: "POST", Path: "/m", Err: errors.New("reset")})},
			[]error{mk(500, `{}`)}},
	}
	for _, tc := range cases {
		for i, err := range tc.yes {
			if !tc.pred(err) {
				t.Errorf("%s(yes[%d] %v) = false", tc.name, i, err)
			}
		}
		for i, err := range tc.no {
			if tc.pred(err) {
				t.Errorf("%s(no[%d] %v) = true", tc.name, i, err)
			}
		}
	}
}

// Each documented refusal gets the remedy that fixes it; the provider words
// them (internal/provider/advice_test.go).
func TestRemedyFor(t *testing.T) {
	cases := []struct {
		body   string
		status int
		want   Remedy
	}{
		{`{"detail":{"error":{"message":"(#200) You must accept the Marketing Messages Lite API terms to use the API.","code":131055}}}`, 400, RemedyAcceptTerms},
		{`{"detail":{"error":{"message":"(#131055) Method not allowed","code":131055}}}`, 400, RemedyUseMarketingTemplate},
		{`{"error":"Invalid api_key"}`, 401, RemedyCheckAPIKey},
		{`{"error":{"message":"expired","code":190}}`, 401, RemedyRenewGraphToken},
		{`{"error":"The endpoint is blocked"}`, 403, RemedyAskToEnableEndpoint},
		{`{"error":"You have exceeded the endpoint rate limit."}`, 400, RemedySlowDown},
		{`{"error":{"message":"x","code":131009}}`, 400, RemedyWaitForTemplateSync},
		{`{"error":{"message":"x","code":132000}}`, 400, RemedyMatchPlaceholders},
		{`{"error":{"message":"x","code":132018}}`, 400, RemedyMatchPlaceholders},
		{`{"error":{"message":"x","code":132001}}`, 400, RemedyCheckTemplate},
		{`{"error":{"message":"x","code":10}}`, 403, RemedyGrantGraphPermission},
		{`{"error":{"message":"x","code":100,"error_subcode":33}}`, 400, RemedyCheckWABAID},
		{`{"error":{"message":"x","code":100}}`, 400, RemedyFixParameter},
		{`{"error":{"message":"x","code":131062}}`, 400, RemedySendToPhoneNumber},
		{`{"error":{"message":"x","code":131063}}`, 400, RemedyAcceptTermsOrAllowCloud},
		{`{"detail":{"error":{"message":"x","code":131061}}}`, 400, RemedyMaxPriceNeedsMMLite},
		{`{"error":"Internal server error"}`, 500, RemedyRetryLater},
		{`{"error":{"message":"x","code":131026}}`, 400, RemedyNone},
	}
	for _, tc := range cases {
		if got := RemedyFor(parseAPIError("POST", "/marketing_messages", tc.status, []byte(tc.body))); got != tc.want {
			t.Errorf("RemedyFor(%d %s) = %d, want %d", tc.status, tc.body, got, tc.want)
		}
	}
	redirect := &RedirectError{Method: "POST", Path: "/marketing_messages", HTTPStatus: 307}
	if got := RemedyFor(&OutcomeUnknownError{Method: "POST", Path: "/marketing_messages", Err: redirect}); got != RemedyCheckAPIRoot {
		t.Errorf("RemedyFor(a send answered with a redirect) = %d, want RemedyCheckAPIRoot", got)
	}
	if got := RemedyFor(&RetryBudgetError{Method: "GET", Path: "/health_status", Attempts: 3}); got != RemedyRaiseRetryLimit {
		t.Errorf("RemedyFor(retry budget spent) = %d, want RemedyRaiseRetryLimit", got)
	}
	if got := RemedyFor(fmt.Errorf("reading: %w", ErrNoGraphToken)); got != RemedyConfigureGraphToken {
		t.Errorf("RemedyFor(no Graph token) = %d", got)
	}
	if got := RemedyFor(errors.New("plain")); got != RemedyNone {
		t.Errorf("RemedyFor(plain error) = %d", got)
	}
}

func TestIsNotSent(t *testing.T) {
	unknown := &OutcomeUnknownError{Method: "POST", Path: "/marketing_messages", Err: context.DeadlineExceeded}
	cases := map[error]bool{
		context.Canceled: true,
		fmt.Errorf("%w (last answer: HTTP 429)", context.DeadlineExceeded): true,
		unknown:                        false,
		errors.New("connection reset"): false,
		nil:                            false,
	}
	for err, want := range cases {
		if got := IsNotSent(err); got != want {
			t.Errorf("IsNotSent(%v) = %v, want %v", err, got, want)
		}
	}
}
