package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-log/tflog"
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

// clientLogger routes the API client's per-request log entries to tflog.
// The client never logs headers; masking here is the second lock on the door,
// in case a URL or error text ever carried a secret.
func clientLogger(secrets ...string) func(context.Context, string, map[string]any) {
	return func(ctx context.Context, msg string, fields map[string]any) {
		tflog.Debug(maskSecrets(ctx, secrets...), msg, fields)
	}
}
