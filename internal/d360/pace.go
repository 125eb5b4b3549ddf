package d360

import (
	"context"
	"fmt"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// pacer is the token bucket every send of one Client shares, plus a shared
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

func (p *pacer) pause(d time.Duration) {
	until := time.Now().Add(d)
	p.mu.Lock()
	if until.After(p.pausedUntil) {
		p.pausedUntil = until
	}
	p.mu.Unlock()
}
