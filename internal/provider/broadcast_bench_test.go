package provider

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/d360-tf/terraform-provider-d360/internal/mock360"
)

// BenchmarkBroadcastNoChangePlan measures what the provider does for a
// no-change plan of a broadcast with 10,000 recipients: the validate and
// plan calls Terraform makes, through the plugin protocol, with the state a
// full broadcast leaves. Profile it with
//
//	go test ./internal/provider -run '^$' -bench BroadcastNoChangePlan -cpuprofile cpu.out
//
// It times the provider alone; scripts/plan-large-broadcast.sh times the CLI.
func BenchmarkBroadcastNoChangePlan(b *testing.B) {
	ctx := context.Background()
	_, ts := newMock(&testing.T{}, mock360.Options{})
	server := providerserver.NewProtocol6(New("test")())()
	providerType := mustSchemaType(ctx, b, server, "")
	// Every provider argument null but the two the mock needs, so that a
	// new argument cannot break the benchmark.
	args := map[string]tftypes.Value{}
	for name, t := range providerType.AttributeTypes {
		args[name] = tftypes.NewValue(t, nil)
	}
	args["api_key"] = tftypes.NewValue(tftypes.String, testAPIKey)
	args["base_url"] = tftypes.NewValue(tftypes.String, ts.URL)
	cfg := tftypes.NewValue(providerType, args)
	resp, err := server.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{Config: dynamic(b, providerType, cfg)})
	if err != nil || hasError(resp.Diagnostics) {
		b.Fatalf("configure: %v %v", err, resp.Diagnostics)
	}
	typ := mustSchemaType(ctx, b, server, "d360_marketing_broadcast")
	config, state := largeBroadcast(typ, 10000)
	rawConfig, rawState := dynamic(b, typ, config), dynamic(b, typ, state)
	b.ResetTimer()
	for range b.N {
		v, err := server.ValidateResourceConfig(ctx, &tfprotov6.ValidateResourceConfigRequest{TypeName: "d360_marketing_broadcast", Config: rawConfig})
		if err != nil || hasError(v.Diagnostics) {
			b.Fatalf("validate: %v %v", err, v.Diagnostics)
		}
		p, err := server.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{TypeName: "d360_marketing_broadcast",
			Config: rawConfig, PriorState: rawState, ProposedNewState: rawState})
		if err != nil || hasError(p.Diagnostics) || len(p.RequiresReplace) != 0 {
			b.Fatalf("plan: %v %v %v", err, p.Diagnostics, p.RequiresReplace)
		}
	}
}

// largeBroadcast is the configuration and state of a broadcast to n
// recipients, all accepted, as an apply with absent optional arguments stores it.
func largeBroadcast(typ tftypes.Object, n int) (config, state tftypes.Value) {
	recipients := make([]tftypes.Value, n)
	ids := map[string]tftypes.Value{}
	for i := range recipients {
		to := fmt.Sprintf("49152%08d", i)
		recipients[i] = tftypes.NewValue(tftypes.String, to)
		ids[to] = tftypes.NewValue(tftypes.String, "wamid.HBgLNDkxNTIwMDAwMDAwFQIAERgSQjg"+to)
	}
	cfg, st := map[string]tftypes.Value{}, map[string]tftypes.Value{}
	for name, t := range typ.AttributeTypes {
		cfg[name], st[name] = tftypes.NewValue(t, nil), tftypes.NewValue(t, nil)
	}
	set := func(name string, v any, inState bool) {
		cfg[name] = tftypes.NewValue(typ.AttributeTypes[name], v)
		if inState {
			st[name] = cfg[name]
		}
	}
	set("recipients", recipients, true)
	set("template_name", "marketing_text_no_param", true)
	set("language_code", "en", true)
	st["language_policy"] = tftypes.NewValue(tftypes.String, "deterministic")
	st["id"] = tftypes.NewValue(tftypes.String, "2026-01-01T00:00:00.000000001Z")
	st["message_ids"] = tftypes.NewValue(typ.AttributeTypes["message_ids"], ids)
	st["not_accepted"] = emptyCollection(typ.AttributeTypes["not_accepted"])
	for _, c := range []string{"accepted_count", "failed_count", "unknown_count"} {
		st[c] = tftypes.NewValue(tftypes.Number, 0)
	}
	st["accepted_count"] = tftypes.NewValue(tftypes.Number, n)
	for _, name := range []string{"triggers", "body_parameters", "buttons"} {
		st[name] = emptyCollection(typ.AttributeTypes[name])
	}
	return tftypes.NewValue(typ, cfg), tftypes.NewValue(typ, st)
}

func emptyCollection(t tftypes.Type) tftypes.Value {
	if t.Is(tftypes.Map{}) {
		return tftypes.NewValue(t, map[string]tftypes.Value{})
	}
	return tftypes.NewValue(t, []tftypes.Value{})
}

func mustSchemaType(ctx context.Context, b *testing.B, server tfprotov6.ProviderServer, resourceType string) tftypes.Object {
	resp, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		b.Fatal(err)
	}
	s := resp.Provider
	if resourceType != "" {
		s = resp.ResourceSchemas[resourceType]
	}
	return s.ValueType().(tftypes.Object)
}

func dynamic(b *testing.B, typ tftypes.Type, v tftypes.Value) *tfprotov6.DynamicValue {
	dv, err := tfprotov6.NewDynamicValue(typ, v)
	if err != nil {
		b.Fatal(err)
	}
	return &dv
}

func hasError(diags []*tfprotov6.Diagnostic) bool {
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			return true
		}
	}
	return false
}
