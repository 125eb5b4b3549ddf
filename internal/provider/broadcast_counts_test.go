package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

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
				ConfigStateChecks:  append(expectCounts(7, 3, 0), mockCheck(wantSends(10, srv))),
			},
			{
				// The refused ones removed: an update that sends nothing, the
				// counts are those of the seven left, and the postcondition holds.
				Config: providerConfig(ts) + broadcastConfig(kept, "1", postcondition),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(broadcastAddr, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: append(expectCounts(7, 0, 0), mockCheck(wantSends(10, srv))),
			},
		},
	})
}
