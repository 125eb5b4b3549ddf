package provider

import (
	"context"
	"fmt"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/d360-tf/terraform-provider-d360/internal/d360"
)

// validateTemplateParams checks the fields each header type and button
// sub_type needs, which attribute validators cannot express. Unknown values
// are left for later.
func validateTemplateParams(ctx context.Context, m *templateParamsModel) diag.Diagnostics {
	var diags diag.Diagnostics
	if isFullyKnown(m.Header) && !m.Header.IsNull() {
		var h headerModel
		diags.Append(m.Header.As(ctx, &h, basetypes.ObjectAsOptions{})...)
		diags.Append(validateHeader(h)...)
	}
	if isFullyKnown(m.Buttons) && !m.Buttons.IsNull() {
		var buttons []buttonModel
		diags.Append(m.Buttons.ElementsAs(ctx, &buttons, false)...)
		seen := map[int64]bool{}
		for i, b := range buttons {
			p := path.Root("buttons").AtListIndex(i)
			if seen[b.Index.ValueInt64()] {
				diags.AddAttributeError(p.AtName("index"), "Duplicate button index",
					fmt.Sprintf("Two buttons have index %d. Give each template button at most one entry.", b.Index.ValueInt64()))
			}
			seen[b.Index.ValueInt64()] = true
			diags.Append(validateButton(p, b)...)
		}
	}
	diags.Append(validateBodyParameterKinds(m)...)
	diags.Append(validateParameterValues(m)...)
	return diags
}

// bodyParameterKinds are the attributes of which a body parameter sets
// exactly one.
var bodyParameterKinds = []string{"text", "currency", "date_time"}

// validateBodyParameterKinds: each body parameter sets exactly one of text,
// currency and date_time. It is what stringvalidator.ExactlyOneOf said on
// each element, in one pass over the list: that validator matched its
// sibling paths against the whole configuration for every element, so
// validating 1,000 parameters took 7 s and 10,000 more than ten minutes.
// An element with an unknown kind is left for later.
func validateBodyParameterKinds(m *templateParamsModel) diag.Diagnostics {
	var diags diag.Diagnostics
	for i, element := range objects(m.BodyParameters) {
		if element.IsNull() || element.IsUnknown() {
			continue
		}
		attrs := element.Attributes()
		set, unknown := 0, false
		for _, kind := range bodyParameterKinds {
			v, ok := attrs[kind]
			switch {
			case !ok:
			case v.IsUnknown():
				unknown = true
			case !v.IsNull():
				set++
			}
		}
		if unknown || set == 1 {
			continue
		}
		problem := "sets none of them"
		if set > 1 {
			problem = fmt.Sprintf("sets %d of them", set)
		}
		diags.AddAttributeError(path.Root("body_parameters").AtListIndex(i), "Invalid Attribute Combination",
			fmt.Sprintf("Body parameter %d must set exactly one of text, currency and date_time, and %s.", i+1, problem))
	}
	return diags
}

// validateParameterValues refuses, before any request, the parameter values
// WhatsApp refuses (d360.CheckTextParameter, d360.CheckURLSuffix), on the
// attribute that holds them. It reads each value on its own, so one unknown
// value does not hide the others.
func validateParameterValues(m *templateParamsModel) diag.Diagnostics {
	var diags diag.Diagnostics
	invalid := func(p path.Path, subject, value string, err error) {
		diags.AddAttributeError(p, "Invalid template parameter", fmt.Sprintf("%s %s %v.", subject, strconv.Quote(value), err))
	}
	if kind, _ := knownString(m.Header, "type"); kind == "text" { // other types' text is refused by validateHeader
		if text, ok := knownString(m.Header, "text"); ok {
			if err := d360.CheckTextParameter(text); err != nil {
				invalid(path.Root("header").AtName("text"), "Header text", text, err)
			}
		}
	}
	for i, element := range objects(m.BodyParameters) {
		text, ok := knownString(element, "text")
		if !ok {
			continue
		}
		if err := d360.CheckTextParameter(text); err != nil {
			variable := "{{" + strconv.Itoa(i+1) + "}}"
			if name, ok := knownString(element, "parameter_name"); ok {
				variable = "{{" + name + "}}"
			}
			invalid(path.Root("body_parameters").AtListIndex(i).AtName("text"), fmt.Sprintf("Body parameter %d (%s)", i+1, variable), text, err)
		}
	}
	for i, element := range objects(m.Buttons) {
		suffix, ok := knownString(element, "text")
		subType, _ := knownString(element, "sub_type")
		index, known := element.Attributes()["index"].(types.Int64)
		if !ok || subType != "url" || !known || index.IsNull() || index.IsUnknown() {
			continue
		}
		if err := d360.CheckURLSuffix(suffix); err != nil {
			invalid(path.Root("buttons").AtListIndex(i).AtName("text"), "The value", suffix,
				fmt.Errorf("of URL button %d %w", index.ValueInt64(), err))
		}
	}
	return diags
}

// objects are the elements of a list of objects, in order; none when the
// list is null or unknown. An element that is not an object comes back
// null, which knownString reads as unknown.
func objects(l types.List) []types.Object {
	if l.IsNull() || l.IsUnknown() {
		return nil
	}
	out := make([]types.Object, len(l.Elements()))
	for i, e := range l.Elements() {
		obj, ok := e.(types.Object)
		if !ok {
			obj = types.ObjectNull(nil)
		}
		out[i] = obj
	}
	return out
}

// knownString is the attribute name of obj when obj is known and the
// attribute is a known string.
func knownString(obj types.Object, name string) (string, bool) {
	if obj.IsNull() || obj.IsUnknown() {
		return "", false
	}
	s, ok := obj.Attributes()[name].(types.String)
	if !ok || s.IsNull() || s.IsUnknown() {
		return "", false
	}
	return s.ValueString(), true
}

func validateHeader(h headerModel) diag.Diagnostics {
	var diags diag.Diagnostics
	p := path.Root("header")
	kind := h.Type.ValueString()
	set := func(v interface{ IsNull() bool }) bool { return !v.IsNull() }
	fieldsFor := map[string][]string{
		"text":     {"text", "parameter_name"},
		"image":    {"link", "media_id"},
		"video":    {"link", "media_id"},
		"document": {"link", "media_id", "filename"},
		"location": {"latitude", "longitude", "name", "address"},
	}
	given := map[string]bool{
		"text": set(h.Text), "parameter_name": set(h.ParameterName), "link": set(h.Link), "media_id": set(h.MediaID),
		"filename": set(h.Filename), "latitude": set(h.Latitude), "longitude": set(h.Longitude), "name": set(h.Name), "address": set(h.Address),
	}
	allowed := map[string]bool{}
	for _, f := range fieldsFor[kind] {
		allowed[f] = true
	}
	for _, f := range []string{"text", "parameter_name", "link", "media_id", "filename", "latitude", "longitude", "name", "address"} {
		if given[f] && !allowed[f] {
			diags.AddAttributeError(p.AtName(f), "Field does not apply to this header type",
				fmt.Sprintf("header.%s cannot be used with header type %q. A %s header takes: %v.", f, kind, kind, fieldsFor[kind]))
		}
	}
	switch kind {
	case "text":
		if !given["text"] {
			diags.AddAttributeError(p.AtName("text"), "Missing header text", "A text header needs header.text, the value of its {{1}}.")
		}
	case "image", "video", "document":
		if given["link"] == given["media_id"] {
			diags.AddAttributeError(p, "Header media needs exactly one source",
				fmt.Sprintf("A %s header needs exactly one of header.link (a public https URL) and header.media_id (an uploaded media id).", kind))
		}
	case "location":
		if !given["latitude"] || !given["longitude"] {
			diags.AddAttributeError(p, "Missing location", "A location header needs header.latitude and header.longitude.")
		}
	}
	return diags
}

func validateButton(p path.Path, b buttonModel) diag.Diagnostics {
	var diags diag.Diagnostics
	need := map[string]struct {
		field string
		given bool
	}{
		"url":         {"text", !b.Text.IsNull()},
		"quick_reply": {"payload", !b.Payload.IsNull()},
		"copy_code":   {"coupon_code", !b.CouponCode.IsNull()},
	}
	sub := b.SubType.ValueString()
	if n, ok := need[sub]; ok && !n.given {
		diags.AddAttributeError(p.AtName(n.field), "Missing button parameter",
			fmt.Sprintf("A %s button needs %s.", sub, n.field))
	}
	others := map[string]bool{"text": !b.Text.IsNull(), "payload": !b.Payload.IsNull(), "coupon_code": !b.CouponCode.IsNull(),
		"flow_token": !b.FlowToken.IsNull(), "flow_action_data": !b.FlowActionData.IsNull()}
	ownField := map[string][]string{
		"url":         {"text"},
		"quick_reply": {"payload"},
		"copy_code":   {"coupon_code"},
		"flow":        {"flow_token", "flow_action_data"},
	}
	for _, field := range []string{"text", "payload", "coupon_code", "flow_token", "flow_action_data"} {
		if !others[field] {
			continue
		}
		mine := false
		for _, f := range ownField[sub] {
			mine = mine || f == field
		}
		if !mine {
			diags.AddAttributeError(p.AtName(field), "Field does not apply to this button",
				fmt.Sprintf("%s cannot be used with sub_type %q; a %s button takes %v.", field, sub, sub, ownField[sub]))
		}
	}
	return diags
}
