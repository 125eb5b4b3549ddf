package provider

import (
	"context"
	"fmt"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/d360-tf/terraform-provider-d360/internal/mock360"
)

// Helpers shared by the acceptance tests of this package: the in-process
// mock, the provider configuration pointing at it, and checks on what the
// mock received.

// Distinctive secrets, so a leak is easy to find in logs.
const (
	testAPIKey     = "acc-test-key-7d1e0b"
	testGraphToken = "acc-graph-token-3c9a44"
)

var testProviders = map[string]func() (tfprotov6.ProviderServer, error){
	"d360": func() (tfprotov6.ProviderServer, error) { return NewProtocol6Server("test")(), nil },
}

// newMock starts an in-process d360-mock for one test.
func newMock(t *testing.T, opts mock360.Options) (*mock360.Server, *httptest.Server) {
	t.Helper()
	if opts.APIKey == "" {
		opts.APIKey = testAPIKey
	}
	if opts.GraphToken == "" {
		opts.GraphToken = testGraphToken
	}
	srv := mock360.NewServer(opts)
	ts := httptest.NewServer(srv)
	t.Cleanup(func() {
		ts.Close()
		srv.Close()
	})
	return srv, ts
}

// providerConfig points the provider at the mock with valid credentials.
func providerConfig(ts *httptest.Server) string {
	return fmt.Sprintf(`
provider "d360" {
  api_key         = %q
  base_url        = %q
  graph_api_token = %q
  graph_api_url   = "%s/v24.0"
}
`, testAPIKey, ts.URL, testGraphToken, ts.URL)
}

// errorLike matches the fragments in order, whatever line wrapping Terraform
// put between their words.
func errorLike(fragments ...string) *regexp.Regexp {
	parts := make([]string, len(fragments))
	for i, f := range fragments {
		words := strings.Fields(f)
		for j, w := range words {
			words[j] = regexp.QuoteMeta(w)
		}
		parts[i] = strings.Join(words, `\s+`)
	}
	return regexp.MustCompile(`(?s)` + strings.Join(parts, ".*"))
}

// onlyGETs fails when the mock saw anything but reads: plans, refreshes and
// data sources must never change anything.
func onlyGETs(t *testing.T, srv *mock360.Server) {
	t.Helper()
	for _, r := range srv.Requests() {
		if r.Method != "GET" {
			t.Errorf("mock saw %s %s; only GET requests were expected", r.Method, r.Path)
		}
	}
}

const healthConfig = `
data "d360_health_status" "this" {}
`

func regexpMust(pattern string) *regexp.Regexp { return regexp.MustCompile(pattern) }

// mockCheck is a state check that asserts on what the mock saw or did, so
// that assertions on requests sit in ConfigStateChecks beside those on state.
func mockCheck(check func() error) statecheck.StateCheck { return mockStateCheck(check) }

type mockStateCheck func() error

func (c mockStateCheck) CheckState(_ context.Context, _ statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	resp.Error = c()
}

const messageAddr = "d360_marketing_message.test"

// springSaleMessage fills the mock's spring_sale template with typed fields.
func springSaleMessage(trigger string) string {
	return fmt.Sprintf(`
resource "d360_marketing_message" "test" {
  to            = "4915112345678"
  template_name = "spring_sale"
  language_code = "en"

  body_parameters = [
    { text = "Ana" },
    { currency = { code = "EUR", amount_1000 = 20000, fallback_value = "€20" } },
  ]
  buttons = [
    { index = 0, sub_type = "url", text = "spring-2026" },
  ]

  message_activity_sharing = true
  product_policy           = "STRICT"

  triggers = {
    run = %q
  }
}
`, trigger)
}

// sends returns the bodies of the POST /marketing_messages the mock saw.
func sends(srv *mock360.Server) []string {
	var out []string
	for _, r := range srv.RequestsTo("POST", "/marketing_messages") {
		out = append(out, string(r.Body))
	}
	return out
}

// wantSends fails unless the mock saw exactly n sends.
func wantSends(n int, srv *mock360.Server) func() error {
	return func() error {
		if got := len(sends(srv)); got != n {
			return fmt.Errorf("mock saw %d POST /marketing_messages, want exactly %d", got, n)
		}
		return nil
	}
}

var (
	wamidPattern     = regexp.MustCompile(`^wamid\.[A-Za-z0-9+/=_-]{20,}$`)
	unknownIDPattern = regexp.MustCompile(`^unknown-\d{8}T\d{6}\.\d{9}Z$`)
)

const simpleMessage = `
resource "d360_marketing_message" "test" {
  to            = "4915112345678"
  template_name = "marketing_text_no_param"
  language_code = "en"
}
`

// logHasLine reports whether one line of log contains every fragment.
func logHasLine(log string, fragments ...string) bool {
	for _, line := range strings.Split(log, "\n") {
		all := true
		for _, f := range fragments {
			all = all && strings.Contains(line, f)
		}
		if all {
			return true
		}
	}
	return false
}

// newShowcaseMock is a mock whose templates include mock360's showcase.
func newShowcaseMock(t *testing.T) (*mock360.Server, *httptest.Server) {
	t.Helper()
	srv, ts := newMock(t, mock360.Options{})
	srv.Update(func(st *mock360.State) { st.Templates = append(st.Templates, mock360.ShowcaseTemplates()...) })
	return srv, ts
}

// deliveredTexts are the texts the mock says it delivered, in send order.
func deliveredTexts(srv *mock360.Server) []string {
	var out []string
	for _, m := range srv.State().Messages {
		out = append(out, m.Rendered)
	}
	return out
}

// nested returns the attributes inside a nested attribute, if any.
func nested(a any) map[string]any {
	out := map[string]any{}
	switch v := a.(type) {
	case rschema.SingleNestedAttribute:
		for k, x := range v.Attributes {
			out[k] = x
		}
	case rschema.ListNestedAttribute:
		for k, x := range v.NestedObject.Attributes {
			out[k] = x
		}
	case rschema.MapNestedAttribute:
		for k, x := range v.NestedObject.Attributes {
			out[k] = x
		}
	case dsschema.ListNestedAttribute:
		for k, x := range v.NestedObject.Attributes {
			out[k] = x
		}
	case rschema.SingleNestedBlock:
		for k, x := range v.Attributes {
			out[k] = x
		}
	}
	return out
}
