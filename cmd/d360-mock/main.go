// Command d360-mock serves the 360dialog + Meta Graph mock on a local port,
// for demos, the provider's tests and users' own CI.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
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

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "d360-mock:", err)
		os.Exit(1)
	}
}

// run serves until ctx is done, then shuts down cleanly.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
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
	envFile := fs.String("env-file", "", "write the export lines to this file once listening")
	inboxHosts := fs.String("inbox-host", "", "comma-separated webhook hosts (such as hooks.demo.test) whose events go to the mock's own "+mock360.InboxPath+" instead of the network")
	inbox := fs.Bool("webhook-inbox", false, "point the channel's webhook at the mock's own "+mock360.InboxPath+", so events can be seen arriving with no receiver of your own")
	logSize := fs.Int("request-log-size", mock360.DefaultRequestLogSize, "API requests "+requestsPath+" keeps; older ones are dropped and counted")
	logBodyBytes := fs.Int("request-log-body-bytes", mock360.DefaultRequestLogBodyBytes, "bytes of each request body "+requestsPath+" keeps; a longer body is cut and marked body_truncated")
	logBytes := fs.Int64("request-log-bytes", mock360.DefaultRequestLogBytes, "bytes of bodies, headers and delivered texts "+requestsPath+" keeps in all; older requests are dropped")
	maxBody := fs.Int64("max-body-bytes", mock360.DefaultMaxBodyBytes, "API requests with a longer body get HTTP 413")
	readHeaderTimeout := fs.Duration("read-header-timeout", 10*time.Second, "time a client has to send a request's headers")
	readTimeout := fs.Duration("read-timeout", time.Minute, "time a client has to send a whole request, body included (answers may take longer, see -latency)")
	showVersion := fs.Bool("version", false, "print the version and exit")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *showVersion {
		_, err := fmt.Fprintln(stdout, "d360-mock", version)
		return err
	}
	for _, c := range []struct {
		name string
		ok   bool
	}{
		{"request-log-size", *logSize > 0}, {"request-log-body-bytes", *logBodyBytes > 0}, {"request-log-bytes", *logBytes > 0},
		{"max-body-bytes", *maxBody > 0}, {"read-header-timeout", *readHeaderTimeout > 0}, {"read-timeout", *readTimeout > 0},
	} {
		if !c.ok {
			return fmt.Errorf("-%s must be greater than 0", c.name)
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

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	base := "http://" + ln.Addr().String()
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
	srv := &http.Server{
		Handler: mock,
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
	fmt.Fprintf(stdout, "d360-mock listening\n  360dialog API: %s\n  Graph API:     %s/v24.0\n  Control API:   %s/_mock/\n\n%s",
		base, base, base, exports)
	if *envFile != "" {
		if err := writeFileAtomic(*envFile, exports); err != nil {
			_ = ln.Close()
			return err
		}
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

func exportLines(base, apiKey, graphToken string) string {
	return fmt.Sprintf("export D360_BASE_URL=%s\nexport D360_API_KEY=%s\nexport D360_GRAPH_API_URL=%s\nexport D360_GRAPH_API_TOKEN=%s\n",
		shellQuote(base), shellQuote(apiKey), shellQuote(base+"/v24.0"), shellQuote(graphToken))
}

// shellQuote single-quotes a value unless it is plainly safe for sh.
func shellQuote(v string) string {
	if v != "" && strings.Trim(v, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:/@%+=,") == "" {
		return v
	}
	return "'" + strings.ReplaceAll(v, "'", `'\''`) + "'"
}

// writeFileAtomic renames into place, so a script polling for the file
// never reads it half written.
func writeFileAtomic(path, content string) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".d360-mock-env-*")
	if err != nil {
		return err
	}
	if _, err := tmp.WriteString(content); err != nil {
		_ = tmp.Close()
		_ = os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		_ = os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), path)
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
