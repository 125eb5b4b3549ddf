package d360

import (
	"net/url"
	"strings"
	"testing"
)

// FuzzWebhookURLProblem: a URL the check passes is one 360dialog takes:
// https, a host without underscores, no explicit port.
func FuzzWebhookURLProblem(f *testing.F) {
	for _, v := range []string{"https://hooks.example.com/whatsapp", "http://hooks.example.com", "https://my_host.example.com", "https://h:8443/x", "https://h:/x",
		"https://[::1]/x", "https://[::1]:443/", "https://", "hooks.example.com", "", "https://u:p@h/", "https://%zz", "HTTPS://H"} {
		f.Add(v)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		problem := WebhookURLProblem(raw)
		if problem != "" {
			return
		}
		u, err := url.Parse(raw)
		if err != nil || u.Scheme != "https" || u.Host == "" || strings.Contains(u.Hostname(), "_") || u.Port() != "" {
			t.Fatalf("passed %q (%v)", raw, err)
		}
	})
}
