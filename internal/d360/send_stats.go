package d360

import (
	"math"
	"net/http"
	"sync/atomic"
	"time"
)

// sendLatency is a moving average of the round trip of paced requests
// (sends), the time from writing the request to reading the answer, not
// counting the wait for the pace. A caller that sends concurrently sizes
// its concurrency from it: to keep the pace with this latency, about
// rate × latency sends must be in flight.
type sendLatency struct{ nanos atomic.Int64 }

// observe folds one round trip into the average, weighting it 1/8, so a
// single slow answer moves it little and a lasting change within a few
// dozen sends.
func (l *sendLatency) observe(d time.Duration) {
	for {
		old := l.nanos.Load()
		next := int64(d)
		if old > 0 {
			next = old + (int64(d)-old)/8
		}
		if l.nanos.CompareAndSwap(old, next) {
			return
		}
	}
}

// SendLatency is the moving average round trip of this client's sends, or
// 0 before the first one has been answered.
func (c *Client) SendLatency() time.Duration { return time.Duration(c.latency.nanos.Load()) }

// SendRate is the pace of this client's sends, in messages per second
// (+Inf when unpaced).
func (c *Client) SendRate() float64 {
	l := float64(c.pace.limiter.Limit())
	if l <= 0 {
		return math.Inf(1)
	}
	return l
}

// maxIdleConnsPerHost keeps the connections of concurrent sends open
// between requests. Go's default keeps 2 per host, so a broadcast with 100
// sends in flight would close and reopen (with a TLS handshake) almost
// every connection.
const maxIdleConnsPerHost = 512

// NewTransport is http.DefaultTransport with enough idle connections per
// host for concurrent sends.
func NewTransport() *http.Transport {
	var t *http.Transport
	if base, ok := http.DefaultTransport.(*http.Transport); ok {
		t = base.Clone()
	} else { // another package replaced the default: start from Go's settings
		t = &http.Transport{Proxy: http.ProxyFromEnvironment, ForceAttemptHTTP2: true, IdleConnTimeout: 90 * time.Second,
			TLSHandshakeTimeout: 10 * time.Second, ExpectContinueTimeout: time.Second}
	}
	t.MaxIdleConns = maxIdleConnsPerHost
	t.MaxIdleConnsPerHost = maxIdleConnsPerHost
	return t
}
