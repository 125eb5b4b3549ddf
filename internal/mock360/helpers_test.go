package mock360

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
)

const (
	testKey   = "test-api-key"
	testToken = "test-graph-token"
)

// newTestServer starts the mock on httptest and closes both at cleanup.
func newTestServer(t *testing.T, opts Options) (*Server, *httptest.Server) {
	t.Helper()
	if opts.APIKey == "" {
		opts.APIKey = testKey
	}
	if opts.GraphToken == "" {
		opts.GraphToken = testToken
	}
	mock := NewServer(opts)
	ts := httptest.NewServer(mock)
	t.Cleanup(func() {
		ts.Close()
		mock.Close()
	})
	return mock, ts
}

type answer struct {
	status int
	header http.Header
	raw    []byte
	body   map[string]any
}

// call sends body (a string, or anything else as JSON) with the test key
// unless headers set D360-API-KEY (an empty value removes it).
func call(t *testing.T, ts *httptest.Server, method, path string, body any, headers map[string]string) answer {
	t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		rd = bytes.NewReader(raw)
	}
	req, err := http.NewRequest(method, ts.URL+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("D360-API-KEY", testKey)
	for k, v := range headers {
		if v == "" {
			req.Header.Del(k)
		} else {
			req.Header.Set(k, v)
		}
	}
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	a := answer{status: resp.StatusCode, header: resp.Header, raw: raw}
	_ = json.Unmarshal(raw, &a.body)
	return a
}

// wantJSON compares the answer's body with want, both as generic JSON.
func wantJSON(t *testing.T, a answer, wantStatus int, want string) {
	t.Helper()
	if a.status != wantStatus {
		t.Fatalf("status = %d, want %d; body %s", a.status, wantStatus, a.raw)
	}
	var got, exp any
	if err := json.Unmarshal(a.raw, &got); err != nil {
		t.Fatalf("body is not JSON: %s", a.raw)
	}
	if err := json.Unmarshal([]byte(want), &exp); err != nil {
		t.Fatalf("bad want JSON: %v", err)
	}
	if !reflect.DeepEqual(got, exp) {
		t.Fatalf("body = %s\nwant   %s", a.raw, want)
	}
}

// metaErr describes an expected Meta error envelope.
type metaErr struct {
	wrapped bool // inside {"detail": ...}
	code    int
	subcode int
	message string
	details string // "" = no error_data expected
}

// wantMetaError checks the status and every field of a Meta envelope; the
// fbtrace_id only has to be present.
func wantMetaError(t *testing.T, a answer, status int, want metaErr) {
	t.Helper()
	if a.status != status {
		t.Fatalf("status = %d, want %d; body %s", a.status, status, a.raw)
	}
	var env struct {
		Detail *struct {
			Error *metaError `json:"error"`
		} `json:"detail"`
		Error *metaError `json:"error"`
	}
	if err := json.Unmarshal(a.raw, &env); err != nil {
		t.Fatalf("body is not JSON: %s", a.raw)
	}
	e := env.Error
	if want.wrapped {
		if env.Detail == nil || env.Error != nil {
			t.Fatalf("want a detail-wrapped envelope, got %s", a.raw)
		}
		e = env.Detail.Error
	} else if env.Detail != nil {
		t.Fatalf("want a plain envelope, got %s", a.raw)
	}
	if e == nil {
		t.Fatalf("no error object in %s", a.raw)
	}
	if e.Code != want.code || e.ErrorSubcode != want.subcode || e.Message != want.message || e.Type != "OAuthException" || e.FBTraceID == "" {
		t.Fatalf("error = %+v\nwant code %d subcode %d message %q", *e, want.code, want.subcode, want.message)
	}
	switch {
	case want.details == "" && e.ErrorData != nil:
		t.Fatalf("unexpected error_data %+v", *e.ErrorData)
	case want.details != "" && (e.ErrorData == nil || e.ErrorData.Details != want.details || e.ErrorData.MessagingProduct != "whatsapp"):
		t.Fatalf("error_data = %+v, want details %q", e.ErrorData, want.details)
	}
}

// wantGateway checks 360dialog's {"error":"<text>"} envelope.
func wantGateway(t *testing.T, a answer, status int, text string) {
	t.Helper()
	raw, _ := json.Marshal(map[string]string{"error": text})
	wantJSON(t, a, status, string(raw))
}

// send is a minimal valid MM send of marketing_text_no_param, changed by edit.
func send(edit func(map[string]any)) map[string]any {
	b := map[string]any{
		"messaging_product": "whatsapp",
		"recipient_type":    "individual",
		"to":                "441234567890",
		"type":              "template",
		"template": map[string]any{
			"name":     "marketing_text_no_param",
			"language": map[string]any{"policy": "deterministic", "code": "en"},
		},
	}
	if edit != nil {
		edit(b)
	}
	return b
}

// springSale returns template components that fill spring_sale correctly.
func springSale() []any {
	return []any{
		map[string]any{"type": "body", "parameters": []any{
			map[string]any{"type": "text", "text": "Ann"}, map[string]any{"type": "text", "text": "20%"}}},
		map[string]any{"type": "button", "sub_type": "url", "index": 0, "parameters": []any{
			map[string]any{"type": "text", "text": "spring"}}},
	}
}
