package d360

import (
	"context"
	"net/http"
	"net/url"
)

// EnableAnalytics confirms template analytics on the channel's WhatsApp
// Business Account: "You must confirm template analytics on your WhatsApp
// Business Account before you can get template analytics", through the
// WhatsApp Manager or POST /marketing/template_analytics?enable=true
// (https://docs.360dialog.com/docs/resources/templates/template-analytics).
// The API reference documents enable as "Must be 'true' to enable
// analytics" and a 400 "Bad request - enable=true required"
// (https://docs.360dialog.com/docs/messaging-api/api-reference/marketing-messages).
// Neither page documents a way to read the setting or to turn it off.
//
// A write, but not a send: confirming twice leaves the account as
// confirming once, so it is retried like a read, as WebhookService.Set is
// (once is false). The answer's body is not read: only its status matters,
// and the reference shows no field a caller needs.
func (s *TemplatesService) EnableAnalytics(ctx context.Context) error {
	return s.client.do(ctx, request{api: api360, method: http.MethodPost, path: "/marketing/template_analytics",
		query: url.Values{"enable": {"true"}}}, nil)
}
