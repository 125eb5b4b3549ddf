package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
)

// timeoutsBlock is the timeouts module's block with a description of its own,
// so the registry page says what the block is for.
func timeoutsBlock(ctx context.Context, opts timeouts.Opts) schema.Block {
	b := timeouts.Block(ctx, opts)
	if nb, ok := b.(schema.SingleNestedBlock); ok {
		nb.MarkdownDescription = "Time limits for the operations below, as Go durations such as `30s`, `5m` or `1h`."
		return nb
	}
	return b
}
