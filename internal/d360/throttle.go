package d360

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// maxWaitWithoutDeadline is the longest server-asked wait (Retry-After, or
// the channel's shared pause after one) that a caller without a context
// deadline sits out. With a deadline the time left is the limit instead, so
// this only guards library callers that set none: one odd header must not
// park them for a day. Past it the request fails at once.
const maxWaitWithoutDeadline = 2 * time.Minute

// noticeableWait is the shortest wait logged at LogInfo: a person watching
// the run should learn why nothing moves, and shorter waits would only
// crowd out the log.
const noticeableWait = time.Second

// ThrottledError is a request the API kept refusing for pace (HTTP 429,
// 360dialog's "endpoint rate limit", Meta's 130429 and the like; see
// IsRateLimited). It names how many throttle answers came and what wait the
// last one asked for, so that a long Retry-After or a storm of refusals is
// never reported as a bare timeout. It is returned when:
//   - the wait asked for is longer than the time left before the context's
//     deadline (or than maxWaitWithoutDeadline when there is none): the
//     request fails at once instead of sleeping into the deadline;
//   - the context ended while the request waited between attempts;
//   - the retries ran out (Config.MaxRetries).
//
// Errors.Is finds the last throttle answer (an *APIError) and, when the
// deadline or a cancel stopped it, the context's error: IsNotSent holds
// then, as it does for any send stopped before it could be processed.
type ThrottledError struct {
	Method, Path string

	// Answers is how many throttle answers this request got; 0 when it was
	// stopped by the channel's shared pause before its own first attempt.
	Answers int
	// Status is the last answer's kind, such as "HTTP 429" or
	// "HTTP 400, code 130429".
	Status string
	// RetryAfter is the wait the last answer asked for in its Retry-After
	// header; 0 when it had none.
	RetryAfter time.Duration
	// Waited is the time spent waiting between attempts.
	Waited time.Duration

	// Refused is the wait that was not started because it would not fit in
	// Left, the time that remained; both 0 when no wait was refused. It is
	// RetryAfter, the channel's shared pause (Paused), or, when the answer
	// had no Retry-After, the client's own backoff.
	Refused, Left time.Duration
	// Deadline is true when Left was the time before the context's
	// deadline, false when it was maxWaitWithoutDeadline.
	Deadline bool
	// Paused is true when the refused wait was the channel's shared pause,
	// set by a throttle answer to another request of the same channel.
	Paused bool

	// NothingSent is true for a send (a request never repeated once it may
	// have been processed): it is retried only after answers that prove a
	// refusal, so when it ends throttled, no attempt went through.
	NothingSent bool

	Last  error // the last throttle answer; nil when Answers is 0
	Cause error // context.Canceled or context.DeadlineExceeded when those stopped it; nil otherwise
}

func (e *ThrottledError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s: throttled", e.Method, e.Path)
	if e.Answers > 0 {
		b.WriteString(": " + e.AnswersSummary())
	}
	switch {
	case e.Refused > 0:
		fmt.Fprintf(&b, "; %s", e.refusedText())
	case e.Cause != nil:
		fmt.Fprintf(&b, "; the wait was cut short: %v", e.Cause)
	default:
		b.WriteString("; the retries ran out")
	}
	if e.Waited >= noticeableWait {
		fmt.Fprintf(&b, " (after waiting %s in all)", FormatSeconds(e.Waited))
	}
	switch {
	case e.NothingSent && e.Answers == 0:
		b.WriteString("; nothing was sent")
	case e.NothingSent:
		b.WriteString("; every attempt was refused, so nothing was sent")
	}
	if e.Last != nil {
		fmt.Fprintf(&b, " (last answer: %v)", e.Last)
	}
	return b.String()
}

// AnswersSummary is "3 answers of HTTP 429, the last asking to wait 86400 s
// (Retry-After)": the part of the error a caller's own wording can quote.
func (e *ThrottledError) AnswersSummary() string {
	noun := "answers"
	if e.Answers == 1 {
		noun = "answer"
	}
	text := fmt.Sprintf("%d %s of %s", e.Answers, noun, e.Status)
	last := "the last"
	if e.Answers == 1 {
		last = "it"
	}
	if e.RetryAfter > 0 {
		verb := "asking"
		if e.Answers == 1 {
			verb = "asked"
		}
		return fmt.Sprintf("%s, %s %s to wait %s (Retry-After)", text, last, verb, FormatSeconds(e.RetryAfter))
	}
	return fmt.Sprintf("%s, %s with no Retry-After", text, last)
}

// refusedText says which wait did not fit in what.
func (e *ThrottledError) refusedText() string {
	limit := fmt.Sprintf("the %s left before the deadline", FormatSeconds(e.Left))
	if !e.Deadline {
		limit = fmt.Sprintf("the %s this client waits at most without a deadline", FormatSeconds(e.Left))
	}
	switch {
	case e.Paused:
		return fmt.Sprintf("the channel is paused for another %s after a throttle answer to another request, longer than %s, so it stopped at once",
			FormatSeconds(e.Refused), limit)
	case e.RetryAfter == 0:
		return fmt.Sprintf("the next retry, after a backoff of %s, would come after %s, so it stopped at once", FormatSeconds(e.Refused), limit)
	}
	return fmt.Sprintf("that wait is longer than %s, so it stopped at once", limit)
}

// Unwrap exposes the last answer, for IsRateLimited and RemedyFor, and the
// context's error, for IsNotSent.
func (e *ThrottledError) Unwrap() []error {
	var errs []error
	for _, err := range []error{e.Last, e.Cause} {
		if err != nil {
			errs = append(errs, err)
		}
	}
	return errs
}

// FormatSeconds writes a wait the way Retry-After counts it, in seconds: "86400 s",
// or "1.5 s" below a minute when it is not whole.
func FormatSeconds(d time.Duration) string {
	if d%time.Second == 0 || d >= time.Minute {
		return strconv.FormatInt(int64(d.Round(time.Second)/time.Second), 10) + " s"
	}
	return strconv.FormatFloat(d.Seconds(), 'f', 1, 64) + " s"
}

// throttleTally keeps the throttle answers of one request across its
// attempts, to build its ThrottledError.
type throttleTally struct {
	req        request
	path       string // as sent, Graph version included; req.path until an answer came
	answers    int
	status     string
	retryAfter time.Duration
	waited     time.Duration
	last       error
}

// observe records the error of one attempt when it is a throttle answer.
func (t *throttleTally) observe(err error, retryAfter time.Duration) {
	e, ok := asAPIError(err)
	if !ok || !IsRateLimited(err) {
		return
	}
	t.answers++
	t.path = e.Path
	t.status = throttleStatus(e)
	t.retryAfter = retryAfter
	t.last = err
}

// throttleStatus names a throttle answer by its HTTP status and, when Meta
// sent one, its code.
func throttleStatus(e *APIError) string {
	if e.Code != 0 {
		return fmt.Sprintf("HTTP %d, code %d", e.HTTPStatus, e.Code)
	}
	return fmt.Sprintf("HTTP %d", e.HTTPStatus)
}

func (t *throttleTally) error() *ThrottledError {
	path := t.path
	if path == "" {
		path = t.req.path
	}
	return &ThrottledError{
		Method: t.req.method, Path: path,
		Answers: t.answers, Status: t.status, RetryAfter: t.retryAfter, Waited: t.waited,
		NothingSent: t.req.once, Last: t.last,
	}
}

// refused is the error of a wait that does not fit in the time left.
func (t *throttleTally) refused(wait, left time.Duration, deadline, paused bool) *ThrottledError {
	e := t.error()
	e.Refused, e.Left, e.Deadline, e.Paused = wait, left, deadline, paused
	if deadline {
		// As for the send pace: a wait that would outlast the deadline is
		// the deadline, reached early. IsNotSent holds, as it would have
		// had the request slept until then.
		e.Cause = context.DeadlineExceeded
	}
	return e
}

// stopped turns err, which ended the request between attempts while it
// waited out failure (nil before the first attempt), into a ThrottledError
// when that failure was a throttle answer or when the channel's shared
// pause stopped it. Any other err is returned as it is.
func (t *throttleTally) stopped(err, failure error) error {
	var paused *pauseError
	if errors.As(err, &paused) {
		return t.refused(paused.remaining, paused.left, paused.deadline, true)
	}
	if failure == nil || !IsRateLimited(failure) {
		return err
	}
	e := t.error()
	switch {
	case errors.Is(err, context.Canceled):
		e.Cause = context.Canceled
	case errors.Is(err, context.DeadlineExceeded):
		e.Cause = context.DeadlineExceeded
	default:
		return err
	}
	return e
}

// serverWaitLimit is how long a wait the server asked for may last: the
// time left before ctx's deadline, or maxWaitWithoutDeadline without one.
func serverWaitLimit(ctx context.Context) (left time.Duration, deadline bool) {
	if d, ok := ctx.Deadline(); ok {
		return time.Until(d), true
	}
	return maxWaitWithoutDeadline, false
}
