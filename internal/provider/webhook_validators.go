package provider

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/d360-tf/terraform-provider-d360/internal/d360"
)

// webhookHeadersValidator refuses, at plan time, headers that would corrupt
// each event's request or that the delivering HTTP client owns. The rules
// live in the client (d360.WebhookHeaderProblems); values are sensitive, so
// no diagnostic quotes one.
type webhookHeadersValidator struct{}

var _ validator.Map = webhookHeadersValidator{}

func (webhookHeadersValidator) Description(context.Context) string {
	return "header names must be HTTP tokens, values must not contain line breaks, and Host, Content-Length, Content-Type and hop-by-hop headers are not allowed"
}

func (v webhookHeadersValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (webhookHeadersValidator) ValidateMap(ctx context.Context, req validator.MapRequest, resp *validator.MapResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	headers := map[string]string{}
	for name, v := range req.ConfigValue.Elements() {
		s, ok := v.(types.String)
		if !ok || s.IsUnknown() || s.IsNull() {
			continue // checked once known, at apply
		}
		headers[name] = s.ValueString()
	}
	if problems := d360.WebhookHeaderProblems(headers); len(problems) > 0 {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid webhook headers", strings.Join(problems, ".\n")+".")
	}
}
