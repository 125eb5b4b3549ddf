package provider

import (
	"os"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/d360-tf/terraform-provider-d360/internal/mock360"
)

// replaceWarningSteps applies before, then plans after with only triggers
// changed, and asserts the provider warned from the FIRST plan call of the
// replacement: the one with the prior state, whose warnings Terraform shows.
// Terraform drops the warnings of the second call, so a warning that only
// the second call gives never reaches the user. The wording is the
// replacement's own, which the second call (no prior state) cannot produce.
func replaceWarningSteps(t *testing.T, srv *mock360.Server, before, after string, sent int, fragments ...string) {
	logPath := t.TempDir() + "/warn.log"
	t.Setenv("TF_LOG", "WARN")
	t.Setenv("TF_ACC_LOG_PATH", logPath)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{Config: before, ConfigStateChecks: []statecheck.StateCheck{mockCheck(wantSends(sent, srv))}},
			{
				PreConfig:          func() { _ = os.Truncate(logPath, 0) },
				Config:             after,
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
			},
		},
	})
	if err := wantSends(sent, srv)(); err != nil {
		t.Fatalf("after the plan: %v", err)
	}
	raw, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatal(err)
	}
	if !logHasLine(string(raw), fragments...) {
		t.Fatalf("the plan of a triggers change did not warn from its first call with %q", fragments)
	}
}

func TestAccMarketingMessage_replaceWarns(t *testing.T) {
	srv, ts := newMock(t, mock360.Options{})
	replaceWarningSteps(t, srv, providerConfig(ts)+springSaleMessage("1"), providerConfig(ts)+springSaleMessage("2"), 1,
		`diagnostic_summary="Applying sends a WhatsApp message"`,
		`replaces the sent message and sends the marketing template \"spring_sale\" to 4915112345678 again`)
}

func TestAccMarketingBroadcast_replaceWarns(t *testing.T) {
	srv, ts := newMock(t, mock360.Options{})
	recipients := numbers(0, 2)
	replaceWarningSteps(t, srv, providerConfig(ts)+broadcastConfig(recipients, "1", ""), providerConfig(ts)+broadcastConfig(recipients, "2", ""), 2,
		`diagnostic_summary="Applying sends WhatsApp messages"`,
		`to 2 recipient(s): 4915100000000, 4915100000001. This starts a new generation: every recipient is sent to again.`)
}
