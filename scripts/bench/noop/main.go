// Command noop is the benchmark's floor: a terraform-plugin-framework
// provider whose resources do nothing. noop_value has one required string,
// noop_list one required list of strings. scripts/bench.sh times the
// d360 resources against it, so that a ratio measures this provider's own
// cost and not the cost every plugin pays (process, gRPC, framework).
// It is not part of the provider: nothing imports it and goreleaser does
// not build it.
package main

import (
	"context"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func main() {
	err := providerserver.Serve(context.Background(), func() provider.Provider { return noopProvider{} },
		providerserver.ServeOpts{Address: "registry.terraform.io/bench/noop"})
	if err != nil {
		log.Fatal(err)
	}
}

type noopProvider struct{}

func (noopProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "noop"
}
func (noopProvider) Schema(context.Context, provider.SchemaRequest, *provider.SchemaResponse) {}
func (noopProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}
func (noopProvider) DataSources(context.Context) []func() datasource.DataSource { return nil }
func (noopProvider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		func() resource.Resource {
			return noopResource{name: "value", attr: schema.StringAttribute{Required: true}}
		},
		func() resource.Resource {
			return noopResource{name: "list", attr: schema.ListAttribute{Required: true, ElementType: types.StringType}}
		},
	}
}

// noopResource has one required attribute, named like the resource type's
// suffix, and CRUD that only copies the plan into state.
type noopResource struct {
	name string
	attr schema.Attribute
}

func (r noopResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + r.name
}
func (r noopResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{Attributes: map[string]schema.Attribute{r.name: r.attr}}
}
func (noopResource) Create(_ context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	resp.State.Raw = req.Plan.Raw
}
func (noopResource) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {}
func (noopResource) Update(_ context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	resp.State.Raw = req.Plan.Raw
}
func (noopResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}
