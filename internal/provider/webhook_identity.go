package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ resource.ResourceWithIdentity = (*webhookResource)(nil)

// webhookIdentity says which webhook: the channel's only one. The channel
// itself is chosen by the provider's API key, a secret that must not be part
// of an identity; /v1/configs/webhook takes no channel in its path or body
// (https://docs.360dialog.com/docs/whatsapp-api/the-basics). The base URL
// does not name the channel either: every channel shares it. So the identity
// is the constant the import id already was, which stays true when a key is
// rotated and cannot point an import at another channel's webhook.
type webhookIdentity struct {
	ID types.String `tfsdk:"id"`
}

func (r *webhookResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			"id": identityschema.StringAttribute{
				Description: "Always `webhook`: an API key belongs to one channel, which has one webhook; the provider configuration picks the channel.",
				// RequiredForImport so that an import block states which resource
				// it means; any other value is refused.
				RequiredForImport: true,
			},
		},
	}
}

func setWebhookIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics) {
	if identity != nil {
		diags.Append(identity.Set(ctx, webhookIdentity{ID: types.StringValue(webhookID)})...)
	}
}

// webhookImportID is the id of an import by id or by identity.
func webhookImportID(ctx context.Context, req resource.ImportStateRequest, diags *diag.Diagnostics) string {
	if req.ID != "" || req.Identity == nil {
		return req.ID
	}
	var id webhookIdentity
	diags.Append(req.Identity.GetAttribute(ctx, path.Root("id"), &id.ID)...)
	if !diags.HasError() && id.ID.ValueString() != webhookID {
		diags.AddError(
			"Invalid import identity",
			fmt.Sprintf("Import the channel's webhook with identity = { id = %q }, not %q.", webhookID, id.ID.ValueString()),
		)
	}
	return id.ID.ValueString()
}
