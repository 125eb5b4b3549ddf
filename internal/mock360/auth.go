package mock360

import (
	"crypto/subtle"
	"net/http"
	"net/url"
	"strings"
)

// checkAPIKey accepts exactly the bare key in D360-API-KEY. A "Bearer <key>"
// value is rejected: every 360dialog curl example sends the bare key, and a
// client that adds the prefix should learn it here, not in production
// (https://docs.360dialog.com/docs/whatsapp-api/the-basics).
func (s *Server) checkAPIKey(r *http.Request) bool {
	got := r.Header.Get("D360-API-KEY")
	return got != "" && subtle.ConstantTimeCompare([]byte(got), []byte(s.opts.APIKey)) == 1
}

// checkGraphToken accepts "Authorization: Bearer <token>" and, as Graph does,
// the access_token query parameter.
func (s *Server) checkGraphToken(r *http.Request) bool {
	token := r.URL.Query().Get("access_token")
	if auth := r.Header.Get("Authorization"); auth != "" {
		scheme, value, ok := strings.Cut(auth, " ")
		if !ok || !strings.EqualFold(scheme, "Bearer") {
			return false
		}
		token = strings.TrimSpace(value)
	}
	return token != "" && subtle.ConstantTimeCompare([]byte(token), []byte(s.opts.GraphToken)) == 1
}

// redactQuery hides a Graph access_token passed in the query string.
func redactQuery(raw string) string {
	if !strings.Contains(raw, "access_token") {
		return raw
	}
	q, err := url.ParseQuery(raw)
	if err != nil {
		return "REDACTED"
	}
	if _, ok := q["access_token"]; ok {
		q.Set("access_token", "REDACTED")
	}
	return q.Encode()
}
