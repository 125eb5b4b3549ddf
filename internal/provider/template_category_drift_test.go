package provider

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/d360-tf/terraform-provider-d360/internal/d360"
	"github.com/d360-tf/terraform-provider-d360/internal/mock360"
)

func driftTemplate(category string) string {
	return fmt.Sprintf(`
resource "d360_template" "drift" {
  name       = "autumn_offer"
  language   = "en"
  category   = %q
  components = { body = { text = "Autumn offer: 15%% off this week" } }
}
`, category)
}

// Meta re-categorizes an approved template (the mock's
// POST /_mock/template_category, which also sends template_category_update).
// The next plan shows the drift, warns who changed it and what to do, and
// fails on the name lock rather than deleting the approved template; taking
// Meta's category into the configuration then plans nothing.
func TestAccTemplate_metaRecategorizes(t *testing.T) {
	srv, ts := newMock(t, mock360.Options{})
	received := make(chan string, 4)
	rcv := httptest.NewServer(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) { received <- r.Header.Get("Content-Type") }))
	t.Cleanup(rcv.Close)
	srv.Update(func(st *mock360.State) { st.Webhook = &mock360.WebhookConfig{URL: rcv.URL} })

	logPath := t.TempDir() + "/drift.log"
	t.Setenv("TF_LOG", "WARN")
	t.Setenv("TF_ACC_LOG_PATH", logPath)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{
				Config: providerConfig(ts) + driftTemplate("MARKETING"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("d360_template.drift", tfjsonpath.New("category"), knownvalue.StringExact("MARKETING")),
				},
			},
			{
				PreConfig: func() {
					_ = os.Truncate(logPath, 0)
					controlPOST(t, ts, "/_mock/template_category", `{"name":"autumn_offer","language":"en","category":"UTILITY"}`)
				},
				Config:      providerConfig(ts) + driftTemplate("MARKETING"),
				PlanOnly:    true,
				ExpectError: errorLike("Replacing an approved template would lock its name"),
			},
			{
				Config: providerConfig(ts) + driftTemplate("UTILITY"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("d360_template.drift", plancheck.ResourceActionNoop),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("d360_template.drift", tfjsonpath.New("category"), knownvalue.StringExact("UTILITY")),
					mockCheck(func() error {
						if n := len(srv.RequestsTo("POST", "/v1/configs/templates")); n != 1 {
							return fmt.Errorf("%d template creates, want 1: accepting the category must not recreate it", n)
						}
						if n := len(srv.RequestsTo("DELETE", "/v1/configs/templates/autumn_offer")); n != 0 {
							return fmt.Errorf("%d template deletes, want none", n)
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
	for _, fragments := range [][]string{
		{`diagnostic_summary="Meta changed this template's category"`, "from MARKETING to UTILITY", "template_category_update",
			"which deletes an APPROVED template and locks its name for 30 days"},
		{`diagnostic_summary="Meta changed this template's category"`, "Accept Meta's category: set category =", "UTILITY",
			"cannot be sent through the Marketing Messages API (131055)", "allow_category_change = true"},
	} {
		if !logHasEntry(string(raw), fragments...) {
			t.Errorf("the plan after Meta's change did not warn with %q", fragments)
		}
	}
	// The receiver got the webhook Meta documents for the change.
	if got := <-received; got != "application/json" {
		t.Fatalf("the webhook arrived with Content-Type %q", got)
	}
	deliveries := srv.WebhookDeliveries()
	if len(deliveries) != 1 {
		t.Fatalf("%d webhook deliveries, want 1", len(deliveries))
	}
	for _, want := range []string{`"field":"template_category_update"`, `"previous_category":"MARKETING"`, `"new_category":"UTILITY"`,
		`"message_template_name":"autumn_offer"`} {
		if !strings.Contains(string(deliveries[0].Body), want) {
			t.Fatalf("the webhook lacks %s: %s", want, deliveries[0].Body)
		}
	}
}

// A category the user changes in the configuration is no drift: the plan
// replaces the template (it is pending, so no name lock) without saying
// that Meta changed anything.
func TestAccTemplate_userCategoryChangeIsNotDrift(t *testing.T) {
	_, ts := newMock(t, mock360.Options{TemplateApprovalDelay: time.Hour})
	logPath := t.TempDir() + "/user.log"
	t.Setenv("TF_LOG", "WARN")
	t.Setenv("TF_ACC_LOG_PATH", logPath)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{Config: providerConfig(ts) + driftTemplate("MARKETING")},
			{
				PreConfig:          func() { _ = os.Truncate(logPath, 0) },
				Config:             providerConfig(ts) + driftTemplate("UTILITY"),
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPreRefresh: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("d360_template.drift", plancheck.ResourceActionReplace),
				}},
			},
		},
	})
	raw, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(raw), "Meta changed this template's category") {
		t.Fatal("a category changed in the configuration was reported as Meta's change")
	}
}

// logEntryStart is how every hclog entry begins: its timestamp.
var logEntryStart = regexp.MustCompile(`(?m)^\d{4}-\d{2}-\d{2}T`)

// logHasEntry reports whether one log entry, with the continuation lines
// of a multi-line value such as a diagnostic's detail, contains every
// fragment.
func logHasEntry(log string, fragments ...string) bool {
	starts := logEntryStart.FindAllStringIndex(log, -1)
	for i, s := range starts {
		end := len(log)
		if i+1 < len(starts) {
			end = starts[i+1][0]
		}
		entry, all := log[s[0]:end], true
		for _, f := range fragments {
			all = all && strings.Contains(entry, f)
		}
		if all {
			return true
		}
	}
	return false
}

// The advice fits the template: accepting a category other than MARKETING
// on a template with a max price means removing it, which replaces too.
func TestRecategorizedDetail(t *testing.T) {
	state := templateModel{Name: types.StringValue("capped_sale"), Language: types.StringValue("en"), Status: types.StringValue("APPROVED"),
		MaxPrice: maxPriceValue(&d360.MaxPrice{BidAmount: 87000})}
	got := recategorizedDetail(recategorization{From: "MARKETING", To: "UTILITY"}, &state, "MARKETING")
	for _, want := range []string{`set category = "UTILITY" and remove max_price`, "removing it replaces the template too",
		"locks its name for 30 days", "(131055)", `such as "capped_sale_v2"`} {
		if !strings.Contains(got, want) {
			t.Errorf("detail lacks %q:\n%s", want, got)
		}
	}
	state.MaxPrice, state.Status = maxPriceValue(nil), types.StringValue("PENDING")
	got = recategorizedDetail(recategorization{From: "UTILITY", To: "MARKETING"}, &state, "UTILITY")
	for _, want := range []string{`set category = "MARKETING" in the configuration; the plan is then empty`} {
		if !strings.Contains(got, want) {
			t.Errorf("detail lacks %q:\n%s", want, got)
		}
	}
	for _, unwanted := range []string{"131055", "locks its name"} {
		if strings.Contains(got, unwanted) {
			t.Errorf("detail for a pending template that became MARKETING says %q:\n%s", unwanted, got)
		}
	}
}
