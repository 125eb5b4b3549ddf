package mock360

import (
	"math"

	"golang.org/x/time/rate"
)

// newSendLimiter throttles sends like 360dialog's endpoint rate limit,
// which refuses with HTTP 400 "You have exceeded the endpoint rate limit."
// (https://docs.360dialog.com/api/api-error-message-list): perSecond tokens a
// second, a burst of max(1, perSecond) whole sends, and no limit at all for
// perSecond <= 0. A new limiter starts full. The burst is capped at 2^31-1
// so that a huge rate set through /_mock/rate_limit cannot overflow the int
// to a negative burst that refuses everything. The limiter runs on real time,
// not Options.Now, so a frozen test clock cannot starve it.
func newSendLimiter(perSecond float64) *rate.Limiter {
	if perSecond <= 0 {
		return rate.NewLimiter(rate.Inf, 0)
	}
	burst := math.Min(math.Max(1, math.Floor(perSecond)), math.MaxInt32)
	return rate.NewLimiter(rate.Limit(perSecond), int(burst))
}
