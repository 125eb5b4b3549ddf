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

var _ resource.ResourceWithIdentity = (*templateResource)(nil)

// templateIdentity is what identifies a template on a channel: 360dialog
// lists templates by name, and a name has one template per language
// (https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/template-management).
// The 360dialog id is left out: it is not what users know, and a template
// created again under the same name and language gets a new one.
type templateIdentity struct {
	Name     types.String `tfsdk:"name"`
	Language types.String `tfsdk:"language"`
}

// IdentitySchema lets Terraform 1.12+ import a template with an import
// block's identity = { name = ..., language = ... } instead of an id string.
func (r *templateResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			"name": identityschema.StringAttribute{
				Description:       "Template name, such as `spring_sale`.",
				RequiredForImport: true,
			},
			"language": identityschema.StringAttribute{
				Description:       "Language code, such as `en` or `en_US`.",
				RequiredForImport: true,
			},
		},
	}
}

// setTemplateIdentity records name and language as the identity. The
// identity is nil only where the framework has no identity schema, which
// cannot happen for this resource, but a nil check costs nothing.
func setTemplateIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, name, language string, diags *diag.Diagnostics) {
	if identity == nil {
		return
	}
	diags.Append(identity.Set(ctx, templateIdentity{Name: types.StringValue(name), Language: types.StringValue(language)})...)
}

// importTemplateByIdentity handles an import block with identity instead of
// id: the same state as the id "name/language" gives, for Read to fill.
func importTemplateByIdentity(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	var id templateIdentity
	resp.Diagnostics.Append(req.Identity.Get(ctx, &id)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name, language := id.Name.ValueString(), id.Language.ValueString()
	if name == "" || language == "" {
		resp.Diagnostics.AddError("Invalid import identity",
			fmt.Sprintf("Import a template with identity = { name = \"spring_sale\", language = \"en\" }; got name %q and language %q.", name, language))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), name+"/"+language)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("name"), name)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("language"), language)...)
}
