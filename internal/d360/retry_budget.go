package d360

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// errRetryBudget is the cause of a read's context ending at MaxRetryDuration.
var errRetryBudget = errors.New("retry time limit reached")

// withRetryBudget bounds a read and all its retries, the attempt in flight
// included: with a hung server, MaxRetries attempts of a full request
// timeout each, plus backoff, would otherwise park a plan for many minutes.
// Sends are not bounded here: they never retry an unknown outcome, and
// their retries of refused answers are bounded by MaxRetries.
func (c *Client) withRetryBudget(ctx context.Context, req request) (context.Context, context.CancelFunc) {
	if req.once || c.cfg.MaxRetryDuration <= 0 {
		return ctx, func() {}
	}
	return context.WithTimeoutCause(ctx, c.cfg.MaxRetryDuration, errRetryBudget)
}

// budgetSpent reports whether ctx ended because of the retry time limit,
// not because the caller cancelled it or ran out of its own time.
func budgetSpent(ctx context.Context) bool {
	return ctx.Err() != nil && errors.Is(context.Cause(ctx), errRetryBudget)
}

// RetryBudgetError is a read that kept failing until MaxRetryDuration ran out.
type RetryBudgetError struct {
	Method, Path string
	Attempts     int
	Elapsed      time.Duration
	Limit        time.Duration
	Last         error // the last answer or failure, nil if the only attempt was cut off
}

func (e *RetryBudgetError) Error() string {
	last := "the last attempt was cut off while it waited for an answer"
	if e.Last != nil {
		last = "last error: " + e.Last.Error()
	}
	return fmt.Sprintf("%s %s: gave up after %d attempts in %s (the retry time limit is %s); %s",
		e.Method, e.Path, e.Attempts, e.Elapsed.Round(time.Millisecond), e.Limit, last)
}

func (e *RetryBudgetError) Unwrap() error { return e.Last }

// budgetBound reports whether req runs under the retry time limit.
func budgetBound(req request, cfg Config) bool { return !req.once && cfg.MaxRetryDuration > 0 }
