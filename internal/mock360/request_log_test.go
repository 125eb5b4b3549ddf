package mock360

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
)

// loggedRequests reads GET /_mock/requests as the CI jobs of users do.
func loggedRequests(t *testing.T, baseURL string) ([]map[string]any, http.Header) {
	t.Helper()
	resp, err := http.Get(baseURL + "/_mock/requests")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var reqs []map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&reqs); err != nil {
		t.Fatalf("GET /_mock/requests is not a JSON array: %v", err)
	}
	return reqs, resp.Header
}

// With the default limits, a body larger than the log's per-entry cap is
// kept in part, marked, with its whole size; on unknown paths too.
func TestRequestLogTruncatesLargeBodies(t *testing.T) {
	_, ts := newTestServer(t, Options{})
	big := strings.Repeat("x", 200<<10)
	for _, path := range []string{"/marketing_messages", "/no/such/path"} {
		call(t, ts, "POST", path, big, nil)
	}
	small := call(t, ts, "POST", "/marketing_messages", send(nil), nil)
	if small.status != http.StatusOK {
		t.Fatalf("send: %d %s", small.status, small.raw)
	}
	reqs, _ := loggedRequests(t, ts.URL)
	if len(reqs) != 3 {
		t.Fatalf("%d requests logged, want 3", len(reqs))
	}
	for _, r := range reqs[:2] {
		body, _ := r["body"].(string)
		if len(body) != DefaultRequestLogBodyBytes || r["body_truncated"] != true || r["body_size"] != float64(len(big)) {
			t.Errorf("%v: kept %d bytes, body_truncated=%v body_size=%v; want %d, true, %d",
				r["path"], len(body), r["body_truncated"], r["body_size"], DefaultRequestLogBodyBytes, len(big))
		}
	}
	// A normal send stays whole: the provider's tests compare it exactly.
	raw, _ := json.Marshal(send(nil))
	if r := reqs[2]; r["body"] != string(raw) || r["body_truncated"] != nil || r["body_size"] != float64(len(raw)) {
		t.Errorf("a small body was changed in the log: %v", r)
	}
}

// The log keeps the newest RequestLogSize entries, and counts the others.
func TestRequestLogKeepsTheNewestEntries(t *testing.T) {
	mock, ts := newTestServer(t, Options{RequestLogSize: 5, RequestLogBodyBytes: 1000})
	body := strings.Repeat("y", 4000)
	for i := range 8 {
		call(t, ts, "POST", fmt.Sprintf("/marketing_messages?n=%d", i), body, nil)
	}
	reqs := mock.Requests()
	if len(reqs) != 5 {
		t.Fatalf("%d requests kept, want 5", len(reqs))
	}
	for i, r := range reqs {
		if want := fmt.Sprintf("n=%d", i+3); r.RawQuery != want || len(r.Body) != 1000 || !r.BodyTruncated || r.BodySize != 4000 || r.Status != http.StatusBadRequest {
			t.Errorf("entry %d: query %q, %d bytes kept, truncated %v, size %d, status %d; want %q, 1000, true, 4000, 400",
				i, r.RawQuery, len(r.Body), r.BodyTruncated, r.BodySize, r.Status, want)
		}
	}
	if n := mock.RequestsDropped(); n != 3 {
		t.Errorf("RequestsDropped() = %d, want 3", n)
	}
	logged, header := loggedRequests(t, ts.URL)
	if len(logged) != 5 || header.Get("X-Mock-Requests-Dropped") != "3" {
		t.Errorf("GET /_mock/requests: %d entries, X-Mock-Requests-Dropped %q; want 5 and 3", len(logged), header.Get("X-Mock-Requests-Dropped"))
	}
	if s := mock.Summary(); !strings.HasPrefix(s, "requests received: 8 (the log keeps the newest 5; 3 older ones dropped)\n") ||
		!strings.Contains(s, "(body of 4000 bytes, 1000 kept)") {
		t.Errorf("summary:\n%s", s)
	}
	mock.ResetRequests()
	if n := mock.RequestsDropped(); n != 0 || len(mock.Requests()) != 0 {
		t.Errorf("after ResetRequests: %d dropped, %d kept", n, len(mock.Requests()))
	}
}

// RequestLogBytes bounds what all entries keep together, whatever their number.
func TestRequestLogByteBudget(t *testing.T) {
	mock, ts := newTestServer(t, Options{RequestLogBytes: 10_000, RequestLogBodyBytes: 3000})
	for range 10 {
		call(t, ts, "POST", "/marketing_messages", strings.Repeat("z", 5000), nil)
	}
	reqs := mock.Requests()
	kept := 0
	for _, r := range reqs {
		kept += len(r.Body)
	}
	if len(reqs) == 0 || len(reqs) > 3 || kept > 10_000 || mock.RequestsDropped() != 10-len(reqs) {
		t.Fatalf("kept %d entries with %d body bytes, %d dropped", len(reqs), kept, mock.RequestsDropped())
	}
	// One entry larger than the whole budget is still kept: the newest
	// request is always in the log.
	mock2, ts2 := newTestServer(t, Options{RequestLogBytes: 100})
	call(t, ts2, "POST", "/marketing_messages", strings.Repeat("z", 5000), nil)
	if reqs := mock2.Requests(); len(reqs) != 1 || len(reqs[0].Body) != 5000 {
		t.Fatalf("the newest request is not kept: %d entries", len(reqs))
	}
}

// A body above the API's limit is refused in the gateway's envelope with 413,
// without being read whole, and is logged with its size.
func TestOversizedBodyIsRefused(t *testing.T) {
	mock, ts := newTestServer(t, Options{})
	huge := bytes.Repeat([]byte("a"), 2<<20)
	for _, chunked := range []bool{false, true} {
		var body io.Reader = bytes.NewReader(huge)
		if chunked {
			body = struct{ io.Reader }{body} // no length: Transfer-Encoding: chunked
		}
		req, _ := http.NewRequest("POST", ts.URL+"/marketing_messages", body)
		req.Header.Set("D360-API-KEY", testKey)
		resp, err := ts.Client().Do(req)
		if err != nil {
			t.Fatalf("chunked=%v: %v", chunked, err)
		}
		raw, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		a := answer{status: resp.StatusCode, raw: raw}
		wantGateway(t, a, http.StatusRequestEntityTooLarge, fmt.Sprintf("Request Entity Too Large: the body exceeds %d bytes", DefaultMaxBodyBytes))
	}
	reqs := mock.Requests()
	if len(reqs) != 2 {
		t.Fatalf("%d requests logged, want 2", len(reqs))
	}
	for i, r := range reqs {
		if r.Status != http.StatusRequestEntityTooLarge || len(r.Body) != DefaultRequestLogBodyBytes || !r.BodyTruncated || r.BodySize <= DefaultMaxBodyBytes {
			t.Errorf("entry %d: status %d, %d bytes kept, truncated %v, size %d", i, r.Status, len(r.Body), r.BodyTruncated, r.BodySize)
		}
	}
	if reqs[0].BodySize != int64(len(huge)) {
		t.Errorf("size from Content-Length = %d, want %d", reqs[0].BodySize, len(huge))
	}
	if n := len(mock.State().Messages); n != 0 {
		t.Fatalf("a refused body was sent: %d messages", n)
	}
}

// MaxBodyBytes is the largest body served; one byte more is refused.
func TestMaxBodyBytesBoundary(t *testing.T) {
	_, ts := newTestServer(t, Options{MaxBodyBytes: 300})
	raw, _ := json.Marshal(send(nil))
	padded := string(raw[:len(raw)-1]) + `,"biz_opaque_callback_data":"` + strings.Repeat("p", 300-len(raw)-len(`,"biz_opaque_callback_data":""`)) + `"}`
	if len(padded) != 300 {
		t.Fatalf("test body is %d bytes", len(padded))
	}
	if a := call(t, ts, "POST", "/marketing_messages", padded, nil); a.status == http.StatusRequestEntityTooLarge {
		t.Fatalf("a body of exactly MaxBodyBytes was refused: %s", a.raw)
	}
	wantGateway(t, call(t, ts, "POST", "/marketing_messages", padded+" ", nil), http.StatusRequestEntityTooLarge,
		"Request Entity Too Large: the body exceeds 300 bytes")
}

// An answer finds its entry after older ones were dropped, and never
// updates an entry of a log cleared since its request arrived.
func TestRequestLogUpdatesByNumber(t *testing.T) {
	l := requestLog{maxEntries: 2, maxBytes: 1 << 20}
	a := l.add(RecordedRequest{Path: "/a"})
	b := l.add(RecordedRequest{Path: "/b"})
	c := l.add(RecordedRequest{Path: "/c"}) // drops /a
	l.update(a, 201, "")
	l.update(b, 202, "b text")
	l.update(c, 203, "")
	got := l.snapshot(func(*RecordedRequest) bool { return true })
	if len(got) != 2 || got[0].Path != "/b" || got[0].Status != 202 || got[0].Rendered != "b text" || got[1].Status != 203 || l.dropped != 1 {
		t.Fatalf("log: %+v, dropped %d", got, l.dropped)
	}
	l.clear()
	d := l.add(RecordedRequest{Path: "/d"})
	l.update(c, 500, "stale")
	if got := l.snapshot(func(*RecordedRequest) bool { return true }); len(got) != 1 || got[0].Path != "/d" || got[0].Status != 0 || d == c {
		t.Fatalf("after clear: %+v", got)
	}
	if l.bytes != entryCost(RecordedRequest{Path: "/d"}) {
		t.Fatalf("bytes = %d", l.bytes)
	}
}
