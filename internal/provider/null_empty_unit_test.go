package provider

import (
	"maps"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Unit tests of the null-as-empty rules and the raw comparisons that
// ModifyPlan uses to tell a replacement (a new send) from an update.

var (
	rawStrings     = tftypes.List{ElementType: tftypes.String}
	rawTriggers    = tftypes.Map{ElementType: tftypes.String}
	rawOutcome     = tftypes.Object{AttributeTypes: map[string]tftypes.Type{"outcome": tftypes.String}}
	rawNotAccepted = tftypes.Map{ElementType: rawOutcome}
	rawResource    = tftypes.Object{AttributeTypes: map[string]tftypes.Type{
		"template_name": tftypes.String, "body_parameters": rawStrings, "triggers": rawTriggers,
		"recipients": rawStrings, "message_ids": rawTriggers, "not_accepted": rawNotAccepted,
	}}
)

func rawList(items ...string) tftypes.Value {
	elems := make([]tftypes.Value, len(items))
	for i, s := range items {
		elems[i] = tftypes.NewValue(tftypes.String, s)
	}
	return tftypes.NewValue(rawStrings, elems)
}

func rawMap(kv ...string) tftypes.Value {
	m := map[string]tftypes.Value{}
	for i := 0; i < len(kv); i += 2 {
		m[kv[i]] = tftypes.NewValue(tftypes.String, kv[i+1])
	}
	return tftypes.NewValue(rawTriggers, m)
}

// rawRecord is the raw message_ids and not_accepted of recipient/outcome
// pairs: accepted ones get an id, the others an entry in not_accepted.
func rawRecord(kv ...string) map[string]tftypes.Value {
	ids, not := map[string]tftypes.Value{}, map[string]tftypes.Value{}
	for i := 0; i < len(kv); i += 2 {
		if kv[i+1] == outcomeAccepted {
			ids[kv[i]] = tftypes.NewValue(tftypes.String, "wamid."+kv[i])
			continue
		}
		not[kv[i]] = tftypes.NewValue(rawOutcome, map[string]tftypes.Value{"outcome": tftypes.NewValue(tftypes.String, kv[i+1])})
	}
	return map[string]tftypes.Value{"message_ids": tftypes.NewValue(rawTriggers, ids), "not_accepted": tftypes.NewValue(rawNotAccepted, not)}
}

// rawObject is a resource value: the defaults below, with some replaced.
func rawObject(set map[string]tftypes.Value) tftypes.Value {
	v := map[string]tftypes.Value{
		"template_name":   tftypes.NewValue(tftypes.String, "spring_sale"),
		"body_parameters": tftypes.NewValue(rawStrings, nil),
		"triggers":        tftypes.NewValue(rawTriggers, nil),
		"recipients":      rawList("491"),
	}
	maps.Copy(v, rawRecord("491", "accepted"))
	for k, x := range set {
		v[k] = x
	}
	return tftypes.NewValue(rawResource, v)
}

func TestIsNullOrEmpty(t *testing.T) {
	tests := []struct {
		v    attr.Value
		want bool
	}{
		{types.ListNull(types.StringType), true},
		{strList(), true},
		{types.MapNull(types.StringType), true},
		{types.MapValueMust(types.StringType, map[string]attr.Value{}), true},
		{types.StringNull(), true},
		{strList("a"), false},
		{types.MapValueMust(types.StringType, map[string]attr.Value{"k": types.StringValue("")}), false},
		{types.ListUnknown(types.StringType), false},
		{types.MapUnknown(types.StringType), false},
		{types.StringValue(""), false},
	}
	for _, tt := range tests {
		if got := isNullOrEmpty(tt.v); got != tt.want {
			t.Errorf("isNullOrEmpty(%v) = %v, want %v", tt.v, got, tt.want)
		}
	}
}

func TestRawNullOrEmpty(t *testing.T) {
	tests := []struct {
		name string
		v    tftypes.Value
		want bool
	}{
		{"null list", tftypes.NewValue(rawStrings, nil), true},
		{"empty list", rawList(), true},
		{"null map", tftypes.NewValue(rawTriggers, nil), true},
		{"empty map", rawMap(), true},
		{"null string", tftypes.NewValue(tftypes.String, nil), true},
		{"list", rawList("a"), false},
		{"map", rawMap("k", "v"), false},
		{"unknown list", tftypes.NewValue(rawStrings, tftypes.UnknownValue), false},
		{"list with an unknown", tftypes.NewValue(rawStrings, []tftypes.Value{tftypes.NewValue(tftypes.String, tftypes.UnknownValue)}), false},
		{"empty string", tftypes.NewValue(tftypes.String, ""), false},
	}
	for _, tt := range tests {
		if got := rawNullOrEmpty(tt.v); got != tt.want {
			t.Errorf("%s: rawNullOrEmpty(%v) = %v, want %v", tt.name, tt.v, got, tt.want)
		}
	}
}

func TestReplacingAndSameRaw(t *testing.T) {
	names := []string{"template_name", "body_parameters", "triggers"}
	tests := []struct {
		name        string
		state, plan tftypes.Value
		replacing   bool
		sameBody    bool
	}{
		{name: "no change", state: rawObject(nil), plan: rawObject(nil), sameBody: true},
		{name: "null list to empty", state: rawObject(nil), plan: rawObject(map[string]tftypes.Value{"body_parameters": rawList()})},
		{name: "empty map to null", state: rawObject(map[string]tftypes.Value{"triggers": rawMap()}), plan: rawObject(nil), sameBody: true},
		{
			name:      "template renamed",
			state:     rawObject(nil),
			plan:      rawObject(map[string]tftypes.Value{"template_name": tftypes.NewValue(tftypes.String, "summer")}),
			replacing: true,
			sameBody:  true,
		},
		{
			name:      "trigger added",
			state:     rawObject(map[string]tftypes.Value{"triggers": rawMap()}),
			plan:      rawObject(map[string]tftypes.Value{"triggers": rawMap("run", "2")}),
			replacing: true,
			sameBody:  true,
		},
		{
			name:      "body parameter changed",
			state:     rawObject(map[string]tftypes.Value{"body_parameters": rawList("a")}),
			plan:      rawObject(map[string]tftypes.Value{"body_parameters": rawList("b")}),
			replacing: true,
		},
		{
			name:      "body unknown",
			state:     rawObject(nil),
			plan:      rawObject(map[string]tftypes.Value{"body_parameters": tftypes.NewValue(rawStrings, tftypes.UnknownValue)}),
			replacing: true,
		},
		{
			name:     "other attributes do not count",
			state:    rawObject(nil),
			plan:     rawObject(map[string]tftypes.Value{"recipients": rawList("492")}),
			sameBody: true,
		},
		{name: "create", state: tftypes.NewValue(rawResource, nil), plan: rawObject(nil)},
		{name: "destroy", state: rawObject(nil), plan: tftypes.NewValue(rawResource, nil)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			state, plan := tfsdk.State{Raw: tt.state}, tfsdk.Plan{Raw: tt.plan}
			if got := replacing(state, plan, names); got != tt.replacing {
				t.Errorf("replacing() = %v, want %v", got, tt.replacing)
			}
			if tt.state.IsNull() || tt.plan.IsNull() {
				return
			}
			same, err := sameRaw(state, plan, "body_parameters")
			if err != nil || same != tt.sameBody {
				t.Errorf("sameRaw(body_parameters) = %v, %v; want %v, nil", same, err, tt.sameBody)
			}
		})
	}
	// An attribute the value does not have: replacing assumes the worst.
	if !replacing(tfsdk.State{Raw: rawObject(nil)}, tfsdk.Plan{Raw: rawObject(nil)}, []string{"no_such"}) {
		t.Error("replacing() with an unknown attribute name = false, want true")
	}
	if _, err := sameRaw(tfsdk.State{Raw: rawObject(nil)}, tfsdk.Plan{Raw: rawObject(nil)}, "no_such"); err == nil {
		t.Error("sameRaw() with an unknown attribute name: no error")
	}
}

func TestRawStateHasDue(t *testing.T) {
	nullRecord := map[string]tftypes.Value{
		"message_ids": tftypes.NewValue(rawTriggers, nil), "not_accepted": tftypes.NewValue(rawNotAccepted, nil),
	}
	tests := []struct {
		name       string
		recipients tftypes.Value
		record     map[string]tftypes.Value
		want       bool
	}{
		{name: "all accepted", recipients: rawList("491", "492"), record: rawRecord("491", "accepted", "492", "accepted")},
		{name: "unknown is never resent", recipients: rawList("491"), record: rawRecord("491", "unknown")},
		{name: "removed failed recipient", recipients: rawList("491"), record: rawRecord("491", "accepted", "499", "failed")},
		{name: "failed", recipients: rawList("491", "492"), record: rawRecord("491", "accepted", "492", "failed"), want: true},
		{name: "never sent", recipients: rawList("491", "492"), record: rawRecord("491", "accepted"), want: true},
		{name: "no record", recipients: rawList("491"), record: nullRecord, want: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			set := map[string]tftypes.Value{"recipients": tt.recipients}
			maps.Copy(set, tt.record)
			if got := anyDueRaw(tfsdk.State{Raw: rawObject(set)}); got != tt.want {
				t.Errorf("anyDueRaw() = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestChangesAny(t *testing.T) {
	base := rawObject(nil)
	tests := []struct {
		name        string
		state, plan tftypes.Value
		want        bool
	}{
		{name: "no change", state: base, plan: rawObject(nil)},
		{
			name:  "named attribute changed",
			state: base,
			plan:  rawObject(map[string]tftypes.Value{"template_name": tftypes.NewValue(tftypes.String, "x")}),
			want:  true,
		},
		// Unlike replacing, changesAny does not treat null and empty alike.
		{name: "null to empty", state: base, plan: rawObject(map[string]tftypes.Value{"triggers": rawMap()}), want: true},
		{name: "other attribute changed", state: base, plan: rawObject(map[string]tftypes.Value{"recipients": rawList("492")})},
		{name: "create", state: tftypes.NewValue(rawResource, nil), plan: base},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := changesAny(tfsdk.State{Raw: tt.state}, tfsdk.Plan{Raw: tt.plan}, []string{"template_name", "triggers"}); got != tt.want {
				t.Errorf("changesAny() = %v, want %v", got, tt.want)
			}
		})
	}
}
