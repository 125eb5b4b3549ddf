package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/action"
	aschema "github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
)

// TestSendActionSchemaIsTheResources: every action argument is the
// d360_marketing_message argument of the same name, nested ones included:
// same description, same required/optional, same number of validators.
func TestSendActionSchemaIsTheResources(t *testing.T) {
	ctx := context.Background()
	p, ok := New("test")().(provider.ProviderWithActions)
	if !ok {
		t.Fatal("the provider does not offer actions")
	}
	actions := p.Actions(ctx)
	if len(actions) != 1 {
		t.Fatalf("%d actions, want 1", len(actions))
	}
	a := actions[0]()
	var meta action.MetadataResponse
	a.Metadata(ctx, action.MetadataRequest{ProviderTypeName: "d360"}, &meta)
	if meta.TypeName != "d360_send_marketing_message" {
		t.Fatalf("type name %q", meta.TypeName)
	}
	var as action.SchemaResponse
	a.Schema(ctx, action.SchemaRequest{}, &as)
	if as.Diagnostics.HasError() {
		t.Fatal(as.Diagnostics)
	}
	if diags := as.Schema.ValidateImplementation(ctx); diags.HasError() {
		t.Fatal(diags)
	}
	if len(as.Schema.MarkdownDescription) < 40 {
		t.Error("the action has no useful description")
	}
	var rs resource.SchemaResponse
	NewMarketingMessageResource().Schema(ctx, resource.SchemaRequest{}, &rs)
	if len(as.Schema.Attributes) != len(sendActionArguments) {
		t.Fatalf("action has %d arguments, want %d", len(as.Schema.Attributes), len(sendActionArguments))
	}
	for _, name := range sendActionArguments {
		compareArgument(t, name, rs.Schema.Attributes[name], as.Schema.Attributes[name])
	}
	if _, ok := as.Schema.Attributes["message_send_ttl_seconds"]; ok {
		t.Error("the action takes message_send_ttl_seconds, which was removed before 0.1.0")
	}
}

func compareArgument(t *testing.T, where string, r rschema.Attribute, a aschema.Attribute) {
	t.Helper()
	if r == nil || a == nil {
		t.Fatalf("%s: resource %T, action %T", where, r, a)
	}
	if a.GetMarkdownDescription() != r.GetMarkdownDescription() || len(a.GetMarkdownDescription()) < 10 {
		t.Errorf("%s: action description %q, resource %q", where, a.GetMarkdownDescription(), r.GetMarkdownDescription())
	}
	if a.IsRequired() != r.IsRequired() || a.IsOptional() != (r.IsOptional() && !r.IsRequired()) {
		t.Errorf(
			"%s: action required=%v optional=%v, resource required=%v optional=%v",
			where,
			a.IsRequired(),
			a.IsOptional(),
			r.IsRequired(),
			r.IsOptional(),
		)
	}
	if n, m := validatorCount(r), validatorCount(a); n != m {
		t.Errorf("%s: resource has %d validators, action %d", where, n, m)
	}
	rn, an := nested(r), nestedAction(a)
	if len(rn) != len(an) {
		t.Errorf("%s: resource nests %d attributes, action %d", where, len(rn), len(an))
	}
	for name, x := range rn {
		compareArgument(t, where+"."+name, x.(rschema.Attribute), an[name])
	}
}

func nestedAction(a aschema.Attribute) map[string]aschema.Attribute {
	switch v := a.(type) {
	case aschema.SingleNestedAttribute:
		return v.Attributes
	case aschema.ListNestedAttribute:
		return v.NestedObject.Attributes
	}
	return nil
}

func validatorCount(a any) int {
	switch v := a.(type) {
	case rschema.StringAttribute:
		return len(v.Validators)
	case aschema.StringAttribute:
		return len(v.Validators)
	case rschema.Int64Attribute:
		return len(v.Validators)
	case aschema.Int64Attribute:
		return len(v.Validators)
	case rschema.MapAttribute:
		return len(v.Validators)
	case aschema.MapAttribute:
		return len(v.Validators)
	}
	return 0
}
