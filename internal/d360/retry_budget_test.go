package d360

import (
	"context"
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
	want := fmt.Sprintf("gave up after %d attempts", n)
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
