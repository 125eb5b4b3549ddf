package d360

import (
	"strings"
	"testing"
)

// secretInURL is a password that must never reach an error text.
const secretInURL = "hunter2pw"

func TestWebhookURLProblem_credentials(t *testing.T) {
	for raw, want := range map[string]string{
		"https://bob:" + secretInURL + "@hooks.example.com/x":      "user name or password",
		"https://" + secretInURL + "@hooks.example.com/x":          "user name or password",
		"https://hooks.example.com/x?token=" + secretInURL:         `"token"`,
		"https://hooks.example.com/x?api_key=" + secretInURL:       `"api_key"`,
		"https://hooks.example.com/x?a=1&Secret=" + secretInURL:    `"Secret"`,
		"https://hooks.example.com/x?access-token=" + secretInURL:  `"access-token"`,
		"https://hooks.example.com/x?key=" + secretInURL:           `"key"`,
		"https://bob:" + secretInURL + "@hooks example.com/x":      "is not a URL",
		"https://bob:" + secretInURL + "%zz@hooks.example.com/x":   "is not a URL",
		"http://bob:" + secretInURL + "@hooks.example.com/x":       "must use https",
		"https://bob:" + secretInURL + "@hooks.example.com:8443/x": "",
	} {
		got := WebhookURLProblem(raw)
		if got == "" || !strings.Contains(got, want) {
			t.Errorf("WebhookURLProblem(%q) = %q, want it to contain %q", raw, got, want)
		}
		if strings.Contains(got, secretInURL) || strings.Contains(got, secretInURL[:5]) {
			t.Errorf("WebhookURLProblem(%q) leaks the secret: %q", raw, got)
		}
	}
	for _, raw := range []string{"https://hooks.example.com/x?channel=a&page=2", "https://hooks.example.com/x?monkey_business=1"} {
		if got := WebhookURLProblem(raw); got != "" {
			t.Errorf("WebhookURLProblem(%q) = %q, want no problem", raw, got)
		}
	}
	if got := WebhookURLProblem("https://hooks.example.com/x?token=" + secretInURL); !strings.Contains(got, "header") {
		t.Errorf("the advice should point to a header instead: %q", got)
	}
}

func TestWebhookHeaderProblems(t *testing.T) {
	cases := map[string]struct {
		headers map[string]string
		want    string
	}{
		"fine":                {map[string]string{"X-Hook-Secret": "s", "Authorization": "Bearer abc"}, ""},
		"empty name":          {map[string]string{"": "v"}, "empty header name"},
		"blank name":          {map[string]string{" ": "v"}, `header name " " is not valid`},
		"CR in name":          {map[string]string{"X-A\r\nX-B": "v"}, "is not valid"},
		"colon in name":       {map[string]string{"X-A:": "v"}, "is not valid"},
		"LF in value":         {map[string]string{"X-Hook-Secret": secretInURL + "\nX-Evil: 1"}, `value of header "X-Hook-Secret" contains a line break or control character`},
		"CR in value":         {map[string]string{"X-Hook-Secret": secretInURL + "\r"}, "line break"},
		"NUL in value":        {map[string]string{"X-Hook-Secret": "a\x00b"}, "control character"},
		"Host":                {map[string]string{"Host": "evil.example.com"}, `"Host" is set by the HTTP client`},
		"content-length":      {map[string]string{"content-length": "5"}, `"content-length" is set by the HTTP client`},
		"Connection":          {map[string]string{"Connection": "close"}, "hop-by-hop"},
		"Transfer-Encoding":   {map[string]string{"Transfer-Encoding": "chunked"}, "hop-by-hop"},
		"Upgrade":             {map[string]string{"Upgrade": "h2c"}, "hop-by-hop"},
		"Proxy-Authorization": {map[string]string{"Proxy-Authorization": "x"}, "hop-by-hop"},
		"case duplicates":     {map[string]string{"X-Token": "a", "x-token": "b"}, "differ only in case"},
	}
	for name, tc := range cases {
		got := strings.Join(WebhookHeaderProblems(tc.headers), "\n")
		if (tc.want == "") != (got == "") || !strings.Contains(got, tc.want) {
			t.Errorf("%s: WebhookHeaderProblems = %q, want %q", name, got, tc.want)
		}
		if strings.Contains(got, secretInURL) {
			t.Errorf("%s: a header value leaked into %q", name, got)
		}
	}
}

func TestParseAPIURL_noPasswordInErrors(t *testing.T) {
	for _, raw := range []string{
		"https://bob:" + secretInURL + "@waba v2.example.com",
		"https://bob:" + secretInURL + "%zz@waba-v2.example.com",
		"https://bob:" + secretInURL + "@waba-v2.example.com",
		"http://bob:" + secretInURL + "@waba-v2.example.com",
		"ftp://bob:" + secretInURL + "@waba-v2.example.com",
		"bob:" + secretInURL + "@waba-v2.example.com",
	} {
		_, err := ParseAPIURL(raw)
		if err == nil {
			t.Errorf("ParseAPIURL(%q) accepted a URL with credentials", raw)
			continue
		}
		if strings.Contains(err.Error(), secretInURL[:5]) {
			t.Errorf("ParseAPIURL(%q) error leaks the password: %v", raw, err)
		}
	}
}

func TestRedactURL(t *testing.T) {
	for raw, want := range map[string]string{
		"https://hooks.example.com/x?a=1":                          "https://hooks.example.com/x?a=1",
		"https://bob:" + secretInURL + "@hooks.example.com/x":      "https://xxxxx@hooks.example.com/x",
		"https://hooks.example.com/x?token=" + secretInURL:         "https://hooks.example.com/x?token=xxxxx",
		"https://bob:" + secretInURL + "@bad host/x":               "https://xxxxx@bad host/x",
		"bob:" + secretInURL + "@hooks.example.com":                "xxxxx@hooks.example.com",
		"https://hooks.example.com/x?token=" + secretInURL + "%zz": "https://hooks.example.com/x?token=xxxxx",
	} {
		if got := RedactURL(raw); got != want {
			t.Errorf("RedactURL(%q) = %q, want %q", raw, got, want)
		}
	}
}
