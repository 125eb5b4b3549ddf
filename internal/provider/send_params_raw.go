package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Reading a whole resource model (Plan.Get, Config.Get) reflects every
// attribute into a struct, and Terraform plans every for_each instance on
// its own, so a plan of hundreds of sends paid for it hundreds of times.
// The plan and validation paths read the few attributes they need from the
// raw value instead.

// templateParamTypes are the attribute types of templateParamsModel,
// computed once.
var templateParamTypes = func() map[string]attr.Type {
	out := map[string]attr.Type{}
	for name, a := range templateParamAttributes() {
		out[name] = a.GetType()
	}
	return out
}()

// rawAttributes splits a raw object into its attributes; a null or unknown
// object has none.
func rawAttributes(v tftypes.Value) (map[string]tftypes.Value, error) {
	attrs := map[string]tftypes.Value{}
	if v.IsNull() || !v.IsKnown() {
		return attrs, nil
	}
	if err := v.As(&attrs); err != nil {
		return nil, err
	}
	return attrs, nil
}

// valueFromRaw converts one raw attribute to its framework value type T.
func valueFromRaw[T attr.Value](ctx context.Context, typ attr.Type, raw map[string]tftypes.Value, name string) (T, error) {
	var zero T
	v, ok := raw[name]
	if !ok {
		return zero, fmt.Errorf("attribute %q missing", name)
	}
	av, err := typ.ValueFromTerraform(ctx, v)
	if err != nil {
		return zero, fmt.Errorf("attribute %q: %w", name, err)
	}
	out, ok := av.(T)
	if !ok {
		return zero, fmt.Errorf("attribute %q: unexpected value type %T", name, av)
	}
	return out, nil
}

// templateParamsFromRaw reads templateParamsModel from a raw resource
// object, as Get would, without the rest of the model.
func templateParamsFromRaw(ctx context.Context, raw map[string]tftypes.Value) (templateParamsModel, error) {
	var m templateParamsModel
	var errs []error
	str := func(name string) types.String {
		v, err := valueFromRaw[types.String](ctx, types.StringType, raw, name)
		errs = append(errs, err)
		return v
	}
	obj := func(name string) types.Object {
		v, err := valueFromRaw[types.Object](ctx, templateParamTypes[name], raw, name)
		errs = append(errs, err)
		return v
	}
	list := func(name string) types.List {
		v, err := valueFromRaw[types.List](ctx, templateParamTypes[name], raw, name)
		errs = append(errs, err)
		return v
	}
	m.TemplateName, m.LanguageCode, m.LanguagePolicy, m.ProductPolicy = str(
		"template_name",
	), str(
		"language_code",
	), str(
		"language_policy",
	), str(
		"product_policy",
	)
	m.Header, m.LimitedTimeOffer = obj("header"), obj("limited_time_offer")
	m.BodyParameters, m.Buttons = list("body_parameters"), list("buttons")
	var err error
	m.ComponentsJSON, err = valueFromRaw[jsontypes.Normalized](ctx, templateParamTypes["components_json"], raw, "components_json")
	errs = append(errs, err)
	m.MessageActivitySharing, err = valueFromRaw[types.Bool](ctx, types.BoolType, raw, "message_activity_sharing")
	errs = append(errs, err)
	m.MaxPriceMultiplier, err = valueFromRaw[types.Float64](ctx, types.Float64Type, raw, "max_price_multiplier")
	errs = append(errs, err)
	for _, err := range errs {
		if err != nil {
			return m, err
		}
	}
	return m, nil
}
