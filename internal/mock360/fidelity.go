package mock360

import (
	"fmt"
	"hash/fnv"
	"net/http"
	"regexp"
	"strings"
)

// Send answers carry messages[].message_status. Template pacing
// (https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/template-pacing):
// "Cloud API will always include a message_status property that will have a
// value of accepted for messages that are processed, and
// held_for_quality_assessment for messages that are held."
const (
	statusAccepted = "accepted"
	statusHeld     = "held_for_quality_assessment"
)

// Pacing outcomes of a PacedTemplate.
const (
	pacingRelease = "release"
	pacingPause   = "pause"
)

// asyncError is an error that reaches the business only in a failed status
// webhook's errors[] (the send itself is answered as accepted).
type asyncError struct{ title, details string }

var asyncErrors = map[int]asyncError{
	// https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/status
	// (its failed example, quoted whole).
	131049: {"This message was not delivered to maintain healthy ecosystem engagement.",
		"In order to maintain a healthy ecosystem engagement, the message failed to be delivered."},
	// https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/marketing-templates
	// ("Stop/resume controls"): the API "will process the request but not
	// send the message", then a failed status with this title. The page
	// gives no details text, so the title is repeated there.
	131050: {"Unable to deliver the message. This recipient has chosen to stop receiving marketing messages on WhatsApp from your business",
		"Unable to deliver the message. This recipient has chosen to stop receiving marketing messages on WhatsApp from your business"},
	// https://developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes
	131026: {"Message undeliverable", "Unable to deliver message."},
	// Same error-codes page; sent for held messages dropped by pacing
	// (template-pacing page: "status":"failed" and "code":"132015").
	132015: {"Template is Paused", "Template is paused due to low quality so it cannot be sent in a template message."},
}

// integrityCodes are answered with HTTP 403: "The following errors are
// returned with a 403 - Forbidden HTTP Status Code" (Meta Cloud API
// Integrity Errors, https://docs.360dialog.com/docs/support/api-error-message-list).
var integrityCodes = map[int]string{
	368:    "The WhatsApp Business Account associated with the app has been restricted or disabled for violating a platform policy.",
	130497: "The WhatsApp Business Account is restricted from messaging to users in certain countries.",
	131031: "The WhatsApp Business Account associated with the app has been restricted or disabled for violating a platform policy, or we were unable to verify data included in the request against data set on the WhatsApp Business Account.",
}

// statusForCode is the HTTP status a synchronous Meta error comes with.
func statusForCode(code int) int {
	if _, ok := integrityCodes[code]; ok {
		return http.StatusForbidden
	}
	return http.StatusBadRequest
}

// checkRecipientCode rejects codes a recipient cannot be given.
func checkRecipientCode(code int) error {
	if _, ok := asyncErrors[code]; ok && code != 132015 {
		return nil
	}
	if _, ok := integrityCodes[code]; ok {
		return nil
	}
	return fmt.Errorf("code %d is not one of 131049, 131050, 131026 (failed status webhook) or 368, 130497, 131031 (HTTP 403)", code)
}

// recipientKey is how RecipientErrors names a recipient: the digits of a
// phone number, or a BSUID as given (BSUIDs contain a period, "US.1349...").
func recipientKey(s string) string {
	if strings.Contains(s, ".") {
		return s
	}
	return digitsOnly(s)
}

// pacingLocked counts a send of name+language and reports whether it is
// held, and with which outcome.
func (st *State) pacingLocked(name, language string) (held bool, outcome string) {
	for i := range st.PacedTemplates {
		p := &st.PacedTemplates[i]
		if p.Name != name || (p.Language != "" && p.Language != language) {
			continue
		}
		p.Seen++
		if p.Seen <= p.AcceptFirst {
			return false, ""
		}
		if p.Outcome == pacingPause {
			return true, pacingPause
		}
		return true, pacingRelease
	}
	return false, ""
}

// urlRe finds a link in a template's body text.
var urlRe = regexp.MustCompile(`(?i)\bhttps?://`)

// clickComponent is the click_component of a click on this template: "cta"
// for a URL button, else "body" for a link in the body, else "" (no link,
// so nothing to click). Meta documents the lowercase values "cta" and
// "body" (https://developers.facebook.com/documentation/business-messaging/whatsapp/marketing-messages/track-click-events:
// "The click action Can either be cta or body"); 360dialog's example shows
// "CTA", which Meta's page does not list, so the mock sends Meta's values.
func clickComponent(t Template) string {
	for _, c := range t.Components {
		for _, b := range c.Buttons {
			if strings.EqualFold(b.Type, "URL") {
				return "cta"
			}
		}
	}
	if urlRe.MatchString(bodyText(t)) {
		return "body"
	}
	return ""
}

// metaTemplateID stands in for Meta's numeric template id, which webhooks
// carry as an integer (message_template_status_update reference); the
// mock's ids are 360dialog-style strings, so a stable number is derived.
func metaTemplateID(t Template) int64 {
	h := fnv.New64a()
	_, _ = h.Write([]byte(t.ID + "/" + t.Language))
	return int64(h.Sum64()%9e15) + 1e15
}

// pauseTemplateLocked pauses an approved template and returns it, or nil if
// it is not approved (an earlier held message paused it already).
func pauseTemplateLocked(st *State, name, language string) *Template {
	i := st.findTemplate(name, language)
	if i < 0 || st.Templates[i].Status != "approved" {
		return nil
	}
	st.Templates[i].Status = "paused"
	t := st.Templates[i]
	return &t
}

// templatePausedValue is the value of a message_template_status_update for
// a pause
// (https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/message_template_status_update):
// event PAUSED; reason "NONE — Indicates template was paused". other_info
// is "only included if template locked or unlocked", so a pause has none.
func templatePausedValue(t Template) map[string]any {
	return map[string]any{
		"event":                     "PAUSED",
		"message_template_id":       metaTemplateID(t),
		"message_template_name":     t.Name,
		"message_template_language": t.Language,
		"reason":                    "NONE",
		"message_template_category": t.Category,
	}
}
