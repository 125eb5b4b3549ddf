package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// ImportState takes "name/language", or an identity (template_identity.go);
// Read fills in the rest from the API.
func (r *templateResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if req.ID == "" && req.Identity != nil {
		importTemplateByIdentity(ctx, req, resp)
		return
	}
	name, language, ok := strings.Cut(req.ID, "/")
	if !ok || name == "" || language == "" {
		resp.Diagnostics.AddError("Invalid import id", fmt.Sprintf("Import a template as name/language, such as spring_sale/en; got %q.", req.ID))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("name"), name)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("language"), language)...)
}
