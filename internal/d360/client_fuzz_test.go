package d360

import "testing"

// FuzzParseAPIURL: whatever the configured root, an accepted one is https,
// or http to this machine only, with a host and no credentials, query or
// fragment, so the key can never be sent in clear text over the network.
func FuzzParseAPIURL(f *testing.F) {
	for _, v := range []string{DefaultBaseURL, DefaultGraphURL, "http://127.0.0.1:8080", "http://localhost/", "http://[::1]:9/x", "http://waba-v2.360dialog.io",
		"https://u:p@h", "https://h/?q=1", "https://h#f", "ftp://h", "h", "", "http://127.0.0.1.example.com", "HTTP://LOCALHOST", "http://0x7f.1"} {
		f.Add(v)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		u, err := ParseAPIURL(raw)
		if err != nil {
			return
		}
		switch {
		case u.Host == "" || u.User != nil || u.RawQuery != "" || u.Fragment != "":
			t.Fatalf("accepted %q as %#v", raw, u)
		case u.Scheme == "https":
		case u.Scheme == "http" && IsLoopbackHost(u.Hostname()):
		default:
			t.Fatalf("accepted %q with scheme %q and host %q", raw, u.Scheme, u.Hostname())
		}
	})
}
