package provider

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/d360-tf/terraform-provider-d360/internal/d360"
)

// providerData is what every resource and data source receives.
type providerData struct {
	client *d360.Client
	// templates is shared by every send in this provider process, so plan
	// time checks cost one GET per template name.
	templates         *d360.TemplateCache
	validateTemplates bool
}

// providerDataFrom unpacks what Configure handed over. It is nil before the
// provider is configured, e.g. during validate.
func providerDataFrom(raw any, diags *diag.Diagnostics) *providerData {
	if raw == nil {
		return nil
	}
	data, ok := raw.(*providerData)
	if !ok {
		diags.AddError("Unexpected provider data",
			fmt.Sprintf("Expected *providerData, got %T. This is a bug in the provider; please report it.", raw))
		return nil
	}
	return data
}
