package provider

import (
	"fmt"

	aschema "github.com/hashicorp/terraform-plugin-framework/action/schema"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
)

// actionAttributes gives an action the named arguments of a resource: the
// same names, descriptions, custom types and validators, without what only
// a resource has (plan modifiers, defaults, computed values). The action
// schema package has attribute types of its own; building them from the
// resource's keeps one definition of each argument, so the two cannot drift.
func actionAttributes(from map[string]rschema.Attribute, names ...string) (map[string]aschema.Attribute, error) {
	out := make(map[string]aschema.Attribute, len(names))
	for _, name := range names {
		a, ok := from[name]
		if !ok {
			return nil, fmt.Errorf("the resource schema has no attribute %q", name)
		}
		converted, err := actionAttribute(a)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		out[name] = converted
	}
	return out, nil
}

// actionAttribute converts one resource argument. An Optional+Computed
// argument (one with a default) becomes Optional: the action applies the
// default itself.
func actionAttribute(a rschema.Attribute) (aschema.Attribute, error) {
	if !a.IsRequired() && !a.IsOptional() {
		return nil, fmt.Errorf("computed-only attributes are not arguments")
	}
	switch t := a.(type) {
	case rschema.StringAttribute:
		return aschema.StringAttribute{Required: t.Required, Optional: t.Optional, MarkdownDescription: t.MarkdownDescription,
			DeprecationMessage: t.DeprecationMessage, CustomType: t.CustomType, Validators: t.Validators}, nil
	case rschema.Int64Attribute:
		return aschema.Int64Attribute{Required: t.Required, Optional: t.Optional, MarkdownDescription: t.MarkdownDescription,
			DeprecationMessage: t.DeprecationMessage, Validators: t.Validators}, nil
	case rschema.Float64Attribute:
		return aschema.Float64Attribute{Required: t.Required, Optional: t.Optional, MarkdownDescription: t.MarkdownDescription,
			DeprecationMessage: t.DeprecationMessage, Validators: t.Validators}, nil
	case rschema.BoolAttribute:
		return aschema.BoolAttribute{Required: t.Required, Optional: t.Optional, MarkdownDescription: t.MarkdownDescription,
			DeprecationMessage: t.DeprecationMessage, Validators: t.Validators}, nil
	case rschema.MapAttribute:
		return aschema.MapAttribute{Required: t.Required, Optional: t.Optional, MarkdownDescription: t.MarkdownDescription,
			DeprecationMessage: t.DeprecationMessage, ElementType: t.ElementType, Validators: t.Validators}, nil
	case rschema.SingleNestedAttribute:
		attrs, err := nestedActionAttributes(t.Attributes)
		return aschema.SingleNestedAttribute{Required: t.Required, Optional: t.Optional, MarkdownDescription: t.MarkdownDescription,
			DeprecationMessage: t.DeprecationMessage, Attributes: attrs, Validators: t.Validators}, err
	case rschema.ListNestedAttribute:
		attrs, err := nestedActionAttributes(t.NestedObject.Attributes)
		return aschema.ListNestedAttribute{Required: t.Required, Optional: t.Optional, MarkdownDescription: t.MarkdownDescription,
			DeprecationMessage: t.DeprecationMessage, Validators: t.Validators,
			NestedObject: aschema.NestedAttributeObject{Attributes: attrs, Validators: t.NestedObject.Validators}}, err
	}
	return nil, fmt.Errorf("no action equivalent for %T", a)
}

func nestedActionAttributes(from map[string]rschema.Attribute) (map[string]aschema.Attribute, error) {
	names := make([]string, 0, len(from))
	for name := range from {
		names = append(names, name)
	}
	return actionAttributes(from, names...)
}
