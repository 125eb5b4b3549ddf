package provider

import (
	"fmt"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/d360-tf/terraform-provider-d360/internal/mock360"
)

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
  message_send_ttl_seconds = 86400

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

// checkFunc turns a plain check into a TestCheckFunc.
func checkFunc(f func() error) resource.TestCheckFunc {
	return func(*terraform.State) error { return f() }
}

var (
	wamidPattern     = regexp.MustCompile(`^wamid\.[A-Za-z0-9+/=_-]{20,}$`)
	unknownIDPattern = regexp.MustCompile(`^unknown-\d{8}T\d{6}\.\d{9}Z$`)
)

func TestAccMarketingMessage_typedParameters(t *testing.T) {
	srv, ts := newMock(t, mock360.Options{})
	sameID := statecheck.CompareValue(compare.ValuesSame())
	newID := statecheck.CompareValue(compare.ValuesDiffer())
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{
				Config: providerConfig(ts) + springSaleMessage("1"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(messageAddr, plancheck.ResourceActionCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(messageAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(wamidPattern)),
					statecheck.ExpectKnownValue(messageAddr, tfjsonpath.New("outcome"), knownvalue.StringExact("accepted")),
					statecheck.ExpectKnownValue(messageAddr, tfjsonpath.New("wa_id"), knownvalue.StringExact("4915112345678")),
					statecheck.ExpectKnownValue(messageAddr, tfjsonpath.New("message_status"), knownvalue.StringExact("accepted")),
					statecheck.ExpectKnownValue(messageAddr, tfjsonpath.New("language_policy"), knownvalue.StringExact("deterministic")),
					sameID.AddStateValue(messageAddr, tfjsonpath.New("id")),
					newID.AddStateValue(messageAddr, tfjsonpath.New("id")),
				},
				Check: checkFunc(func() error {
					if err := wantSends(1, srv)(); err != nil {
						return err
					}
					want := `{"messaging_product":"whatsapp","recipient_type":"individual","to":"4915112345678","type":"template",` +
						`"template":{"name":"spring_sale","language":{"code":"en","policy":"deterministic"},"components":[` +
						`{"type":"body","parameters":[{"type":"text","text":"Ana"},` +
						`{"type":"currency","currency":{"fallback_value":"€20","code":"EUR","amount_1000":20000}}]},` +
						`{"type":"button","sub_type":"url","index":"0","parameters":[{"type":"text","text":"spring-2026"}]}]},` +
						`"message_activity_sharing":true,"product_policy":"STRICT","message_send_ttl_seconds":86400}`
					if got := sends(srv)[0]; got != want {
						return fmt.Errorf("send body:\n got  %s\n want %s", got, want)
					}
					return nil
				}),
			},
			{
				// The same configuration again: nothing to do, nothing sent.
				Config: providerConfig(ts) + springSaleMessage("1"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectEmptyPlan(),
				}},
				ConfigStateChecks: []statecheck.StateCheck{sameID.AddStateValue(messageAddr, tfjsonpath.New("id"))},
				Check:             checkFunc(wantSends(1, srv)),
			},
			{
				// A new trigger is the deliberate resend: a replace, one more POST, a new id.
				Config: providerConfig(ts) + springSaleMessage("2"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(messageAddr, plancheck.ResourceActionReplace),
				}},
				ConfigStateChecks: []statecheck.StateCheck{newID.AddStateValue(messageAddr, tfjsonpath.New("id"))},
				Check:             checkFunc(wantSends(2, srv)),
			},
		},
	})
	// Plans and refreshes read templates only; the two sends are the only writes.
	for _, r := range srv.Requests() {
		if r.Method != "GET" && r.Path != "/marketing_messages" {
			t.Errorf("unexpected %s %s", r.Method, r.Path)
		}
	}
}

func TestAccMarketingMessage_componentsJSON(t *testing.T) {
	srv, ts := newMock(t, mock360.Options{})
	config := func(spacing string) string {
		return providerConfig(ts) + fmt.Sprintf(`
resource "d360_marketing_message" "test" {
  to              = "4915112345678"
  template_name   = "spring_sale"
  language_code   = "en"
  components_json = %q
}
`, `[{"type":"body",`+spacing+`"parameters":[{"type":"text","text":"Ana"},{"type":"text","text":"20%"}]},`+
			`{"type":"button","sub_type":"url","index":0,"parameters":[{"type":"text","text":"spring"}]}]`)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{
				Config: config(""),
				Check: checkFunc(func() error {
					want := `{"messaging_product":"whatsapp","recipient_type":"individual","to":"4915112345678","type":"template",` +
						`"template":{"name":"spring_sale","language":{"code":"en","policy":"deterministic"},"components":` +
						`[{"type":"body","parameters":[{"type":"text","text":"Ana"},{"type":"text","text":"20%"}]},` +
						`{"type":"button","sub_type":"url","index":0,"parameters":[{"type":"text","text":"spring"}]}]}}`
					if got := sends(srv); len(got) != 1 || got[0] != want {
						return fmt.Errorf("sends:\n got  %q\n want %s", got, want)
					}
					return nil
				}),
			},
			{
				// Only whitespace differs: the JSON is the same, so no resend.
				Config:           config("\n    "),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				Check:            checkFunc(wantSends(1, srv)),
			},
		},
	})
}

func TestAccMarketingMessage_planTimeChecks(t *testing.T) {
	msg := func(name, lang, body string) string {
		return fmt.Sprintf(`
resource "d360_marketing_message" "test" {
  to            = "4915112345678"
  template_name = %q
  language_code = %q
%s
}
`, name, lang, body)
	}
	springBody := `  body_parameters = [{ text = "Ana" }, { text = "20%" }]
  buttons = [{ index = 0, sub_type = "url", text = "x" }]`
	cases := []struct {
		name   string
		config string
		setup  func(*mock360.State)
		expect []string
	}{
		{"missing template", msg("no_such_template", "en", ""), nil,
			[]string{"Template check failed", `template "no_such_template" does not exist on this channel`, "Nothing was sent"}},
		{"missing language", msg("spring_sale", "de", springBody), nil,
			[]string{"language_code", `template "spring_sale" has no "de" translation; it exists in en`}},
		{"not approved", msg("spring_sale", "en", springBody), func(st *mock360.State) { st.Templates[1].Status = "paused" },
			[]string{`template "spring_sale" (en) is PAUSED, not APPROVED`}},
		{"not marketing", msg("order_update", "en", `  body_parameters = [{ text = "#1042" }]`), nil,
			[]string{`template "order_update" is a UTILITY template; MM Lite`, "only MARKETING templates"}},
		{"body count", msg("spring_sale", "en", `  body_parameters = [{ text = "Ana" }]
  buttons = [{ index = 0, sub_type = "url", text = "x" }]`), nil,
			[]string{"body_parameters", `template "spring_sale" has 2 body variable(s) ({{1}}, {{2}}), but 1 body parameter(s) are given`}},
		{"header kind", msg("spring_sale", "en", springBody+`
  header = { type = "image", link = "https://example.com/a.png" }`), nil,
			[]string{"header", `template "spring_sale" has no header variable, but a header parameter is given`}},
		{"missing URL button", msg("spring_sale", "en", `  body_parameters = [{ text = "Ana" }, { text = "20%" }]`), nil,
			[]string{`button 0 of template "spring_sale" is a URL button with a variable`}},
		{"wrong button kind", msg("spring_sale", "en", `  body_parameters = [{ text = "Ana" }, { text = "20%" }]
  buttons = [{ index = 0, sub_type = "quick_reply", payload = "p" }]`), nil,
			[]string{`button 0 of template "spring_sale" is a URL button, but sub_type "quick_reply" is given`}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv, ts := newMock(t, mock360.Options{})
			if tc.setup != nil {
				srv.Update(tc.setup)
			}
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders,
				Steps:                    []resource.TestStep{{Config: providerConfig(ts) + tc.config, ExpectError: errorLike(tc.expect...)}},
			})
			if err := wantSends(0, srv)(); err != nil {
				t.Fatal(err)
			}
			if n := len(srv.RequestsTo("GET", "/v1/configs/templates")); n != 1 {
				t.Fatalf("want exactly one template GET, got %d", n)
			}
		})
	}
}

func TestAccMarketingMessage_configValidation(t *testing.T) {
	cases := []struct {
		name   string
		fields string
		expect []string
	}{
		{"plus sign", `to = "+4915112345678"`, []string{"Invalid recipient phone number", `starts with "+"`, `"4915112345678"`}},
		{"spaces", `to = "49 151 12345678"`, []string{"contains spaces or punctuation", `"4915112345678"`}},
		{"00 prefix", `to = "004915112345678"`, []string{"international prefix 00", `"4915112345678"`}},
		{"to and recipient", "to = \"4915112345678\"\n  recipient = \"US.1234\"", []string{"Invalid Attribute Combination"}},
		{"neither recipient", ``, []string{"Invalid Attribute Combination", "to", "recipient"}},
		{"ttl range", "to = \"4915112345678\"\n  message_send_ttl_seconds = 60", []string{"message_send_ttl_seconds", "between 43200 and 2592000"}},
		{
			"json and typed",
			"to = \"4915112345678\"\n  components_json = \"[]\"\n  body_parameters = [{ text = \"a\" }]",
			[]string{"Invalid Attribute Combination", "components_json"},
		},
		{"bad json", "to = \"4915112345678\"\n  components_json = \"{}\"", []string{"Invalid components JSON", "JSON array"}},
		{"header media source", "to = \"4915112345678\"\n  header = { type = \"image\" }", []string{"Header media needs exactly one source"}},
		{
			"button parameter",
			"to = \"4915112345678\"\n  buttons = [{ index = 0, sub_type = \"copy_code\" }]",
			[]string{"Missing button parameter", "copy_code button needs coupon_code"},
		},
		{
			"body parameter kind",
			"to = \"4915112345678\"\n  body_parameters = [{ text = \"a\", date_time = \"b\" }]",
			[]string{"Invalid Attribute Combination"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv, ts := newMock(t, mock360.Options{})
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders,
				Steps: []resource.TestStep{{
					Config: providerConfig(ts) + fmt.Sprintf(`
resource "d360_marketing_message" "test" {
  %s
  template_name = "marketing_text_no_param"
  language_code = "en"
}
`, tc.fields),
					ExpectError: errorLike(tc.expect...),
				}},
			})
			if len(srv.Requests()) != 0 {
				t.Fatalf("invalid configuration reached the API: %d requests", len(srv.Requests()))
			}
		})
	}
}

const simpleMessage = `
resource "d360_marketing_message" "test" {
  to            = "4915112345678"
  template_name = "marketing_text_no_param"
  language_code = "en"
}
`

// TestAccMarketingMessage_unknownOutcome: when the mock took the send but the
// answer was lost, the resource stays in state as unknown and is never resent.
func TestAccMarketingMessage_unknownOutcome(t *testing.T) {
	faults := map[string]mock360.Fault{
		"500 after the send":            {Method: "POST", Path: "/marketing_messages", Status: 500, AfterEffect: true},
		"connection dropped after body": {Method: "POST", Path: "/marketing_messages", DropConnection: true},
	}
	for name, fault := range faults {
		t.Run(name, func(t *testing.T) {
			srv, ts := newMock(t, mock360.Options{})
			srv.AddFault(fault)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders,
				Steps: []resource.TestStep{
					{
						Config: providerConfig(ts) + simpleMessage,
						ConfigStateChecks: []statecheck.StateCheck{
							statecheck.ExpectKnownValue(messageAddr, tfjsonpath.New("outcome"), knownvalue.StringExact("unknown")),
							statecheck.ExpectKnownValue(messageAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(unknownIDPattern)),
							statecheck.ExpectKnownValue(messageAddr, tfjsonpath.New("wa_id"), knownvalue.Null()),
						},
						Check: checkFunc(wantSends(1, srv)),
					},
					{
						Config:           providerConfig(ts) + simpleMessage,
						ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
						Check:            checkFunc(wantSends(1, srv)),
					},
				},
			})
			// The mock did take it: exactly one message exists.
			if n := len(srv.State().Messages); n != 1 {
				t.Fatalf("mock accepted %d messages, want 1", n)
			}
		})
	}
}

func TestAccMarketingMessage_refusedSendLeavesNoState(t *testing.T) {
	srv, ts := newMock(t, mock360.Options{})
	srv.Update(func(st *mock360.State) { st.OnboardingStatus = "ELIGIBLE" })
	strict := strings.Replace(simpleMessage, `language_code = "en"`, "language_code = \"en\"\n  product_policy = \"STRICT\"", 1)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{
				Config:      providerConfig(ts) + strict,
				ExpectError: errorLike("WhatsApp message not sent", "code 131055", "You must accept the Marketing Messages Lite API terms", "Overview > Alerts"),
			},
			{
				// Nothing went into state, so once onboarded the next apply sends.
				PreConfig: func() { srv.Update(func(st *mock360.State) { st.OnboardingStatus = "ONBOARDED" }) },
				Config:    providerConfig(ts) + strict,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(messageAddr, tfjsonpath.New("outcome"), knownvalue.StringExact("accepted")),
				},
				Check: checkFunc(wantSends(2, srv)),
			},
		},
	})
}

func TestAccMarketingMessage_throttleThenSuccess(t *testing.T) {
	srv, ts := newMock(t, mock360.Options{})
	srv.AddFault(mock360.Fault{Method: "POST", Path: "/marketing_messages", Status: 429})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: providerConfig(ts) + simpleMessage,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(messageAddr, tfjsonpath.New("outcome"), knownvalue.StringExact("accepted")),
			},
			Check: checkFunc(wantSends(2, srv)),
		}},
	})
	if n := len(srv.State().Messages); n != 1 {
		t.Fatalf("mock accepted %d messages, want exactly 1", n)
	}
}

// manyMessages sends to n recipients. It uses count, not for_each, because
// the test harness cannot shim for_each instances into its legacy state;
// the bench runs the for_each form with a real CLI.
func manyMessages(ts *httptest.Server, n int, providerExtra string) string {
	return fmt.Sprintf(`
provider "d360" {
  api_key         = %q
  base_url        = %q
  %s
}

resource "d360_marketing_message" "many" {
  count         = %d
  to            = format("49151%%08d", count.index)
  template_name = "marketing_text_no_param"
  language_code = "en"
}
`, testAPIKey, ts.URL, providerExtra, n)
}

// acceptedOnce fails unless every one of n recipients got exactly one message.
func acceptedOnce(t *testing.T, srv *mock360.Server, n int) {
	t.Helper()
	per := map[string]int{}
	for _, m := range srv.State().Messages {
		per[m.To]++
	}
	if len(per) != n {
		t.Fatalf("%d recipients got a message, want %d", len(per), n)
	}
	for to, c := range per {
		if c != 1 {
			t.Fatalf("%s got %d messages, want exactly 1", to, c)
		}
	}
}

// refusedSends counts the sends the mock answered with anything but 200.
func refusedSends(srv *mock360.Server) int {
	n := 0
	for _, r := range srv.RequestsTo("POST", "/marketing_messages") {
		if r.Status != 200 {
			n++
		}
	}
	return n
}

// TestAccMarketingMessage_paced: 50 sends with the mock limited to 20/s and
// the provider told so. The shared pace keeps every send under the limit.
func TestAccMarketingMessage_paced(t *testing.T) {
	srv, ts := newMock(t, mock360.Options{RateLimit: 20})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps:                    []resource.TestStep{{Config: manyMessages(ts, 50, "max_messages_per_second = 20")}},
	})
	acceptedOnce(t, srv, 50)
	if throttled := refusedSends(srv); throttled != 0 {
		t.Fatalf("%d sends were throttled; the shared pace should keep all 50 under 20/s", throttled)
	}
}

// TestAccMarketingMessage_rateLimitStorm: the provider believes it may send
// 80/s but the mock allows 5/s. Throttles are retried until every message is
// accepted exactly once, and none surfaces as an error.
func TestAccMarketingMessage_rateLimitStorm(t *testing.T) {
	srv, ts := newMock(t, mock360.Options{RateLimit: 5})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps:                    []resource.TestStep{{Config: manyMessages(ts, 15, "")}},
	})
	acceptedOnce(t, srv, 15)
	if refusedSends(srv) == 0 {
		t.Fatal("the mock never throttled, so this test proved nothing")
	}
}

// TestAccMarketingMessage_timeoutStopsBeforeSending: with the provider paced
// to one send per second and a create timeout of 1.5s, the third of three
// sends would have to wait about 2s for its turn. It gives up before sending
// anything, leaves no state, and the other two go out once each.
func TestAccMarketingMessage_timeoutStopsBeforeSending(t *testing.T) {
	srv, ts := newMock(t, mock360.Options{})
	config := fmt.Sprintf(`
provider "d360" {
  api_key                 = %q
  base_url                = %q
  max_messages_per_second = 1
}

resource "d360_marketing_message" "many" {
  count         = 3
  to            = format("49151%%08d", count.index)
  template_name = "marketing_text_no_param"
  language_code = "en"
  timeouts {
    create = "1500ms"
  }
}
`, testAPIKey, ts.URL)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config:      config,
			ExpectError: errorLike("WhatsApp message not sent", "cancelled or timed out before the request left", "nothing was sent"),
		}},
	})
	if n := len(sends(srv)); n != 2 {
		t.Fatalf("mock saw %d sends, want the 2 that fit in the timeout", n)
	}
	acceptedOnce(t, srv, 2)
}

// TestAccMarketingMessage_apiErrors: every documented synchronous send error
// becomes a diagnostic with the code, the API's words and what to do, and
// leaves nothing in state. Template checks are off so the API answers.
func TestAccMarketingMessage_apiErrors(t *testing.T) {
	cases := []struct {
		code    int
		message string
		advice  string
	}{
		{100, "(#100) Invalid parameter", "The API refused a parameter"},
		{131009, "(#131009) Parameter value is not valid", "wait about 10 minutes"},
		{131055, "(#131055) Method not allowed", "Only MARKETING templates can be sent through MM Lite"},
		{131062, "(#131062) Business-scoped User ID (BSUID) recipients are not supported for this message.", `Send to the phone number with "to"`},
		{131063, "(#131063) Marketing templates disabled for Cloud API", "turn off disable_marketing_messages_on_cloud_api"},
		{132000, "(#132000) Number of parameters does not match the expected number of params", "one parameter per {{n}} placeholder"},
		{132001, "(#132001) Template name does not exist in the translation", "not approved yet"},
	}
	for _, tc := range cases {
		t.Run(fmt.Sprint(tc.code), func(t *testing.T) {
			srv, ts := newMock(t, mock360.Options{})
			srv.AddFault(mock360.Fault{Method: "POST", Path: "/marketing_messages", Status: 400, Code: tc.code, Message: tc.message})
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders,
				Steps: []resource.TestStep{{
					Config:      strings.Replace(providerConfig(ts), "provider \"d360\" {", "provider \"d360\" {\n  validate_templates = false", 1) + simpleMessage,
					ExpectError: errorLike("WhatsApp message not sent", fmt.Sprintf("HTTP 400, code %d: %s", tc.code, tc.message), tc.advice),
				}},
			})
			if n := len(srv.RequestsTo("GET", "/v1/configs/templates")); n != 0 {
				t.Fatalf("validate_templates = false still read templates %d times", n)
			}
			if err := wantSends(1, srv)(); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestAccMarketingMessage_warnings reads the plugin protocol log, where every
// warning the provider returns is recorded, to prove that a plan warns before
// a send and sends nothing, and that an unknown outcome warns how to resend.
func TestAccMarketingMessage_warnings(t *testing.T) {
	srv, ts := newMock(t, mock360.Options{})
	logPath := t.TempDir() + "/warn.log"
	t.Setenv("TF_LOG", "WARN")
	t.Setenv("TF_ACC_LOG_PATH", logPath)
	readLog := func() string {
		raw, err := os.ReadFile(logPath)
		if err != nil {
			t.Fatal(err)
		}
		return string(raw)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{
				Config:             providerConfig(ts) + springSaleMessage("1"),
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
			},
			{
				PreConfig: func() {
					if err := wantSends(0, srv)(); err != nil {
						t.Fatalf("after a plan: %v", err)
					}
					// hclog writes a line's fields in no fixed order, so look
					// for the summary and the detail on one line.
					if !logHasLine(readLog(), `diagnostic_summary="Applying sends a WhatsApp message"`,
						`diagnostic_detail="Applying this plan sends the marketing template \"spring_sale\" to 4915112345678. A sent message cannot be recalled."`) {
						t.Fatal("the plan did not warn that applying sends a message")
					}
					srv.AddFault(mock360.Fault{Method: "POST", Path: "/marketing_messages", Status: 502, AfterEffect: true})
				},
				Config: providerConfig(ts) + springSaleMessage("1"),
				Check: checkFunc(func() error {
					log := readLog()
					// The detail spans lines, which hclog writes as an
					// indented block, so each fragment is looked for alone.
					for _, want := range []string{
						`diagnostic_summary="WhatsApp message outcome unknown"`,
						"so the next apply sends nothing",
						"change triggers or run terraform apply -replace=",
					} {
						if !strings.Contains(log, want) {
							return fmt.Errorf("the unknown outcome did not warn with %q", want)
						}
					}
					return wantSends(1, srv)()
				}),
			},
		},
	})
}

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
