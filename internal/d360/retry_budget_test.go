package d360

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestReadRetriesAreBoundedInTime(t *testing.T) {
	var seen atomic.Int32
	hung := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen.Add(1)
		<-r.Context().Done() // never answers
	}))
	t.Cleanup(hung.Close)
	c := newTestClient(t, hung.URL, func(cfg *Config) {
		cfg.HTTPClient = &http.Client{Timeout: 50 * time.Millisecond}
		cfg.MaxRetries = 40
		cfg.MaxRetryDuration = 300 * time.Millisecond
	})
	start := time.Now()
	_, err := c.Health.Get(context.Background())
	elapsed := time.Since(start)
	if err == nil {
		t.Fatal("want an error")
	}
	t.Log(err)
	n := int(seen.Load())
	var budget *RetryBudgetError
	if !errors.As(err, &budget) {
		t.Fatalf("error %T %q is not a *RetryBudgetError", err, err)
	}
	// The attempt that the limit cuts off may end before its request reaches
	// the server, so the server sees the client's count or one fewer.
	if budget.Attempts != n && budget.Attempts != n+1 {
		t.Fatalf("the error counts %d attempts, the server saw %d", budget.Attempts, n)
	}
	want := fmt.Sprintf("gave up after %d attempts", budget.Attempts)
	if !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "300ms") {
		t.Fatalf("error %q does not say %q within 300ms", err, want)
	}
	// 300ms of 50ms attempts: a handful, far fewer than the 41 MaxRetries allows.
	if n < 2 || n > 8 {
		t.Fatalf("server saw %d attempts, want 2 to 8", n)
	}
	if elapsed > 5*time.Second {
		t.Fatalf("a read capped at 300ms took %v", elapsed)
	}
}
