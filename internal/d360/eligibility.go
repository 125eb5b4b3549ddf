package d360

import (
	"fmt"
	"strings"
	"time"
)

// MM Lite onboarding statuses of a WABA (marketing_messages_onboarding_status).
// Meta documents ELIGIBLE and ONBOARDED; the rest come from public client code
// (https://developers.facebook.com/documentation/business-messaging/whatsapp/marketing-messages/onboarding
// names only the first two), so unknown values must pass through untouched.
const (
	OnboardingEligible                  = "ELIGIBLE"
	OnboardingOnboarded                 = "ONBOARDED"
	OnboardingIneligibleOnBehalfOf      = "INELIGIBLE_ON_BEHALF_OF_WABA"
	OnboardingIneligibleInactive        = "INELIGIBLE_INACTIVE_OR_RESTRICTED"
	OnboardingIneligibleCountry         = "INELIGIBLE_COUNTRY_NOT_SUPPORTED"
	OnboardingIneligibleBusinessApp     = "INELIGIBLE_USING_WHATSAPP_BUSINESS_APP"
	OnboardingPendingValidPaymentMethod = "PENDING_VALID_PAYMENT_METHOD"
	OnboardingPendingInternalSetup      = "PENDING_INTERNAL_SETUP"
)

// Health values of can_send_message.
const (
	HealthAvailable = "AVAILABLE"
	HealthLimited   = "LIMITED"
	HealthBlocked   = "BLOCKED"
)

// onboardingReasons says, for each status that is not ONBOARDED, why the
// WABA cannot send through MM Lite and what to do. The ways to accept the
// terms (WhatsApp Manager, Overview > Alerts; the 360dialog Hub link) and the
// ten-minute wait come from 360dialog's and Meta's onboarding pages:
// https://docs.360dialog.com/docs/resources/marketing-messages/onboarding-and-sending-messages
// https://developers.facebook.com/documentation/business-messaging/whatsapp/marketing-messages/onboarding
// The eligibility rules behind the INELIGIBLE_* advice (an active,
// unrestricted WABA with a Cloud API number; no sanctioned country) are on
// Meta's page; the statuses themselves are known only from client code.
var onboardingReasons = map[string]string{
	OnboardingEligible: "the WABA is eligible but the MM Lite terms are not accepted: an admin of the business portfolio must accept them " +
		"in WhatsApp Manager, Overview > Alerts (or in the 360dialog Hub, hub.360dialog.com/mmlite-tos), then wait about 10 minutes",
	OnboardingIneligibleOnBehalfOf: "the WABA is owned on behalf of another business (On-Behalf-Of), which MM Lite does not support: " +
		"move the WABA into the client's own business portfolio",
	OnboardingIneligibleInactive: "the WABA is inactive or restricted: resolve the restriction in WhatsApp Manager > Account quality " +
		"and make sure at least one phone number is registered on the Cloud API",
	OnboardingIneligibleCountry: "the country of the WABA or of its owning business is not supported by MM Lite: " +
		"MM Lite cannot be used from this business",
	// Meta's changelog of 29 September 2025 lets numbers that also use the
	// WhatsApp Business app (coexistence) onboard to MM Lite, so this status
	// no longer means "never": it is an old reading, or the app setup is not
	// finished. https://developers.facebook.com/docs/whatsapp/business-platform/changelog
	OnboardingIneligibleBusinessApp: "Meta reports the WABA as ineligible because its number is used with the WhatsApp Business App (coexistence). " +
		"Since 29 September 2025 Meta lets such numbers onboard to MM Lite, so update the WhatsApp Business App on the phone, " +
		"accept the MM Lite terms in WhatsApp Manager, Overview > Alerts, wait about 10 minutes and read again; if the status stays, ask 360dialog support",
	OnboardingPendingValidPaymentMethod: "add a valid payment method to the WABA in WhatsApp Manager > Payment settings, " +
		"or settle billing with 360dialog",
	OnboardingPendingInternalSetup: "Meta is still setting up MM Lite for this WABA: wait and read again later; nothing is needed from you",
}

// KnownOnboardingStatuses lists every status the provider can explain.
func KnownOnboardingStatuses() []string {
	return []string{OnboardingEligible, OnboardingOnboarded, OnboardingIneligibleOnBehalfOf, OnboardingIneligibleInactive,
		OnboardingIneligibleCountry, OnboardingIneligibleBusinessApp, OnboardingPendingValidPaymentMethod, OnboardingPendingInternalSetup}
}

// Eligibility is the combined answer to "can this WABA send MM Lite
// messages now?": Meta's onboarding status plus 360dialog's health.
type Eligibility struct {
	OnboardingStatus string
	Eligible         bool // ELIGIBLE or ONBOARDED
	Onboarded        bool
	TermsStatus      string
	TermsSignedAt    string // RFC 3339, or "" when unknown
	CanSendMessage   string
	Ready            bool     // onboarded, and health AVAILABLE or LIMITED
	Reasons          []string // why not Ready, each with what to do; empty when Ready
}

// AssessEligibility combines a WABA read and a health read.
func AssessEligibility(w *WABA, h *HealthStatus) Eligibility {
	e := Eligibility{OnboardingStatus: w.MarketingMessagesOnboardingStatus, Reasons: []string{}}
	e.Onboarded = e.OnboardingStatus == OnboardingOnboarded
	e.Eligible = e.Onboarded || e.OnboardingStatus == OnboardingEligible
	if w.OwnerBusinessInfo != nil && w.OwnerBusinessInfo.MarketingMessagesOnboardingStatus != nil {
		terms := w.OwnerBusinessInfo.MarketingMessagesOnboardingStatus
		e.TermsStatus = terms.Status
		if strings.EqualFold(terms.Status, "TERM_OF_SERVICE_SIGNED") {
			e.TermsSignedAt = rfc3339(terms.Time)
		}
	}
	if !e.Onboarded {
		e.Reasons = append(e.Reasons, onboardingReason(e.OnboardingStatus))
		if strings.EqualFold(e.TermsStatus, "REQUEST_SENT") {
			e.Reasons = append(e.Reasons, "a request to accept the MM Lite terms was sent to the business portfolio and is still waiting for an admin to accept it")
		}
	}
	e.CanSendMessage = h.HealthStatus.CanSendMessage
	switch e.CanSendMessage {
	case HealthAvailable, HealthLimited:
		// LIMITED still sends, at a lower pace.
	case HealthBlocked:
		e.Reasons = append(e.Reasons, blockedReasons(h)...)
	case "":
		e.Reasons = append(e.Reasons, "360dialog gave no can_send_message for the number, so it cannot be known to send; "+
			"read the health status again, or check it in the 360dialog Hub")
	default:
		e.Reasons = append(e.Reasons, fmt.Sprintf("360dialog reports can_send_message %q, which is neither AVAILABLE nor LIMITED, "+
			"so the number is not known to send; check the health status in the 360dialog Hub", e.CanSendMessage))
	}
	// Fail closed: only a health that is known to send counts.
	e.Ready = e.Onboarded && (e.CanSendMessage == HealthAvailable || e.CanSendMessage == HealthLimited)
	return e
}

func onboardingReason(status string) string {
	if r, ok := onboardingReasons[status]; ok {
		return r
	}
	if status == "" {
		return "Meta returned no marketing_messages_onboarding_status for this WABA: check that the Graph API token may read it " +
			"(whatsapp_business_management) and look at Overview > Alerts in WhatsApp Manager"
	}
	return fmt.Sprintf("Meta reports marketing_messages_onboarding_status %q, which this provider does not know yet: "+
		"check Overview > Alerts in WhatsApp Manager", status)
}

// blockedReasons names every blocked node with Meta's error and solution.
func blockedReasons(h *HealthStatus) []string {
	var reasons []string
	for _, ent := range h.HealthStatus.Entities {
		if ent.CanSendMessage != HealthBlocked {
			continue
		}
		if len(ent.Errors) == 0 {
			reasons = append(reasons, fmt.Sprintf("the number is BLOCKED: %s %s is blocked and 360dialog gave no reason; check the health status in the 360dialog Hub",
				sanitizeForeign(ent.EntityType), sanitizeForeign(ent.ID)))
		}
		for _, he := range ent.Errors {
			// Every part but the code is the API's text: escaped.
			r := fmt.Sprintf("the number is BLOCKED: %s %s: %s (error %d)", sanitizeForeign(ent.EntityType), sanitizeForeign(ent.ID),
				sanitizeForeign(strings.TrimSuffix(he.ErrorDescription, ".")), he.ErrorCode)
			if he.PossibleSolution != "" {
				r += "; " + sanitizeForeign(strings.TrimSuffix(he.PossibleSolution, "."))
			}
			reasons = append(reasons, r)
		}
	}
	if len(reasons) == 0 {
		reasons = append(reasons, "the number is BLOCKED and 360dialog named no blocked node; check the health status in the 360dialog Hub")
	}
	return reasons
}

// rfc3339 normalises Meta's terms time, which is a date ("2025-10-07") in the
// examples; a full timestamp is kept as is. Anything else is dropped rather
// than stored as a malformed time.
func rfc3339(v string) string {
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05-0700", "2006-01-02"} {
		// A year that leaves 0000-9999 in UTC has no RFC 3339 form.
		if t, err := time.Parse(layout, v); err == nil && t.UTC().Year() >= 0 && t.UTC().Year() <= 9999 {
			return t.UTC().Format(time.RFC3339)
		}
	}
	return ""
}
