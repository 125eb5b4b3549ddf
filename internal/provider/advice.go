package provider

import (
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/d360-tf/terraform-provider-d360/internal/d360"
)

// This file is where the client's typed kinds become this provider's words:
// remedies become advice that names provider arguments and resources, and
// template and webhook problems get the attribute path they point at and
// the advice that names HCL. The client knows no Terraform names; nothing
// else here should build that wording.

// remedies words every d360.Remedy for a person who writes HCL.
var remedies = map[d360.Remedy]string{
	d360.RemedyCheckTemplateCreated: "The template create was sent but no clear answer came back, so the template " +
		"may or may not have been created. It is not retried automatically. Apply again: the provider first looks " +
		"the template up by name and language and adopts it if it exists with this content.",
	d360.RemedyCheckDelivery: "The request was sent but no clear answer came back, " +
		"so the message may or may not have been delivered. It is not retried automatically, to avoid a duplicate. " +
		"Check the webhook events or WhatsApp Manager before sending again.",
	d360.RemedyConfigureGraphToken: "Set graph_api_token in the provider block or the D360_GRAPH_API_TOKEN " +
		"environment variable to a Meta system-user token with whatsapp_business_management permission.",
	d360.RemedyAcceptTerms: "The WhatsApp Business Account has not accepted the MM Lite " +
		"(Marketing Messages API) terms. An admin of the business portfolio must accept them in WhatsApp Manager, " +
		"Overview > Alerts, or in the 360dialog Hub; then wait about 10 minutes. " +
		"Without product_policy = \"STRICT\" the send would fall back to the Cloud API instead.",
	d360.RemedyCheckAPIKey: "360dialog did not accept the API key. " +
		"Check api_key or D360_API_KEY: it must be the channel's D360-API-KEY, sent without a \"Bearer\" prefix.",
	d360.RemedyRenewGraphToken: "Meta did not accept the Graph API token: it is invalid or has expired. " +
		"Create a new system-user token and set graph_api_token or D360_GRAPH_API_TOKEN.",
	d360.RemedyAskToEnableEndpoint: "360dialog has not enabled this endpoint for this API key. Ask 360dialog support to enable it for the channel.",
	d360.RemedySlowDown: "The API is throttling requests and retries ran out. " +
		"Lower max_messages_per_second in the provider block, send to fewer recipients at once, " +
		"or try again in a few minutes.",
	// Meta's WhatsApp Business Account reference lists
	// whatsapp_business_management as the permission for GET on the WABA
	// node, and owner_business_info is a field of that node, so no further
	// permission is named for it:
	// https://developers.facebook.com/docs/graph-api/reference/whats-app-business-account
	d360.RemedyGrantGraphPermission: "The Graph API token lacks permission for this WhatsApp Business Account. " +
		"Give the system user access to the WABA with the whatsapp_business_management permission; " +
		"it covers every field read here, owner_business_info included.",
	d360.RemedyCheckWABAID:  "Meta does not know this WhatsApp Business Account id, or the token cannot see it. Check waba_id.",
	d360.RemedyFixParameter: "The API refused a parameter. The details above name it; fix the configuration and apply again.",
	d360.RemedyWaitForTemplateSync: "A parameter value is not valid, " +
		"or the template is new or dormant and not yet synced for MM Lite. After creating a template, " +
		"after onboarding, or after 7 days without sends, wait about 10 minutes and apply again.",
	d360.RemedyUseMarketingTemplate: "Only MARKETING templates can be sent through MM Lite. " +
		"Use a marketing template, or send utility and authentication templates through the Cloud API.",
	d360.RemedySendToPhoneNumber: "This message cannot be sent to a business-scoped user id. " +
		"Send to the phone number with \"to\" instead of \"recipient\".",
	d360.RemedyAcceptTermsOrAllowCloud: "Marketing templates are disabled on the Cloud API for this WABA and the MM " +
		"Lite terms are not accepted, so there is no path left. Accept the MM Lite terms, or turn off " +
		"disable_marketing_messages_on_cloud_api.",
	d360.RemedyMaxPriceNeedsMMLite: "The template has a max price (max_price on d360_template), which only the " +
		"Marketing Messages API takes: the Cloud API refuses it. A send through this provider reaches the Cloud API only " +
		"as a fallback, when the WhatsApp Business Account has not accepted the MM Lite terms. Accept the terms, " +
		"or send a template without max_price.",
	d360.RemedyMatchPlaceholders: "The parameters do not match the template's placeholders. " +
		"Give exactly one parameter per {{n}} placeholder in the header, body and dynamic URL buttons.",
	d360.RemedyCheckTemplate: "The template does not exist in this language, or is not approved yet. " +
		"Check template_name and language_code against WhatsApp Manager, or wait for approval.",
	d360.RemedyCheckAPIRoot: "360dialog's and Meta's APIs never redirect, so base_url (or graph_api_url) is probably not the API root: " +
		"set it to the root itself, such as " + d360.DefaultBaseURL + ". The request was not sent on; if it was a send, " +
		"the server that redirected may still have acted on it, so check the channel's webhook before sending again.",
	d360.RemedyRaiseRetryLimit: "The API kept failing for as long as the provider retries a read. " +
		"Try again later, or raise max_retry_duration in the provider block.",
	d360.RemedyStartMock: "Nothing listens at that address on this machine. If it is d360-mock, is it running? " +
		"Start it with `d360-mock -env-file mock.env &`, wait for it with `d360-mock wait -env-file mock.env`, and load the file " +
		"(`. ./mock.env`), which sets D360_BASE_URL " +
		"to the port it listens on; or set base_url (D360_BASE_URL) to where it listens.",
	d360.RemedyCheckConnection: "Check the URL (base_url or D360_BASE_URL; graph_api_url or D360_GRAPH_API_URL for Graph reads), " +
		"and that this machine can reach it: DNS, a proxy (HTTPS_PROXY) or a firewall in between.",
	d360.RemedyRetryLater: "360dialog or WhatsApp had an internal error. " +
		"Try again later; if it persists, contact 360dialog support with the trace id.",
}

// advice says what a person can do about err, or "" when there is nothing
// better than the error itself.
func advice(err error) string { return remedies[d360.RemedyFor(err)] }

// sendProblemPath is the attribute of a send (d360_marketing_message,
// d360_marketing_broadcast) that a template problem points at. With
// components_json, everything but the name and language is in that JSON.
func sendProblemPath(part d360.TemplatePart, rawComponents bool) path.Path {
	switch part {
	case d360.PartName, d360.PartStatus, d360.PartCategory:
		return path.Root("template_name")
	case d360.PartLanguage:
		return path.Root("language_code")
	}
	if rawComponents {
		return path.Root("components_json")
	}
	switch part {
	case d360.PartBody:
		return path.Root("body_parameters")
	case d360.PartHeader:
		return path.Root("header")
	case d360.PartOffer:
		return path.Root("limited_time_offer")
	}
	return path.Root("buttons")
}

// sendProblemText is a template problem of a send in this provider's words:
// where d360_template can help, it says how.
func sendProblemText(p d360.TemplateProblem) string {
	switch p.Part {
	case d360.PartName:
		return p.Message + " or create it with d360_template"
	case d360.PartStatus:
		return p.Message + " (d360_template can wait with wait_for_approval)"
	}
	return p.Message
}

// reviewProblemPath is the attribute of a d360_template that a review
// problem (d360.CheckTemplateContent) points at: the component's block, or
// components_json when the components are written as JSON.
func reviewProblemPath(part d360.TemplatePart, componentsJSON bool) path.Path {
	if componentsJSON {
		return path.Root("components_json")
	}
	switch part {
	case d360.PartHeader, d360.PartBody, d360.PartFooter, d360.PartButtons:
		return path.Root("components").AtName(part.String())
	}
	// Offers, carousels and other kinds have no typed block: only
	// components_json can hold them.
	return path.Root("components")
}

// addMaxPriceProblems reports the problems of d360.CheckMaxPrice: a max
// price on a template of another category than MARKETING, at max_price, or
// a bid amount out of range, at its bid_amount.
func addMaxPriceProblems(diags *diag.Diagnostics, problems []d360.TemplateProblem) {
	for _, p := range problems {
		if p.Part == d360.PartCategory {
			diags.AddAttributeError(path.Root("max_price"), "Max price on a non-marketing template",
				upperFirst(p.Message)+". Remove max_price or set category = \"MARKETING\". See "+maxPriceMetaURL+".")
			continue
		}
		// It starts with the field's name, bid_amount, which stays in lower case.
		diags.AddAttributeError(path.Root("max_price").AtName("bid_amount"), "Invalid max price", p.Message+".")
	}
}

// addTTLProblems reports the problems of d360.CheckTemplateTTL at
// message_send_ttl_seconds.
func addTTLProblems(diags *diag.Diagnostics, problems []d360.TemplateProblem) {
	for _, p := range problems {
		diags.AddAttributeError(path.Root("message_send_ttl_seconds"), "Time-to-live out of range for the category",
			p.Message+". Meta's time-to-live page ("+templateTTLURL+") gives these ranges; "+
				"choose a value in range or remove the argument for the default.")
	}
}

// webhookProblemText is a webhook problem in this provider's words: a
// credential in the URL would show in plans, state and logs, so it goes to
// a header, which is sensitive; a value read from a file loses its line
// break with trimspace().
func webhookProblemText(p d360.WebhookProblem) string {
	const inPlain = ", which would show in plans, state and logs. Remove it from the URL and send "
	switch p.Part {
	case d360.WebhookPartUserInfo:
		return p.Message + inPlain + "the credential in a header instead, such as headers = { Authorization = \"Basic ...\" }: headers are sensitive"
	case d360.WebhookPartQuery:
		return p.Message + inPlain + "it in a header instead, such as headers = { \"X-Webhook-Token\" = ... }: headers are sensitive"
	case d360.WebhookPartHeaderValue:
		return p.Message + " (trimspace() helps with values read from files)"
	}
	return p.Message
}

// addWebhookProblems reports the problems of d360.CheckWebhookURL or
// d360.CheckWebhookHeaders as one diagnostic at the attribute that holds
// them, one sentence a line.
func addWebhookProblems(diags *diag.Diagnostics, at path.Path, problems []d360.WebhookProblem) {
	if len(problems) == 0 {
		return
	}
	summary := "Invalid webhook URL"
	texts := make([]string, len(problems))
	for i, p := range problems {
		texts[i] = webhookProblemText(p)
		if p.Part == d360.WebhookPartHeaderName || p.Part == d360.WebhookPartHeaderValue {
			summary = "Invalid webhook headers"
		}
	}
	diags.AddAttributeError(at, summary, strings.Join(texts, ".\n")+".")
}

// apiErrorDetail is the text of every diagnostic for a failed API call: what
// the API said, with its code, and then what to do about it.
func apiErrorDetail(err error) string {
	detail := err.Error()
	if text := advice(err); text != "" {
		detail += "\n\n" + text
	}
	return detail
}

// addAPIError reports a failed API call as an error diagnostic.
func addAPIError(diags *diag.Diagnostics, summary string, err error) {
	diags.AddError(summary, apiErrorDetail(err))
}
