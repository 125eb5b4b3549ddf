package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/d360-tf/terraform-provider-d360/internal/d360"
)

// notSentDetail is the text of the error for a send that ended before it
// could be processed (d360.IsNotSent): nothing went out, so sending later is
// safe. tail finishes "so nothing was sent" with what happens next, and
// timeLimit names the limit the send ran under, such as "the create
// timeout"; raise, when not empty, says how to raise it.
//
// When the send ended because the API throttled it, the text says so, with
// the answers and the wait asked for: calling it "cancelled or timed out"
// would send a person looking for a slow network, when the cause is the
// pace, and the fix is to send later or slower.
func notSentDetail(err error, tail, timeLimit, raise string) string {
	var th *d360.ThrottledError
	if !errors.As(err, &th) {
		return fmt.Sprintf("The send was cancelled or timed out before the request left (%v), so nothing was sent%s", err, tail)
	}
	var b strings.Builder
	b.WriteString(throttleStory(th, timeLimit))
	b.WriteString(" So nothing was sent" + tail)
	when := "in a few minutes"
	if th.RetryAfter > 0 || th.Paused {
		when = "after the wait asked for"
	}
	b.WriteString("\n\nTo send it: try again " + when + "; " +
		"lower max_messages_per_second in the provider block, so that sends stay under the limit")
	if raise != "" {
		b.WriteString("; or, to sit out such waits, " + raise)
	}
	b.WriteString(".\n\nDetails: " + err.Error())
	return b.String()
}

// throttleStory says what throttled the send and why the provider stopped.
func throttleStory(th *d360.ThrottledError, timeLimit string) string {
	if th.Paused {
		return fmt.Sprintf("An earlier send of this channel was throttled, and the API asked the channel to wait %s more "+
			"(Retry-After). That is longer than the %s left of %s, so the provider stopped at once instead of waiting.",
			d360.FormatSeconds(th.Refused), d360.FormatSeconds(th.Left), timeLimit)
	}
	answers := th.AnswersSummary()
	switch {
	case th.Refused > 0 && th.RetryAfter == 0:
		return fmt.Sprintf("360dialog throttled the send: %s. The next retry, after a backoff of %s, would come after the %s left of %s, "+
			"so the provider stopped at once instead of waiting.", answers, d360.FormatSeconds(th.Refused), d360.FormatSeconds(th.Left), timeLimit)
	case th.Refused > 0:
		return fmt.Sprintf("360dialog throttled the send: %s. That is longer than the %s left of %s, "+
			"so the provider stopped at once instead of waiting.", answers, d360.FormatSeconds(th.Left), timeLimit)
	case errors.Is(th, context.Canceled):
		return fmt.Sprintf("The send was cancelled while it waited out throttling by 360dialog: %s.", answers)
	default:
		return fmt.Sprintf("%s ran out while the send waited out throttling by 360dialog: %s.", upperFirst(timeLimit), answers)
	}
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
