package d360

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Defaults for Config fields left empty.
const (
	DefaultBaseURL              = "https://waba-v2.360dialog.io"
	DefaultGraphURL             = "https://graph.facebook.com/v24.0"
	DefaultMaxMessagesPerSecond = 80 // the documented per-number throughput
	DefaultMaxRetries           = 8
	DefaultMinBackoff           = 500 * time.Millisecond
	DefaultMaxBackoff           = 30 * time.Second
	DefaultMaxResponseBytes     = 4 << 20
	DefaultRequestTimeout       = 30 * time.Second
	DefaultMaxRetryDuration     = 2 * time.Minute
)

// Config holds everything a Client needs. Zero values take the defaults above.
type Config struct {
	BaseURL    string // 360dialog API root
	APIKey     string // sent bare in the D360-API-KEY header
	GraphURL   string // Meta Graph root including the version
	GraphToken string // sent as Authorization: Bearer
	HTTPClient *http.Client
	UserAgent  string

	// MaxMessagesPerSecond paces every send made through this client. All
	// callers share one bucket, so many resources together keep to it, and
	// so do all clients of this process with the same BaseURL and APIKey;
	// the shared bucket keeps the lowest rate any of them asked for.
	MaxMessagesPerSecond float64

	MaxRetries int           // retries after the first attempt, for answers that allow one
	MinBackoff time.Duration // first backoff ceiling; doubles per attempt

	// MaxBackoff caps the client's own backoff, not a server's Retry-After.
	// Retry-After is honoured in full, because an attempt made sooner
	// would only be refused again and spend a retry. A Retry-After (or the
	// channel's shared pause after one) longer than the time left before
	// the context's deadline, or than two minutes when the context has no
	// deadline, is not waited for: the request fails at once with a
	// *ThrottledError that names the answers and the wait asked for.
	MaxBackoff time.Duration

	MaxResponseBytes int64 // larger bodies are refused, not buffered

	// RefusedBudget bounds the retries of a connection refused outright
	// (nothing listens, or the name does not resolve); past it the request
	// fails with *UnreachableError. Default DefaultRefusedBudget.
	RefusedBudget time.Duration

	// BaseURLSource and GraphURLSource say where each URL came from, such
	// as "base_url" or "the D360_BASE_URL environment variable", for the
	// error of a request that cannot connect. Empty: not named.
	BaseURLSource, GraphURLSource string

	// MaxRetryDuration bounds the total time of one read (or idempotent
	// write) with all its retries, the attempt in flight included. Sends are
	// not bounded by it: MaxRetries and the caller's context bound them.
	MaxRetryDuration time.Duration

	// Log receives one entry per HTTP attempt, at LogDebug, and one per
	// wait of a second or more between attempts, at LogInfo, so that a
	// person learns why a run stands still. An entry's level is in its
	// fields under LogLevelField; entries without it are LogDebug. It
	// never gets header values.
	Log func(ctx context.Context, msg string, fields map[string]any)
}

// LogLevel says who a log entry of Config.Log is for.
type LogLevel int

// The levels, from the most detailed.
const (
	LogDebug LogLevel = iota // one per HTTP attempt: for whoever debugs a run
	LogInfo                  // what a person watching the run should see, such as a long wait
)

// LogLevelField is the key of Config.Log's fields that holds an entry's
// LogLevel when it is not LogDebug. The level travels in the fields, not in
// a second hook, so that one Log func keeps receiving every entry.
const LogLevelField = "log_level"

// Client talks to 360dialog and Graph. It is safe for concurrent use.
type Client struct {
	cfg      Config
	baseURL  *url.URL
	graphURL *url.URL
	http     *http.Client
	pace     *pacer
	latency  sendLatency

	Messages  *MessagesService
	Templates *TemplatesService
	Webhook   *WebhookService
	Health    *HealthService
	Graph     *GraphService
}

type service struct{ client *Client }

// New checks cfg and builds a Client. A key is only ever sent over https, or
// over plain http to a loopback address such as a local d360-mock.
func New(cfg Config) (*Client, error) {
	if cfg.BaseURL == "" {
		cfg.BaseURL = DefaultBaseURL
	}
	if cfg.GraphURL == "" {
		cfg.GraphURL = DefaultGraphURL
	}
	if cfg.MaxMessagesPerSecond == 0 {
		cfg.MaxMessagesPerSecond = DefaultMaxMessagesPerSecond
	}
	if cfg.MaxRetries == 0 {
		cfg.MaxRetries = DefaultMaxRetries
	}
	if cfg.MinBackoff == 0 {
		cfg.MinBackoff = DefaultMinBackoff
	}
	if cfg.MaxBackoff == 0 {
		cfg.MaxBackoff = DefaultMaxBackoff
	}
	if cfg.MaxRetryDuration == 0 {
		cfg.MaxRetryDuration = DefaultMaxRetryDuration
	}
	if cfg.MaxResponseBytes == 0 {
		cfg.MaxResponseBytes = DefaultMaxResponseBytes
	}
	if cfg.RefusedBudget == 0 {
		cfg.RefusedBudget = DefaultRefusedBudget
	}
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = &http.Client{Timeout: DefaultRequestTimeout, Transport: NewTransport()}
	}
	if cfg.MaxRetryDuration < 0 {
		return nil, &ConfigError{FieldMaxRetryDuration, fmt.Errorf("must be positive, got %v", cfg.MaxRetryDuration)}
	}
	if cfg.MaxMessagesPerSecond < 0 {
		return nil, &ConfigError{FieldMaxMessagesPerSecond, fmt.Errorf("must be positive, got %v", cfg.MaxMessagesPerSecond)}
	}
	if err := checkCredential(CredentialAPIKey, cfg.APIKey); err != nil {
		return nil, err
	}
	if err := checkCredential(CredentialGraphToken, cfg.GraphToken); err != nil {
		return nil, err
	}
	base, err := ParseAPIURL(cfg.BaseURL)
	if err != nil {
		return nil, &ConfigError{FieldBaseURL, err}
	}
	graph, err := ParseAPIURL(cfg.GraphURL)
	if err != nil {
		return nil, &ConfigError{FieldGraphURL, err}
	}
	c := &Client{
		cfg:      cfg,
		baseURL:  base,
		graphURL: graph,
		http:     withoutRedirects(cfg.HTTPClient),
		pace:     sharedPacer(base.String(), cfg.APIKey, cfg.MaxMessagesPerSecond),
	}
	s := &service{client: c}
	c.Messages = (*MessagesService)(s)
	c.Templates = (*TemplatesService)(s)
	c.Webhook = (*WebhookService)(s)
	c.Health = (*HealthService)(s)
	c.Graph = (*GraphService)(s)
	return c, nil
}

// BaseURL is the 360dialog API root the client uses, after defaults.
func (c *Client) BaseURL() string { return c.baseURL.String() }

// GraphURL is the Graph API root the client uses, after defaults.
func (c *Client) GraphURL() string { return c.graphURL.String() }

// ParseAPIURL parses an API root and refuses one a key could leak over: it
// must be https, or http to a loopback host.
func ParseAPIURL(raw string) (*url.URL, error) {
	// Errors quote the URL redacted: it may carry a password, and
	// url.Parse's own error would repeat it in full.
	shown := RedactURL(raw)
	u, err := url.Parse(strings.TrimRight(raw, "/"))
	if err != nil {
		return nil, fmt.Errorf("%q is not a URL; use a full URL such as %s", shown, DefaultBaseURL)
	}
	if u.Host == "" {
		return nil, fmt.Errorf("%q has no host; use a full URL such as %s", shown, DefaultBaseURL)
	}
	if u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("%q must not carry credentials, a query or a fragment", shown)
	}
	switch u.Scheme {
	case "https":
	case "http":
		if !IsLoopbackHost(u.Hostname()) {
			return nil, fmt.Errorf("%q uses http to a non-loopback host; the API key would cross the network in clear text, so use https (plain http is allowed only for 127.0.0.1, ::1 or localhost, e.g. d360-mock)", shown)
		}
	default:
		return nil, fmt.Errorf("%q must start with https://", shown)
	}
	return u, nil
}

// IsLoopbackHost reports whether host names this machine.
func IsLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// HasGraphToken reports whether Graph reads can be made.
func (c *Client) HasGraphToken() bool { return c.cfg.GraphToken != "" }

// ErrNoGraphToken is returned by Graph reads when no token was configured.
var ErrNoGraphToken = errors.New("no Meta Graph API token is configured")

func (c *Client) log(ctx context.Context, msg string, fields map[string]any) {
	if c.cfg.Log != nil {
		c.cfg.Log(ctx, msg, fields)
	}
}

// notice logs an entry at LogInfo.
func (c *Client) notice(ctx context.Context, msg string, fields map[string]any) {
	fields[LogLevelField] = LogInfo
	c.log(ctx, msg, fields)
}
