package provider

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/d360-tf/terraform-provider-d360/internal/mock360"
)

func webhookConfig(url string) string {
	return fmt.Sprintf(`
resource "d360_webhook" "this" {
  url = %q
  headers = {
    "X-Hook-Secret" = "s3cr3t"
  }
}
`, url)
}

// mockWebhook fails unless the mock's channel webhook is url.
func mockWebhook(srv *mock360.Server, url string) func() error {
	return func() error {
		wh := srv.State().Webhook
		if wh == nil || wh.URL != url || wh.Headers["X-Hook-Secret"] != "s3cr3t" {
			return fmt.Errorf("mock webhook is %+v, want %s with the secret header", wh, url)
		}
		return nil
	}
}

func TestAccWebhook_lifecycle(t *testing.T) {
	srv, ts := newMock(t, mock360.Options{})
	const a, b, c = "https://hooks.example.com/whatsapp", "https://elsewhere.example.com/x", "https://hooks.example.com/v2"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		CheckDestroy: func(*terraform.State) error {
			// Destroy cannot unset the webhook; it must still be there.
			if wh := srv.State().Webhook; wh == nil || wh.URL != c {
				return fmt.Errorf("after destroy the mock webhook is %+v, want %s left in place", wh, c)
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				Config: providerConfig(ts) + webhookConfig(a),
				ConfigStateChecks: []statecheck.StateCheck{
					mockCheck(mockWebhook(srv, a)),
					statecheck.ExpectKnownValue(webhookAddr, tfjsonpath.New("id"), knownvalue.StringExact("webhook")),
					statecheck.ExpectKnownValue(webhookAddr, tfjsonpath.New("url"), knownvalue.StringExact(a)),
				},
			},
			{
				// Changed in the Hub: the refresh sees it and the plan puts it back.
				PreConfig: func() {
					srv.Update(func(st *mock360.State) { st.Webhook.URL = b })
				},
				Config: providerConfig(ts) + webhookConfig(a),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(webhookAddr, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{mockCheck(mockWebhook(srv, a))},
			},
			{
				Config: providerConfig(ts) + webhookConfig(c),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(webhookAddr, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{mockCheck(mockWebhook(srv, c))},
			},
			{
				// Import reads the URL and the header names, never a header
				// value: the secret may have come from headers_wo.
				ResourceName:            webhookAddr,
				ImportState:             true,
				ImportStateId:           "webhook",
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"headers.%", "headers.X-Hook-Secret"},
				ImportStateCheck:        importedHeadersUnread,
			},
			{
				// Gone at 360dialog: it drops out of state and is created again.
				PreConfig: func() { srv.Update(func(st *mock360.State) { st.Webhook = nil }) },
				Config:    providerConfig(ts) + webhookConfig(c),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(webhookAddr, plancheck.ResourceActionCreate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{mockCheck(mockWebhook(srv, c))},
			},
		},
	})
}

func TestAccWebhook_validation(t *testing.T) {
	cases := map[string][]string{
		"http://hooks.example.com/x":      {"Invalid webhook URL", "must use https"},
		"https://my_hooks.example.com/x":  {"Invalid webhook URL", `the host "my_hooks.example.com" contains an underscore`},
		"https://hooks.example.com:8443/": {"Invalid webhook URL", "explicit port (8443)"},
	}
	for url, expect := range cases {
		t.Run(url, func(t *testing.T) {
			srv, ts := newMock(t, mock360.Options{})
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders,
				Steps:                    []resource.TestStep{{Config: providerConfig(ts) + webhookConfig(url), ExpectError: errorLike(expect...)}},
			})
			if n := len(srv.Requests()); n != 0 {
				t.Fatalf("an invalid URL reached the API: %d requests", n)
			}
		})
	}
}

func TestAccWebhook_importRejectsOtherIDs(t *testing.T) {
	_, ts := newMock(t, mock360.Options{})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config:        providerConfig(ts) + webhookConfig("https://hooks.example.com/whatsapp"),
			ResourceName:  webhookAddr,
			ImportState:   true,
			ImportStateId: "my-webhook",
			ExpectError:   errorLike("Invalid import id", `with the id "webhook"`),
		}},
	})
}

// TestAccWebhook_destroyWarns proves from the protocol log that destroy says
// the URL stays configured, and from the mock that it does.
func TestAccWebhook_destroyWarns(t *testing.T) {
	srv, ts := newMock(t, mock360.Options{})
	logPath := t.TempDir() + "/warn.log"
	t.Setenv("TF_LOG", "WARN")
	t.Setenv("TF_ACC_LOG_PATH", logPath)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps:                    []resource.TestStep{{Config: providerConfig(ts) + webhookConfig("https://hooks.example.com/whatsapp")}},
	})
	raw, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatal(err)
	}
	if !logHasLine(
		string(raw),
		`diagnostic_summary="Webhook left configured at 360dialog"`,
		"https://hooks.example.com/whatsapp stays the channel's webhook",
	) {
		t.Fatal("destroy did not warn that the webhook stays configured")
	}
	if wh := srv.State().Webhook; wh == nil || wh.URL != "https://hooks.example.com/whatsapp" {
		t.Fatalf("after destroy the mock webhook is %+v", wh)
	}
}

// importedHeadersUnread: the imported state has the header's name with the
// placeholder, and the secret nowhere.
func importedHeadersUnread(states []*terraform.InstanceState) error {
	if len(states) != 1 {
		return fmt.Errorf("imported %d instances, want 1", len(states))
	}
	attrs := states[0].Attributes
	if got := attrs["headers.X-Hook-Secret"]; got != unreadHeaderValue {
		return fmt.Errorf("imported headers.X-Hook-Secret = %q, want %q", got, unreadHeaderValue)
	}
	for k, v := range attrs {
		if strings.Contains(v, "s3cr3t") {
			return fmt.Errorf("imported state holds the secret header value in %s", k)
		}
	}
	return nil
}

// importSetsHeadersOnly: after an import the plan is an update that keeps
// the URL and sets the configured header.
var importSetsHeadersOnly = resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{
	plancheck.ExpectResourceAction(webhookAddr, plancheck.ResourceActionUpdate),
	plancheck.ExpectKnownValue(webhookAddr, tfjsonpath.New("url"), knownvalue.StringExact("https://hooks.example.com/whatsapp")),
}}

// TestAccWebhook_importByIdentity: the identity is the constant id, and an
// import block with it (Terraform 1.12+) imports the webhook; the plan only
// sets the configured header again.
func TestAccWebhook_importByIdentity(t *testing.T) {
	_, ts := newMock(t, mock360.Options{})
	config := providerConfig(ts) + webhookConfig("https://hooks.example.com/whatsapp")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectIdentity(webhookAddr, map[string]knownvalue.Check{"id": knownvalue.StringExact("webhook")}),
				},
			},
			// The plan after import sets the configured header again: import
			// does not read header values, so it cannot know they match.
			{Config: config, ResourceName: webhookAddr, ImportState: true, ImportStateKind: resource.ImportBlockWithResourceIdentity,
				ExpectNonEmptyPlan: true, ImportPlanChecks: importSetsHeadersOnly},
			{Config: config, ResourceName: webhookAddr, ImportState: true, ImportStateKind: resource.ImportBlockWithID, ImportStateId: "webhook",
				ExpectNonEmptyPlan: true, ImportPlanChecks: importSetsHeadersOnly},
			{
				Config: config + `
import {
  to       = d360_webhook.other
  identity = { id = "my-webhook" }
}
resource "d360_webhook" "other" {
  url = "https://hooks.example.com/whatsapp"
}
`,
				PlanOnly:    true,
				ExpectError: errorLike("Invalid import identity", `identity = { id = "webhook" }`),
			},
		},
	})
}
