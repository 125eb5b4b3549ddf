package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/provider"
)

var _ provider.ProviderWithListResources = (*d360Provider)(nil)

// ListResources are the types `terraform query` (Terraform 1.14+) can list.
// Older CLIs never ask for them.
func (p *d360Provider) ListResources(context.Context) []func() list.ListResource {
	return []func() list.ListResource{
		NewTemplateListResource,
	}
}
