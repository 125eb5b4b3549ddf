package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/d360-tf/terraform-provider-d360/internal/d360"
)

// durationValidator accepts a positive Go duration string such as "30s".
type durationValidator struct{}

var _ validator.String = durationValidator{}

func (durationValidator) Description(context.Context) string {
	return "must be a positive duration such as 30s or 2m"
}

func (v durationValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (durationValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	d, err := time.ParseDuration(req.ConfigValue.ValueString())
	if err != nil || d <= 0 {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid duration",
			fmt.Sprintf("%q is not a positive duration. Use a number with a unit, such as 30s, 90s or 2m.", req.ConfigValue.ValueString()))
	}
}

// jsonArrayValidator accepts a JSON array of objects, the shape of a
// template's components.
type jsonArrayValidator struct{}

var _ validator.String = jsonArrayValidator{}

func (jsonArrayValidator) Description(context.Context) string {
	return "must be a JSON array of component objects"
}

func (v jsonArrayValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (jsonArrayValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if err := d360.ValidateRawComponents([]byte(req.ConfigValue.ValueString())); err != nil {
		resp.Diagnostics.AddAttributeError(
			req.Path,
			"Invalid components JSON",
			fmt.Sprintf(
				"components_json must be a JSON array of objects such as [{\"type\":\"body\",\"parameters\":[...]}], as in the WhatsApp template send API: %v. "+
					"Tip: build it with jsonencode([...]).",
				err,
			),
		)
	}
}

// phoneNumberValidator accepts a number in international format with digits
// only, which is what WhatsApp's "to" expects, and says exactly how to fix
// the common mistakes.
type phoneNumberValidator struct{}

var _ validator.String = phoneNumberValidator{}

func (phoneNumberValidator) Description(context.Context) string {
	return "must be a phone number in international format, digits only, such as 4915112345678"
}

func (v phoneNumberValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

var digitsOnly = regexp.MustCompile(`^[0-9]+$`)

// phoneNumberProblem says what is wrong with n, or "" when it is fine.
func phoneNumberProblem(n string) string {
	stripped := strings.Map(func(r rune) rune {
		if strings.ContainsRune(" -().", r) {
			return -1
		}
		return r
	}, n)
	switch {
	case strings.HasPrefix(n, "+"):
		return fmt.Sprintf("%q starts with \"+\": give the number without it, digits only, such as %q", n, strings.TrimPrefix(stripped, "+"))
	case stripped != n && digitsOnly.MatchString(stripped):
		return fmt.Sprintf("%q contains spaces or punctuation: give digits only, such as %q", n, stripped)
	case strings.HasPrefix(n, "00"):
		return fmt.Sprintf(
			"%q starts with the international prefix 00: drop it and give the country code first, such as %q",
			n,
			strings.TrimPrefix(n, "00"),
		)
	case !digitsOnly.MatchString(n):
		return fmt.Sprintf("%q is not a phone number: use the international format with digits only, country code first, such as 4915112345678", n)
	case len(n) < 7 || len(n) > 15:
		return fmt.Sprintf("%q has %d digits: an international number has 7 to 15, country code included", n, len(n))
	}
	return ""
}

func (phoneNumberValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if problem := phoneNumberProblem(req.ConfigValue.ValueString()); problem != "" {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid recipient phone number", problem)
	}
}

// webhookURLValidator applies 360dialog's webhook URL rules at plan time.
type webhookURLValidator struct{}

func (webhookURLValidator) Description(context.Context) string {
	return "must be an https URL without an explicit port and without an underscore in the host"
}

func (v webhookURLValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (webhookURLValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	addWebhookProblems(&resp.Diagnostics, req.Path, d360.CheckWebhookURL(req.ConfigValue.ValueString()))
}

// webhookHeadersValidator refuses, at plan time, headers that would corrupt
// each event's request or that the delivering HTTP client owns. The rules
// live in the client (d360.CheckWebhookHeaders); values are sensitive, so
// no diagnostic quotes one.
type webhookHeadersValidator struct{}

var _ validator.Map = webhookHeadersValidator{}

func (webhookHeadersValidator) Description(context.Context) string {
	return "header names must be HTTP tokens, values must not contain line breaks, and Host, Content-Length, " +
		"Content-Type and hop-by-hop headers are not allowed"
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
	addWebhookProblems(&resp.Diagnostics, req.Path, d360.CheckWebhookHeaders(headers))
}
