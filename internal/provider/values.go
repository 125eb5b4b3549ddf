package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
)

// isFullyKnown reports a value with no unknown anywhere inside it.
func isFullyKnown(v attr.Value) bool {
	if v.IsUnknown() {
		return false
	}
	if v.IsNull() {
		return true
	}
	switch tv := v.(type) {
	case basetypes.ObjectValue:
		for _, a := range tv.Attributes() {
			if !isFullyKnown(a) {
				return false
			}
		}
	case basetypes.ListValue:
		for _, e := range tv.Elements() {
			if !isFullyKnown(e) {
				return false
			}
		}
	case basetypes.MapValue:
		for _, e := range tv.Elements() {
			if !isFullyKnown(e) {
				return false
			}
		}
	}
	return true
}

// optionalString maps "" (absent in the API answer) to null.
func optionalString(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}

func stringSet(ctx context.Context, set types.List, diags *diag.Diagnostics) map[string]bool {
	var items []string
	diags.Append(set.ElementsAs(ctx, &items, false)...)
	out := make(map[string]bool, len(items))
	for _, s := range items {
		out[s] = true
	}
	return out
}

// templateLabel names a template in a warning. A name that comes from
// another resource, such as d360_template.x.approved_name, is unknown until
// apply; the warning says so rather than print "<unknown>".
func templateLabel(name types.String) string {
	if name.IsUnknown() {
		return "whose name is known only at apply (it comes from another resource)"
	}
	return name.String()
}
