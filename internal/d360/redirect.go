package d360

import (
	"fmt"
	"net/http"
	"net/url"
)

// withoutRedirects returns a copy of hc that never follows a redirect; the
// caller's client is left as it was. 360dialog's API and Meta's Graph API
// answer in place and never redirect, so a 3xx means the base URL points at
// something else. Following it would hand the D360-API-KEY header (which
// Go forwards to any host, and over a downgrade to http) and, on a 307/308,
// the send itself to that other address.
func withoutRedirects(hc *http.Client) *http.Client {
	c := *hc
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &c
}

// RedirectError is a 3xx answer, which the client never follows.
type RedirectError struct {
	Method, Path string
	HTTPStatus   int
	Location     string // scheme, host and path of the Location header, or ""
}

func (e *RedirectError) Error() string {
	to := ""
	if e.Location != "" {
		// The server chose the Location; escape what a terminal would act on.
		to = " to " + sanitizeForeign(e.Location)
	}
	return fmt.Sprintf("%s %s: HTTP %d redirect%s, not followed: 360dialog's and Meta's APIs never redirect, and the API key must not go to another address. "+
		"The configured API root should be the root itself, such as %s", e.Method, e.Path, e.HTTPStatus, to, DefaultBaseURL)
}

func isRedirectStatus(status int) bool { return status >= 300 && status < 400 }

// redirectTarget keeps only scheme, host and path of a Location header: a
// query could carry anything.
func redirectTarget(location string, base *url.URL) string {
	u, err := base.Parse(location)
	if err != nil || location == "" {
		return ""
	}
	return (&url.URL{Scheme: u.Scheme, Host: u.Host, Path: u.Path}).String()
}
