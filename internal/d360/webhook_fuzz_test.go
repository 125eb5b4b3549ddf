package d360

import (
	"net/url"
	"strings"
	"testing"
)

// FuzzCheckWebhookURL: a URL the check passes is one 360dialog takes:
// https, a host without underscores, no explicit port. Every problem is
// about the URL, its userinfo or its query, never a header.
func FuzzCheckWebhookURL(f *testing.F) {
	for _, v := range []string{"https://hooks.example.com/whatsapp", "http://hooks.example.com", "https://my_host.example.com", "https://h:8443/x", "https://h:/x",
		"https://[::1]/x", "https://[::1]:443/", "https://", "hooks.example.com", "", "https://u:p@h/", "https://%zz", "HTTPS://H",
		"http://u:p@my_h:1/?token=t"} {
		f.Add(v)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		problems := CheckWebhookURL(raw)
		for _, p := range problems {
			if p.Part != WebhookPartURL && p.Part != WebhookPartUserInfo && p.Part != WebhookPartQuery {
				t.Fatalf("%q: a problem about the %s: %q", raw, p.Part, p.Message)
			}
			if p.Message == "" {
				t.Fatalf("%q: a %s problem without a message", raw, p.Part)
			}
		}
		if problems != nil {
			return
		}
		u, err := url.Parse(raw)
		if err != nil || u.Scheme != "https" || u.Host == "" || strings.Contains(u.Hostname(), "_") || u.Port() != "" {
			t.Fatalf("passed %q (%v)", raw, err)
		}
	})
}
