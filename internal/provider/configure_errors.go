package provider

import (
	"errors"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/d360-tf/terraform-provider-d360/internal/d360"
)

// credentialHint ends a CredentialError in HCL terms, which the client
// does not know.
const credentialHint = ", for example with trimspace(file(...))."

// addConfigureError reports why the client could not be built, on the
// attribute at fault when there is one. The client's error never contains
// the credential itself.
func addConfigureError(diags *diag.Diagnostics, err error) {
	var credErr *d360.CredentialError
	if errors.As(err, &credErr) {
		switch credErr.Credential {
		case d360.CredentialAPIKey:
			diags.AddAttributeError(path.Root("api_key"), "Invalid 360dialog API key",
				"The API key (from api_key or "+envAPIKey+") cannot be used: "+err.Error()+credentialHint)
			return
		case d360.CredentialGraphToken:
			diags.AddAttributeError(path.Root("graph_api_token"), "Invalid Graph API token",
				"The Graph API token (from graph_api_token or "+envGraphToken+") cannot be used: "+err.Error()+credentialHint)
			return
		}
	}
	var cfgErr *d360.ConfigError
	if errors.As(err, &cfgErr) {
		switch cfgErr.Field {
		case d360.FieldBaseURL:
			diags.AddAttributeError(path.Root("base_url"), "Invalid 360dialog base URL",
				"The base URL (from base_url or "+envBaseURL+") cannot be used: "+cfgErr.Err.Error()+".")
			return
		case d360.FieldGraphURL:
			diags.AddAttributeError(path.Root("graph_api_url"), "Invalid Graph API URL",
				"The Graph API URL (from graph_api_url or "+envGraphURL+") cannot be used: "+cfgErr.Err.Error()+".")
			return
		}
	}
	diags.AddError("Could not configure the d360 provider", err.Error())
}
