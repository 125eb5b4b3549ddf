package d360

import (
	"context"
	"crypto/sha256"
	"fmt"
	"sync"
	"time"
	"weak"

	"golang.org/x/time/rate"
)

// pacer is the token bucket every send of one channel shares, plus a shared
// pause: after a throttle answer, all sends wait, not only the one that was
// refused.
type pacer struct {
	limiter *rate.Limiter

	mu          sync.Mutex
	pausedUntil time.Time
}

// newPacer allows perSecond sends with a burst of one, so sends are spread
// evenly and never bunch up at the start of a second the way a large burst
// would.
func newPacer(perSecond float64) *pacer {
	return &pacer{limiter: rate.NewLimiter(rate.Limit(perSecond), 1)}
}

func (p *pacer) wait(ctx context.Context) error {
	for {
		p.mu.Lock()
		d := time.Until(p.pausedUntil)
		p.mu.Unlock()
		if d <= 0 {
			break
		}
		// The pause is a wait the server asked for, so it has the same
		// limit as the Retry-After that set it: one that cannot be sat out
		// fails at once rather than in silence at the deadline.
		if left, deadline := serverWaitLimit(ctx); d > left {
			return &pauseError{remaining: d, left: left, deadline: deadline}
		}
		if err := sleep(ctx, d); err != nil {
			return err
		}
	}
	if err := p.limiter.Wait(ctx); err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		// The limiter refuses up front when the wait would outlast the
		// deadline; to callers that is the deadline, reached early.
		return fmt.Errorf("%w: waiting for the shared send pace: %v", context.DeadlineExceeded, err)
	}
	return nil
}

// pauseError is a send stopped by the channel's shared pause, because the
// pause lasts longer than the time left. The request that waits turns it
// into a *ThrottledError, which names itself.
type pauseError struct {
	remaining, left time.Duration
	deadline        bool // left is the time before the context's deadline
}

func (e *pauseError) Error() string {
	return fmt.Sprintf("the channel is paused for another %s after a throttle answer, longer than the %s left", FormatSeconds(e.remaining), FormatSeconds(e.left))
}

func (p *pacer) pause(d time.Duration) {
	until := time.Now().Add(d)
	p.mu.Lock()
	if until.After(p.pausedUntil) {
		p.pausedUntil = until
	}
	p.mu.Unlock()
}

// pacers holds the bucket of every (base URL, key) pair in this process, so
// that clients of the same channel, such as two provider configurations
// served by one process, share one pace instead of each keeping its own and
// together doubling it. (Terraform usually runs each configuration in its
// own process, which this cannot span.) Entries are keyed by a hash, never
// the key itself, and are weak: a bucket lives as long as a client uses it.
var pacers = struct {
	sync.Mutex
	m map[[sha256.Size]byte]weak.Pointer[pacer]
}{m: map[[sha256.Size]byte]weak.Pointer[pacer]{}}

// sharedPacer returns the bucket of this base URL and key. When clients ask
// for different rates, the bucket keeps the lowest, so no client exceeds
// what it was given.
func sharedPacer(baseURL, key string, perSecond float64) *pacer {
	id := sha256.Sum256([]byte(baseURL + "\x00" + key))
	pacers.Lock()
	defer pacers.Unlock()
	for k, w := range pacers.m {
		if w.Value() == nil {
			delete(pacers.m, k)
		}
	}
	if p := pacers.m[id].Value(); p != nil {
		if rate.Limit(perSecond) < p.limiter.Limit() {
			p.limiter.SetLimit(rate.Limit(perSecond))
		}
		return p
	}
	p := newPacer(perSecond)
	pacers.m[id] = weak.Make(p)
	return p
}
