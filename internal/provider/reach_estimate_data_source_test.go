package provider

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/d360-tf/terraform-provider-d360/internal/d360"
	"github.com/d360-tf/terraform-provider-d360/internal/mock360"
)

const reachAddr = "data.d360_reach_estimate.br"

func reachConfig(country, lookback string) string {
	return fmt.Sprintf(`
data "d360_reach_estimate" "br" {
  waba_id  = %q
  country  = %q
  lookback = %q
}
`, mockWABAID, country, lookback)
}

// newAuthSeeingMock is the mock behind a handler that keeps the raw
// Authorization header of every Graph request, which the mock's own log
// redacts.
func newAuthSeeingMock(t *testing.T) (*mock360.Server, *httptest.Server, func() []string) {
	t.Helper()
	srv := mock360.NewServer(mock360.Options{APIKey: testAPIKey, GraphToken: testGraphToken})
	var mu sync.Mutex
	var auth []string
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/v24.0/") {
			mu.Lock()
			auth = append(auth, r.Header.Get("Authorization"))
			mu.Unlock()
		}
		srv.ServeHTTP(w, r)
	}))
	t.Cleanup(func() {
		ts.Close()
		srv.Close()
	})
	return srv, ts, func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), auth...)
	}
}

// mockEstimate asks the mock directly, for the values the state must hold.
func mockEstimate(t *testing.T, ts *httptest.Server, query string) *d360.ReachEstimate {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, ts.URL+"/v24.0/"+mockWABAID+"/reachestimate?"+query, nil)
	req.Header.Set("Authorization", "Bearer "+testGraphToken)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	est, problem := d360.DecodeReachEstimate(body)
	if problem != "" || len(est.Estimates) < 3 {
		t.Fatalf("mock estimate %s: %s", body, problem)
	}
	return est
}

func TestAccReachEstimate_readsTheMock(t *testing.T) {
	srv, ts, auth := newAuthSeeingMock(t)
	want := mockEstimate(t, ts, "country=BR&lookback_window=L14D")
	srv.ResetRequests()
	before := len(auth()) // the read above
	levels := make([]knownvalue.Check, 0, len(want.Estimates))
	for _, p := range want.Estimates {
		levels = append(levels, knownvalue.ObjectExact(map[string]knownvalue.Check{
			"max_price":                knownvalue.Int64Exact(p.BidAmount),
			"estimated_deliveries_min": knownvalue.Int64Exact(p.DeliveriesMin),
			"estimated_deliveries_max": knownvalue.Int64Exact(p.DeliveriesMax),
			"estimated_cost_min":       knownvalue.Float64Exact(p.CostMin),
			"estimated_cost_max":       knownvalue.Float64Exact(p.CostMax),
		}))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: providerConfig(ts) + reachConfig("BR", "L14D"),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(reachAddr, tfjsonpath.New("id"), knownvalue.StringExact(mockWABAID+"/BR/L14D")),
				statecheck.ExpectKnownValue(reachAddr, tfjsonpath.New("currency"), knownvalue.StringExact("USD")),
				statecheck.ExpectKnownValue(reachAddr, tfjsonpath.New("disclaimer"), knownvalue.StringExact(want.Disclaimer)),
				statecheck.ExpectKnownValue(reachAddr, tfjsonpath.New("estimates"), knownvalue.ListExact(levels)),
			},
		}},
	})
	onlyGETs(t, srv)
	reads := srv.RequestsTo("GET", mockGraphPath+"/reachestimate")
	if len(reads) == 0 {
		t.Fatalf("no reach estimate read; requests: %+v", srv.Requests())
	}
	for _, r := range reads {
		if r.RawQuery != "country=BR&lookback_window=L14D" {
			t.Fatalf("query %q", r.RawQuery)
		}
	}
	seen := auth()[before:]
	for _, a := range seen {
		if a != "Bearer "+testGraphToken {
			t.Fatalf("Authorization %q, want the Graph token as a bearer", a)
		}
	}
	if len(seen) != len(reads) {
		t.Fatalf("%d Graph requests for %d reads", len(seen), len(reads))
	}
}

// TestAccReachEstimate_budgetStopsBroadcast: a precondition that compares
// the estimated cost at the template's max price with a budget stops the
// broadcast at plan, before any send.
func TestAccReachEstimate_budgetStopsBroadcast(t *testing.T) {
	srv, ts := newMock(t, mock360.Options{})
	guard := `
  lifecycle {
    precondition {
      condition     = local.estimated_cost <= var.budget
      error_message = "estimated cost ${local.estimated_cost} is over the budget ${var.budget}"
    }
  }
`
	config := providerConfig(ts) + reachConfig("BR", "L7D") + `
variable "budget" {
  type    = number
  default = 100
}

locals {
  template_max_price = 6250
  at_or_above        = [for e in data.d360_reach_estimate.br.estimates : e if e.max_price >= local.template_max_price]
  level              = length(local.at_or_above) > 0 ? local.at_or_above[0] : data.d360_reach_estimate.br.estimates[length(data.d360_reach_estimate.br.estimates) - 1]
  estimated_cost     = local.level.estimated_cost_max
}

output "reach_estimate" {
  value = local.level
}
` + broadcastConfig(numbers(0, 3), "budget", guard)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config:      config,
			ExpectError: errorLike("Resource precondition failed", "is over the budget 100"),
		}},
	})
	if posts := srv.RequestsTo("POST", "/marketing_messages"); len(posts) != 0 {
		t.Fatalf("the mock saw %d POST /marketing_messages", len(posts))
	}
	if n := len(srv.State().Messages); n != 0 {
		t.Fatalf("%d messages sent over budget", n)
	}
	onlyGETs(t, srv)
	if len(srv.RequestsTo("GET", mockGraphPath+"/reachestimate")) == 0 {
		t.Fatal("the estimate was not read")
	}
}
