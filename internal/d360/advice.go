package d360

import "errors"

// Advice says what a person can do about err, in one or two sentences, or ""
// when there is nothing better than the error itself. It is the single table
// behind every diagnostic the provider shows for an API failure.
func Advice(err error) string {
	var unknown *OutcomeUnknownError
	if errors.As(err, &unknown) && unknown.Path == "/v1/configs/templates" {
		return "The template create was sent but no clear answer came back, so the template may or may not have been created. It is not retried automatically. Apply again: the provider first looks the template up by name and language and adopts it if it exists with this content."
	}
	if IsOutcomeUnknown(err) {
		return "The request was sent but no clear answer came back, so the message may or may not have been delivered. It is not retried automatically, to avoid a duplicate. Check the webhook events or WhatsApp Manager before sending again."
	}
	if errors.Is(err, ErrNoGraphToken) {
		return "Set graph_api_token in the provider block or the D360_GRAPH_API_TOKEN environment variable to a Meta system-user token with whatsapp_business_management permission."
	}
	e, ok := asAPIError(err)
	if !ok {
		return ""
	}
	switch {
	case IsNotOnboarded(err):
		return "The WhatsApp Business Account has not accepted the MM Lite (Marketing Messages API) terms. An admin of the business portfolio must accept them in WhatsApp Manager, Overview > Alerts, or in the 360dialog Hub; then wait about 10 minutes. Without product_policy = \"STRICT\" the send would fall back to the Cloud API instead."
	case e.HTTPStatus == 401 && e.Code == 0:
		return "360dialog did not accept the API key. Check api_key or D360_API_KEY: it must be the channel's D360-API-KEY, sent without a \"Bearer\" prefix."
	case e.Code == CodeAccessTokenExpired:
		return "Meta did not accept the Graph API token: it is invalid or has expired. Create a new system-user token and set graph_api_token or D360_GRAPH_API_TOKEN."
	case e.HTTPStatus == 403 && e.Code == 0:
		return "360dialog has not enabled this endpoint for this API key. Ask 360dialog support to enable it for the channel."
	case IsRateLimited(err):
		return "The API is throttling requests and retries ran out. Lower max_messages_per_second in the provider block, send to fewer recipients at once, or try again in a few minutes."
	}
	switch e.Code {
	case CodeGraphPermission, CodeGraphPermissionDenied:
		// Meta's WhatsApp Business Account reference lists
		// whatsapp_business_management as the permission for GET on the
		// WABA node, and owner_business_info is a field of that node, so
		// no further permission is named for it:
		// https://developers.facebook.com/docs/graph-api/reference/whats-app-business-account
		return "The Graph API token lacks permission for this WhatsApp Business Account. Give the system user access to the WABA with the whatsapp_business_management permission; it covers every field read here, owner_business_info included."
	case CodeInvalidParameter:
		if e.Subcode == 33 { // Graph: unknown object id
			return "Meta does not know this WhatsApp Business Account id, or the token cannot see it. Check waba_id."
		}
		return "The API refused a parameter. The details above name it; fix the configuration and apply again."
	case CodeParameterValueInvalid:
		return "A parameter value is not valid, or the template is new or dormant and not yet synced for MM Lite. After creating a template, after onboarding, or after 7 days without sends, wait about 10 minutes and apply again."
	case CodeNotMarketingTemplate:
		return "Only MARKETING templates can be sent through MM Lite. Use a marketing template, or send utility and authentication templates through the Cloud API."
	case CodeBSUIDNotSupported:
		return "This message cannot be sent to a business-scoped user id. Send to the phone number with \"to\" instead of \"recipient\"."
	case CodeMarketingDisabledCloud:
		return "Marketing templates are disabled on the Cloud API for this WABA and the MM Lite terms are not accepted, so there is no path left. Accept the MM Lite terms, or turn off disable_marketing_messages_on_cloud_api."
	case CodeParameterCountMismatch, CodeTemplateParameterFormat:
		return "The parameters do not match the template's placeholders. Give exactly one parameter per {{n}} placeholder in the header, body and dynamic URL buttons."
	case CodeTemplateMissing:
		return "The template does not exist in this language, or is not approved yet. Check template_name and language_code against WhatsApp Manager, or wait for approval."
	}
	if e.HTTPStatus >= 500 {
		return "360dialog or WhatsApp had an internal error. Try again later; if it persists, contact 360dialog support with the trace id."
	}
	return ""
}
