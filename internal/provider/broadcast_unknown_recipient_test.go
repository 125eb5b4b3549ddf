package provider

import (
	"fmt"
	"os"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/d360-tf/terraform-provider-d360/internal/mock360"
)

// broadcastTo is a broadcast of marketing_text_no_param to recipients, an
// HCL list expression.
func broadcastTo(recipients string) string {
	return fmt.Sprintf(`
resource "d360_marketing_broadcast" "test" {
  recipients    = %s
  template_name = "marketing_text_no_param"
  language_code = "en"
}
`, recipients)
}

// A recipient known only at apply (another resource's output) added to an
// existing broadcast: the plan marks the record and counts unknown and
// warns that it sends, and the apply sends once, to that recipient only.
// It used to plan message_ids as known and fail the apply with "Provider
// produced inconsistent final plan".
func TestAccMarketingBroadcast_recipientKnownOnlyAtApply(t *testing.T) {
	srv, ts := newMock(t, mock360.Options{})
	logPath := t.TempDir() + "/warn.log"
	t.Setenv("TF_LOG", "WARN")
	t.Setenv("TF_ACC_LOG_PATH", logPath)
	later := `
resource "terraform_data" "new_recipient" {
  input = "4915100000003"
}
`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{
				Config:            providerConfig(ts) + broadcastTo(`["4915100000001", "4915100000002"]`),
				ConfigStateChecks: []statecheck.StateCheck{mockCheck(wantSends(2, srv))},
			},
			{
				PreConfig: func() { _ = os.Truncate(logPath, 0) },
				Config:    providerConfig(ts) + later + broadcastTo(`["4915100000001", "4915100000002", terraform_data.new_recipient.output]`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(broadcastAddr, plancheck.ResourceActionUpdate),
					plancheck.ExpectUnknownValue(broadcastAddr, tfjsonpath.New("message_ids")),
					plancheck.ExpectUnknownValue(broadcastAddr, tfjsonpath.New("accepted_count")),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					mockCheck(wantSends(3, srv)),
					statecheck.ExpectKnownValue(broadcastAddr, tfjsonpath.New("accepted_count"), knownvalue.Int64Exact(3)),
					statecheck.ExpectKnownValue(broadcastAddr, tfjsonpath.New("message_ids"), knownvalue.MapSizeExact(3)),
					mockCheck(func() error {
						for to, n := range perRecipient(srv) {
							if n != 1 {
								return fmt.Errorf("%s got %d messages, want 1", to, n)
							}
						}
						return nil
					}),
				},
			},
		},
	})
	raw, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatal(err)
	}
	if !logHasLine(string(raw), `diagnostic_summary="Applying sends WhatsApp messages"`,
		`1 recipient(s) are known only at apply (they come from another resource) and are sent to as well`) {
		t.Fatal("the plan did not warn that the apply sends to a recipient known only then")
	}
}
