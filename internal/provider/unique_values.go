package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// uniqueStrings refuses duplicates in a list of strings, like
// listvalidator.UniqueValues and with its words, but in one pass: that one
// compares every pair, which for 10,000 recipients is 50 million comparisons
// on every validate.
type uniqueStrings struct{}

var _ validator.List = uniqueStrings{}

func (uniqueStrings) Description(context.Context) string { return "each value must be unique" }
func (v uniqueStrings) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (uniqueStrings) ValidateList(_ context.Context, req validator.ListRequest, resp *validator.ListResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	elements := req.ConfigValue.Elements()
	seen := make(map[string]int, len(elements))
	for _, e := range elements {
		if e.IsUnknown() || e.IsNull() {
			continue
		}
		key := e.String()
		if seen[key]++; seen[key] == 2 {
			resp.Diagnostics.AddAttributeError(req.Path, "Duplicate List Value",
				fmt.Sprintf("This attribute contains duplicate values of: %s", e))
		}
	}
}
