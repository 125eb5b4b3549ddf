package d360

import (
	"context"
	"errors"
	"net"
	"strings"
	"testing"
	"time"
)

// closedLoopbackURL is an http URL of a loopback port that nothing listens on.
func closedLoopbackURL(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	return "http://" + addr
}

// A refused connection is a definite answer: a read gives up after the
// refusal budget, not after the retry time limit, and names the URL, where
// it came from and why it failed.
func TestRefusedConnectionGivesUpWithinItsBudget(t *testing.T) {
	url := closedLoopbackURL(t)
	c, err := New(Config{BaseURL: url, APIKey: testKey, BaseURLSource: "the D360_BASE_URL environment variable",
		RefusedBudget: 300 * time.Millisecond, MinBackoff: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	_, err = c.Health.Get(ctx)
	var u *UnreachableError
	if !errors.As(err, &u) {
		t.Fatalf("want an *UnreachableError, got %T %v", err, err)
	}
	if ctx.Err() != nil {
		t.Fatal("the read ran into its 20 s deadline instead of giving up after the refusal budget")
	}
	for _, want := range []string{"GET /health_status", "could not connect to " + url, "(from the D360_BASE_URL environment variable)",
		"connection refused", "nothing was sent"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
	if !u.Loopback || u.Attempts < 2 {
		t.Errorf("want a loopback URL tried more than once, got %+v", u)
	}
	if RemedyFor(err) != RemedyStartMock {
		t.Errorf("want RemedyStartMock for a loopback URL, got %v", RemedyFor(err))
	}
	if !IsUnreachable(err) || IsOutcomeUnknown(err) {
		t.Error("an unreachable API is not an unknown outcome: nothing was sent")
	}
}

// A send to a closed port is not sent, and says so, within the budget.
func TestRefusedConnectionSendIsNotSent(t *testing.T) {
	c, err := New(Config{BaseURL: closedLoopbackURL(t), APIKey: testKey, RefusedBudget: 300 * time.Millisecond, MinBackoff: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	_, err = c.Messages.SendMarketing(ctx, &MarketingMessage{To: "4915112345678"})
	if !IsUnreachable(err) || IsOutcomeUnknown(err) || ctx.Err() != nil {
		t.Fatalf("want an unreachable, definitely unsent error before the deadline, got %T %v", err, err)
	}
}

// A host name that does not resolve is as definite as a refusal, and is
// not a loopback host.
func TestUnresolvableHostIsUnreachable(t *testing.T) {
	c, err := New(Config{BaseURL: "https://d360-mock.invalid", APIKey: testKey, BaseURLSource: "base_url in the provider block",
		RefusedBudget: 200 * time.Millisecond, MinBackoff: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	_, err = c.Health.Get(ctx)
	var u *UnreachableError
	if !errors.As(err, &u) || u.Loopback || RemedyFor(err) != RemedyCheckConnection {
		t.Fatalf("want a non-loopback *UnreachableError, got %T %v", err, err)
	}
	if !strings.Contains(err.Error(), "(from base_url in the provider block)") {
		t.Errorf("error %q does not name where the URL came from", err)
	}
}
