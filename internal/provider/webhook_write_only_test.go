package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/d360-tf/terraform-provider-d360/internal/mock360"
)

func webhookWOConfig(secret string, version int) string {
	return fmt.Sprintf(`
resource "d360_webhook" "this" {
  url                = "https://hooks.example.com/whatsapp"
  headers_wo         = { "X-Hook-Secret" = %q }
  headers_wo_version = %d
}
`, secret, version)
}

// stateLacks fails when the text appears anywhere in the state, as the CLI
// shows it in JSON (attributes, sensitive or not, and identity).
type stateLacks string

func (s stateLacks) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	raw, err := json.Marshal(req.State)
	if err != nil {
		resp.Error = err
		return
	}
	if strings.Contains(string(raw), string(s)) {
		resp.Error = fmt.Errorf("the write-only value %q is in state: %s", string(s), raw)
	}
	if !strings.Contains(string(raw), "hooks.example.com") {
		resp.Error = fmt.Errorf("the state does not hold the webhook, so it proves nothing: %s", raw)
	}
}

// webhookPosts checks the number of webhook POSTs and that the last one
// carried the secret header value.
func webhookPosts(srv *mock360.Server, n int, lastSecret string) func() error {
	return func() error {
		posts := srv.RequestsTo("POST", "/v1/configs/webhook")
		if len(posts) != n {
			return fmt.Errorf("want %d webhook POSTs, got %d", n, len(posts))
		}
		want := fmt.Sprintf(`"headers":{"X-Hook-Secret":%q}`, lastSecret)
		if body := string(posts[n-1].Body); !strings.Contains(body, want) {
			return fmt.Errorf("the last webhook POST lacks %s: %s", want, body)
		}
		if wh := srv.State().Webhook; wh == nil || wh.Headers["X-Hook-Secret"] != lastSecret {
			return fmt.Errorf("mock webhook is %+v, want the header %q", wh, lastSecret)
		}
		return nil
	}
}

// TestAccWebhook_writeOnlyHeaders: headers_wo reaches 360dialog but never
// state; a new value alone plans nothing and sends nothing; a new
// headers_wo_version sends the new value.
func TestAccWebhook_writeOnlyHeaders(t *testing.T) {
	srv, ts := newMock(t, mock360.Options{})
	const first, second, third = "wo-first-5b1c", "wo-second-9e4d", "wo-third-2a7f"
	noSecrets := []statecheck.StateCheck{stateLacks(first), stateLacks(second), stateLacks(third),
		statecheck.ExpectKnownValue(webhookAddr, tfjsonpath.New("headers_wo"), knownvalue.Null()),
		statecheck.ExpectKnownValue(webhookAddr, tfjsonpath.New("headers"), knownvalue.Null())}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		Steps: []resource.TestStep{
			{
				Config:            providerConfig(ts) + webhookWOConfig(first, 1),
				ConfigStateChecks: append([]statecheck.StateCheck{mockCheck(webhookPosts(srv, 1, first))}, noSecrets...),
			},
			{
				// Unchanged version: nothing to plan, nothing sent.
				Config:            providerConfig(ts) + webhookWOConfig(second, 1),
				ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				ConfigStateChecks: append([]statecheck.StateCheck{mockCheck(webhookPosts(srv, 1, first))}, noSecrets...),
			},
			{
				Config: providerConfig(ts) + webhookWOConfig(third, 2),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(webhookAddr, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: append([]statecheck.StateCheck{mockCheck(webhookPosts(srv, 2, third))}, noSecrets...),
			},
			{
				// Headers removed in the Hub: the version is cleared, so the next apply sends them again.
				PreConfig: func() { srv.Update(func(st *mock360.State) { st.Webhook.Headers = nil }) },
				Config:    providerConfig(ts) + webhookWOConfig(third, 2),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(webhookAddr, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{mockCheck(webhookPosts(srv, 3, third))},
			},
		},
	})
}

func TestAccWebhook_writeOnlyHeadersConflict(t *testing.T) {
	_, ts := newMock(t, mock360.Options{})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		Steps: []resource.TestStep{
			{
				Config: providerConfig(ts) + `
resource "d360_webhook" "this" {
  url                = "https://hooks.example.com/whatsapp"
  headers            = { "X-Plain" = "a" }
  headers_wo         = { "X-Hook-Secret" = "b" }
  headers_wo_version = 1
}
`,
				ExpectError: errorLike("Invalid Attribute Combination", "cannot be specified when", "headers"),
			},
			{
				Config: providerConfig(ts) + `
resource "d360_webhook" "this" {
  url        = "https://hooks.example.com/whatsapp"
  headers_wo = { "X-Hook-Secret" = "b" }
}
`,
				ExpectError: errorLike("Invalid Attribute Combination", "headers_wo_version", "must be specified"),
			},
		},
	})
}
