package mock360

import (
	"math"
	"time"
)

// tokenBucket throttles sends like 360dialog's endpoint rate limit. It runs
// on real time, not Options.Now, so a frozen test clock cannot starve it.
type tokenBucket struct {
	rate   float64 // tokens per second; 0 = unlimited
	burst  float64
	tokens float64
	last   time.Time
}

func newTokenBucket(perSecond float64) tokenBucket {
	if perSecond <= 0 {
		return tokenBucket{}
	}
	burst := math.Max(1, perSecond)
	return tokenBucket{rate: perSecond, burst: burst, tokens: burst, last: time.Now()}
}

// take spends one token, reporting false (and spending nothing) when empty.
func (b *tokenBucket) take() bool {
	if b.rate <= 0 {
		return true
	}
	now := time.Now()
	b.tokens = math.Min(b.burst, b.tokens+now.Sub(b.last).Seconds()*b.rate)
	b.last = now
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}
