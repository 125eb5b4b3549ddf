// Command d360-mock serves the 360dialog + Meta Graph mock on a local port,
// for demos, the provider's tests and users' own CI.
package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/d360-tf/terraform-provider-d360/internal/mock360"
)

// requestsPath is the request log's endpoint, named in the flags' help.
const requestsPath = "GET /_mock/requests"

// version is the release this binary was built as: make build and
// make install stamp VERSION into it with -ldflags "-X main.version=...",
// so a CI log can say which mock it ran against.
var version = "dev"

// Exit codes, the same for serving and for wait, so that a CI script can
// tell a typo in its own command line from a mock that failed.
const (
	exitFailed = 1 // could not start, could not listen, not ready in time
	exitUsage  = 2 // a flag or argument the command does not take
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(exitCode(err, os.Stderr))
}

// exitCode prints err, if any, and returns the process's exit status.
func exitCode(err error, stderr io.Writer) int {
	if err == nil || errors.Is(err, flag.ErrHelp) {
		return 0
	}
	name := "d360-mock"
	var wait waitError
	if errors.As(err, &wait) {
		name += " wait"
	}
	fmt.Fprintf(stderr, "%s: %v\n", name, err)
	var usage usageError
	if errors.As(err, &usage) {
		return exitUsage
	}
	return exitFailed
}

// waitError is an error of `d360-mock wait`, so named when printed.
type waitError struct{ err error }

func (e waitError) Error() string { return e.err.Error() }
func (e waitError) Unwrap() error { return e.err }

// usageError is a command line the command does not take.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// run serves the mock, or with "wait" as the first argument waits for one.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 && args[0] == "wait" {
		if err := runWait(ctx, args[1:], stdout, stderr); err != nil && !errors.Is(err, flag.ErrHelp) {
			return waitError{err}
		}
		return nil
	}
	return serve(ctx, args, stdout, stderr)
}

// serve serves until ctx is done, then shuts down cleanly.
func serve(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("d360-mock", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = usage(fs)
	addr := fs.String("addr", "127.0.0.1:0", "listen address (port 0 = a random free port)")
	apiKey := fs.String("api-key", "mock-api-key", "D360-API-KEY value the mock accepts")
	graphToken := fs.String("graph-token", "mock-graph-token", "Graph API bearer token the mock accepts")
	seedFile := fs.String("seed", "", "JSON state file to start from (default: built-in demo state)")
	rateLimit := fs.Float64("rate-limit", 80, "sends per second before 360dialog's rate-limit error (0 = unlimited)")
	latency := fs.Duration("latency", 0, "latency added to every API request")
	approvalDelay := fs.Duration("approval-delay", 0, "time a created template stays pending")
	syncDelay := fs.Duration("sync-delay", 0, "MM sends of templates younger than this get error 131009 (0 = off)")
	rejectPhrase := fs.String("reject-phrase", "", "templates whose body contains this phrase are rejected")
	envFile := fs.String("env-file", "", "remove this `file` at start, write the export lines to it (atomically) once listening, remove it on exit; d360-mock wait reads it")
	inboxHosts := fs.String("inbox-host", "", "comma-separated webhook hosts (such as hooks.demo.test) whose events go to the mock's own "+mock360.InboxPath+" instead of the network")
	inbox := fs.Bool("webhook-inbox", false, "point the channel's webhook at the mock's own "+mock360.InboxPath+", so events can be seen arriving with no receiver of your own")
	logSize := fs.Int("request-log-size", mock360.DefaultRequestLogSize, "API requests "+requestsPath+" keeps; older ones are dropped and counted")
	logBodyBytes := fs.Int("request-log-body-bytes", mock360.DefaultRequestLogBodyBytes, "bytes of each request body "+requestsPath+" keeps; a longer body is cut and marked body_truncated")
	logBytes := fs.Int64("request-log-bytes", mock360.DefaultRequestLogBytes, "bytes of bodies, headers and delivered texts "+requestsPath+" keeps in all; older requests are dropped")
	maxBody := fs.Int64("max-body-bytes", mock360.DefaultMaxBodyBytes, "API requests with a longer body get HTTP 413")
	readHeaderTimeout := fs.Duration("read-header-timeout", 10*time.Second, "time a client has to send a request's headers")
	readTimeout := fs.Duration("read-timeout", time.Minute, "time a client has to send a whole request, body included (answers may take longer, see -latency)")
	showVersion := fs.Bool("version", false, "print the version and exit")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *showVersion {
		_, err := fmt.Fprintln(stdout, "d360-mock", version)
		return err
	}
	// First, so that whatever fails below, no waiter reads an earlier
	// run's file.
	if *envFile != "" {
		if err := removeEnvFile(*envFile); err != nil {
			return err
		}
	}
	for _, c := range []struct {
		name string
		ok   bool
	}{
		{"request-log-size", *logSize > 0}, {"request-log-body-bytes", *logBodyBytes > 0}, {"request-log-bytes", *logBytes > 0},
		{"max-body-bytes", *maxBody > 0}, {"read-header-timeout", *readHeaderTimeout > 0}, {"read-timeout", *readTimeout > 0},
	} {
		if !c.ok {
			return usageError{fmt.Errorf("-%s must be greater than 0", c.name)}
		}
	}

	opts := mock360.Options{
		APIKey: *apiKey, GraphToken: *graphToken, RateLimit: *rateLimit, Latency: *latency,
		TemplateApprovalDelay: *approvalDelay, InboxHosts: splitList(*inboxHosts), TemplateSyncDelay: *syncDelay, RejectPhrase: *rejectPhrase,
		RequestLogSize: *logSize, RequestLogBodyBytes: *logBodyBytes, RequestLogBytes: *logBytes, MaxBodyBytes: *maxBody,
	}
	if *seedFile != "" {
		data, err := os.ReadFile(*seedFile)
		if err != nil {
			return err
		}
		st, err := mock360.ParseState(data)
		if err != nil {
			return fmt.Errorf("seed %s: %w", *seedFile, err)
		}
		opts.Seed = &st
	}

	ln, err := listen(*addr)
	if err != nil {
		return err
	}
	base := baseURL(ln.Addr())
	if *inbox {
		// Set in the seed, not through the API: the API only takes https
		// URLs without a port, as 360dialog does, and POST /_mock/reset
		// returns to the seed, so the inbox stays configured.
		seed := mock360.DefaultState()
		if opts.Seed != nil {
			seed = *opts.Seed
		}
		seed.Webhook = &mock360.WebhookConfig{URL: base + mock360.InboxPath}
		opts.Seed = &seed
	}
	mock := mock360.NewServer(opts)
	defer mock.Close()
	mock.SetSelfURL(base)
	runID := newRunID()
	srv := &http.Server{
		Handler: withRunInfo(mock, runInfo{RunID: runID, Version: version, BaseURL: base}),
		// A client that stalls while sending a request must not hold a
		// connection, and the handler's memory, forever.
		ReadHeaderTimeout: *readHeaderTimeout,
		ReadTimeout:       *readTimeout,
		// Longer than the 90 s for which Go's default transport, and the
		// provider's, keep an idle connection, so that the client closes
		// it first and a request never races the mock's close.
		IdleTimeout: 2 * time.Minute,
		// No WriteTimeout: -latency, POST /_mock/latency and the faults
		// delay answers on purpose, and a test of a hung server may wait
		// longer than any fixed limit.
	}
	exports := exportLines(base, *apiKey, *graphToken)
	listening := "d360-mock listening"
	if tcp, ok := ln.Addr().(*net.TCPAddr); ok && tcp.IP.IsUnspecified() {
		listening += fmt.Sprintf(" on port %d of every interface", tcp.Port)
	}
	fmt.Fprintf(stdout, "%s (run %s)\n  360dialog API: %s\n  Graph API:     %s/v24.0\n  Control API:   %s/_mock/\n\n%s",
		listening, runID, base, base, base, exports)
	if *envFile != "" {
		content := envFileHeader(runID, os.Getpid()) + exports
		if err := writeFileAtomic(*envFile, content); err != nil {
			_ = ln.Close()
			return fmt.Errorf("-env-file %s: %w", *envFile, err)
		}
		// The file says a mock listens there: once it no longer does, the
		// file goes, unless something else has replaced it since.
		defer removeEnvFileIf(*envFile, content)
	}

	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err = srv.Shutdown(shutdownCtx)
	if serveErr := <-served; !errors.Is(serveErr, http.ErrServerClosed) && err == nil {
		err = serveErr
	}
	fmt.Fprintln(stdout, "d360-mock stopped")
	return err
}

// splitList reads a comma-separated flag value.
func splitList(v string) []string {
	var out []string
	for _, item := range strings.Split(v, ",") {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out
}

// parseFlags parses args, and makes a flag error a usage error. -h is not
// an error: the usage was asked for, and is printed.
func parseFlags(fs *flag.FlagSet, args []string) error {
	err := fs.Parse(args)
	switch {
	case err == nil && fs.NArg() > 0:
		return usageError{fmt.Errorf("unexpected argument %q: %s takes only flags (see -h)", fs.Arg(0), fs.Name())}
	case err == nil, errors.Is(err, flag.ErrHelp):
		return err
	default:
		return usageError{err}
	}
}

// listen opens addr, and says what to do when that fails: a fixed port in
// a CI job is most often taken by a mock an earlier step left running.
func listen(addr string) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if err == nil {
		return ln, nil
	}
	var sysErr *os.SyscallError
	switch {
	case errors.Is(err, syscall.EADDRINUSE):
		return nil, fmt.Errorf("cannot listen on %s: address already in use; pick another -addr (port 0 picks a free one) or stop what uses it", addr)
	case errors.Is(err, syscall.EACCES):
		return nil, fmt.Errorf("cannot listen on %s: permission denied; ports below 1024 need privileges, pick another -addr", addr)
	case errors.As(err, &sysErr):
		return nil, fmt.Errorf("cannot listen on %s: %v; check -addr", addr, sysErr.Err)
	default:
		// An address that does not parse or resolve: the error says which part.
		if inner := errors.Unwrap(err); inner != nil {
			err = inner
		}
		return nil, fmt.Errorf("cannot listen on %s: %v; check -addr", addr, err)
	}
}

// baseURL is the URL a client on this machine uses. A mock listening on
// every interface (0.0.0.0 or [::], as in a container) is reached locally
// at 127.0.0.1, the loopback address the provider sends a key to over
// plain http; the unspecified address itself is not one.
func baseURL(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if ok && tcp.IP.IsUnspecified() {
		return fmt.Sprintf("http://127.0.0.1:%d", tcp.Port)
	}
	return "http://" + a.String()
}

// newRunID names this run of the mock. `d360-mock wait` checks that the
// mock answering at an env file's URL is the one that wrote the file.
func newRunID() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b) // never fails (crypto/rand)
	return hex.EncodeToString(b)
}

// runInfo is the answer of GET /_mock/run.
type runInfo struct {
	RunID   string `json:"run_id"`
	Version string `json:"version"`
	BaseURL string `json:"base_url"`
}

// runInfoPath is served by the program, not by the mock360 library: a run
// is a process, and the library's mock can be one of many in a test.
const runInfoPath = "/_mock/run"

func withRunInfo(next http.Handler, info runInfo) http.Handler {
	raw, _ := json.Marshal(info) // plain strings: it cannot fail
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != runInfoPath {
			next.ServeHTTP(w, r)
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			// In the gateway's envelope, as the other control endpoints answer.
			msg, _ := json.Marshal(map[string]string{"error": "method not allowed on control endpoint: " + r.Method + " " + runInfoPath})
			w.Header().Set("Allow", "GET, HEAD")
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusMethodNotAllowed)
			_, _ = w.Write(append(msg, '\n'))
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(append(raw, '\n'))
	})
}
