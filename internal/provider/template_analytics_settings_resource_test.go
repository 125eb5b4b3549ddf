package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/d360-tf/terraform-provider-d360/internal/mock360"
)

const analyticsSettingsAddr = "d360_template_analytics_settings.this"

func analyticsSettingsConfig(enabled bool) string {
	return fmt.Sprintf(`
resource "d360_template_analytics_settings" "this" {
  enabled = %t
}
`, enabled)
}

// unconfirmedMock is a mock whose account has not confirmed analytics yet.
func unconfirmedMock(t *testing.T) (*mock360.Server, string) {
	st := mock360.DefaultState()
	st.TemplateAnalyticsEnabled = false
	srv, ts := newMock(t, mock360.Options{Seed: &st})
	return srv, providerConfig(ts)
}

// onlyTheConfirmation fails unless the mock saw exactly one request, the
// documented confirmation with the key: refreshes, plans, import and
// destroy send nothing.
func onlyTheConfirmation(srv *mock360.Server) error {
	reqs := srv.Requests()
	if len(reqs) != 1 {
		return fmt.Errorf("the mock saw %d requests, want only the confirmation: %+v", len(reqs), reqs)
	}
	r := reqs[0]
	if r.Method != "POST" || r.Path != "/marketing/template_analytics" || r.RawQuery != "enable=true" {
		return fmt.Errorf("request %s %s?%s, want POST /marketing/template_analytics?enable=true", r.Method, r.Path, r.RawQuery)
	}
	// The log redacts the key's value; the mock refused any other key with 401.
	if r.Header.Get("D360-API-KEY") == "" || r.Status != 200 {
		return fmt.Errorf("request carried no D360-API-KEY or was answered %d", r.Status)
	}
	if !srv.State().TemplateAnalyticsEnabled {
		return fmt.Errorf("the mock's account has template analytics unconfirmed")
	}
	return nil
}

func TestAccTemplateAnalyticsSettings_lifecycle(t *testing.T) {
	srv, provider := unconfirmedMock(t)
	config := provider + analyticsSettingsConfig(true)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		// Destroy only forgets: still exactly one request, and analytics stay confirmed.
		CheckDestroy: func(*terraform.State) error { return onlyTheConfirmation(srv) },
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					mockCheck(func() error { return onlyTheConfirmation(srv) }),
					statecheck.ExpectKnownValue(analyticsSettingsAddr, tfjsonpath.New("id"), knownvalue.StringExact("template_analytics")),
					statecheck.ExpectKnownValue(analyticsSettingsAddr, tfjsonpath.New("enabled"), knownvalue.Bool(true)),
				},
			},
			{
				// A second plan is empty and sends nothing.
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{mockCheck(func() error { return onlyTheConfirmation(srv) })},
			},
			{
				ResourceName:      analyticsSettingsAddr,
				ImportState:       true,
				ImportStateId:     "template_analytics",
				ImportStateVerify: true,
			},
		},
	})
}

func TestAccTemplateAnalyticsSettings_falseRefusedAtPlan(t *testing.T) {
	srv, provider := unconfirmedMock(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config:      provider + analyticsSettingsConfig(false),
			ExpectError: errorLike("Template analytics cannot be turned off", "enabled must be true", "documents no way to turn template analytics off"),
		}},
	})
	if n := len(srv.Requests()); n != 0 {
		t.Fatalf("enabled = false reached the API: %d requests", n)
	}
}

func TestAccTemplateAnalyticsSettings_importRejectsOtherIDs(t *testing.T) {
	_, provider := unconfirmedMock(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config:        provider + analyticsSettingsConfig(true),
			ResourceName:  analyticsSettingsAddr,
			ImportState:   true,
			ImportStateId: "analytics",
			ExpectError:   errorLike("Invalid import id", `with the id "template_analytics"`),
		}},
	})
}

// A refusal becomes a diagnostic that names 360dialog's answer and where
// else to confirm.
func TestAccTemplateAnalyticsSettings_refused(t *testing.T) {
	srv, ts := newMock(t, mock360.Options{})
	srv.AddFault(mock360.Fault{Method: "POST", Path: "/marketing/template_analytics", Status: 403})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config:      providerConfig(ts) + analyticsSettingsConfig(true),
			ExpectError: errorLike("Could not confirm template analytics", "WhatsApp Manager"),
		}},
	})
}
