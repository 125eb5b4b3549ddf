package d360

import (
	"slices"
	"strings"
	"testing"
)

// secretInURL is a password that must never reach an error text.
const secretInURL = "hunter2pw"

// webhookText is the messages of problems, one a line.
func webhookText(problems []WebhookProblem) string {
	lines := make([]string, len(problems))
	for i, p := range problems {
		lines[i] = p.Message
	}
	return strings.Join(lines, "\n")
}

// webhookParts is the parts of problems, in order.
func webhookParts(problems []WebhookProblem) []WebhookPart {
	var parts []WebhookPart
	for _, p := range problems {
		parts = append(parts, p.Part)
	}
	return parts
}

// terraformWords are words only a Terraform caller may add: the client's
// texts say what is wrong in 360dialog's and HTTP's terms.
var terraformWords = []string{"plan", "state", "headers =", "trimspace", "HCL", "are sensitive"}

func checkNoTerraformWords(t *testing.T, what string, problems []WebhookProblem) {
	t.Helper()
	for _, p := range problems {
		for _, w := range terraformWords {
			if strings.Contains(p.Message, w) {
				t.Errorf("%s: %q says %q, a Terraform word", what, p.Message, w)
			}
		}
	}
}

func TestCheckWebhookURL(t *testing.T) {
	const url, userinfo, query = WebhookPartURL, WebhookPartUserInfo, WebhookPartQuery
	for raw, want := range map[string]struct {
		text  string
		parts []WebhookPart
	}{
		"https://hooks.example.com/whatsapp": {"", nil},
		"http://hooks.example.com/x":         {"must use https", []WebhookPart{url}},
		"https://my_hooks.example.com/x":     {"contains an underscore", []WebhookPart{url}},
		"https://hooks.example.com:8443/x":   {"explicit port (8443)", []WebhookPart{url}},
		"not a url":                          {"is not a URL", []WebhookPart{url}},
		// Every rule a URL breaks is one problem, in the order of the rules.
		"http://bob:" + secretInURL + "@my_hooks.example.com:8443/x?token=" + secretInURL: {
			`"http://xxxxx@my_hooks.example.com:8443/x?token=xxxxx" must use https: 360dialog only delivers to https URLs` + "\n" +
				`"http://xxxxx@my_hooks.example.com:8443/x?token=xxxxx" carries a user name or password (user:password@)` + "\n" +
				`"http://xxxxx@my_hooks.example.com:8443/x?token=xxxxx" carries a credential in its query parameter "token"` + "\n" +
				`the host "my_hooks.example.com" contains an underscore, which 360dialog refuses; use a host name with hyphens instead` + "\n" +
				`"http://xxxxx@my_hooks.example.com:8443/x?token=xxxxx" has an explicit port (8443), which 360dialog refuses; serve the webhook on the default https port 443`,
			[]WebhookPart{url, userinfo, query, url, url},
		},
	} {
		problems := CheckWebhookURL(raw)
		got := webhookText(problems)
		if (want.text == "") != (got == "") || !strings.Contains(got, want.text) {
			t.Errorf("CheckWebhookURL(%q) = %q, want %q", raw, got, want.text)
		}
		if parts := webhookParts(problems); !slices.Equal(parts, want.parts) {
			t.Errorf("CheckWebhookURL(%q) parts = %v, want %v", raw, parts, want.parts)
		}
		if strings.Contains(got, secretInURL) {
			t.Errorf("CheckWebhookURL(%q) leaks the secret: %q", raw, got)
		}
		checkNoTerraformWords(t, raw, problems)
	}
}

func TestCheckWebhookURL_credentials(t *testing.T) {
	for raw, want := range map[string]struct {
		text string
		part WebhookPart // a part among the problems
	}{
		"https://bob:" + secretInURL + "@hooks.example.com/x":      {"user name or password", WebhookPartUserInfo},
		"https://" + secretInURL + "@hooks.example.com/x":          {"user name or password", WebhookPartUserInfo},
		"https://hooks.example.com/x?token=" + secretInURL:         {`"token"`, WebhookPartQuery},
		"https://hooks.example.com/x?api_key=" + secretInURL:       {`"api_key"`, WebhookPartQuery},
		"https://hooks.example.com/x?a=1&Secret=" + secretInURL:    {`"Secret"`, WebhookPartQuery},
		"https://hooks.example.com/x?access-token=" + secretInURL:  {`"access-token"`, WebhookPartQuery},
		"https://hooks.example.com/x?key=" + secretInURL:           {`"key"`, WebhookPartQuery},
		"https://bob:" + secretInURL + "@hooks example.com/x":      {"is not a URL", WebhookPartURL},
		"https://bob:" + secretInURL + "%zz@hooks.example.com/x":   {"is not a URL", WebhookPartURL},
		"http://bob:" + secretInURL + "@hooks.example.com/x":       {"must use https", WebhookPartUserInfo},
		"https://bob:" + secretInURL + "@hooks.example.com:8443/x": {"", WebhookPartUserInfo},
	} {
		problems := CheckWebhookURL(raw)
		got := webhookText(problems)
		if got == "" || !strings.Contains(got, want.text) {
			t.Errorf("CheckWebhookURL(%q) = %q, want it to contain %q", raw, got, want.text)
		}
		if parts := webhookParts(problems); !slices.Contains(parts, want.part) {
			t.Errorf("CheckWebhookURL(%q) parts = %v, want %v among them", raw, parts, want.part)
		}
		if strings.Contains(got, secretInURL) || strings.Contains(got, secretInURL[:5]) {
			t.Errorf("CheckWebhookURL(%q) leaks the secret: %q", raw, got)
		}
		checkNoTerraformWords(t, raw, problems)
	}
	for _, raw := range []string{"https://hooks.example.com/x?channel=a&page=2", "https://hooks.example.com/x?monkey_business=1"} {
		if got := CheckWebhookURL(raw); got != nil {
			t.Errorf("CheckWebhookURL(%q) = %v, want no problem", raw, got)
		}
	}
}

func TestCheckWebhookHeaders(t *testing.T) {
	const name, value = WebhookPartHeaderName, WebhookPartHeaderValue
	cases := map[string]struct {
		headers map[string]string
		want    string
		parts   []WebhookPart
	}{
		"fine":          {map[string]string{"X-Hook-Secret": "s", "Authorization": "Bearer abc"}, "", nil},
		"empty name":    {map[string]string{"": "v"}, "empty header name", []WebhookPart{name}},
		"blank name":    {map[string]string{" ": "v"}, `header name " " is not valid`, []WebhookPart{name}},
		"CR in name":    {map[string]string{"X-A\r\nX-B": "v"}, "is not valid", []WebhookPart{name}},
		"colon in name": {map[string]string{"X-A:": "v"}, "is not valid", []WebhookPart{name}},
		"LF in value": {map[string]string{"X-Hook-Secret": secretInURL + "\nX-Evil: 1"},
			`the value of header "X-Hook-Secret" contains a line break or control character, which would split or corrupt the request; remove it`,
			[]WebhookPart{value}},
		"CR in value":         {map[string]string{"X-Hook-Secret": secretInURL + "\r"}, "line break", []WebhookPart{value}},
		"NUL in value":        {map[string]string{"X-Hook-Secret": "a\x00b"}, "control character", []WebhookPart{value}},
		"Host":                {map[string]string{"Host": "evil.example.com"}, `"Host" is set by the HTTP client`, []WebhookPart{name}},
		"content-length":      {map[string]string{"content-length": "5"}, `"content-length" is set by the HTTP client`, []WebhookPart{name}},
		"Connection":          {map[string]string{"Connection": "close"}, "hop-by-hop", []WebhookPart{name}},
		"Transfer-Encoding":   {map[string]string{"Transfer-Encoding": "chunked"}, "hop-by-hop", []WebhookPart{name}},
		"Upgrade":             {map[string]string{"Upgrade": "h2c"}, "hop-by-hop", []WebhookPart{name}},
		"Proxy-Authorization": {map[string]string{"Proxy-Authorization": "x"}, "hop-by-hop", []WebhookPart{name}},
		"case duplicates":     {map[string]string{"X-Token": "a", "x-token": "b"}, "differ only in case", []WebhookPart{name}},
		// A reserved name with a bad value is two problems; a name that is
		// not a token is one, its value unchecked.
		"Host with a line break": {map[string]string{"Host": "a\nb"}, `"Host" is set by the HTTP client`, []WebhookPart{name, value}},
		"bad name and value":     {map[string]string{"X A": "a\nb"}, "is not valid", []WebhookPart{name}},
		// In name order, with the case duplicates last.
		"in order": {map[string]string{"b": "\n", "A": "x", "a": "y", "Connection": "x"}, "hop-by-hop", []WebhookPart{name, value, name}},
	}
	for label, tc := range cases {
		problems := CheckWebhookHeaders(tc.headers)
		got := webhookText(problems)
		if (tc.want == "") != (got == "") || !strings.Contains(got, tc.want) {
			t.Errorf("%s: CheckWebhookHeaders = %q, want %q", label, got, tc.want)
		}
		if parts := webhookParts(problems); !slices.Equal(parts, tc.parts) {
			t.Errorf("%s: CheckWebhookHeaders parts = %v, want %v", label, parts, tc.parts)
		}
		if strings.Contains(got, secretInURL) {
			t.Errorf("%s: a header value leaked into %q", label, got)
		}
		checkNoTerraformWords(t, label, problems)
	}
}

// Every part has a name; an unknown one says what it is.
func TestWebhookPartString(t *testing.T) {
	for part, want := range map[WebhookPart]string{
		WebhookPartURL: "url", WebhookPartUserInfo: "userinfo", WebhookPartQuery: "query",
		WebhookPartHeaderName: "field name", WebhookPartHeaderValue: "field value", WebhookPart(0): "WebhookPart(0)",
	} {
		if got := part.String(); got != want {
			t.Errorf("WebhookPart(%d).String() = %q, want %q", int(part), got, want)
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
