package provider

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/d360-tf/terraform-provider-d360/internal/mock360"
)

func TestAccTemplate_lifecycle(t *testing.T) {
	srv, ts := newMock(t, mock360.Options{TemplateApprovalDelay: 2 * time.Second})
	config := providerConfig(ts) + summerTemplate(summerBody)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					mockCheck(func() error {
						posts := srv.RequestsTo("POST", "/v1/configs/templates")
						if len(posts) != 1 {
							return fmt.Errorf("want one template POST, got %d", len(posts))
						}
						body := string(posts[0].Body)
						for _, want := range []string{`"name":"summer_sale"`, `"category":"MARKETING"`, `"message_send_ttl_seconds":86400`,
							`{"type":"BODY","text":"Hi {{1}}, {{2}} off all summer.","example":{"body_text":[["Ana","25%"]]}}`,
							`{"type":"URL","text":"Shop now","url":"https://shop.example.com/summer/{{1}}","example":["https://shop.example.com/summer/a1"]}`} {
							if !strings.Contains(body, want) {
								return fmt.Errorf("create body lacks %s: %s", want, body)
							}
						}
						return nil
					}),
					statecheck.ExpectKnownValue(templateAddr, tfjsonpath.New("status"), knownvalue.StringExact("APPROVED")),
					statecheck.ExpectKnownValue(templateAddr, tfjsonpath.New("approved_name"), knownvalue.StringExact("summer_sale")),
					statecheck.ExpectKnownValue(templateAddr, tfjsonpath.New("id"), knownvalue.StringExact("summer_sale/en")),
				},
			},
			{
				ResourceName:            templateAddr,
				ImportState:             true,
				ImportStateId:           "summer_sale/en",
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"wait_for_approval", "timeouts"},
			},
			{
				// Editing an approved template would delete it and lock the name.
				Config:      providerConfig(ts) + summerTemplate("Hi {{1}}, {{2}} off everything this summer."),
				ExpectError: errorLike("Replacing an approved template would lock its name", `such as "summer_sale_v2"`),
			},
			{
				// Deleted in WhatsApp Manager: it drops out of state and is created again.
				PreConfig: func() {
					srv.Update(func(st *mock360.State) {
						kept := st.Templates[:0]
						for _, tpl := range st.Templates {
							if tpl.Name != "summer_sale" {
								kept = append(kept, tpl)
							}
						}
						st.Templates = kept
					})
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(templateAddr, plancheck.ResourceActionCreate)},
				},
			},
		},
	})
}

func TestAccTemplate_rejected(t *testing.T) {
	_, ts := newMock(t, mock360.Options{TemplateApprovalDelay: time.Second, RejectPhrase: "guaranteed"})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config:      providerConfig(ts) + summerTemplate("Hi {{1}}, {{2}} off, guaranteed."),
			ExpectError: errorLike("Template rejected", `Meta rejected template "summer_sale" (en): ABUSIVE_CONTENT`),
		}},
	})
}

func TestAccTemplate_planTimeValidation(t *testing.T) {
	base := func(components string) string {
		return fmt.Sprintf(`
resource "d360_template" "summer" {
  name       = "summer_sale"
  language   = "en"
  category   = "MARKETING"
  components = %s
}
`, components)
	}
	cases := map[string]struct {
		components string
		expect     []string
	}{
		"body too long": {`{ body = { text = "` + strings.Repeat("a", 1025) + `" } }`, []string{"body text is 1025 characters; the limit is 1024"}},
		"header too long": {
			`{ header = { format = "TEXT", text = "` + strings.Repeat("h", 61) + `" }, body = { text = "b" } }`,
			[]string{"header text is 61 characters; the limit is 60"},
		},
		"button too long": {
			`{ body = { text = "b" }, buttons = [{ type = "QUICK_REPLY", text = "` + strings.Repeat("x", 26) + `" }] }`,
			[]string{"is 26 characters; the limit is 25"},
		},
		"placeholder gap":  {`{ body = { text = "Hi {{1}} and {{3}}", examples = ["a", "b"] } }`, []string{"numbered {{1}} to {{2}} without gaps"}},
		"missing examples": {`{ body = { text = "Hi {{1}} and {{2}}", examples = ["a"] } }`, []string{"the body has 2 variable(s) but 1 example(s)"}},
		"button order": {`{ body = { text = "b" }, buttons = [
      { type = "QUICK_REPLY", text = "a" }, { type = "URL", text = "u", url = "https://x.example.com" }, { type = "QUICK_REPLY", text = "c" }] }`,
			[]string{"quick reply buttons must be next to each other"}},
		"too many URL buttons": {`{ body = { text = "b" }, buttons = [
      { type = "URL", text = "1", url = "https://x.example.com/1" }, ` +
			`{ type = "URL", text = "2", url = "https://x.example.com/2" }, { type = "URL", text = "3", url = "https://x.example.com/3" }] }`,
			[]string{"at most 2 URL button(s); it has 3"}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			srv, ts := newMock(t, mock360.Options{})
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders,
				Steps: []resource.TestStep{
					{Config: providerConfig(ts) + base(tc.components), ExpectError: errorLike(append([]string{"Template would be rejected"}, tc.expect...)...)},
				},
			})
			if n := len(srv.Requests()); n != 0 {
				t.Fatalf("an invalid template reached the API: %d requests", n)
			}
		})
	}
}

// TestAccTemplate_sendWaitsForApproval: a message that uses the template's
// approved_name is sent in the same apply, after the approval.
func TestAccTemplate_sendWaitsForApproval(t *testing.T) {
	srv, ts := newMock(t, mock360.Options{TemplateApprovalDelay: 2 * time.Second})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: providerConfig(ts) + summerTemplate(summerBody) + `
resource "d360_marketing_message" "test" {
  to              = "4915112345678"
  template_name   = d360_template.summer.approved_name
  language_code   = d360_template.summer.language
  body_parameters = [{ text = "Ana" }, { text = "25%" }]
  buttons         = [{ index = 0, sub_type = "url", text = "a1" }]
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(messageAddr, tfjsonpath.New("outcome"), knownvalue.StringExact("accepted")),
			},
		}},
	})
	var created, sent time.Time
	for _, r := range srv.Requests() {
		if r.Method == "POST" && r.Path == "/v1/configs/templates" {
			created = r.Time
		}
		if r.Method == "POST" && r.Path == "/marketing_messages" {
			sent = r.Time
		}
	}
	if created.IsZero() || sent.Sub(created) < 2*time.Second {
		t.Fatalf("the send (%v) came less than the 2s approval delay after the create (%v)", sent, created)
	}
}
