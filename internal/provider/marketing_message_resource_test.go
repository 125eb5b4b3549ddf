package provider

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/d360-tf/terraform-provider-d360/internal/mock360"
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
					mockCheck(func() error {
						if err := wantSends(1, srv)(); err != nil {
							return err
						}
						want := `{"messaging_product":"whatsapp","recipient_type":"individual","to":"4915112345678","type":"template",` +
							`"template":{"name":"spring_sale","language":{"code":"en","policy":"deterministic"},"components":[` +
							`{"type":"body","parameters":[{"type":"text","text":"Ana"},` +
							`{"type":"currency","currency":{"fallback_value":"€20","code":"EUR","amount_1000":20000}}]},` +
							`{"type":"button","sub_type":"url","index":"0","parameters":[{"type":"text","text":"spring-2026"}]}]},` +
							`"message_activity_sharing":true,"product_policy":"STRICT"}`
						if got := sends(srv)[0]; got != want {
							return fmt.Errorf("send body:\n got  %s\n want %s", got, want)
						}
						return nil
					}),
					statecheck.ExpectKnownValue(messageAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(wamidPattern)),
					statecheck.ExpectKnownValue(messageAddr, tfjsonpath.New("outcome"), knownvalue.StringExact("accepted")),
					statecheck.ExpectKnownValue(messageAddr, tfjsonpath.New("wa_id"), knownvalue.StringExact("4915112345678")),
					statecheck.ExpectKnownValue(messageAddr, tfjsonpath.New("message_status"), knownvalue.StringExact("accepted")),
					statecheck.ExpectKnownValue(messageAddr, tfjsonpath.New("language_policy"), knownvalue.StringExact("deterministic")),
					sameID.AddStateValue(messageAddr, tfjsonpath.New("id")),
					newID.AddStateValue(messageAddr, tfjsonpath.New("id")),
				},
			},
			{
				// The same configuration again: nothing to do, nothing sent.
				Config: providerConfig(ts) + springSaleMessage("1"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectEmptyPlan(),
				}},
				ConfigStateChecks: []statecheck.StateCheck{mockCheck(wantSends(1, srv)), sameID.AddStateValue(messageAddr, tfjsonpath.New("id"))},
			},
			{
				// A new trigger is the deliberate resend: a replace, one more POST, a new id.
				Config: providerConfig(ts) + springSaleMessage("2"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(messageAddr, plancheck.ResourceActionReplace),
				}},
				ConfigStateChecks: []statecheck.StateCheck{mockCheck(wantSends(2, srv)), newID.AddStateValue(messageAddr, tfjsonpath.New("id"))},
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
				ConfigStateChecks: []statecheck.StateCheck{mockCheck(func() error {
					want := `{"messaging_product":"whatsapp","recipient_type":"individual","to":"4915112345678","type":"template",` +
						`"template":{"name":"spring_sale","language":{"code":"en","policy":"deterministic"},"components":` +
						`[{"type":"body","parameters":[{"type":"text","text":"Ana"},{"type":"text","text":"20%"}]},` +
						`{"type":"button","sub_type":"url","index":0,"parameters":[{"type":"text","text":"spring"}]}]}}`
					if got := sends(srv); len(got) != 1 || got[0] != want {
						return fmt.Errorf("sends:\n got  %q\n want %s", got, want)
					}
					return nil
				})},
			},
			{
				// Only whitespace differs: the JSON is the same, so no resend.
				Config:            config("\n    "),
				ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				ConfigStateChecks: []statecheck.StateCheck{mockCheck(wantSends(1, srv))},
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
		{"misspelt template", msg("sprng_sale", "en", springBody), nil,
			[]string{"Template check failed", `template "sprng_sale" does not exist on this channel`, `Did you mean "spring_sale"?`, "Nothing was sent"}},
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
			// A missing template costs a second GET: the channel's names,
			// for the nearest ones.
			want := 1
			if strings.Contains(strings.Join(tc.expect, " "), "does not exist") {
				want = 2
			}
			if n := len(srv.RequestsTo("GET", "/v1/configs/templates")); n != want {
				t.Fatalf("want exactly %d template GET(s), got %d", want, n)
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
		{"to and recipient", "to = \"4915112345678\"\n  recipient = \"US.1234\"", []string{"Invalid Attribute Combination", "Both to and recipient are set"}},
		{"neither recipient", ``, []string{"Invalid Attribute Combination", "Neither to nor recipient is set"}},
		// The per-send TTL was removed before 0.1.0: Meta sets the TTL on the template.
		{"no per-send ttl", "to = \"4915112345678\"\n  message_send_ttl_seconds = 86400", []string{"Unsupported argument", "message_send_ttl_seconds"}},
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
			[]string{"Invalid Attribute Combination", "Body parameter 1 must set exactly one of text, currency and date_time, and sets 2 of them"},
		},
		{
			"body parameter without a kind",
			"to = \"4915112345678\"\n  body_parameters = [{ text = \"a\" }, { parameter_name = \"b\" }]",
			[]string{"Invalid Attribute Combination", "Body parameter 2 must set exactly one of text, currency and date_time, and sets none of them"},
		},
		{
			"body text with a line break",
			"to = \"4915112345678\"\n  body_parameters = [{ text = \"a\\nb\" }]",
			[]string{"Invalid template parameter", "Body parameter 1"},
		},
		{
			"too many body parameters",
			"to = \"4915112345678\"\n  body_parameters = [for i in range(205) : { text = \"v${i}\" }]",
			[]string{"body_parameters", "at most 204"},
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
