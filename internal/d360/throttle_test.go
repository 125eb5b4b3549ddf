package d360

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"
)

// logEntry is one call of Config.Log.
type logEntry struct {
	msg    string
	fields map[string]any
}

// capturedLog records every log entry of a client.
type capturedLog struct {
	mu      sync.Mutex
	entries []logEntry
}

func (l *capturedLog) hook(_ context.Context, msg string, fields map[string]any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.entries = append(l.entries, logEntry{msg, fields})
}

func (l *capturedLog) find(msg string) (logEntry, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, e := range l.entries {
		if e.msg == msg {
			return e, true
		}
	}
	return logEntry{}, false
}

// A Retry-After far longer than the time left must fail the send at once,
// naming the throttle, rather than sleep until the deadline and report a
// timeout.
func TestRetryAfterLongerThanTimeLeftFailsAtOnce(t *testing.T) {
	srv, ts := newScripted(t, answer{status: 429, body: `{"error":"Too Many Requests"}`, retryAfter: "86400"})
	var log capturedLog
	c := newTestClient(t, ts.URL, func(cfg *Config) { cfg.Log = log.hook })
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	_, err := c.Messages.SendMarketing(ctx, testMessage())
	if ctx.Err() != nil {
		t.Fatalf("the send returned only after its deadline (%v); it should refuse a wait that cannot fit at once", err)
	}
	if err == nil {
		t.Fatal("want an error")
	}
	for _, want := range []string{"POST /marketing_messages", "throttled", "1 answer of HTTP 429", "86400 s", "Retry-After", "nothing was sent"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
	if !IsNotSent(err) || IsOutcomeUnknown(err) {
		t.Errorf("a refused send is not sent and its outcome is known: IsNotSent=%v IsOutcomeUnknown=%v", IsNotSent(err), IsOutcomeUnknown(err))
	}
	var th *ThrottledError
	if !errors.As(err, &th) {
		t.Fatalf("error %T is not a *ThrottledError", err)
	}
	if th.Answers != 1 || th.Status != "HTTP 429" || th.RetryAfter != 86400*time.Second || th.Refused != th.RetryAfter ||
		!th.Deadline || th.Left <= 0 || th.Left > 2*time.Second || th.Paused || !th.NothingSent || !IsRateLimited(th.Last) {
		t.Errorf("ThrottledError = %+v", *th)
	}
	if srv.count() != 1 {
		t.Fatalf("server saw %d requests, want 1", srv.count())
	}
	// A broadcast shows such a send only as not sent yet, so the refusal
	// is logged where a person sees it.
	log.mu.Lock()
	var notice *logEntry
	for i, e := range log.entries {
		if strings.HasPrefix(e.msg, "not waiting 86400 s: Retry-After, longer than the ") {
			notice = &log.entries[i]
		}
	}
	log.mu.Unlock()
	if notice == nil || notice.fields[LogLevelField] != LogInfo || notice.fields["path"] != "/marketing_messages" {
		t.Errorf("no INFO entry for the refused wait in %v", log.entries)
	}

	// The server asked the whole channel to wait: the next send of this
	// client fails at once as well, without a request.
	_, err = c.Messages.SendMarketing(ctx, testMessage())
	if ctx.Err() != nil {
		t.Fatalf("the second send returned only after its deadline (%v)", err)
	}
	if err == nil || !strings.Contains(err.Error(), "throttled") || !strings.Contains(err.Error(), "paused") {
		t.Fatalf("second send: want a throttle error naming the shared pause, got %v", err)
	}
	if !errors.As(err, &th) || !th.Paused || th.Answers != 0 || !IsNotSent(err) {
		t.Fatalf("second send: want a not-sent *ThrottledError stopped by the pause, got %T %v", err, err)
	}
	if srv.count() != 1 {
		t.Fatalf("server saw %d requests, want still 1", srv.count())
	}
}

// Without a deadline, a Retry-After beyond the hard cap fails at once too.
func TestRetryAfterBeyondTheCapWithoutDeadlineFailsAtOnce(t *testing.T) {
	srv, ts := newScripted(t, answer{status: 429, body: `{}`, retryAfter: "86400"})
	c := newTestClient(t, ts.URL, nil)
	done := make(chan error, 1)
	go func() {
		_, err := c.Messages.SendMarketing(context.Background(), testMessage())
		done <- err
	}()
	var err error
	select {
	case err = <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("a send without a deadline slept on a Retry-After of a day")
	}
	if err == nil || !strings.Contains(err.Error(), "86400 s") || !strings.Contains(err.Error(), "1 answer of HTTP 429") {
		t.Fatalf("want a throttle error naming the wait asked for, got %v", err)
	}
	var th *ThrottledError
	if !errors.As(err, &th) || th.Deadline || th.Left != maxWaitWithoutDeadline || th.Cause != nil {
		t.Fatalf("want a *ThrottledError against the cap without a deadline, got %T %+v", err, th)
	}
	if srv.count() != 1 {
		t.Fatalf("server saw %d requests, want 1", srv.count())
	}
}

// A storm of 429 answers without Retry-After ends when the retries run
// out, and the error counts the answers.
func TestThrottleStormCountsTheAnswers(t *testing.T) {
	srv, ts := newScripted(t, throttle429)
	c := newTestClient(t, ts.URL, func(cfg *Config) { cfg.MaxRetries = 3 })
	_, err := c.Messages.SendMarketing(context.Background(), testMessage())
	if srv.count() != 4 {
		t.Fatalf("server saw %d requests, want 4", srv.count())
	}
	if err == nil {
		t.Fatal("want an error")
	}
	for _, want := range []string{"throttled", "4 answers of HTTP 429", "no Retry-After", "nothing was sent"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
	if IsNotSent(err) || IsOutcomeUnknown(err) {
		t.Errorf("retries that ran out are a final refusal: IsNotSent=%v IsOutcomeUnknown=%v", IsNotSent(err), IsOutcomeUnknown(err))
	}
	if !IsRateLimited(err) || RemedyFor(err) != RemedySlowDown {
		t.Errorf("the answer stays visible: IsRateLimited=%v RemedyFor=%d", IsRateLimited(err), RemedyFor(err))
	}
	var th *ThrottledError
	if !errors.As(err, &th) || th.Answers != 4 || th.RetryAfter != 0 || th.Refused != 0 || th.Cause != nil {
		t.Fatalf("want a *ThrottledError of 4 answers whose retries ran out, got %T %+v", err, th)
	}
}

// Every kind of throttle answer is named, not only 429.
func TestThrottleStormNamesMetaCodes(t *testing.T) {
	_, ts := newScripted(t, metaCode("130429"))
	c := newTestClient(t, ts.URL, func(cfg *Config) { cfg.MaxRetries = 1 })
	_, err := c.Messages.SendMarketing(context.Background(), testMessage())
	if err == nil || !strings.Contains(err.Error(), "2 answers of HTTP 400, code 130429") {
		t.Fatalf("want the answers named by code, got %v", err)
	}
}

// An unknown outcome on a later attempt wins over the throttles before it:
// the send may have gone out, so it must not say "nothing was sent".
func TestUnknownOutcomeAfterThrottlesStillWins(t *testing.T) {
	srv, ts := newScripted(t, throttle429, throttle429, serverError, okSend)
	c := newTestClient(t, ts.URL, nil)
	_, err := c.Messages.SendMarketing(context.Background(), testMessage())
	var th *ThrottledError
	if !IsOutcomeUnknown(err) || errors.As(err, &th) || strings.Contains(err.Error(), "nothing was sent") {
		t.Fatalf("want outcome unknown, got %T %v", err, err)
	}
	if srv.count() != 3 {
		t.Fatalf("server saw %d requests, want 3", srv.count())
	}
}

// A cancel during a throttle wait says both: cancelled, and what it waited for.
func TestCancelDuringThrottleWaitNamesTheThrottle(t *testing.T) {
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
	var th *ThrottledError
	if !errors.As(err, &th) || !errors.Is(err, context.Canceled) || !IsNotSent(err) {
		t.Fatalf("want a not-sent *ThrottledError caused by the cancel, got %T %v", err, err)
	}
	if th.Answers != 1 || th.RetryAfter != 30*time.Second || th.Refused != 0 {
		t.Errorf("ThrottledError = %+v", *th)
	}
	if !strings.Contains(err.Error(), "cut short: context canceled") {
		t.Errorf("error %q does not say the wait was cancelled", err)
	}
}

// A read keeps its retry time limit: a Retry-After beyond it ends the read
// at once with a *RetryBudgetError whose last error names the throttle.
func TestReadRetryAfterBeyondTheRetryLimit(t *testing.T) {
	srv, ts := newScripted(t, answer{status: 429, body: `{}`, retryAfter: "86400"})
	c := newTestClient(t, ts.URL, func(cfg *Config) { cfg.MaxRetryDuration = 2 * time.Second })
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	start := time.Now()
	_, err := c.Health.Get(ctx)
	var budget *RetryBudgetError
	var th *ThrottledError
	if !errors.As(err, &budget) || !errors.As(err, &th) || th.Refused != 86400*time.Second {
		t.Fatalf("want a *RetryBudgetError over a *ThrottledError, got %T %v", err, err)
	}
	if time.Since(start) >= 2*time.Second {
		t.Fatalf("the read slept into its retry time limit")
	}
	if errors.Is(err, context.DeadlineExceeded) || th.NothingSent {
		t.Errorf("a read's give-up is not a context error and says nothing about sends: %v", err)
	}
	if RemedyFor(err) != RemedyRaiseRetryLimit {
		t.Errorf("RemedyFor = %d, want RemedyRaiseRetryLimit", RemedyFor(err))
	}
	if srv.count() != 1 {
		t.Fatalf("server saw %d requests, want 1", srv.count())
	}
}

func TestFormatSeconds(t *testing.T) {
	for d, want := range map[time.Duration]string{
		86400 * time.Second:                   "86400 s",
		time.Second:                           "1 s",
		1500 * time.Millisecond:               "1.5 s",
		90*time.Second + 400*time.Millisecond: "90 s",
		0:                                     "0 s",
	} {
		if got := FormatSeconds(d); got != want {
			t.Errorf("FormatSeconds(%v) = %q, want %q", d, got, want)
		}
	}
}

// A wait a person would notice is logged where they see it.
func TestLongWaitIsLogged(t *testing.T) {
	_, ts := newScripted(t, answer{status: 429, body: `{}`, retryAfter: "1"}, okSend)
	var log capturedLog
	c := newTestClient(t, ts.URL, func(cfg *Config) { cfg.Log = log.hook })
	if _, err := c.Messages.SendMarketing(context.Background(), testMessage()); err != nil {
		t.Fatal(err)
	}
	e, ok := log.find("waiting 1 s: Retry-After")
	if !ok {
		t.Fatalf("no entry %q in %v", "waiting 1 s: Retry-After", log.entries)
	}
	if e.fields["method"] != "POST" || e.fields["path"] != "/marketing_messages" || e.fields["attempt"] != 1 {
		t.Errorf("fields %v do not name the request and attempt", e.fields)
	}
	if r, _ := e.fields["reason"].(string); !strings.Contains(r, "HTTP 429") {
		t.Errorf("reason %q does not name the answer", r)
	}
	if e.fields[LogLevelField] != LogInfo {
		t.Errorf("a wait of 1 s is logged at %v, want LogInfo", e.fields[LogLevelField])
	}
}

// Short waits stay at debug level: a burst of brief backoffs must not
// flood what a person reads.
func TestShortWaitIsNotANotice(t *testing.T) {
	_, ts := newScripted(t, throttle429, okSend)
	var log capturedLog
	c := newTestClient(t, ts.URL, func(cfg *Config) { cfg.Log = log.hook })
	if _, err := c.Messages.SendMarketing(context.Background(), testMessage()); err != nil {
		t.Fatal(err)
	}
	if _, ok := log.find("retrying 360dialog request"); !ok {
		t.Fatalf("no debug entry for the retry in %v", log.entries)
	}
	for _, e := range log.entries {
		if _, ok := e.fields[LogLevelField]; ok {
			t.Errorf("entry %q carries a level; only long waits do", e.msg)
		}
	}
}

// A backoff after a throttle answer that cannot end before the deadline is
// not slept either: no attempt could follow it.
func TestThrottleBackoffBeyondTheDeadlineFailsAtOnce(t *testing.T) {
	srv, ts := newScripted(t, throttle429)
	c := newTestClient(t, ts.URL, func(cfg *Config) { cfg.MinBackoff, cfg.MaxBackoff = time.Hour, time.Hour })
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	for {
		// The backoff is jittered from zero; retry the rare short draw.
		_, err := c.Messages.SendMarketing(ctx, testMessage())
		if ctx.Err() != nil {
			t.Fatalf("the send returned only after its deadline (%v)", err)
		}
		var th *ThrottledError
		if !errors.As(err, &th) || !IsNotSent(err) {
			t.Fatalf("want a not-sent *ThrottledError, got %T %v", err, err)
		}
		if th.Refused > th.Left {
			if !strings.Contains(err.Error(), "the next retry, after a backoff of") {
				t.Errorf("error %q does not name the backoff", err)
			}
			break
		}
	}
	if srv.count() < 1 {
		t.Fatal("no request reached the server")
	}
}
