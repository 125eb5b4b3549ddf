package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// describable is what every schema attribute and block offers.
type describable interface {
	GetMarkdownDescription() string
	GetDescription() string
}

func checkDescribed(t *testing.T, where string, attrs map[string]any) {
	t.Helper()
	for name, a := range attrs {
		d, ok := a.(describable)
		if !ok {
			t.Errorf("%s.%s: %T has no description", where, name, a)
			continue
		}
		if len(d.GetMarkdownDescription()) < 10 && len(d.GetDescription()) < 10 {
			t.Errorf("%s.%s has no useful description: %q", where, name, d.GetMarkdownDescription())
		}
		checkDescribed(t, where+"."+name, nested(a))
	}
}

// TestEverySchemaElementIsDescribed keeps the registry docs complete: every
// resource, data source and attribute, nested ones included, says what it is.
func TestEverySchemaElementIsDescribed(t *testing.T) {
	ctx := context.Background()
	p := New("test")()
	var ps provider.SchemaResponse
	p.Schema(ctx, provider.SchemaRequest{}, &ps)
	attrs := map[string]any{}
	for k, v := range ps.Schema.Attributes {
		attrs[k] = v
	}
	checkDescribed(t, "provider", attrs)

	for _, newResource := range p.Resources(ctx) {
		r := newResource()
		var meta resource.MetadataResponse
		r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "d360"}, &meta)
		var s resource.SchemaResponse
		r.Schema(ctx, resource.SchemaRequest{}, &s)
		if len(s.Schema.MarkdownDescription) < 40 {
			t.Errorf("%s has no useful description", meta.TypeName)
		}
		attrs := map[string]any{}
		for k, v := range s.Schema.Attributes {
			attrs[k] = v
		}
		for k, v := range s.Schema.Blocks {
			attrs[k] = v
		}
		checkDescribed(t, meta.TypeName, attrs)
	}
	for _, newDataSource := range p.DataSources(ctx) {
		d := newDataSource()
		var meta datasource.MetadataResponse
		d.Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: "d360"}, &meta)
		var s datasource.SchemaResponse
		d.Schema(ctx, datasource.SchemaRequest{}, &s)
		if len(s.Schema.MarkdownDescription) < 40 {
			t.Errorf("%s has no useful description", meta.TypeName)
		}
		attrs := map[string]any{}
		for k, v := range s.Schema.Attributes {
			attrs[k] = v
		}
		checkDescribed(t, meta.TypeName, attrs)
	}
}
