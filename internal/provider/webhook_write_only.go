package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Write-only webhook headers (Terraform 1.11+, OpenTofu 1.11+): a shared
// secret the receiver checks reaches 360dialog without entering state or a
// plan. They exclude `headers` rather than merging with it: 360dialog
// returns all headers together from GET /v1/configs/webhook, and with one
// source only, Read knows that none of them belongs in state.

func webhookHeadersWOAttribute() schema.MapAttribute {
	return schema.MapAttribute{
		MarkdownDescription: "Headers sent with every event, like `headers`, but write-only: " +
			"the values go to 360dialog and are never stored in state or plans " +
			"(Terraform 1.11+ or OpenTofu 1.11+). " +
			"Use it for a shared secret. Conflicts with `headers`, and needs `headers_wo_version`: " +
			"Terraform cannot compare write-only values, " +
			"so a new value is sent only when `headers_wo_version` changes. " +
			"Any other update (such as a new `url`) sends the current values too, because 360dialog replaces the whole webhook configuration. " +
			"Refresh cannot see a value changed outside Terraform; if 360dialog reports no headers at all, " +
			"`headers_wo_version` is cleared in state so that the next apply sends them again. " +
			"Same name and value rules as `headers`.",
		Optional:  true,
		WriteOnly: true,
		// Not Sensitive: a write-only value is never in a plan or state, so
		// there is nothing to hide, and a second sensitive attribute made
		// Terraform 1.11 report drift after every refresh (it compares
		// the sensitive paths of a resource in an order that varies).
		ElementType: types.StringType,
		Validators: []validator.Map{
			webhookHeadersValidator{},
			mapvalidator.ConflictsWith(path.MatchRoot("headers")),
			mapvalidator.AlsoRequires(path.MatchRoot("headers_wo_version")),
		},
	}
}

func webhookHeadersWOVersionAttribute() schema.Int64Attribute {
	return schema.Int64Attribute{
		MarkdownDescription: "Any number; change it " +
			"(for example increment it) to send the current `headers_wo` values to 360dialog. " +
			"Required with `headers_wo`.",
		Optional:   true,
		Validators: []validator.Int64{int64validator.AlsoRequires(path.MatchRoot("headers_wo"))},
	}
}

// webhookWriteOnlyHeaders reads headers_wo from the configuration, the only
// place a write-only value exists; nil when unset.
func webhookWriteOnlyHeaders(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) map[string]string {
	var wo types.Map
	diags.Append(config.GetAttribute(ctx, path.Root("headers_wo"), &wo)...)
	if wo.IsNull() || wo.IsUnknown() {
		return nil
	}
	out := map[string]string{}
	diags.Append(wo.ElementsAs(ctx, &out, false)...)
	return out
}

// readWriteOnlyHeaders handles what GET returned when headers_wo is in use
// (a version in state): the values came from headers_wo, so none goes to
// state. It reports whether that was the case.
func readWriteOnlyHeaders(m *webhookModel, returned map[string]string, diags *diag.Diagnostics) bool {
	if m.HeadersWOVersion.IsNull() {
		return false
	}
	if len(returned) == 0 {
		diags.AddWarning(
			"Write-only webhook headers are gone",
			"360dialog reports no headers on the webhook, but headers_wo set some. "+
				"headers_wo_version is cleared in state, so the next apply sends headers_wo again.",
		)
		m.HeadersWOVersion = types.Int64Null()
	}
	m.Headers = types.MapNull(types.StringType)
	return true
}
