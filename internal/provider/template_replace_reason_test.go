package provider

import (
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/d360-tf/terraform-provider-d360/internal/mock360"
)

func cappedTemplate(extra string) string {
	return fmt.Sprintf(`
resource "d360_template" "capped" {
  name       = "capped_sale"
  language   = "en"
  category   = "MARKETING"
  components = { body = { text = "Spring sale: 25%% off" } }
  %s
}
`, extra)
}

// replaceReasonSteps applies before, then plans after and returns the log
// of that plan (TF_LOG=WARN), which holds the provider's warnings.
func replaceReasonSteps(t *testing.T, opts mock360.Options, before, after string, planStep resource.TestStep) (srv *mock360.Server, log string) {
	srv, ts := newMock(t, opts)
	logPath := t.TempDir() + "/plan.log"
	t.Setenv("TF_LOG", "WARN")
	t.Setenv("TF_ACC_LOG_PATH", logPath)
	planStep.PreConfig = func() { _ = os.Truncate(logPath, 0) }
	planStep.Config = providerConfig(ts) + after
	planStep.PlanOnly = true
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps:                    []resource.TestStep{{Config: providerConfig(ts) + before}, planStep},
	})
	raw, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatal(err)
	}
	return srv, string(raw)
}

// There is no template edit on 360dialog's API, so a new max price replaces
// the template; the plan says so, and why, before anything is deleted. A
// template still in review is replaced without a name lock.
func TestAccTemplateMaxPrice_changeSaysWhyItReplaces(t *testing.T) {
	srv, log := replaceReasonSteps(t, mock360.Options{TemplateApprovalDelay: time.Hour},
		cappedTemplate(`max_price = { bid_amount = 87000 }`), cappedTemplate(`max_price = { bid_amount = 90000 }`),
		resource.TestStep{
			ExpectNonEmptyPlan: true,
			ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPreRefresh: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction("d360_template.capped", plancheck.ResourceActionReplace),
			}},
		})
	if !logHasEntry(log, `diagnostic_summary="Changing max_price replaces the template"`,
		"This plan deletes the template", "capped_sale", "creates it again with the new max_price",
		"only on its Graph API (POST /<TEMPLATE_ID> with optimization_spec, "+maxPriceMetaURL,
		"documents no edit ("+template360ManageURL, "goes through Meta's review again") {
		t.Fatalf("the plan did not say why a new max price replaces the template; log:\n%s", log)
	}
	if n := len(srv.RequestsTo("POST", "/v1/configs/templates")); n != 1 {
		t.Fatalf("%d template creates, want only the first apply's: a plan never writes", n)
	}
}

// An approved template's new max price hits the name lock, and the warning
// beside the error says why the change needed a new template and what name
// to give it.
func TestAccTemplateMaxPrice_changeOfApprovedTemplate(t *testing.T) {
	_, log := replaceReasonSteps(t, mock360.Options{},
		cappedTemplate("max_price = { bid_amount = 87000 }\n  wait_for_approval = true"),
		cappedTemplate("max_price = { bid_amount = 4000 }\n  wait_for_approval = true"),
		resource.TestStep{ExpectError: errorLike("Replacing an approved template would lock its name")})
	if !logHasEntry(log, `diagnostic_summary="Changing max_price replaces the template"`,
		"The template is APPROVED, and Meta locks its name for 30 days after the delete", "capped_sale_v2") {
		t.Fatalf("the name-lock error came without the reason; log:\n%s", log)
	}
}

// Meta cannot add a max price to a template created without one, so that
// plan says Meta's own words.
func TestAccTemplateMaxPrice_addSaysMetaNeedsANewTemplate(t *testing.T) {
	_, log := replaceReasonSteps(t, mock360.Options{TemplateApprovalDelay: time.Hour},
		cappedTemplate(``), cappedTemplate(`max_price = { bid_amount = 87000 }`),
		resource.TestStep{ExpectNonEmptyPlan: true})
	if !logHasEntry(log, `diagnostic_summary="Changing max_price replaces the template"`,
		"You cannot add optimization_spec to an existing template that was created without it.") {
		t.Fatalf("adding a max price did not quote Meta; log:\n%s", log)
	}
}

// A new TTL replaces the template too, for the same reason.
func TestAccTemplateTTL_changeSaysWhyItReplaces(t *testing.T) {
	_, log := replaceReasonSteps(t, mock360.Options{TemplateApprovalDelay: time.Hour},
		cappedTemplate(`message_send_ttl_seconds = 86400`), cappedTemplate(`message_send_ttl_seconds = 172800`),
		resource.TestStep{ExpectNonEmptyPlan: true})
	if !logHasEntry(log, `diagnostic_summary="Changing message_send_ttl_seconds replaces the template"`,
		"only on its Graph API ("+templateTTLURL, "documents no edit") {
		t.Fatalf("a new TTL did not say why it replaces the template; log:\n%s", log)
	}
}
