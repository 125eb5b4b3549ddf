package d360

import (
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strings"

	"golang.org/x/net/http/httpguts"
)

// WebhookURLProblem says why raw should not be a webhook URL, or "" when it
// is fine. 360dialog refuses http, an underscore in the host and an explicit
// port (https://docs.360dialog.com/partner/messaging/receiving-messages-via-webhook/multiple-webhooks-per-phone-number).
// A credential in the URL itself is refused too: the url attribute is not
// sensitive, so it would show in plans, state and logs, while headers are.
// The text never repeats a password or a secret query value.
func WebhookURLProblem(raw string) string {
	shown := RedactURL(raw)
	u, err := url.Parse(raw)
	switch {
	case err != nil || u.Host == "":
		// url.Parse's own error quotes the raw URL, password included, so
		// it is not passed on.
		return fmt.Sprintf("%q is not a URL such as https://hooks.example.com/whatsapp", shown)
	case u.Scheme != "https":
		return fmt.Sprintf("%q must use https: 360dialog only delivers to https URLs", shown)
	case u.User != nil:
		return fmt.Sprintf("%q carries a user name or password (user:password@), which would show in plans, state and logs. "+
			"Remove it from the URL and send the credential in a header instead, such as headers = { Authorization = \"Basic ...\" }: headers are sensitive", shown)
	}
	if key := secretQueryKey(u.RawQuery); key != "" {
		return fmt.Sprintf("%q carries a credential in its query parameter %q, which would show in plans, state and logs. "+
			"Remove it from the URL and send it in a header instead, such as headers = { \"X-Webhook-Token\" = ... }: headers are sensitive", shown, key)
	}
	switch {
	case strings.Contains(u.Hostname(), "_"):
		return fmt.Sprintf("the host %q contains an underscore, which 360dialog refuses; use a host name with hyphens instead", u.Hostname())
	case u.Port() != "":
		return fmt.Sprintf("%q has an explicit port (%s), which 360dialog refuses; serve the webhook on the default https port 443", shown, u.Port())
	}
	return ""
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

// WebhookHeaderProblems lists what is wrong with the webhook's headers, in
// name order. Values may be secrets, so no text quotes a value.
func WebhookHeaderProblems(headers map[string]string) []string {
	var problems []string
	byLower := map[string][]string{}
	for _, name := range slices.Sorted(maps.Keys(headers)) {
		lower := strings.ToLower(name)
		byLower[lower] = append(byLower[lower], name)
		switch {
		case name == "":
			problems = append(problems, "an empty header name is not allowed; give the header a name or remove it")
			continue
		case !httpguts.ValidHeaderFieldName(name):
			problems = append(problems, fmt.Sprintf("the header name %q is not valid: use letters, digits and hyphens only, "+
				"without spaces, colons or line breaks (an HTTP token, https://www.rfc-editor.org/rfc/rfc9110#section-5.1)", name))
			continue
		case slices.Contains(headersSetByClient, lower):
			problems = append(problems, fmt.Sprintf("the header %q is set by the HTTP client that delivers each event and cannot be configured; remove it", name))
		case slices.Contains(hopByHopHeaders, lower):
			problems = append(problems, fmt.Sprintf("the header %q is a hop-by-hop header, which proxies drop or act on, so it never reaches your receiver "+
				"(https://www.rfc-editor.org/rfc/rfc9110#section-7.6.1); remove it", name))
		}
		if !httpguts.ValidHeaderFieldValue(headers[name]) {
			problems = append(problems, fmt.Sprintf("the value of header %q contains a line break or control character, which would split or corrupt "+
				"the request; remove it (trimspace() helps with values read from files)", name))
		}
	}
	for _, lower := range slices.Sorted(maps.Keys(byLower)) {
		if names := byLower[lower]; len(names) > 1 {
			problems = append(problems, fmt.Sprintf("the headers %q differ only in case; header names are case-insensitive, so only one would arrive; keep one", names))
		}
	}
	return problems
}
