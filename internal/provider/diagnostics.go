package provider

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// apiErrorDetail is the text of every diagnostic for a failed API call: what
// the API said, with its code, and then what to do about it.
func apiErrorDetail(err error) string {
	detail := err.Error()
	if text := advice(err); text != "" {
		detail += "\n\n" + text
	}
	return detail
}

// addAPIError reports a failed API call as an error diagnostic.
func addAPIError(diags *diag.Diagnostics, summary string, err error) {
	diags.AddError(summary, apiErrorDetail(err))
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
