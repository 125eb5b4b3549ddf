package d360

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

const testKey = "test-key-5f3a"

// answer is one scripted reply of a fake server.
type answer struct {
	status     int
	body       string
	retryAfter string
	drop       bool          // read the body, then close the connection unanswered
	delay      time.Duration // wait before answering
}

// scripted serves answers in order (the last one repeats) and counts requests.
type scripted struct {
	mu       sync.Mutex
	answers  []answer
	requests []*http.Request
	bodies   []string
	times    []time.Time
}

func (s *scripted) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	s.mu.Lock()
	n := len(s.requests)
	s.requests = append(s.requests, r)
	s.bodies = append(s.bodies, string(body))
	s.times = append(s.times, time.Now())
	a := s.answers[min(n, len(s.answers)-1)]
	s.mu.Unlock()
	if a.delay > 0 {
		time.Sleep(a.delay)
	}
	if a.drop {
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			conn.Close()
		}
		return
	}
	if a.retryAfter != "" {
		w.Header().Set("Retry-After", a.retryAfter)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(a.status)
	_, _ = io.WriteString(w, a.body)
}

func (s *scripted) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.requests)
}

func newScripted(t *testing.T, answers ...answer) (*scripted, *httptest.Server) {
	t.Helper()
	s := &scripted{answers: answers}
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	return s, srv
}

func newTestClient(t *testing.T, url string, tweak func(*Config)) *Client {
	t.Helper()
	cfg := Config{
		BaseURL:    url,
		GraphURL:   url + "/v24.0",
		APIKey:     testKey,
		GraphToken: "graph-token-9b1c",
		UserAgent:  "terraform-provider-d360/test",
		MinBackoff: time.Millisecond,
		MaxBackoff: 5 * time.Millisecond,
		// A high pace keeps pacing out of tests that are about retries.
		MaxMessagesPerSecond: 10_000,
	}
	if tweak != nil {
		tweak(&cfg)
	}
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

var (
	okSend      = answer{status: 200, body: `{"messaging_product":"whatsapp","contacts":[{"input":"4915112345678","wa_id":"4915112345678"}],"messages":[{"id":"wamid.OK"}]}`}
	okHealth    = answer{status: 200, body: `{"health_status":{"can_send_message":"AVAILABLE","entities":[]},"id":"1"}`}
	serverError = answer{status: 500, body: `{"error":"Internal server error"}`}
	throttle400 = answer{status: 400, body: `{"error":"You have exceeded the endpoint rate limit."}`}
	throttle429 = answer{status: 429, body: `{"error":"Too Many Requests"}`}
	badParam    = answer{status: 400, body: `{"detail":{"error":{"message":"(#100) Invalid parameter","code":100}}}`}
)

func metaCode(code string) answer {
	return answer{status: 400, body: `{"detail":{"error":{"message":"(#` + code + `) throttled","code":` + code + `}}}`}
}

func testMessage() *MarketingMessage {
	return &MarketingMessage{To: "4915112345678", Template: MessageTemplate{Name: "spring_sale", Language: TemplateLanguage{Code: "en", Policy: "deterministic"}}}
}

func TestSendRetryRules(t *testing.T) {
	cases := []struct {
		name         string
		answers      []answer
		wantRequests int
		wantOK       bool
		wantUnknown  bool
	}{
		{"429 then success", []answer{throttle429, okSend}, 2, true, false},
		{"400 endpoint rate limit then success", []answer{throttle400, okSend}, 2, true, false},
		{"130429 then success", []answer{metaCode("130429"), okSend}, 2, true, false},
		{"131056 then success", []answer{metaCode("131056"), okSend}, 2, true, false},
		{"500 is never retried", []answer{serverError, okSend}, 1, false, true},
		{"502 is never retried", []answer{{status: 502, body: `{"error":"WhatsApp for Business API not available"}`}, okSend}, 1, false, true},
		{"dropped after the body was read", []answer{{drop: true}, okSend}, 1, false, true},
		{"refusal is not retried", []answer{badParam, okSend}, 1, false, false},
		{"throttle until retries run out", []answer{throttle429}, DefaultMaxRetries + 1, false, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv, ts := newScripted(t, tc.answers...)
			c := newTestClient(t, ts.URL, nil)
			res, err := c.Messages.SendMarketing(context.Background(), testMessage())
			if got := srv.count(); got != tc.wantRequests {
				t.Fatalf("server saw %d requests, want exactly %d", got, tc.wantRequests)
			}
			if tc.wantOK {
				if err != nil || res.MessageID() != "wamid.OK" {
					t.Fatalf("want wamid.OK, got %v, %v", res, err)
				}
				return
			}
			if err == nil {
				t.Fatal("want an error")
			}
			if IsOutcomeUnknown(err) != tc.wantUnknown {
				t.Fatalf("IsOutcomeUnknown(%v) = %v, want %v", err, !tc.wantUnknown, tc.wantUnknown)
			}
		})
	}
}

func TestSendTimeoutIsOutcomeUnknown(t *testing.T) {
	srv, ts := newScripted(t, answer{status: 200, body: okSend.body, delay: 300 * time.Millisecond}, okSend)
	c := newTestClient(t, ts.URL, func(cfg *Config) { cfg.HTTPClient = &http.Client{Timeout: 50 * time.Millisecond} })
	_, err := c.Messages.SendMarketing(context.Background(), testMessage())
	if !IsOutcomeUnknown(err) {
		t.Fatalf("want outcome unknown, got %v", err)
	}
	if got := srv.count(); got != 1 {
		t.Fatalf("server saw %d requests, want exactly 1", got)
	}
}

// failingDialer refuses the first n dials: the request never left.
func failingDialer(n int32, attempts *atomic.Int32) func(ctx context.Context, network, addr string) (net.Conn, error) {
	var d net.Dialer
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		if attempts.Add(1) <= n {
			return nil, errors.New("connection refused (test)")
		}
		return d.DialContext(ctx, network, addr)
	}
}

func TestSendRetriesADialThatNeverConnected(t *testing.T) {
	srv, ts := newScripted(t, okSend)
	var dials atomic.Int32
	c := newTestClient(t, ts.URL, func(cfg *Config) {
		cfg.HTTPClient = &http.Client{Transport: &http.Transport{DialContext: failingDialer(2, &dials)}}
	})
	res, err := c.Messages.SendMarketing(context.Background(), testMessage())
	if err != nil || res.MessageID() != "wamid.OK" {
		t.Fatalf("want success after two failed dials, got %v", err)
	}
	if dials.Load() != 3 || srv.count() != 1 {
		t.Fatalf("dials=%d requests=%d, want 3 dials and exactly 1 request", dials.Load(), srv.count())
	}
}

func TestReadRetryRules(t *testing.T) {
	cases := []struct {
		name         string
		answers      []answer
		wantRequests int
		wantOK       bool
	}{
		{"5xx then success", []answer{serverError, {status: 502, body: "gateway"}, okHealth}, 3, true},
		{"429 then success", []answer{throttle429, okHealth}, 2, true},
		{"400 endpoint rate limit then success", []answer{throttle400, okHealth}, 2, true},
		{"graph throttle code 4 then success", []answer{{status: 400, body: `{"error":{"message":"(#4) Application request limit reached","code":4}}`}, okHealth}, 2, true},
		{"connection dropped then success", []answer{{drop: true}, okHealth}, 2, true},
		{"401 is final", []answer{{status: 401, body: `{"error":"Invalid api_key"}`}, okHealth}, 1, false},
		{"400 is final", []answer{badParam, okHealth}, 1, false},
		{"5xx until retries run out", []answer{serverError}, DefaultMaxRetries + 1, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv, ts := newScripted(t, tc.answers...)
			c := newTestClient(t, ts.URL, nil)
			h, err := c.Health.Get(context.Background())
			if got := srv.count(); got != tc.wantRequests {
				t.Fatalf("server saw %d requests, want exactly %d", got, tc.wantRequests)
			}
			if tc.wantOK != (err == nil) {
				t.Fatalf("err = %v, want ok=%v", err, tc.wantOK)
			}
			if tc.wantOK && h.HealthStatus.CanSendMessage != "AVAILABLE" {
				t.Fatalf("decoded %+v", h)
			}
			if !tc.wantOK && IsOutcomeUnknown(err) {
				t.Fatalf("a read is never outcome-unknown: %v", err)
			}
		})
	}
}

func TestRetryAfterIsHonoured(t *testing.T) {
	srv, ts := newScripted(t, answer{status: 429, body: `{}`, retryAfter: "1"}, okSend)
	c := newTestClient(t, ts.URL, nil) // backoff alone would wait at most 5ms
	if _, err := c.Messages.SendMarketing(context.Background(), testMessage()); err != nil {
		t.Fatal(err)
	}
	if srv.count() != 2 {
		t.Fatalf("want 2 requests, got %d", srv.count())
	}
	// A lower bound only: the wait may be longer on a busy machine, never shorter.
	if gap := srv.times[1].Sub(srv.times[0]); gap < time.Second {
		t.Fatalf("second attempt came %v after the first, want at least the 1s Retry-After", gap)
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	cases := map[string]time.Duration{
		"":                              0,
		"3":                             3 * time.Second,
		"-4":                            0,
		"soon":                          0,
		"Wed, 25 Nov 2026 12:00:07 GMT": 7 * time.Second,
		"Wed, 25 Nov 2026 11:00:00 GMT": 0,
	}
	for in, want := range cases {
		if got := parseRetryAfter(in, now); got != want {
			t.Errorf("parseRetryAfter(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestBackoffIsCappedWithFullJitter(t *testing.T) {
	c := newTestClient(t, "https://example.test", func(cfg *Config) {
		cfg.MinBackoff, cfg.MaxBackoff = 100*time.Millisecond, time.Second
	})
	for attempt := range 40 {
		ceiling := min(time.Second, 100*time.Millisecond<<min(attempt, 31))
		for range 50 {
			if d := c.backoff(attempt); d < 0 || d > ceiling {
				t.Fatalf("backoff(%d) = %v, want within [0, %v]", attempt, d, ceiling)
			}
		}
	}
}

func TestSendsSharePace(t *testing.T) {
	srv, ts := newScripted(t, okSend)
	c := newTestClient(t, ts.URL, func(cfg *Config) { cfg.MaxMessagesPerSecond = 20 })
	var wg sync.WaitGroup
	for range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := c.Messages.SendMarketing(context.Background(), testMessage()); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if srv.count() != 10 {
		t.Fatalf("want 10 requests, got %d", srv.count())
	}
	first, last := srv.times[0], srv.times[0]
	for _, ts := range srv.times {
		if ts.Before(first) {
			first = ts
		}
		if ts.After(last) {
			last = ts
		}
	}
	// Ten sends at 20/s with a burst of one are 9 intervals of 50ms apart
	// when they leave. Arrival times jitter (the first pays for a new
	// connection), so allow one interval of slack: unpaced, they would all
	// arrive within a few milliseconds.
	if span := last.Sub(first); span < 400*time.Millisecond {
		t.Fatalf("10 sends at 20/s spanned %v, want at least 400ms", span)
	}
}

func TestThrottlePausesEverySend(t *testing.T) {
	c := newTestClient(t, "https://example.test", nil)
	c.pace.pause(300 * time.Millisecond)
	start := time.Now()
	if err := c.pace.wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	if waited := time.Since(start); waited < 290*time.Millisecond {
		t.Fatalf("a send after a throttle waited %v, want the shared 300ms pause", waited)
	}
}

func TestBodyCap(t *testing.T) {
	big := `{"health_status":{"can_send_message":"AVAILABLE","entities":[]},"id":"` + strings.Repeat("9", 4096) + `"}`
	_, ts := newScripted(t, answer{status: 200, body: big})
	c := newTestClient(t, ts.URL, func(cfg *Config) { cfg.MaxResponseBytes = 1024 })
	if _, err := c.Health.Get(context.Background()); !errors.Is(err, ErrBodyTooLarge) {
		t.Fatalf("read: want ErrBodyTooLarge, got %v", err)
	}
	// An oversized 2xx on a send means the message was taken but the answer
	// is lost: outcome unknown, never resent.
	srv, ts2 := newScripted(t, answer{status: 200, body: `{"messages":[{"id":"` + strings.Repeat("w", 4096) + `"}]}`})
	c2 := newTestClient(t, ts2.URL, func(cfg *Config) { cfg.MaxResponseBytes = 1024 })
	_, err := c2.Messages.SendMarketing(context.Background(), testMessage())
	if !IsOutcomeUnknown(err) || !errors.Is(err, ErrBodyTooLarge) || srv.count() != 1 {
		t.Fatalf("send: want one request and outcome unknown wrapping ErrBodyTooLarge, got %d, %v", srv.count(), err)
	}
}

func TestCancellationStopsRetries(t *testing.T) {
	srv, ts := newScripted(t, answer{status: 429, body: `{}`, retryAfter: "30"})
	c := newTestClient(t, ts.URL, nil)
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		for srv.count() == 0 {
			time.Sleep(time.Millisecond)
		}
		cancel()
	}()
	_, err := c.Messages.SendMarketing(ctx, testMessage())
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("want context.Canceled, got %v", err)
	}
	if srv.count() != 1 {
		t.Fatalf("want no send after cancellation, server saw %d", srv.count())
	}
}

func TestRequestHeaders(t *testing.T) {
	srv, ts := newScripted(t, okHealth)
	c := newTestClient(t, ts.URL, nil)
	if _, err := c.Health.Get(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Graph.GetWABA(context.Background(), "102290129340398", WABAOnboardingFields...); err != nil {
		t.Fatal(err)
	}
	d, g := srv.requests[0], srv.requests[1]
	if got := d.Header.Get("D360-API-KEY"); got != testKey {
		t.Errorf("D360-API-KEY = %q, want the bare key", got)
	}
	if got := d.Header.Get("Authorization"); got != "" {
		t.Errorf("360dialog request carries Authorization %q", got)
	}
	if got := d.Header.Get("User-Agent"); got != "terraform-provider-d360/test" {
		t.Errorf("User-Agent = %q", got)
	}
	if got := g.Header.Get("Authorization"); got != "Bearer graph-token-9b1c" {
		t.Errorf("Graph Authorization = %q", got)
	}
	if got := g.Header.Get("D360-API-KEY"); got != "" {
		t.Errorf("Graph request carries the 360dialog key %q", got)
	}
	if g.URL.Path != "/v24.0/102290129340398" || g.URL.Query().Get("fields") != "marketing_messages_onboarding_status,owner_business_info" {
		t.Errorf("Graph request = %s", g.URL)
	}
}

func TestGraphNeedsToken(t *testing.T) {
	c := newTestClient(t, "https://example.test", func(cfg *Config) { cfg.GraphToken = "" })
	if _, err := c.Graph.GetWABA(context.Background(), "1"); !errors.Is(err, ErrNoGraphToken) {
		t.Fatalf("want ErrNoGraphToken, got %v", err)
	}
}

func TestParseAPIURL(t *testing.T) {
	ok := []string{"https://waba-v2.360dialog.io", "https://waba-v2.360dialog.io/", "http://127.0.0.1:8080", "http://localhost:1", "http://[::1]:9"}
	bad := []string{"http://waba-v2.360dialog.io", "http://10.0.0.1:80", "ftp://x", "waba-v2.360dialog.io", "https://u:p@x.io", "https://x.io/?k=1"}
	for _, u := range ok {
		if _, err := ParseAPIURL(u); err != nil {
			t.Errorf("ParseAPIURL(%q): %v", u, err)
		}
	}
	for _, u := range bad {
		if _, err := ParseAPIURL(u); err == nil {
			t.Errorf("ParseAPIURL(%q) accepted", u)
		}
	}
}

func TestSendBody(t *testing.T) {
	srv, ts := newScripted(t, okSend)
	c := newTestClient(t, ts.URL, nil)
	on := true
	m := testMessage()
	m.MessageActivitySharing, m.ProductPolicy = &on, "STRICT"
	m.Template.Components = []MessageComponent{{Type: "body", Parameters: []Parameter{{Type: "text", Text: "Ana"}}},
		{Type: "button", SubType: "url", Index: "0", Parameters: []Parameter{{Type: "text", Text: "spring"}}}}
	if _, err := c.Messages.SendMarketing(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	want := `{"messaging_product":"whatsapp","recipient_type":"individual","to":"4915112345678","type":"template",` +
		`"template":{"name":"spring_sale","language":{"code":"en","policy":"deterministic"},"components":[` +
		`{"type":"body","parameters":[{"type":"text","text":"Ana"}]},` +
		`{"type":"button","sub_type":"url","index":"0","parameters":[{"type":"text","text":"spring"}]}]},` +
		`"message_activity_sharing":true,"product_policy":"STRICT"}`
	if srv.bodies[0] != want {
		t.Fatalf("body:\n got  %s\n want %s", srv.bodies[0], want)
	}
	if srv.requests[0].URL.Path != "/marketing_messages" || srv.requests[0].Method != "POST" {
		t.Fatalf("request %s %s", srv.requests[0].Method, srv.requests[0].URL.Path)
	}

	m.Template.RawComponents = []byte(`[{"type":"carousel","cards":[]}]`)
	if _, err := c.Messages.SendMarketing(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(srv.bodies[1], `"components":[{"type":"carousel","cards":[]}]`) || strings.Contains(srv.bodies[1], `"body"`) {
		t.Fatalf("raw components not sent verbatim: %s", srv.bodies[1])
	}
}

func TestListAllPages(t *testing.T) {
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = append(got, r.URL.RawQuery)
		all := []string{"a", "b", "c", "d", "e"}
		off := 0
		if v := r.URL.Query().Get("offset"); v != "" {
			off = int(v[0] - '0')
		}
		end := min(off+2, len(all)) // this server pages by 2 whatever limit says
		var items []string
		for _, n := range all[off:end] {
			items = append(items, `{"name":"`+n+`","language":"en","category":"MARKETING","status":"approved","components":[]}`)
		}
		_, _ = io.WriteString(w, `{"count":`+string(rune('0'+len(items)))+`,"total":5,"waba_templates":[`+strings.Join(items, ",")+`]}`)
	}))
	t.Cleanup(srv.Close)
	c := newTestClient(t, srv.URL, nil)
	list, err := c.Templates.ListAll(context.Background(), map[string]string{"category": "MARKETING"})
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 5 || list[4].Name != "e" || !list[0].HasStatus("APPROVED") {
		t.Fatalf("ListAll = %+v", list)
	}
	want := []string{
		"filters=%7B%22category%22%3A%22MARKETING%22%7D&limit=1000",
		"filters=%7B%22category%22%3A%22MARKETING%22%7D&limit=1000&offset=2",
		"filters=%7B%22category%22%3A%22MARKETING%22%7D&limit=1000&offset=4",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("queries:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestPaceWaitBeyondDeadlineIsDeadlineExceeded(t *testing.T) {
	srv, ts := newScripted(t, okSend)
	c := newTestClient(t, ts.URL, func(cfg *Config) { cfg.MaxMessagesPerSecond = 1 })
	if _, err := c.Messages.SendMarketing(context.Background(), testMessage()); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	_, err := c.Messages.SendMarketing(ctx, testMessage())
	if !errors.Is(err, context.DeadlineExceeded) || IsOutcomeUnknown(err) {
		t.Fatalf("want DeadlineExceeded before sending, got %v", err)
	}
	if srv.count() != 1 {
		t.Fatalf("server saw %d requests, want only the first", srv.count())
	}
}
