// Command schemafloor is the benchmark's second floor: a provider whose one
// resource, schemafloor_message, has d360_marketing_message's schema (its
// attributes, validators and plan modifiers, taken from the provider
// itself) and CRUD that does nothing. No ModifyPlan, no ValidateConfig, no
// Configure, no template lookup, no send.
//
// The gap between it and scripts/bench/noop (one string) is what a schema of
// this size costs in the framework and in Terraform, per instance; the gap
// between d360_marketing_message and it is this provider's own code. Like the
// provider, it turns the SDK's own logs off unless a log is asked for, so
// that the two differ only in that code. Nothing imports it and goreleaser
// does not build it.
package main

import (
	"context"
	"log"
	"os"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	d360 "github.com/d360-tf/terraform-provider-d360/internal/provider"
)

func main() {
	quietSDKLogsUnlessAsked()
	err := providerserver.Serve(context.Background(), func() provider.Provider { return floorProvider{} },
		providerserver.ServeOpts{Address: "registry.terraform.io/bench/schemafloor"})
	if err != nil {
		log.Fatal(err)
	}
}

type floorProvider struct{}

func (floorProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "schemafloor"
}
func (floorProvider) Schema(context.Context, provider.SchemaRequest, *provider.SchemaResponse) {}
func (floorProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}
func (floorProvider) DataSources(context.Context) []func() datasource.DataSource { return nil }
func (floorProvider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{func() resource.Resource { return messageShape{} }}
}

// messageShape borrows only the Schema of d360_marketing_message.
type messageShape struct{}

func (messageShape) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_message"
}
func (messageShape) Schema(ctx context.Context, req resource.SchemaRequest, resp *resource.SchemaResponse) {
	d360.NewMarketingMessageResource().Schema(ctx, req, resp)
}

// Create stores the plan, with the computed values it left unknown as null.
func (messageShape) Create(_ context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	resp.State.Raw, _ = tftypes.Transform(req.Plan.Raw, func(_ *tftypes.AttributePath, v tftypes.Value) (tftypes.Value, error) {
		if !v.IsKnown() {
			return tftypes.NewValue(v.Type(), nil), nil
		}
		return v, nil
	})
}
func (messageShape) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {}
func (messageShape) Update(_ context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	resp.State.Raw = req.Plan.Raw
}
func (messageShape) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}

// quietSDKLogsUnlessAsked does what the provider's main does: the SDK's own
// logs off, unless any log variable is set.
func quietSDKLogsUnlessAsked() {
	for _, name := range []string{"TF_LOG", "TF_LOG_PATH", "TF_LOG_PROVIDER", "TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK", "TF_ACC_LOG_PATH"} {
		if os.Getenv(name) != "" {
			return
		}
	}
	for _, name := range []string{"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_PROVIDER"} {
		_ = os.Setenv(name, "OFF")
	}
}
