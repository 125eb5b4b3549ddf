package provider

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/d360-tf/terraform-provider-d360/internal/d360"
)

// recipientResult is what happened to one recipient's message.
type recipientResult struct {
	ID        string // wamid when accepted
	Outcome   string // accepted, unknown or failed
	ErrorCode int64  // the API's code (or HTTP status) when failed
	Error     string
}

const outcomeFailed = "failed"

// Bounds of the sends a broadcast keeps in flight. The shared token bucket
// sets the pace; the workers only have to cover the API's latency at that
// pace: 80/s at 300 ms needs 24 in flight, 1,000/s at 300 ms needs 300.
const (
	minBroadcastWorkers = 4
	maxBroadcastWorkers = 512
	// firstLatencyGuess sizes the pool before the first answer is back.
	firstLatencyGuess = 100 * time.Millisecond
)

// broadcastWorkers is how many sends keep rate per second going when each
// takes latency: rate × latency, half again for jitter, within the bounds.
func broadcastWorkers(rate float64, latency time.Duration) int {
	if latency <= 0 {
		latency = firstLatencyGuess
	}
	n := math.Ceil(rate * latency.Seconds() * 1.5)
	if math.IsInf(n, 1) || n > maxBroadcastWorkers {
		return maxBroadcastWorkers
	}
	return max(int(n), minBroadcastWorkers)
}

// progressEvery is how often a broadcast logs its progress.
const progressEvery = 100

// sendBroadcast sends one message per recipient, concurrently, at the
// client's shared pace. It stops taking new recipients when ctx ends; the
// results of every send made are returned, so nothing sent is forgotten.
func sendBroadcast(
	ctx context.Context,
	client *d360.Client,
	recipients []string,
	build func(to string) *d360.MarketingMessage,
) map[string]recipientResult {
	results := make(map[string]recipientResult, len(recipients))
	var mu sync.Mutex
	queue := make(chan string)
	var wg sync.WaitGroup
	start := time.Now()
	work := func() {
		defer wg.Done()
		for to := range queue {
			res := sendOne(ctx, client, build(to))
			if res == nil {
				continue // cancelled before sending: still pending
			}
			mu.Lock()
			results[to] = *res
			done := len(results)
			mu.Unlock()
			if done%progressEvery == 0 {
				elapsed := time.Since(start).Seconds()
				tflog.Info(ctx, "broadcast progress", map[string]any{
					"sent": done, "total": len(recipients), "per_second": fmt.Sprintf("%.1f", float64(done)/elapsed),
				})
			}
		}
	}
	workers := 0
	// The pool grows while the observed latency says more sends must be in
	// flight to keep the pace; it never shrinks, idle workers cost nothing.
	grow := func() {
		for want := min(broadcastWorkers(client.SendRate(), client.SendLatency()), len(recipients)); workers < want; workers++ {
			wg.Add(1)
			go work()
		}
	}
feed:
	for _, to := range recipients {
		grow()
		select {
		case queue <- to:
		case <-ctx.Done():
			break feed
		}
	}
	close(queue)
	wg.Wait()
	return results
}

// sendOne sends one message and classifies the answer; nil means nothing
// was sent because ctx ended first.
func sendOne(ctx context.Context, client *d360.Client, msg *d360.MarketingMessage) *recipientResult {
	if ctx.Err() != nil {
		return nil
	}
	res, err := client.Messages.SendMarketing(ctx, msg)
	switch {
	case err == nil:
		return &recipientResult{ID: res.MessageID(), Outcome: outcomeAccepted}
	case d360.IsOutcomeUnknown(err):
		return &recipientResult{Outcome: outcomeUnknown, Error: err.Error()}
	case d360.IsNotSent(err):
		return nil
	default:
		r := &recipientResult{Outcome: outcomeFailed, Error: err.Error()}
		var apiErr *d360.APIError
		if errors.As(err, &apiErr) {
			r.ErrorCode = int64(apiErr.Code)
			if r.ErrorCode == 0 {
				r.ErrorCode = int64(apiErr.HTTPStatus)
			}
		}
		return r
	}
}

// broadcastReport turns the results of one apply into warning text: counts
// by outcome and error code, and the first few failures. It returns "" when
// every send was accepted and none is pending.
func broadcastReport(results map[string]recipientResult, pending int) string {
	var failed, unknown []string
	byCode := map[int64]int{}
	for _, to := range slices.Sorted(maps.Keys(results)) {
		switch r := results[to]; r.Outcome {
		case outcomeFailed:
			failed = append(failed, to)
			byCode[r.ErrorCode]++
		case outcomeUnknown:
			unknown = append(unknown, to)
		}
	}
	if len(failed) == 0 && len(unknown) == 0 && pending == 0 {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d sent and accepted, %d failed, %d outcome unknown, %d not sent yet.\n",
		len(results)-len(failed)-len(unknown), len(failed), len(unknown), pending)
	if len(failed) > 0 {
		codes := slices.Collect(maps.Keys(byCode))
		sort.Slice(codes, func(i, j int) bool {
			return byCode[codes[i]] > byCode[codes[j]] || (byCode[codes[i]] == byCode[codes[j]] && codes[i] < codes[j])
		})
		b.WriteString("\nFailures by error code:")
		for _, c := range codes {
			fmt.Fprintf(&b, " %d × %d;", byCode[c], c)
		}
		b.WriteString("\nFirst failures:\n")
		for _, to := range failed[:min(5, len(failed))] {
			fmt.Fprintf(&b, "  %s: %s\n", to, results[to].Error)
		}
		b.WriteString("\nThe next apply retries only the failed recipients.\n")
	}
	if len(unknown) > 0 {
		fmt.Fprintf(&b, "\nOutcome unknown for %s: these may have been delivered and are never resent automatically. "+
			"To send to everyone again on purpose, change triggers.\n", strings.Join(unknown[:min(5, len(unknown))], ", "))
	}
	if pending > 0 {
		b.WriteString("\nThe apply stopped before every recipient was sent to; the next apply sends to the rest.\n")
	}
	return b.String()
}
