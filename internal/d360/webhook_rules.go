package d360

import (
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strings"

	"golang.org/x/net/http/httpguts"
)

// WebhookProblem is one reason a webhook configuration would be refused,
// or would not deliver events as meant. Part says what is wrong, so a
// caller can point at its own field for it and add its own advice; Message
// says why, in 360dialog's and HTTP's terms.
type WebhookProblem struct {
	Part    WebhookPart
	Message string
}

// WebhookPart is what a WebhookProblem is about.
type WebhookPart int

// The parts of a webhook configuration that a problem can be about.
const (
	WebhookPartURL         WebhookPart = iota + 1 // the URL itself: not a URL, not https, an underscore in the host, an explicit port
	WebhookPartUserInfo                           // the URL's user information (user:password@), a credential
	WebhookPartQuery                              // a query parameter of the URL that carries a credential (token=, api_key=...)
	WebhookPartHeaderName                         // a header name: empty, not an HTTP token, owned by the HTTP client, hop-by-hop, or another's but for case
	WebhookPartHeaderValue                        // a header value with a line break or control character
)

// String names the part: the URL, its userinfo or query component
// (RFC 3986), or a header's field name or value (RFC 9110).
func (p WebhookPart) String() string {
	switch p {
	case WebhookPartURL:
		return "url"
	case WebhookPartUserInfo:
		return "userinfo"
	case WebhookPartQuery:
		return "query"
	case WebhookPartHeaderName:
		return "field name"
	case WebhookPartHeaderValue:
		return "field value"
	}
	return fmt.Sprintf("WebhookPart(%d)", int(p))
}

// CheckWebhookURL says why raw should not be a webhook URL; nothing when it
// is fine. 360dialog refuses http, an underscore in the host and an explicit
// port (https://docs.360dialog.com/partner/messaging/receiving-messages-via-webhook/multiple-webhooks-per-phone-number).
// A credential in the URL itself is refused too: a URL is not a secret, so
// callers show and store it in the clear, while header values are kept
// secret (see Secrets in the package doc). A URL that does not parse has
// that one problem; otherwise every rule it breaks is one, in this order.
// No text repeats a password or a secret query value.
func CheckWebhookURL(raw string) []WebhookProblem {
	shown := RedactURL(raw)
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		// url.Parse's own error quotes the raw URL, password included, so
		// it is not passed on.
		return []WebhookProblem{{Part: WebhookPartURL, Message: fmt.Sprintf("%q is not a URL such as https://hooks.example.com/whatsapp", shown)}}
	}
	var problems []WebhookProblem
	add := func(part WebhookPart, format string, args ...any) {
		problems = append(problems, WebhookProblem{Part: part, Message: fmt.Sprintf(format, args...)})
	}
	if u.Scheme != "https" {
		add(WebhookPartURL, "%q must use https: 360dialog only delivers to https URLs", shown)
	}
	if u.User != nil {
		add(WebhookPartUserInfo, "%q carries a user name or password (user:password@)", shown)
	}
	if key := secretQueryKey(u.RawQuery); key != "" {
		add(WebhookPartQuery, "%q carries a credential in its query parameter %q", shown, key)
	}
	if strings.Contains(u.Hostname(), "_") {
		add(WebhookPartURL, "the host %q contains an underscore, which 360dialog refuses; use a host name with hyphens instead", u.Hostname())
	}
	if u.Port() != "" {
		add(WebhookPartURL, "%q has an explicit port (%s), which 360dialog refuses; serve the webhook on the default https port 443", shown, u.Port())
	}
	return problems
}

// isSecretQueryName reports a query parameter name that usually carries a
// credential: token=, key=, secret=, password=, api_key=, signature=...
func isSecretQueryName(name string) bool {
	n := strings.NewReplacer("-", "", "_", "", ".", "").Replace(strings.ToLower(name))
	switch n {
	case "key", "pass", "pwd", "sig", "auth":
		return true
	}
	for _, part := range []string{"token", "secret", "passw", "credential", "signature", "authoriz",
		"apikey", "accesskey", "privatekey", "signingkey", "authkey", "hmackey"} {
		if strings.Contains(n, part) {
			return true
		}
	}
	return false
}

// secretQueryKey returns the first credential-like parameter name of a raw
// query, as written, or "".
func secretQueryKey(rawQuery string) string {
	for pair := range strings.SplitSeq(rawQuery, "&") {
		name, _, _ := strings.Cut(pair, "=")
		if unescaped, err := url.QueryUnescape(name); err == nil {
			name = unescaped
		}
		if isSecretQueryName(name) {
			return name
		}
	}
	return ""
}

// RedactURL hides what a URL may carry as a secret, its user information and
// the values of credential-like query parameters, so that it can be quoted
// in an error. It works on the text, so it also covers URLs that do not
// parse, whose url.Parse error would repeat them in full.
func RedactURL(raw string) string {
	rest, fragment, hasFragment := strings.Cut(raw, "#")
	scheme := ""
	if i := strings.Index(rest, "://"); i >= 0 {
		scheme, rest = rest[:i+3], rest[i+3:]
	}
	end := strings.IndexAny(rest, "/?")
	if end < 0 {
		end = len(rest)
	}
	authority, tail := rest[:end], rest[end:]
	if at := strings.LastIndex(authority, "@"); at >= 0 {
		authority = "xxxxx" + authority[at:]
	}
	pathPart, query, hasQuery := strings.Cut(tail, "?")
	out := scheme + authority + pathPart
	if hasQuery {
		pairs := strings.Split(query, "&")
		for i, pair := range pairs {
			name, _, hasValue := strings.Cut(pair, "=")
			unescaped, err := url.QueryUnescape(name)
			if err != nil {
				unescaped = name
			}
			if hasValue && isSecretQueryName(unescaped) {
				pairs[i] = name + "=xxxxx"
			}
		}
		out += "?" + strings.Join(pairs, "&")
	}
	if hasFragment {
		out += "#" + fragment
	}
	return out
}

// headersSetByClient are headers the delivering HTTP client computes from
// the request itself; a configured value would conflict with it.
var headersSetByClient = []string{"host", "content-length", "content-type", "content-encoding", "expect"}

// hopByHopHeaders concern one connection only and are not forwarded by
// proxies (https://www.rfc-editor.org/rfc/rfc9110#section-7.6.1), so they
// cannot carry anything to the receiver.
var hopByHopHeaders = []string{"connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer",
	"upgrade", "proxy-authenticate", "proxy-authorization"}

// CheckWebhookHeaders says what is wrong with the webhook's headers, in
// name order, with the names that differ only in case last; nothing when
// they are fine. Values may be secrets, so no text quotes a value.
func CheckWebhookHeaders(headers map[string]string) []WebhookProblem {
	var problems []WebhookProblem
	add := func(part WebhookPart, format string, args ...any) {
		problems = append(problems, WebhookProblem{Part: part, Message: fmt.Sprintf(format, args...)})
	}
	byLower := map[string][]string{}
	for _, name := range slices.Sorted(maps.Keys(headers)) {
		lower := strings.ToLower(name)
		byLower[lower] = append(byLower[lower], name)
		switch {
		case name == "":
			add(WebhookPartHeaderName, "an empty header name is not allowed; give the header a name or remove it")
			continue
		case !httpguts.ValidHeaderFieldName(name):
			add(WebhookPartHeaderName, "the header name %q is not valid: use letters, digits and hyphens only, "+
				"without spaces, colons or line breaks (an HTTP token, https://www.rfc-editor.org/rfc/rfc9110#section-5.1)", name)
			continue
		case slices.Contains(headersSetByClient, lower):
			add(WebhookPartHeaderName, "the header %q is set by the HTTP client that delivers each event and cannot be configured; remove it", name)
		case slices.Contains(hopByHopHeaders, lower):
			add(WebhookPartHeaderName, "the header %q is a hop-by-hop header, which proxies drop or act on, so it never reaches your receiver "+
				"(https://www.rfc-editor.org/rfc/rfc9110#section-7.6.1); remove it", name)
		}
		if !httpguts.ValidHeaderFieldValue(headers[name]) {
			add(WebhookPartHeaderValue, "the value of header %q contains a line break or control character, which would split or corrupt "+
				"the request; remove it", name)
		}
	}
	for _, lower := range slices.Sorted(maps.Keys(byLower)) {
		if names := byLower[lower]; len(names) > 1 {
			add(WebhookPartHeaderName, "the headers %q differ only in case; header names are case-insensitive, so only one would arrive; keep one", names)
		}
	}
	return problems
}
