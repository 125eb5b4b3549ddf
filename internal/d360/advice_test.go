package d360

import (
	"context"
	"strings"
	"testing"
)

// A template create with an unknown outcome gets advice about templates,
// not about delivered messages.
func TestAdvice_unknownOutcomeByPath(t *testing.T) {
	tmpl := Advice(&OutcomeUnknownError{Method: "POST", Path: "/v1/configs/templates", Err: context.DeadlineExceeded})
	if !strings.Contains(tmpl, "the template may or may not have been created") || strings.Contains(tmpl, "message") {
		t.Errorf("template advice = %q", tmpl)
	}
	msg := Advice(&OutcomeUnknownError{Method: "POST", Path: "/marketing_messages", Err: context.DeadlineExceeded})
	if !strings.Contains(msg, "the message may or may not have been delivered") {
		t.Errorf("message advice = %q", msg)
	}
}
