package provider

import (
	"fmt"
	"maps"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/d360-tf/terraform-provider-d360/internal/mock360"
)

// TestAccWebhook_refusedAtPlan: header names and values that would corrupt
// the request, headers the HTTP client owns, and credentials in the URL are
// refused before anything reaches the API, and no error repeats a secret.
func TestAccWebhook_refusedAtPlan(t *testing.T) {
	withHeaders := func(url, headers string) string {
		return fmt.Sprintf("resource \"d360_webhook\" \"this\" {\n  url = %q\n  headers = %s\n}\n", url, headers)
	}
	const ok = "https://hooks.example.com/whatsapp"
	cases := map[string]struct {
		config string
		expect []string
	}{
		"LF in value": {
			withHeaders(ok, `{ "X-Hook-Secret" = "s3cr3t\nX-Evil: 1" }`),
			[]string{"Invalid webhook headers", `value of header "X-Hook-Secret" contains a line break`, "trimspace() helps with values read from files"},
		},
		"CR in name": {withHeaders(ok, `{ "X-A\r\nX-B" = "v" }`), []string{"Invalid webhook headers", `header name "X-A\r\nX-B" is not valid`}},
		"empty name": {withHeaders(ok, `{ "" = "v" }`), []string{"Invalid webhook headers", "an empty header name is not allowed"}},
		"Host": {
			withHeaders(ok, `{ Host = "evil.example.com" }`),
			[]string{"Invalid webhook headers", `header "Host" is set by the HTTP client`},
		},
		"Content-Length": {
			withHeaders(ok, `{ "Content-Length" = "5" }`),
			[]string{"Invalid webhook headers", `header "Content-Length" is set by the HTTP client`},
		},
		"Connection": {
			withHeaders(ok, `{ Connection = "close" }`),
			[]string{"Invalid webhook headers", `header "Connection" is a hop-by-hop header`},
		},
		"Transfer-Encoding": {
			withHeaders(ok, `{ "Transfer-Encoding" = "chunked" }`),
			[]string{"Invalid webhook headers", `"Transfer-Encoding" is a hop-by-hop header`},
		},
		"user:pass in URL": {withHeaders("https://bob:hunter2pw@hooks.example.com/x", `{ "X-A" = "b" }`),
			[]string{"Invalid webhook URL", `"https://xxxxx@hooks.example.com/x" carries a user name or password`, "send the credential in a header instead",
				`headers = { Authorization = "Basic ..." }`}},
		"token in query": {withHeaders("https://hooks.example.com/x?token=hunter2pw", `{ "X-A" = "b" }`),
			[]string{
				"Invalid webhook URL",
				`"https://hooks.example.com/x?token=xxxxx" carries a credential in its query parameter "token"`,
				"would show in plans, state and logs", "in a header instead", `headers = { "X-Webhook-Token" = ... }`,
			}},
		"unparsable with password": {withHeaders("https://bob:hunter2pw@hooks example.com/x", `{ "X-A" = "b" }`),
			[]string{"Invalid webhook URL", `"https://xxxxx@hooks example.com/x" is not a URL`}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			srv, ts := newMock(t, mock360.Options{})
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders,
				Steps:                    []resource.TestStep{{Config: providerConfig(ts) + tc.config, ExpectError: errorLike(tc.expect...)}},
			})
			if n := len(srv.Requests()); n != 0 {
				t.Fatalf("a refused webhook reached the API: %d requests", n)
			}
		})
	}
}

// TestAccProvider_baseURLErrorHidesPassword: url.Parse's error repeats the
// URL, password included; the diagnostic must not.
func TestAccProvider_baseURLErrorHidesPassword(t *testing.T) {
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config:      "provider \"d360\" {\n  api_key  = \"k\"\n  base_url = \"https://bob:hunter2pw@waba v2.example.com\"\n}\n" + healthConfig,
			ExpectError: errorLike("Invalid 360dialog base URL", `"https://xxxxx@waba v2.example.com" is not a URL`),
		}},
	})
}

// Read stores a header value only over a value the state holds for that
// name; every other header by name, with the placeholder.
func TestHeadersToRecord(t *testing.T) {
	returned := map[string]string{"X-Hook-Secret": "s3cr3t", "X-Env": "prod"}
	managed := types.MapValueMust(types.StringType, map[string]attr.Value{"X-Hook-Secret": types.StringValue("old")})
	// The managed header's value is read (drift shows); the other one is not.
	want := map[string]string{"X-Hook-Secret": "s3cr3t", "X-Env": unreadHeaderValue}
	if got := headersToRecord(managed, returned); !maps.Equal(got, want) {
		t.Errorf("one header managed in state: got %v, want %v", got, want)
	}
	for _, inState := range []types.Map{types.MapNull(types.StringType), types.MapUnknown(types.StringType)} {
		got := headersToRecord(inState, returned)
		want := map[string]string{"X-Hook-Secret": unreadHeaderValue, "X-Env": unreadHeaderValue}
		if !maps.Equal(got, want) {
			t.Errorf("state %v: got %v, want %v", inState, got, want)
		}
	}
}
