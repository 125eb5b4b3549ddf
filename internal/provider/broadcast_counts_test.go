package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/d360-tf/terraform-provider-d360/internal/mock360"
)

// TestAccMarketingBroadcast_countsFollowRecipients: three recipients are
// refused; removing them sends nothing and brings failed_count to 0, so a
// postcondition on it can pass without resending to everyone.
func TestAccMarketingBroadcast_countsFollowRecipients(t *testing.T) {
	srv, ts := newMock(t, mock360.Options{})
	kept, refused := numbers(0, 7), numbers(100, 3)
	all := append(append([]string{}, kept...), refused...)
	postcondition := `  lifecycle {
    postcondition {
      condition     = self.failed_count == 0
      error_message = "some recipients were refused"
    }
  }`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{Config: providerConfig(ts) + broadcastConfig(kept, "1", ""), ConfigStateChecks: append(expectCounts(7, 0, 0), mockCheck(wantSends(7, srv)))},
			{
				PreConfig: func() {
					srv.AddFault(
						mock360.Fault{Method: "POST", Path: "/marketing_messages", Status: 400, Code: 131026, Message: "(#131026) Message undeliverable", Times: 3},
					)
				},
				Config:             providerConfig(ts) + broadcastConfig(all, "1", ""),
				ExpectNonEmptyPlan: true,
				ConfigStateChecks:  append(append(expectCounts(7, 3, 0), expectRecord(7, refused)...), mockCheck(wantSends(10, srv))),
			},
			{
				// The refused ones removed: an update that sends nothing, the
				// counts are those of the seven left, and the postcondition holds.
				Config: providerConfig(ts) + broadcastConfig(kept, "1", postcondition),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(broadcastAddr, plancheck.ResourceActionUpdate)},
				},
				// The record keeps the removed recipients' refusals.
				ConfigStateChecks: append(append(expectCounts(7, 0, 0), expectRecord(7, refused)...), mockCheck(wantSends(10, srv))),
			},
		},
	})
}

// expectRecord: the accepted recipients' ids in message_ids, and each
// refused recipient in not_accepted, with the API's code and error.
func expectRecord(accepted int, refused []string) []statecheck.StateCheck {
	entries := map[string]knownvalue.Check{}
	for _, to := range refused {
		entries[to] = knownvalue.ObjectExact(map[string]knownvalue.Check{
			"outcome":    knownvalue.StringExact("failed"),
			"error_code": knownvalue.Int64Exact(131026),
			"error":      knownvalue.StringRegexp(regexp.MustCompile(`131026`)),
		})
	}
	return []statecheck.StateCheck{
		statecheck.ExpectKnownValue(broadcastAddr, tfjsonpath.New("message_ids"), knownvalue.MapSizeExact(accepted)),
		statecheck.ExpectKnownValue(broadcastAddr, tfjsonpath.New("not_accepted"), knownvalue.MapExact(entries)),
	}
}
