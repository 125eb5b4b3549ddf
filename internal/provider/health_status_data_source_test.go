package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/d360-tf/terraform-provider-d360/internal/mock360"
)

const healthAddr = "data.d360_health_status.this"

func healthEntities(entities ...mock360.HealthEntity) func(*mock360.State) {
	return func(st *mock360.State) { st.Health = entities }
}

func TestAccHealthStatusDataSource(t *testing.T) {
	available := func(kind, id string) mock360.HealthEntity {
		return mock360.HealthEntity{EntityType: kind, ID: id, CanSendMessage: "AVAILABLE"}
	}
	cases := []struct {
		name   string
		health func(*mock360.State)
		checks []statecheck.StateCheck
	}{
		{
			name:   "available",
			health: healthEntities(available("PHONE_NUMBER", "106540352242922"), available("WABA", "102290129340398")),
			checks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(healthAddr, tfjsonpath.New("can_send_message"), knownvalue.StringExact("AVAILABLE")),
				statecheck.ExpectKnownValue(healthAddr, tfjsonpath.New("entities"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectExact(map[string]knownvalue.Check{
						"entity_type": knownvalue.StringExact("PHONE_NUMBER"), "id": knownvalue.StringExact("106540352242922"),
						"can_send_message": knownvalue.StringExact("AVAILABLE"), "can_receive_call_sip": knownvalue.Null(),
						"additional_info": knownvalue.ListExact(nil), "errors": knownvalue.ListExact(nil),
					}),
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"entity_type": knownvalue.StringExact("WABA")}),
				})),
			},
		},
		{
			name: "limited",
			health: healthEntities(
				mock360.HealthEntity{EntityType: "PHONE_NUMBER", ID: "106540352242922", CanSendMessage: "LIMITED",
					AdditionalInfo: []string{"Your phone number is limited to 250 business-initiated conversations in a 24-hour period."}},
				available("WABA", "102290129340398")),
			checks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(healthAddr, tfjsonpath.New("can_send_message"), knownvalue.StringExact("LIMITED")),
				statecheck.ExpectKnownValue(
					healthAddr,
					tfjsonpath.New("entities").AtSliceIndex(0).AtMapKey("additional_info"),
					knownvalue.ListExact(
						[]knownvalue.Check{knownvalue.StringExact("Your phone number is limited to 250 business-initiated conversations in a 24-hour period.")},
					),
				),
			},
		},
		{
			name: "blocked",
			health: healthEntities(
				available("PHONE_NUMBER", "106540352242922"),
				mock360.HealthEntity{EntityType: "WABA", ID: "102290129340398", CanSendMessage: "BLOCKED",
					Errors: []mock360.HealthError{{ErrorCode: 141010, ErrorDescription: "The Business has not passed business verification.",
						PossibleSolution: "Visit business settings and start or resolve the business verification request."}}}),
			checks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(healthAddr, tfjsonpath.New("can_send_message"), knownvalue.StringExact("BLOCKED")),
				statecheck.ExpectKnownValue(healthAddr, tfjsonpath.New("entities").AtSliceIndex(1).AtMapKey("errors"),
					knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{
						"code":        knownvalue.Int64Exact(141010),
						"description": knownvalue.StringExact("The Business has not passed business verification."),
						"solution":    knownvalue.StringExact("Visit business settings and start or resolve the business verification request."),
					})})),
			},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv, ts := newMock(t, mock360.Options{})
			srv.Update(tc.health)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders,
				Steps: []resource.TestStep{{
					Config:            providerConfig(ts) + healthConfig,
					ConfigStateChecks: tc.checks,
				}},
			})
			onlyGETs(t, srv)
		})
	}
}

func TestAccHealthStatusDataSource_invalidKey(t *testing.T) {
	_, ts := newMock(t, mock360.Options{APIKey: "the-real-key"})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config:      providerConfig(ts) + healthConfig,
			ExpectError: errorLike("Could not read the 360dialog health status", "HTTP 401: Invalid api_key", "D360_API_KEY"),
		}},
	})
}
