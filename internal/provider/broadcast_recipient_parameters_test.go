package provider

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/d360-tf/terraform-provider-d360/internal/mock360"
)

// A recipient's own texts are checked at plan like the shared ones:
// spring_sale has two body variables, so one text is refused before anything
// is sent, and the error names the recipient.
func TestAccMarketingBroadcast_recipientParametersCheckedAtPlan(t *testing.T) {
	srv, ts := newMock(t, mock360.Options{})
	recipients := []string{"4915112345678", "4915112345679"}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: providerConfig(ts) + broadcastConfig(recipients, "1",
				`  recipient_parameters = { "4915112345679" = ["only one"] }`),
			ExpectError: errorLike(`Template check failed`, `2 body variable(s)`, `1 body parameter(s)`,
				`in the texts of recipient 4915112345679`, `Nothing was sent`),
		}, {
			// Two texts fit, and the recipient gets its own.
			Config: providerConfig(ts) + broadcastConfig(recipients, "1",
				`  recipient_parameters = { "4915112345679" = ["Ana", "30%"] }`),
			ConfigStateChecks: []statecheck.StateCheck{mockCheck(wantSends(2, srv))},
		}},
	})
	posts := 0
	for _, r := range srv.Requests() {
		if r.Method == "POST" {
			posts++
		}
	}
	if posts != 2 {
		t.Fatalf("the mock saw %d POSTs, want the 2 of the second step only", posts)
	}
	got := fmt.Sprint(sends(srv))
	if want := `"text":"Ana"`; !strings.Contains(got, want) {
		t.Fatalf("the second recipient's own texts were not sent: %s", got)
	}
}
