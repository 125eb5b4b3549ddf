package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestTemplateLabel(t *testing.T) {
	for _, c := range []struct {
		name types.String
		want string
	}{
		{types.StringValue("spring_sale"), `"spring_sale"`},
		{types.StringUnknown(), "whose name is known only at apply (it comes from another resource)"},
	} {
		if got := templateLabel(c.name); got != c.want {
			t.Errorf("templateLabel(%v) = %q, want %q", c.name, got, c.want)
		}
	}
}
