package d360

import "errors"

// Remedy is what a person can do about a failed call, as a kind: the caller
// words it in its own terms (its setting names, its resources). RemedyFor
// is the single table behind every diagnostic for an API failure.
type Remedy int

// The remedies, each named by what it asks for.
const (
	RemedyNone                    Remedy = iota // nothing better than the error itself
	RemedyCheckTemplateCreated                  // a template create's outcome is unknown: look the template up before creating it again
	RemedyCheckDelivery                         // a send's outcome is unknown: check the webhook events or WhatsApp Manager before sending again
	RemedyConfigureGraphToken                   // a Graph read needs a Meta token and none is configured
	RemedyAcceptTerms                           // the WABA has not accepted the MM Lite terms
	RemedyCheckAPIKey                           // 360dialog refused the D360-API-KEY
	RemedyRenewGraphToken                       // Meta refused the Graph token as invalid or expired (190)
	RemedyAskToEnableEndpoint                   // 360dialog has not enabled the endpoint for this key (403)
	RemedySlowDown                              // throttled, and the retries ran out
	RemedyGrantGraphPermission                  // the Graph token lacks permission on the WABA (10, 200)
	RemedyCheckWABAID                           // Graph does not know the WABA id, or the token cannot see it (100/33)
	RemedyFixParameter                          // the API refused a parameter (100)
	RemedyWaitForTemplateSync                   // a value is invalid, or the template is not synced for MM Lite yet (131009)
	RemedyUseMarketingTemplate                  // not a MARKETING template (131055)
	RemedySendToPhoneNumber                     // a business-scoped user id cannot receive this send (131062)
	RemedyAcceptTermsOrAllowCloud               // marketing is off on the Cloud API and the terms are not accepted (131063)
	RemedyMaxPriceNeedsMMLite                   // a template with a max price reached the Cloud API, which refuses it (131061)
	RemedyMatchPlaceholders                     // the parameters do not fit the template's placeholders (132000, 132018)
	RemedyCheckTemplate                         // the template does not exist in the language, or is not approved (132001)
	RemedyRetryLater                            // 360dialog or WhatsApp failed internally (5xx)
	RemedyCheckAPIRoot                          // the API answered with a redirect, which it never does: the root URL is wrong
	RemedyRaiseRetryLimit                       // a read kept failing until the retry time limit ran out
	RemedyStartMock                             // nothing listens at a loopback URL: is d360-mock running?
	RemedyCheckConnection                       // the API host cannot be reached: the URL, DNS, a proxy or a firewall

	// RemedyCount is not a remedy: it is the number of kinds, so that a
	// caller's tests can check that every one is worded.
	RemedyCount
)

// RemedyFor says what a person can do about err; RemedyNone when there is
// nothing better than the error itself. Error codes are Meta's
// (https://developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes)
// and 360dialog's (https://docs.360dialog.com/api/api-error-message-list).
func RemedyFor(err error) Remedy {
	var unreachable *UnreachableError
	if errors.As(err, &unreachable) {
		if unreachable.Loopback {
			return RemedyStartMock
		}
		return RemedyCheckConnection
	}
	var redirect *RedirectError
	if errors.As(err, &redirect) { // before the unknown outcome it may be wrapped in: its wording covers both
		return RemedyCheckAPIRoot
	}
	var budget *RetryBudgetError
	if errors.As(err, &budget) {
		return RemedyRaiseRetryLimit
	}
	var unknown *OutcomeUnknownError
	if errors.As(err, &unknown) && unknown.Path == templatesPath {
		return RemedyCheckTemplateCreated
	}
	if IsOutcomeUnknown(err) {
		return RemedyCheckDelivery
	}
	if errors.Is(err, ErrNoGraphToken) {
		return RemedyConfigureGraphToken
	}
	e, ok := asAPIError(err)
	if !ok {
		return RemedyNone
	}
	switch {
	case IsNotOnboarded(err):
		return RemedyAcceptTerms
	case IsAuth(err) && e.Code == 0:
		return RemedyCheckAPIKey
	case IsAuth(err) && e.Code == CodeAccessTokenExpired:
		return RemedyRenewGraphToken
	case e.HTTPStatus == 403 && e.Code == 0:
		return RemedyAskToEnableEndpoint
	case IsRateLimited(err):
		return RemedySlowDown
	case e.Code == CodeGraphPermission || e.Code == CodeGraphPermissionDenied:
		return RemedyGrantGraphPermission
	case e.Code == CodeInvalidParameter && e.Subcode == 33: // Graph: unknown object id
		return RemedyCheckWABAID
	case e.Code == CodeInvalidParameter:
		return RemedyFixParameter
	case e.Code == CodeParameterValueInvalid:
		return RemedyWaitForTemplateSync
	case IsNotMarketingTemplate(err):
		return RemedyUseMarketingTemplate
	case e.Code == CodeBSUIDNotSupported:
		return RemedySendToPhoneNumber
	case e.Code == CodeMarketingDisabledCloud:
		return RemedyAcceptTermsOrAllowCloud
	case e.Code == CodeMaxPriceNotOnCloudAPI:
		return RemedyMaxPriceNeedsMMLite
	case IsParameterMismatch(err):
		return RemedyMatchPlaceholders
	case IsTemplateMissing(err):
		return RemedyCheckTemplate
	case e.HTTPStatus >= 500:
		return RemedyRetryLater
	}
	return RemedyNone
}
