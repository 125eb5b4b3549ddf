package d360

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strconv"
	"sync/atomic"
	"time"
)

// api says which service a request goes to, and so which credential it carries.
type api int

const (
	api360 api = iota
	apiGraph
)

// request describes one API call.
type request struct {
	api    api
	method string
	path   string
	query  url.Values
	body   any
	// once marks a request that must not be repeated once the server may
	// have acted on it: a send would message someone twice.
	once bool
	// paced requests take a token from the shared message bucket.
	paced bool
	// secrets are values this request carries besides the credentials,
	// such as webhook header values: scrubbed from its errors and logs.
	secrets []string
}

// do runs req with the retry rules of the package documentation and decodes a 2xx body into
// out (when out is not nil).
//
// Reads retry on throttles, 5xx and transport errors. Sends retry only on
// answers that prove the message was refused (a throttle) or on a dial that
// never connected; anything else after the request may have been written is
// an *OutcomeUnknownError and is never retried.
//
// A request that ends while throttled, because the retries ran out, the
// wait asked for does not fit in the time left, or the context ended during
// a wait, fails with a *ThrottledError that names the answers.
func (c *Client) do(ctx context.Context, req request, out any) error {
	var payload []byte
	if req.body != nil {
		var err error
		if payload, err = json.Marshal(req.body); err != nil {
			return fmt.Errorf("encoding %s %s: %w", req.method, req.path, err)
		}
	}
	ctx, cancel := c.withRetryBudget(ctx, req)
	defer cancel()
	start := time.Now()
	var last error // the last failure not caused by the retry time limit
	throttle := throttleTally{req: req}
	gaveUp := func(attempts int) error {
		if errors.As(last, new(*dialError)) {
			return c.unreachable(req, attempts, start, last)
		}
		return &RetryBudgetError{Method: req.method, Path: req.path, Attempts: attempts,
			Elapsed: time.Since(start), Limit: c.cfg.MaxRetryDuration, Last: last}
	}
	var refusedSince time.Time // the first attempt refused outright
	for attempt := 0; ; attempt++ {
		if req.paced {
			if err := c.pace.wait(ctx); err != nil {
				return throttle.stopped(err, last) // nothing was sent
			}
		}
		retryAfter, err := c.attempt(ctx, req, payload, attempt, out)
		if err != nil && budgetSpent(ctx) {
			return gaveUp(attempt + 1)
		}
		if err == nil || !retryable(req, err) {
			return err
		}
		last = err
		throttle.observe(err, retryAfter)
		if refusedOutright(err) {
			if refusedSince.IsZero() {
				refusedSince = time.Now()
			}
			if time.Since(refusedSince) >= c.cfg.RefusedBudget {
				return c.unreachable(req, attempt+1, start, err)
			}
		}
		if ctx.Err() != nil {
			if IsRateLimited(err) {
				return throttle.stopped(ctx.Err(), err)
			}
			return fmt.Errorf("%w (last answer: %v)", ctx.Err(), err)
		}
		if attempt >= c.cfg.MaxRetries {
			if IsRateLimited(err) {
				return throttle.error()
			}
			if errors.As(err, new(*dialError)) {
				return c.unreachable(req, attempt+1, start, err)
			}
			return err
		}
		wait, why := c.backoff(attempt), "backoff"
		if retryAfter > 0 {
			// Honoured in full, past MaxBackoff: an attempt made sooner
			// than the server asked would only be refused again.
			wait, why = retryAfter, "Retry-After"
		}
		if req.paced && IsRateLimited(err) {
			// One throttled send slows every send of this client, not just
			// this one, so a burst does not keep hitting the limit.
			c.pace.pause(wait)
		}
		if left, deadline := serverWaitLimit(ctx); IsRateLimited(err) && wait > left && (deadline || retryAfter > 0) {
			// Sleeping into the deadline would end in a bare timeout after
			// minutes of silence, with no attempt after it; the answer
			// already says how it ends. Without a deadline only the
			// server's wait is capped: the backoff is MaxBackoff's.
			refused := throttle.refused(wait, left, deadline, false)
			// Logged as well as returned: a broadcast reports such a send
			// only as not sent yet, without its error.
			c.notice(ctx, "not waiting "+FormatSeconds(wait)+": "+why+", longer than the "+FormatSeconds(left)+" left",
				scrubFields(map[string]any{
					"method": req.method, "path": req.path, "attempt": attempt + 1,
					"wait_ms": wait.Milliseconds(), "reason": err.Error(),
				}, c.secretsOf(req)))
			if !budgetBound(req, c.cfg) {
				return refused
			}
			// A read's deadline is its retry time limit: report that limit,
			// with the throttle as the reason it could not be kept.
			refused.Cause = nil
			last = refused
			return gaveUp(attempt + 1)
		}
		if deadline, ok := ctx.Deadline(); ok && budgetBound(req, c.cfg) && time.Now().Add(wait).After(deadline) {
			// The next attempt could not even start in time.
			return gaveUp(attempt + 1)
		}
		if !refusedSince.IsZero() && refusedOutright(err) {
			// Not past the refusal budget: the last try comes at its end.
			wait = max(min(wait, c.cfg.RefusedBudget-time.Since(refusedSince)), 0)
		}
		c.logWait(ctx, req, attempt, wait, why, err)
		slept := time.Now()
		err = sleep(ctx, wait)
		throttle.waited += time.Since(slept)
		if err != nil {
			if budgetSpent(ctx) {
				return gaveUp(attempt + 1)
			}
			return throttle.stopped(err, last)
		}
	}
}

// logWait logs the wait before the next attempt: at LogInfo when a person
// would notice it (Terraform shows nothing else while a resource waits),
// at LogDebug otherwise.
func (c *Client) logWait(ctx context.Context, req request, attempt int, wait time.Duration, why string, failure error) {
	fields := scrubFields(map[string]any{
		"method": req.method, "path": req.path, "attempt": attempt + 1,
		"wait_ms": wait.Milliseconds(), "reason": failure.Error(),
	}, c.secretsOf(req))
	if wait >= noticeableWait {
		c.notice(ctx, "waiting "+FormatSeconds(wait)+": "+why, fields)
		return
	}
	c.log(ctx, "retrying 360dialog request", fields)
}

// retryable applies the retry rules to the error of one attempt.
func retryable(req request, err error) bool {
	var neverConnected *dialError
	if errors.As(err, &neverConnected) {
		return true
	}
	if IsOutcomeUnknown(err) {
		return false
	}
	if IsRateLimited(err) {
		return true
	}
	if req.once {
		return false
	}
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		return apiErr.HTTPStatus >= 500
	}
	var tErr *transportError
	return errors.As(err, &tErr)
}

// dialError is a transport failure before any connection existed, so the
// server cannot have seen the request.
type dialError struct{ err error }

func (e *dialError) Error() string { return "could not connect: " + e.err.Error() }
func (e *dialError) Unwrap() error { return e.err }

// transportError is a failure after a connection existed (reads only).
type transportError struct{ err error }

func (e *transportError) Error() string { return e.err.Error() }
func (e *transportError) Unwrap() error { return e.err }

// attempt makes one HTTP round trip. It returns the server's Retry-After
// when there was one.
func (c *Client) attempt(ctx context.Context, req request, payload []byte, n int, out any) (time.Duration, error) {
	httpReq, err := c.newHTTPRequest(ctx, req, payload)
	if err != nil {
		return 0, err
	}
	// Errors and logs name the path as sent, Graph version included.
	req.path = httpReq.URL.Path
	var connected atomic.Bool
	trace := &httptrace.ClientTrace{GotConn: func(httptrace.GotConnInfo) { connected.Store(true) }}
	httpReq = httpReq.WithContext(httptrace.WithClientTrace(ctx, trace))

	start := time.Now()
	resp, err := c.http.Do(httpReq)
	fields := map[string]any{"method": req.method, "path": req.path, "attempt": n + 1}
	if err != nil {
		// A transport error can quote what the server sent (a proxy's
		// answer, a URL), so its text is scrubbed wherever it goes.
		err = scrubbedError{err, c.secretsOf(req)}
		fields["error"] = err.Error()
		c.log(ctx, "360dialog request failed", scrubFields(fields, c.secretsOf(req)))
		switch {
		case !connected.Load():
			if ctx.Err() != nil {
				return 0, ctx.Err()
			}
			return 0, &dialError{err: err}
		case req.once:
			return 0, &OutcomeUnknownError{Method: req.method, Path: req.path, Err: err}
		case ctx.Err() != nil:
			return 0, ctx.Err()
		default:
			return 0, &transportError{err: fmt.Errorf("%s %s: %w", req.method, req.path, err)}
		}
	}
	defer resp.Body.Close()
	body, readErr := readCapped(resp.Body, c.cfg.MaxResponseBytes)
	elapsed := time.Since(start)
	if req.paced {
		c.latency.observe(elapsed)
	}
	fields["status"] = resp.StatusCode
	fields["duration_ms"] = elapsed.Milliseconds()
	c.log(ctx, "360dialog request", scrubFields(fields, c.secretsOf(req)))

	if isRedirectStatus(resp.StatusCode) {
		err := &RedirectError{Method: req.method, Path: req.path, HTTPStatus: resp.StatusCode,
			Location: scrub(redirectTarget(resp.Header.Get("Location"), httpReq.URL), c.secretsOf(req))}
		if req.once {
			// The server that redirected may have acted on the send first.
			return 0, &OutcomeUnknownError{Method: req.method, Path: req.path, Err: err}
		}
		return 0, err
	}
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		if readErr == nil && out != nil && len(bytes.TrimSpace(body)) > 0 {
			readErr = json.Unmarshal(body, out)
		}
		if readErr != nil {
			// A decode error quotes the body, which may echo a secret.
			readErr = scrubbedError{readErr, c.secretsOf(req)}
			err := fmt.Errorf("%s %s: HTTP %d with an unreadable body: %w", req.method, req.path, resp.StatusCode, readErr)
			if req.once {
				// The API took the message; only its answer is lost.
				return 0, &OutcomeUnknownError{Method: req.method, Path: req.path, Err: err}
			}
			return 0, err
		}
		return 0, nil
	}
	apiErr := parseAPIError(req.method, req.path, resp.StatusCode, body, c.secretsOf(req)...)
	if req.once && resp.StatusCode >= 500 {
		return 0, &OutcomeUnknownError{Method: req.method, Path: req.path, Err: apiErr}
	}
	return parseRetryAfter(resp.Header.Get("Retry-After"), time.Now()), apiErr
}

func (c *Client) newHTTPRequest(ctx context.Context, req request, payload []byte) (*http.Request, error) {
	root := c.baseURL
	if req.api == apiGraph {
		root = c.graphURL
	}
	u := *root
	u.Path = root.Path + req.path
	u.RawQuery = req.query.Encode()

	var body io.Reader
	if payload != nil {
		body = bytes.NewReader(payload)
	}
	httpReq, err := http.NewRequestWithContext(ctx, req.method, u.String(), body)
	if err != nil {
		return nil, fmt.Errorf("building %s %s: %w", req.method, req.path, err)
	}
	httpReq.Header.Set("Accept", "application/json")
	if payload != nil {
		httpReq.Header.Set("Content-Type", "application/json")
	}
	if c.cfg.UserAgent != "" {
		httpReq.Header.Set("User-Agent", c.cfg.UserAgent)
	}
	switch req.api {
	case api360:
		// The bare key: 360dialog's tables say "Bearer <token>" but every
		// curl example sends the key alone
		// (https://docs.360dialog.com/docs/whatsapp-api/the-basics).
		httpReq.Header.Set("D360-API-KEY", c.cfg.APIKey)
	case apiGraph:
		httpReq.Header.Set("Authorization", "Bearer "+c.cfg.GraphToken)
	}
	return httpReq, nil
}

// ErrBodyTooLarge is returned when an answer is longer than MaxResponseBytes.
var ErrBodyTooLarge = errors.New("response body exceeds the size limit")

func readCapped(r io.Reader, limit int64) ([]byte, error) {
	body, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return body, err
	}
	if int64(len(body)) > limit {
		return body[:limit], fmt.Errorf("%w of %d bytes", ErrBodyTooLarge, limit)
	}
	return body, nil
}

// backoff is capped exponential backoff with full jitter: a random wait
// between zero and min(MaxBackoff, MinBackoff·2^attempt).
func (c *Client) backoff(attempt int) time.Duration {
	ceiling := c.cfg.MaxBackoff
	if attempt < 32 {
		ceiling = min(ceiling, c.cfg.MinBackoff<<attempt)
	}
	if ceiling <= 0 {
		return 0
	}
	return rand.N(ceiling + 1)
}

// parseRetryAfter reads delay-seconds or an HTTP date. Neither 360dialog nor
// Meta documents the header on throttles, so it is honoured when present and
// never required.
func parseRetryAfter(v string, now time.Time) time.Duration {
	if v == "" {
		return 0
	}
	if secs, err := strconv.Atoi(v); err == nil {
		return max(time.Duration(secs)*time.Second, 0)
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0)
	}
	return 0
}

func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
