package provider

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/d360-tf/terraform-provider-d360/internal/mock360"
)

func reversed(in []string) []string {
	out := make([]string, len(in))
	for i, v := range in {
		out[len(in)-1-i] = v
	}
	return out
}

func TestAccMarketingBroadcast_generations(t *testing.T) {
	srv, ts := newMock(t, mock360.Options{})
	first := numbers(0, 10)
	grown := append(append([]string{}, first...), numbers(100, 2)...)
	shrunk := grown[1:]
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{
				Config: providerConfig(ts) + broadcastConfig(first, "1", ""),
				ConfigStateChecks: append(
					expectCounts(10, 0, 0),
					statecheck.ExpectKnownValue(
						broadcastAddr,
						tfjsonpath.New("message_ids").AtMapKey(first[3]),
						knownvalue.StringRegexp(wamidPattern),
					),
					mockCheck(wantSends(10, srv)),
				),
			},
			{
				Config:            providerConfig(ts) + broadcastConfig(first, "1", ""),
				ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				ConfigStateChecks: []statecheck.StateCheck{mockCheck(wantSends(10, srv))},
			},
			{
				// The same recipients in another order: nothing to do.
				Config:            providerConfig(ts) + broadcastConfig(reversed(first), "1", ""),
				ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				ConfigStateChecks: []statecheck.StateCheck{mockCheck(wantSends(10, srv))},
			},
			{
				// Two new recipients: an update that sends exactly two.
				Config: providerConfig(ts) + broadcastConfig(grown, "1", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(broadcastAddr, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: append(expectCounts(12, 0, 0), mockCheck(wantSends(12, srv))),
			},
			{
				// One removed: nothing is sent, and its record stays; the
				// counts describe the current recipients only.
				Config: providerConfig(ts) + broadcastConfig(shrunk, "1", ""),
				ConfigStateChecks: append(
					expectCounts(11, 0, 0),
					statecheck.ExpectKnownValue(
						broadcastAddr,
						tfjsonpath.New("message_ids").AtMapKey(grown[0]),
						knownvalue.StringRegexp(wamidPattern),
					),
					mockCheck(wantSends(12, srv)),
				),
			},
			{
				// Added back in the same generation: still not sent twice.
				Config: providerConfig(ts) + broadcastConfig(grown, "1", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(broadcastAddr, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{mockCheck(wantSends(12, srv))},
			},
			{
				// A new trigger is a new generation: everyone again.
				Config: providerConfig(ts) + broadcastConfig(grown, "2", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(broadcastAddr, plancheck.ResourceActionReplace)},
				},
				ConfigStateChecks: append(expectCounts(12, 0, 0), mockCheck(wantSends(24, srv))),
			},
		},
	})
	for to, n := range perRecipient(srv) {
		if n != 2 {
			t.Errorf("%s got %d messages over two generations, want 2", to, n)
		}
	}
}

func TestAccMarketingBroadcast_partialFailure(t *testing.T) {
	srv, ts := newMock(t, mock360.Options{})
	srv.AddFault(
		mock360.Fault{Method: "POST", Path: "/marketing_messages", Status: 400, Code: 131026, Message: "(#131026) Message undeliverable", Times: 3},
	)
	recipients := numbers(0, 10)
	config := providerConfig(ts) + broadcastConfig(recipients, "1", "")
	var failedBefore []string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{
				// The apply succeeds: failures are recorded, not fatal, and
				// the plan that follows is not empty: it retries them.
				Config:             config,
				ExpectNonEmptyPlan: true,
				ConfigStateChecks: append(expectCounts(7, 3, 0), mockCheck(func() error {
					for to, n := range perRecipient(srv) {
						if n != 1 {
							return fmt.Errorf("%s got %d", to, n)
						}
					}
					for _, to := range recipients {
						if perRecipient(srv)[to] == 0 {
							failedBefore = append(failedBefore, to)
						}
					}
					return wantSends(10, srv)()
				})),
			},
			{
				// Not tainted: the next plan is an update, and only the
				// three refused recipients are sent to.
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(broadcastAddr, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: append(expectCounts(10, 0, 0), mockCheck(wantSends(13, srv))),
			},
		},
	})
	if len(failedBefore) != 3 {
		t.Fatalf("want 3 refused recipients after the first apply, got %v", failedBefore)
	}
	for _, to := range recipients {
		if n := perRecipient(srv)[to]; n != 1 {
			t.Errorf("%s got %d messages, want exactly 1", to, n)
		}
	}
}

func TestAccMarketingBroadcast_unknownOutcomeNeverResent(t *testing.T) {
	srv, ts := newMock(t, mock360.Options{})
	srv.AddFault(mock360.Fault{Method: "POST", Path: "/marketing_messages", Status: 503, AfterEffect: true, Times: 1})
	config := providerConfig(ts) + broadcastConfig(numbers(0, 5), "1", "")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{Config: config, ConfigStateChecks: append(expectCounts(4, 0, 1), mockCheck(wantSends(5, srv)))},
			{
				Config:            config,
				ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				ConfigStateChecks: []statecheck.StateCheck{mockCheck(wantSends(5, srv))},
			},
		},
	})
	if n := len(srv.State().Messages); n != 5 {
		t.Fatalf("the mock took %d messages, want 5 (the unknown one did arrive)", n)
	}
}

// TestAccMarketingBroadcast_stopsPartWay: a create timeout that runs out part
// way keeps the sends made in state (no error, no taint), and the next apply
// sends to the rest, each recipient once.
func TestAccMarketingBroadcast_stopsPartWay(t *testing.T) {
	srv, ts := newMock(t, mock360.Options{})
	slow := strings.Replace(providerConfig(ts), "provider \"d360\" {", "provider \"d360\" {\n  max_messages_per_second = 5", 1)
	recipients := numbers(0, 15)
	var firstRound int
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{
				Config:             slow + broadcastConfig(recipients, "1", "  timeouts {\n    create = \"1s\"\n  }"),
				ExpectNonEmptyPlan: true,
				ConfigStateChecks: []statecheck.StateCheck{mockCheck(func() error {
					firstRound = len(sends(srv))
					if firstRound == 0 || firstRound >= 15 {
						return fmt.Errorf("want a part of the 15 sent before the 1s timeout at 5/s, got %d", firstRound)
					}
					return nil
				})},
			},
			{
				Config: slow + broadcastConfig(recipients, "1", "  timeouts {\n    create = \"1s\"\n  }"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(broadcastAddr, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: append(expectCounts(15, 0, 0), mockCheck(wantSends(15, srv))),
			},
		},
	})
	for _, to := range recipients {
		if n := perRecipient(srv)[to]; n != 1 {
			t.Errorf("%s got %d messages, want exactly 1", to, n)
		}
	}
}

func TestAccMarketingBroadcast_recipientParameters(t *testing.T) {
	srv, ts := newMock(t, mock360.Options{})
	config := providerConfig(ts) + broadcastConfig([]string{"4915100000001", "4915100000002"}, "1",
		`  recipient_parameters = {
    "4915100000002" = ["Ana", "30%"]
  }`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps:                    []resource.TestStep{{Config: config, ConfigStateChecks: expectCounts(2, 0, 0)}},
	})
	bodies := map[string]string{}
	for _, b := range sends(srv) {
		for _, to := range []string{"4915100000001", "4915100000002"} {
			if strings.Contains(b, `"to":"`+to+`"`) {
				bodies[to] = b
			}
		}
	}
	if !strings.Contains(bodies["4915100000001"], `{"type":"body","parameters":[{"type":"text","text":"friend"},{"type":"text","text":"20%"}]}`) {
		t.Errorf("shared parameters not sent: %s", bodies["4915100000001"])
	}
	if !strings.Contains(
		bodies["4915100000002"],
		`{"type":"body","parameters":[{"type":"text","text":"Ana"},{"type":"text","text":"30%"}]},{"type":"button"`,
	) {
		t.Errorf("per-recipient parameters not sent: %s", bodies["4915100000002"])
	}
}

func TestAccMarketingBroadcast_validation(t *testing.T) {
	_, ts := newMock(t, mock360.Options{})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{
				Config:      providerConfig(ts) + broadcastConfig([]string{"+4915100000001"}, "1", ""),
				ExpectError: errorLike("Invalid recipient phone number", `starts with "+"`),
			},
			{
				Config:      providerConfig(ts) + broadcastConfig([]string{"4915100000001", "4915100000001"}, "1", ""),
				ExpectError: errorLike("Duplicate List Value", `duplicate values of: "4915100000001"`),
			},
			{
				Config: providerConfig(
					ts,
				) + broadcastConfig(
					[]string{"4915100000001"},
					"1",
					"  recipient_parameters = { \"4915199999999\" = [\"x\", \"y\"] }",
				),
				ExpectError: errorLike("Parameters for an unknown recipient", `"4915199999999", which is not in recipients`),
			},
		},
	})
}
