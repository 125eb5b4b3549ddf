package provider

import (
	"context"
	"maps"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/d360-tf/terraform-provider-d360/internal/d360"
)

// maskSecrets hides every occurrence of the given secrets in log messages
// and field values written through ctx. Empty strings are skipped: masking ""
// would mangle every log line.
func maskSecrets(ctx context.Context, secrets ...string) context.Context {
	var nonEmpty []string
	for _, s := range secrets {
		if s != "" {
			nonEmpty = append(nonEmpty, s)
		}
	}
	if len(nonEmpty) == 0 {
		return ctx
	}
	ctx = tflog.MaskMessageStrings(ctx, nonEmpty...)
	return tflog.MaskAllFieldValuesStrings(ctx, nonEmpty...)
}

// clientLogger routes the API client's log entries to tflog: one per request
// at DEBUG, and at INFO the ones a person watching an apply should see, such
// as a wait of a second or more on a server's Retry-After, which Terraform
// would otherwise show as a resource that is "still creating" for no reason
// given. The client never logs headers; masking here is the second lock on
// the door, in case a URL or error text ever carried a secret.
func clientLogger(secrets ...string) func(context.Context, string, map[string]any) {
	return func(ctx context.Context, msg string, fields map[string]any) {
		ctx = maskSecrets(ctx, secrets...)
		if level, ok := fields[d360.LogLevelField].(d360.LogLevel); ok {
			// The level says where the entry goes; as a field it would
			// only repeat tflog's own @level.
			fields = maps.Clone(fields)
			delete(fields, d360.LogLevelField)
			if level >= d360.LogInfo {
				tflog.Info(ctx, msg, fields)
				return
			}
		}
		tflog.Debug(ctx, msg, fields)
	}
}
