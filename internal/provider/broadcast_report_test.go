package provider

import (
	"context"
	"reflect"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Unit tests of the broadcast's pure logic: the warning after a partial
// failure, who is due, and the counts. No Terraform, no mock server.

func accepted(id string) recipientResult { return recipientResult{ID: id, Outcome: outcomeAccepted} }
func unknownOutcome(err string) recipientResult {
	return recipientResult{Outcome: outcomeUnknown, Error: err}
}
func failedWith(code int64, err string) recipientResult {
	return recipientResult{Outcome: outcomeFailed, ErrorCode: code, Error: err}
}

func TestBroadcastReport(t *testing.T) {
	tests := []struct {
		name    string
		results map[string]recipientResult
		pending int
		want    string
	}{
		{name: "nothing sent, nothing pending", results: map[string]recipientResult{}, want: ""},
		{name: "all accepted", results: map[string]recipientResult{"491": accepted("wamid.1"), "492": accepted("wamid.2")}, want: ""},
		{
			name:    "only pending",
			results: map[string]recipientResult{"491": accepted("wamid.1")},
			pending: 3,
			want: "1 sent and accepted, 0 failed, 0 outcome unknown, 3 not sent yet.\n" +
				"\nThe apply stopped before every recipient was sent to; the next apply sends to the rest.\n",
		},
		{
			// Codes are ordered by how many recipients they hit, then by
			// code; failures and unknowns are listed in number order.
			name: "mixed outcomes",
			results: map[string]recipientResult{
				"496": failedWith(131049, "E-b"),
				"491": accepted("wamid.1"),
				"494": failedWith(130472, "E-c"),
				"493": failedWith(131049, "E-a"),
				"495": unknownOutcome("timeout"),
				"492": unknownOutcome("reset"),
			},
			pending: 2,
			want: "1 sent and accepted, 3 failed, 2 outcome unknown, 2 not sent yet.\n" +
				"\nFailures by error code: 2 × 131049; 1 × 130472;" +
				"\nFirst failures:\n  493: E-a\n  494: E-c\n  496: E-b\n" +
				"\nThe next apply retries only the failed recipients.\n" +
				"\nOutcome unknown for 492, 495: these may have been delivered and are never resent automatically. " +
				"To send to everyone again on purpose, change triggers.\n" +
				"\nThe apply stopped before every recipient was sent to; the next apply sends to the rest.\n",
		},
		{
			// Equal counts: the lower code first. Only the first five
			// failures and unknowns are named.
			name: "many failures",
			results: map[string]recipientResult{
				"401": failedWith(400, "x1"), "402": failedWith(131026, "x2"), "403": failedWith(400, "x3"),
				"404": failedWith(131026, "x4"), "405": failedWith(400, "x5"), "406": failedWith(131026, "x6"),
				"407": unknownOutcome("u"), "408": unknownOutcome("u"), "409": unknownOutcome("u"),
				"410": unknownOutcome("u"), "411": unknownOutcome("u"), "412": unknownOutcome("u"),
			},
			want: "0 sent and accepted, 6 failed, 6 outcome unknown, 0 not sent yet.\n" +
				"\nFailures by error code: 3 × 400; 3 × 131026;" +
				"\nFirst failures:\n  401: x1\n  402: x2\n  403: x3\n  404: x4\n  405: x5\n" +
				"\nThe next apply retries only the failed recipients.\n" +
				"\nOutcome unknown for 407, 408, 409, 410, 411: these may have been delivered and are never resent automatically. " +
				"To send to everyone again on purpose, change triggers.\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := broadcastReport(tt.results, tt.pending); got != tt.want {
				t.Errorf("broadcastReport() =\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}

func TestDueRecipients(t *testing.T) {
	prior := map[string]recipientResult{
		"491": accepted("wamid.1"),
		"492": failedWith(131049, "refused"),
		"493": unknownOutcome("timeout"),
		"499": failedWith(400, "removed since"), // not a current recipient
	}
	tests := []struct {
		name    string
		current []string
		prior   map[string]recipientResult
		want    []string
	}{
		{
			name:    "first send: everyone, sorted",
			current: []string{"493", "491", "492"},
			prior:   map[string]recipientResult{},
			want:    []string{"491", "492", "493"},
		},
		{name: "new and failed only, never unknown", current: []string{"491", "492", "493", "494"}, prior: prior, want: []string{"492", "494"}},
		{name: "removed failed recipient is not due", current: []string{"491", "493"}, prior: prior, want: nil},
		{name: "no recipients", current: nil, prior: prior, want: nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			current := map[string]bool{}
			for _, to := range tt.current {
				current[to] = true
			}
			if got := dueRecipients(current, tt.prior); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("dueRecipients() = %#v, want %#v", got, tt.want)
			}
		})
	}
}

func TestCountCurrent(t *testing.T) {
	results := map[string]recipientResult{
		"491": accepted("wamid.1"), "492": accepted("wamid.2"),
		"493": failedWith(131049, "refused"), "494": failedWith(400, "bad"),
		"495": unknownOutcome("timeout"),
	}
	tests := []struct {
		name                      string
		current                   map[string]bool
		accepted, failed, unknown int64
	}{
		{
			name:     "all current",
			current:  map[string]bool{"491": true, "492": true, "493": true, "494": true, "495": true},
			accepted: 2,
			failed:   2,
			unknown:  1,
		},
		{name: "removed ones are not counted", current: map[string]bool{"491": true, "494": true}, accepted: 1, failed: 1},
		{name: "new ones not yet sent count nowhere", current: map[string]bool{"495": true, "500": true}, unknown: 1},
		{name: "none", current: map[string]bool{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, f, u := countCurrent(results, tt.current)
			want := []types.Int64{types.Int64Value(tt.accepted), types.Int64Value(tt.failed), types.Int64Value(tt.unknown)}
			if got := []types.Int64{a, f, u}; !reflect.DeepEqual(got, want) {
				t.Errorf("countCurrent() = %v, want %v", got, want)
			}
		})
	}
}

// The record in state must read back as it was written, or the next plan
// would resend to someone or forget a failure.
func TestResultsStateRoundTrip(t *testing.T) {
	results := map[string]recipientResult{
		"491": accepted("wamid.1"),
		"492": failedWith(131049, "refused"),
		"493": unknownOutcome("timeout"),
	}
	ids, notAccepted := resultsToState(results)
	wantIDs := types.MapValueMust(types.StringType, map[string]attr.Value{"491": types.StringValue("wamid.1")})
	wantNot := types.MapValueMust(notAcceptedType, map[string]attr.Value{
		"492": types.ObjectValueMust(notAcceptedType.AttrTypes, map[string]attr.Value{
			"outcome": types.StringValue("failed"), "error_code": types.Int64Value(131049), "error": types.StringValue("refused")}),
		"493": types.ObjectValueMust(notAcceptedType.AttrTypes, map[string]attr.Value{
			"outcome": types.StringValue("unknown"), "error_code": types.Int64Null(), "error": types.StringValue("timeout")}),
	})
	if !ids.Equal(wantIDs) || !notAccepted.Equal(wantNot) {
		t.Fatalf("resultsToState() = %v, %v", ids, notAccepted)
	}
	var diags diag.Diagnostics
	back := resultsFromState(context.Background(), ids, notAccepted, &diags)
	if diags.HasError() {
		t.Fatal(diags)
	}
	if !reflect.DeepEqual(back, results) {
		t.Errorf("resultsFromState(resultsToState(r)) = %#v, want %#v", back, results)
	}
	// Every send accepted: not_accepted is an empty map, never null.
	ids, notAccepted = resultsToState(map[string]recipientResult{"491": accepted("wamid.1")})
	if notAccepted.IsNull() || len(notAccepted.Elements()) != 0 || len(ids.Elements()) != 1 {
		t.Errorf("resultsToState(all accepted) = %v, %v; want one id and an empty not_accepted", ids, notAccepted)
	}
	for _, v := range []types.Map{types.MapNull(types.StringType), types.MapUnknown(types.StringType)} {
		if got := resultsFromState(context.Background(), v, types.MapNull(notAcceptedType), &diags); len(got) != 0 || got == nil {
			t.Errorf("resultsFromState(%v) = %#v, want an empty map", v, got)
		}
	}
}

func TestListSome(t *testing.T) {
	tests := []struct {
		items []string
		n     int
		want  string
	}{
		{items: nil, n: 3, want: ""},
		{items: []string{"a", "b", "c"}, n: 3, want: "a, b, c"},
		{items: []string{"a", "b", "c", "d", "e"}, n: 3, want: "a, b, c and 2 more"},
	}
	for _, tt := range tests {
		if got := listSome(tt.items, tt.n); got != tt.want {
			t.Errorf("listSome(%v, %d) = %q, want %q", tt.items, tt.n, got, tt.want)
		}
	}
}
