package d360

import (
	"errors"
	"fmt"
	"net"
	"syscall"
	"time"
)

// DefaultRefusedBudget is how long a request keeps trying a host that
// refuses the connection outright (nothing listens on the port, or the
// name does not resolve). Such an answer is definite, unlike a timeout:
// retrying it for the full retry time limit only hid a mock that was not
// running for most of a minute. A few seconds still cover a mock or a
// proxy that is starting up.
const DefaultRefusedBudget = 3 * time.Second

// UnreachableError is a request that never reached the API: every attempt
// failed to connect. Nothing was sent.
type UnreachableError struct {
	Method, Path string
	URL          string // the API root tried, redacted
	Source       string // where the URL came from, e.g. "base_url"; "" if not given
	Loopback     bool   // the host is this machine, such as a local d360-mock
	Attempts     int
	Elapsed      time.Duration
	Err          error // the last connection failure
}

func (e *UnreachableError) Error() string {
	from := ""
	if e.Source != "" {
		from = " (from " + e.Source + ")"
	}
	return fmt.Sprintf("%s %s: could not connect to %s%s: %s; %d attempt(s) in %s, so nothing was sent",
		e.Method, e.Path, e.URL, from, connectFailure(e.Err), e.Attempts, e.Elapsed.Round(100*time.Millisecond))
}

func (e *UnreachableError) Unwrap() error { return e.Err }

// IsUnreachable reports a request that never connected.
func IsUnreachable(err error) bool {
	var e *UnreachableError
	return errors.As(err, &e)
}

// refusedOutright reports a connection failure that waiting a little will
// not change: a refused connection or a name that does not exist.
func refusedOutright(err error) bool {
	if !errors.As(err, new(*dialError)) {
		return false
	}
	var dns *net.DNSError
	return errors.Is(err, syscall.ECONNREFUSED) || (errors.As(err, &dns) && dns.IsNotFound)
}

// connectFailure says in a few words why a connection failed.
func connectFailure(err error) string {
	var dns *net.DNSError
	switch {
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused (nothing listens on that port)"
	case errors.As(err, &dns) && dns.IsNotFound:
		return "the host name does not resolve"
	case err == nil:
		return "no connection"
	}
	return err.Error()
}

// unreachable is the error of a request whose every attempt failed to
// connect.
func (c *Client) unreachable(req request, attempts int, start time.Time, last error) *UnreachableError {
	root, source := c.baseURL, c.cfg.BaseURLSource
	if req.api == apiGraph {
		root, source = c.graphURL, c.cfg.GraphURLSource
	}
	return &UnreachableError{Method: req.method, Path: req.path, URL: RedactURL(root.String()), Source: source,
		Loopback: IsLoopbackHost(root.Hostname()), Attempts: attempts, Elapsed: time.Since(start), Err: last}
}
