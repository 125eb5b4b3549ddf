package d360

import (
	"context"
	"testing"
)

// A template create with an unknown outcome gets its own remedy, not the
// one about delivered messages.
func TestRemedyFor_unknownOutcomeByPath(t *testing.T) {
	if got := RemedyFor(&OutcomeUnknownError{Method: "POST", Path: "/v1/configs/templates", Err: context.DeadlineExceeded}); got != RemedyCheckTemplateCreated {
		t.Errorf("template create: remedy %d, want RemedyCheckTemplateCreated", got)
	}
	if got := RemedyFor(&OutcomeUnknownError{Method: "POST", Path: "/marketing_messages", Err: context.DeadlineExceeded}); got != RemedyCheckDelivery {
		t.Errorf("send: remedy %d, want RemedyCheckDelivery", got)
	}
}
