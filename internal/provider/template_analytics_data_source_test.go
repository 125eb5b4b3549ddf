package provider

import (
	"fmt"
	"net/url"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/d360-tf/terraform-provider-d360/internal/mock360"
)

const analyticsAddr = "data.d360_template_analytics.spring"

// springSaleID is the mock's spring_sale template (DefaultState).
const springSaleID = "Hq3PzY7bN2cWd8Ua"

// fastEvents makes the mock emit every status and click within milliseconds.
var fastEvents = mock360.WebhookDelays{Sent: time.Millisecond, Delivered: 2 * time.Millisecond, Read: 3 * time.Millisecond, Click: 4 * time.Millisecond}

const analyticsConfig = `
data "d360_template_analytics" "spring" {
  template_ids = ["` + springSaleID + `"]
  start        = timeadd(plantimestamp(), "-24h")
}
`

// analyticsBroadcast sends spring_sale, with activity sharing so that its
// URL button can be clicked, to n recipients; extra goes in its body.
func analyticsBroadcast(name string, n int, extra string) string {
	return fmt.Sprintf(`
resource "d360_marketing_broadcast" %q {
  recipients    = [%s]
  template_name = "spring_sale"
  language_code = "en"
  body_parameters = [{ text = "friend" }, { text = "20%%" }]
  buttons         = [{ index = 0, sub_type = "url", text = "spring" }]
  message_activity_sharing = true
%s
}
`, name, quoted(numbers(0, n)), extra)
}

func quoted(ss []string) string {
	out := ""
	for i, s := range ss {
		if i > 0 {
			out += ", "
		}
		out += fmt.Sprintf("%q", s)
	}
	return out
}

// waitForEvents gives the mock's emitter time to fire the last send's events.
func waitForEvents() { time.Sleep(200 * time.Millisecond) }

// The data source reads what the mock did in the same test: 8 sends, read
// at 1/2 and clicked at 1/4, each delivery at the mock's list price.
func TestAccTemplateAnalyticsDataSource_matchesSends(t *testing.T) {
	srv, ts := newMock(t, mock360.Options{WebhookDelays: fastEvents})
	srv.SetEngagement(mock360.Engagement{Template: "spring_sale", ReadRate: 0.5, ClickRate: 0.25})
	send := providerConfig(ts) + analyticsBroadcast("test", 8, "")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{Config: send, ConfigStateChecks: []statecheck.StateCheck{mockCheck(wantSends(8, srv))}},
			{
				PreConfig: waitForEvents,
				Config:    send + analyticsConfig,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(analyticsAddr, tfjsonpath.New("sent"), knownvalue.Int64Exact(8)),
					statecheck.ExpectKnownValue(analyticsAddr, tfjsonpath.New("delivered"), knownvalue.Int64Exact(8)),
					statecheck.ExpectKnownValue(analyticsAddr, tfjsonpath.New("read"), knownvalue.Int64Exact(4)),
					statecheck.ExpectKnownValue(analyticsAddr, tfjsonpath.New("link_clicks"), knownvalue.Int64Exact(2)),
					statecheck.ExpectKnownValue(analyticsAddr, tfjsonpath.New("clicks"), knownvalue.Int64Exact(2)),
					statecheck.ExpectKnownValue(analyticsAddr, tfjsonpath.New("read_rate"), knownvalue.Float64Exact(0.5)),
					statecheck.ExpectKnownValue(analyticsAddr, tfjsonpath.New("click_rate"), knownvalue.Float64Exact(0.25)),
					statecheck.ExpectKnownValue(analyticsAddr, tfjsonpath.New("cost"), knownvalue.Float64Exact(0.2)),
					statecheck.ExpectKnownValue(analyticsAddr, tfjsonpath.New("cost_per_delivery"), knownvalue.Float64Exact(0.025)),
					statecheck.ExpectKnownValue(analyticsAddr, tfjsonpath.New("conversions"), knownvalue.MapExact(map[string]knownvalue.Check{})),
					mockCheck(func() error { return analyticsRequestIs(srv) }),
				},
			},
		},
	})
}

// analyticsRequestIs checks the exact query of every analytics read.
func analyticsRequestIs(srv *mock360.Server) error {
	reads := srv.RequestsTo("GET", "/marketing/template_analytics")
	if len(reads) == 0 {
		return fmt.Errorf("the mock received no GET /marketing/template_analytics")
	}
	for _, r := range reads {
		q, err := url.ParseQuery(r.RawQuery)
		if err != nil {
			return err
		}
		start, end := q.Get("start"), q.Get("end")
		q.Del("start")
		q.Del("end")
		want := url.Values{
			"granularity":  {"DAILY"},
			"template_ids": {`["` + springSaleID + `"]`},
			"metric_types": {`["SENT","DELIVERED","READ","CLICKED","COST"]`},
		}
		if q.Encode() != want.Encode() || len(start) != 10 || len(end) != 10 || start >= end {
			return fmt.Errorf("query %q, want %s with UNIX start < end", r.RawQuery, want.Encode())
		}
	}
	return nil
}

// A precondition on the read rate stops a broadcast at plan: the template
// was read at 1/4, below the gate's 1/2, and nothing more is sent.
func TestAccTemplateAnalyticsDataSource_gateStopsBroadcast(t *testing.T) {
	srv, ts := newMock(t, mock360.Options{WebhookDelays: fastEvents})
	srv.SetEngagement(mock360.Engagement{Template: "spring_sale", ReadRate: 0.25, ClickRate: 0})
	warmup := providerConfig(ts) + analyticsBroadcast("warmup", 4, "")
	gated := analyticsBroadcast("gated", 3, `
  lifecycle {
    precondition {
      condition     = data.d360_template_analytics.spring.read_rate >= 0.5
      error_message = "spring_sale is read by fewer than half of its recipients."
    }
  }`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{Config: warmup, ConfigStateChecks: []statecheck.StateCheck{mockCheck(wantSends(4, srv))}},
			{
				PreConfig:   waitForEvents,
				Config:      warmup + analyticsConfig + gated,
				PlanOnly:    true,
				ExpectError: errorLike("Resource precondition failed", "fewer than half"),
			},
			{
				Config:            warmup + analyticsConfig,
				ConfigStateChecks: []statecheck.StateCheck{mockCheck(wantSends(4, srv)), statecheck.ExpectKnownValue(analyticsAddr, tfjsonpath.New("read_rate"), knownvalue.Float64Exact(0.25))},
			},
		},
	})
}
