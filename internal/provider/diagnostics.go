package provider

import (
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
