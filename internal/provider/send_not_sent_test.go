package provider

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/d360-tf/terraform-provider-d360/internal/d360"
)

const resourceTail = " and nothing is stored; the next apply sends it."

func TestNotSentDetailNamesTheThrottle(t *testing.T) {
	last := &d360.APIError{Method: "POST", Path: "/marketing_messages", HTTPStatus: 429, Message: "Too Many Requests"}
	cases := map[string]struct {
		err  *d360.ThrottledError
		want []string
	}{
		"Retry-After longer than the time left": {
			&d360.ThrottledError{Method: "POST", Path: "/marketing_messages", Answers: 1, Status: "HTTP 429",
				RetryAfter: 86400 * time.Second, Refused: 86400 * time.Second, Left: 299 * time.Second, Deadline: true,
				NothingSent: true, Last: last, Cause: context.DeadlineExceeded},
			[]string{"360dialog throttled the send: 1 answer of HTTP 429, it asked to wait 86400 s (Retry-After)",
				"longer than the 299 s left of the create timeout", "stopped at once", "So nothing was sent" + resourceTail,
				"try again after the wait asked for", "max_messages_per_second", "timeouts { create", "Details: POST /marketing_messages: throttled"},
		},
		"paused by another send": {
			&d360.ThrottledError{Method: "POST", Path: "/marketing_messages", Refused: 3600 * time.Second,
				Left: 10 * time.Second, Deadline: true, Paused: true, NothingSent: true, Cause: context.DeadlineExceeded},
			[]string{"An earlier send of this channel was throttled", "wait 3600 s more (Retry-After)", "the 10 s left of the create timeout"},
		},
		"time ran out during the waits": {
			&d360.ThrottledError{Method: "POST", Path: "/marketing_messages", Answers: 5, Status: "HTTP 429",
				Waited: 290 * time.Second, NothingSent: true, Last: last, Cause: context.DeadlineExceeded},
			[]string{"The create timeout ran out while the send waited out throttling by 360dialog: 5 answers of HTTP 429, the last with no Retry-After", "try again in a few minutes"},
		},
		"cancelled during a wait": {
			&d360.ThrottledError{Method: "POST", Path: "/marketing_messages", Answers: 2, Status: "HTTP 400, code 130429",
				RetryAfter: 30 * time.Second, NothingSent: true, Last: last, Cause: context.Canceled},
			[]string{"cancelled while it waited out throttling by 360dialog: 2 answers of HTTP 400, code 130429, the last asking to wait 30 s"},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			if !d360.IsNotSent(tc.err) {
				t.Fatalf("the case is not a not-sent error: %v", tc.err)
			}
			got := notSentDetail(tc.err, resourceTail, "the create timeout", `raise the create timeout (timeouts { create = "..." } on this resource)`)
			for _, want := range tc.want {
				if !strings.Contains(got, want) {
					t.Errorf("detail lacks %q:\n%s", want, got)
				}
			}
			if strings.Contains(got, "cancelled or timed out") {
				t.Errorf("a throttled send is reported as cancelled or timed out:\n%s", got)
			}
		})
	}
}

// The action has no timeouts argument, so its text does not tell a person
// to raise one.
func TestNotSentDetailOfTheActionHasNoTimeoutToRaise(t *testing.T) {
	err := &d360.ThrottledError{Method: "POST", Path: "/marketing_messages", Answers: 1, Status: "HTTP 429",
		RetryAfter: time.Hour, Refused: time.Hour, Left: time.Minute, Deadline: true, NothingSent: true, Cause: context.DeadlineExceeded}
	got := notSentDetail(err, "; invoke the action again to send it.", "the action's 5m0s time limit", "")
	if !strings.Contains(got, "the 60 s left of the action's 5m0s time limit") || strings.Contains(got, "timeouts") {
		t.Fatalf("detail:\n%s", got)
	}
}

// Without throttling the text is the one it always was.
func TestNotSentDetailWithoutThrottle(t *testing.T) {
	err := fmt.Errorf("%w (last answer: could not connect)", context.DeadlineExceeded)
	want := "The send was cancelled or timed out before the request left (" + err.Error() + "), so nothing was sent" + resourceTail
	if got := notSentDetail(err, resourceTail, "the create timeout", "x"); got != want {
		t.Fatalf("got  %q\nwant %q", got, want)
	}
}
