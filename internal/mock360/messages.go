package mock360

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
)

type endpoint int

const (
	endpointMarketing endpoint = iota // /marketing_messages: MM Lite
	endpointCloud                     // /messages: Cloud API
)

// TTL bounds for marketing templates, which template_create.go checks
// (https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/time-to-live).
// A send has no TTL of its own: see refuseSendTTL.
const (
	minMarketingTTL = 43200   // 12 hours
	maxMarketingTTL = 2592000 // 30 days
)

type sendRequest struct {
	MessagingProduct string        `json:"messaging_product"`
	RecipientType    string        `json:"recipient_type"`
	To               string        `json:"to"`
	Recipient        string        `json:"recipient"`
	Type             string        `json:"type"`
	Template         *sendTemplate `json:"template"`
	Text             *struct {
		Body string `json:"body"`
	} `json:"text"`
	MessageActivitySharing *bool   `json:"message_activity_sharing"`
	ProductPolicy          *string `json:"product_policy"`
	BizOpaqueCallbackData  string  `json:"biz_opaque_callback_data"`
	// BidSpec is read raw so that a wrong type is refused (checkBidSpec).
	BidSpec json.RawMessage `json:"bid_spec"`
	// MessageSendTTLSeconds is read only to be refused (refuseSendTTL):
	// any value, null included, is an unexpected key.
	MessageSendTTLSeconds json.RawMessage `json:"message_send_ttl_seconds"`

	// renderComps are the template components with their values, read
	// apart from validation (render.go); renderErr says why they could not be.
	renderComps []renderComponent
	renderErr   error
}

type sendTemplate struct {
	Name     string `json:"name"`
	Language *struct {
		Code   string  `json:"code"`
		Policy *string `json:"policy"`
	} `json:"language"`
	Components []sendComponent `json:"components"`
}

type sendComponent struct {
	Type       string          `json:"type"`
	SubType    string          `json:"sub_type"`
	Index      json.RawMessage `json:"index"`
	Parameters []sendParameter `json:"parameters"`
	index      int             // Index parsed by parseSend
}

type sendParameter struct {
	Type          string `json:"type"`
	ParameterName string `json:"parameter_name"`
	Text          string `json:"text"` // checked by checkParameterValues
	// CouponCode and LimitedTimeOffer are checked by checkOfferParameters
	// (params_offer.go).
	CouponCode       string          `json:"coupon_code"`
	LimitedTimeOffer *offerParameter `json:"limited_time_offer"`
}

// handleSend serves POST /marketing_messages and POST /messages.
func (s *Server) handleSend(w http.ResponseWriter, body []byte, ep endpoint) {
	wrapped := ep == endpointMarketing
	// The gateway throttles before anything else looks at the body, so every
	// authenticated send attempt spends a token, valid or not; a refused
	// attempt has no other effect.
	s.mu.Lock()
	allowed := s.limiter.Allow()
	s.mu.Unlock()
	if !allowed {
		writeGatewayError(w, http.StatusBadRequest, rateLimitText)
		return
	}
	req, apiErr := parseSend(body, ep)
	if apiErr != nil {
		writeAPIError(w, apiErr, wrapped)
		return
	}

	s.mu.Lock()
	msg, status, apiErr := s.acceptSendLocked(req, ep)
	s.mu.Unlock()
	if apiErr != nil {
		writeAPIError(w, apiErr, wrapped)
		return
	}
	if b, ok := w.(*bufferedResponse); ok { // ServeHTTP always routes into one
		b.rendered = msg.Rendered
	}
	// https://developers.facebook.com/documentation/business-messaging/whatsapp/business-scoped-user-ids
	// ("Send message response"): wa_id only for a send to a phone number,
	// user_id only for a send to a BSUID; to wins when both are given.
	contact := map[string]string{"input": req.To}
	if req.To != "" {
		contact["wa_id"] = msg.To
	} else {
		contact["input"], contact["user_id"] = req.Recipient, req.Recipient
	}
	// The Cloud API shape of 360dialog's examples, plus message_status,
	// which "Cloud API will always include" (template pacing page, see
	// fidelity.go). Meta's MM-only "success" is still left out: no
	// 360dialog page shows it.
	writeJSON(w, http.StatusOK, map[string]any{
		"messaging_product": "whatsapp",
		"contacts":          []map[string]string{contact},
		"messages":          []map[string]string{{"id": msg.ID, "message_status": status}},
	})
}

// parseSend runs the checks that need only the body. Syntax comes before
// any lookup, as Graph validates parameters before it loads objects.
func parseSend(body []byte, ep endpoint) (*sendRequest, *apiError) {
	var req sendRequest
	if err := json.Unmarshal(body, &req); err != nil {
		return nil, invalidParameter("The request body is not valid JSON or has a parameter of the wrong type: " + err.Error())
	}
	switch req.MessagingProduct {
	case "whatsapp":
	case "":
		return nil, invalidParameter("The parameter messaging_product is required.")
	default:
		return nil, invalidParameter("Param messaging_product must be 'whatsapp'.")
	}
	if req.To == "" && req.Recipient == "" {
		return nil, invalidParameter("The parameter to is required.")
	}
	if req.Type == "" && ep == endpointCloud {
		req.Type = "text" // Cloud API's default type
	}
	if ep == endpointMarketing && req.Type != "template" {
		return nil, invalidParameter("Message must be a template message.")
	}
	switch req.Type {
	case "template":
		if apiErr := checkTemplateSyntax(req.Template); apiErr != nil {
			return nil, apiErr
		}
		req.renderComps, req.renderErr = parseRenderComponents(body)
	case "text":
		if req.Text == nil || req.Text.Body == "" {
			return nil, invalidParameter("The parameter text['body'] is required.")
		}
	}
	if apiErr := refuseSendTTL(req.MessageSendTTLSeconds); apiErr != nil {
		return nil, apiErr
	}
	// product_policy exists only on the MM endpoint; /messages ignores it.
	if ep == endpointMarketing {
		if apiErr := checkProductPolicy(req.ProductPolicy); apiErr != nil {
			return nil, apiErr
		}
		if apiErr := checkBidSpec(req.BidSpec); apiErr != nil {
			return nil, apiErr
		}
	}
	return &req, nil
}

// checkBidSpec takes a send's bid_spec as Meta's "Adjust max-price when
// sending messages" documents it
// (https://developers.facebook.com/documentation/business-messaging/whatsapp/marketing-messages/pricing):
// an object whose per_message_bid_multiplier is a Float, optional with
// default 1, "A positive multiplier applied to the template's bid_amount".
// The page names no upper bound and no error for a template without a max
// price, so neither is refused here; a wrong type or a multiplier not above
// 0 is an invalid parameter (#100).
func checkBidSpec(raw json.RawMessage) *apiError {
	if len(raw) == 0 || string(raw) == "null" {
		return nil
	}
	var spec map[string]json.RawMessage
	if err := json.Unmarshal(raw, &spec); err != nil {
		return invalidParameter("Param bid_spec must be a JSON object.")
	}
	m, ok := spec["per_message_bid_multiplier"]
	if !ok {
		return nil
	}
	var f float64
	if err := json.Unmarshal(m, &f); err != nil {
		return invalidParameter(fmt.Sprintf("Param bid_spec['per_message_bid_multiplier'] must be a number; got %s.", m))
	}
	if f <= 0 {
		return invalidParameter(fmt.Sprintf("Param bid_spec['per_message_bid_multiplier'] must be a positive number; got %s.", m))
	}
	return nil
}

// checkProductPolicy takes exactly the values of Meta's send schema,
// MarketingMessageRequestPayload, which lists product_policy as One of
// "CLOUD_API_FALLBACK", "STRICT"
// (https://developers.facebook.com/documentation/business-messaging/whatsapp/reference/whatsapp-business-phone-number/marketing-messages-api-for-whatsapp).
// No Meta or 360dialog page shows another spelling, so "strict" or
// "cloud_api_fallback" (which one third-party client sends) is refused
// rather than guessed at.
func checkProductPolicy(p *string) *apiError {
	if p == nil || *p == "CLOUD_API_FALLBACK" || *p == "STRICT" {
		return nil
	}
	return invalidParameter(fmt.Sprintf("Param product_policy must be one of {CLOUD_API_FALLBACK, STRICT}; got %q.", *p))
}

// refuseSendTTL refuses a time-to-live on a send. Meta's send schema,
// MarketingMessageRequestPayload
// (https://developers.facebook.com/documentation/business-messaging/whatsapp/reference/whatsapp-business-phone-number/marketing-messages-api-for-whatsapp),
// has no message_send_ttl_seconds, and Meta sets the TTL on the template
// only: "include the message_send_ttl_seconds property in the POST
// /<PHONE_NUMBER_ID>/message_templates call"
// (https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/time-to-live).
// Meta's one per-send TTL is another field on another API: Direct Send's
// ttl_seconds on /messages, "Custom time-to-live (TTL) is only supported
// with Direct Send"
// (https://developers.facebook.com/documentation/business-messaging/whatsapp/direct-send/configure-message-ttl).
// What Graph does with a key its schema lacks is not documented; a
// WhatsApp send with an unknown key has been refused as "Unexpected key"
// (https://github.com/gabrieldwight/Whatsapp-Business-Cloud-Api-Net/issues/50),
// so the mock refuses it with the generic (#100), the strictest reading,
// on both send endpoints and whatever its value.
func refuseSendTTL(raw json.RawMessage) *apiError {
	if len(raw) == 0 {
		return nil
	}
	return invalidParameter(`Unexpected key "message_send_ttl_seconds": a send has no time-to-live. Set message_send_ttl_seconds on the template instead.`)
}

func checkTemplateSyntax(t *sendTemplate) *apiError {
	if t == nil || t.Name == "" {
		return invalidParameter("The parameter template['name'] is required.")
	}
	if t.Language == nil || t.Language.Code == "" {
		return invalidParameter("The parameter template['language']['code'] is required.")
	}
	// policy is optional (Meta), but "deterministic" is its only valid value.
	if p := t.Language.Policy; p != nil && *p != "deterministic" {
		return invalidParameter("Param template['language']['policy'] must be 'deterministic'.")
	}
	for i := range t.Components {
		c := &t.Components[i]
		if !strings.EqualFold(c.Type, "button") {
			continue
		}
		idx, ok := parseIndex(c.Index)
		if !ok {
			return invalidParameter(fmt.Sprintf("Param template['components'][%d]['index'] must be an integer or a numeric string.", i))
		}
		c.index = idx
	}
	return nil
}

// acceptSendLocked runs the checks that need state and records the send. It
// returns the send's message_status.
func (s *Server) acceptSendLocked(req *sendRequest, ep endpoint) (SentMessage, string, *apiError) {
	s.settleTemplatesLocked()
	st := &s.state
	onboarded := st.OnboardingStatus == "ONBOARDED"
	strict := req.ProductPolicy != nil && *req.ProductPolicy == "STRICT"
	// Checked before the template: "(#200)" marks a permissions error, and
	// Graph checks permissions before it loads objects.
	if ep == endpointMarketing && !onboarded && strict {
		return SentMessage{}, "", whatsappError(131055,
			"(#200) You must accept the Marketing Messages Lite API terms to use the API.",
			"The Marketing Messages Lite API terms of service have not been accepted for this WhatsApp Business Account.")
	}
	to := req.To
	if to == "" {
		to = req.Recipient
	}
	code := st.RecipientErrors[recipientKey(to)]
	if _, ok := integrityCodes[code]; ok {
		return SentMessage{}, "", whatsappError(code, metaMessage(code), integrityCodes[code])
	}
	viaMM := ep == endpointMarketing && onboarded
	plan := sendPlan{bizOpaque: req.BizOpaqueCallbackData}
	msg := SentMessage{
		ID: newWAMID(), To: digitsOnly(req.To), Recipient: req.Recipient, Type: req.Type,
		ActivitySharing: viaMM && req.MessageActivitySharing != nil && *req.MessageActivitySharing,
		Time:            s.now(),
	}
	if req.To != "" {
		msg.Recipient = "" // to wins when both are sent: https://developers.facebook.com/documentation/business-messaging/whatsapp/marketing-messages/send-marketing-messages
	}
	msg.Endpoint = "/messages"
	if ep == endpointMarketing {
		msg.Endpoint = "/marketing_messages"
	}
	switch {
	case viaMM:
		msg.PricingCategory = "marketing_lite"
	case ep == endpointMarketing: // CLOUD_API_FALLBACK for a WABA that is not onboarded
		msg.PricingCategory = "marketing"
	case req.Type != "template":
		msg.PricingCategory = "service" // non-template Cloud messages are service messages under PMP
	}
	if req.Type == "template" {
		name, lang := req.Template.Name, req.Template.Language.Code
		i := st.findTemplate(name, lang)
		// Meta's error codes page: 132015 "Template is Paused", 132016
		// "Template is Disabled", and 132001 for a template that does not
		// exist in the language or is not approved.
		// https://developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes
		if i >= 0 && strings.EqualFold(st.Templates[i].Status, "paused") {
			return SentMessage{}, "", whatsappError(132015, metaMessage(132015),
				"Template is paused due to low quality so it cannot be sent in a template message.")
		}
		if i >= 0 && strings.EqualFold(st.Templates[i].Status, "disabled") {
			return SentMessage{}, "", whatsappError(132016, metaMessage(132016),
				"Template has been paused too many times due to low quality and is now permanently disabled.")
		}
		if i < 0 || st.Templates[i].Status != "approved" {
			return SentMessage{}, "", whatsappError(132001, metaMessage(132001),
				fmt.Sprintf("template name (%s) does not exist in %s", name, lang))
		}
		t := st.Templates[i]
		// The template-to-ad-account sync concerns MM delivery only; a
		// Cloud API fallback does not wait for it.
		if viaMM && s.opts.TemplateSyncDelay > 0 && s.now().Sub(t.CreatedAt) < s.opts.TemplateSyncDelay {
			return SentMessage{}, "", whatsappError(131009, metaMessage(131009),
				fmt.Sprintf("Template %s (%s) is not yet available for Marketing Messages: its sync takes up to 10 minutes after creation. Try again later.", name, lang))
		}
		if ep == endpointMarketing && t.Category != "MARKETING" {
			return SentMessage{}, "", whatsappError(131055, metaMessage(131055), "Only marketing template messages are supported")
		}
		if apiErr := checkMaxPriceRecipient(msg, t); ep == endpointMarketing && apiErr != nil {
			return SentMessage{}, "", apiErr
		}
		if apiErr := checkParameters(t, req.Template.Components); apiErr != nil {
			return SentMessage{}, "", apiErr
		}
		if apiErr := cloudMaxPriceRefused(t, ep, viaMM); apiErr != nil {
			return SentMessage{}, "", apiErr
		}
		if apiErr := cloudMarketingDisabled(st, t, viaMM); apiErr != nil {
			return SentMessage{}, "", apiErr
		}
		msg.TemplateName, msg.Language = name, lang
		msg.Rendered = renderedText(t, req.renderComps, req.renderErr)
		if ep == endpointCloud {
			msg.PricingCategory = strings.ToLower(t.Category)
		}
		plan.click = clickComponent(t)
		plan.cost = statusCost(msg, t, st.Currency) // webhook_cost.go
		plan.held, plan.pacing = st.pacingLocked(name, lang)
	}
	if req.Type == "text" && req.Text != nil {
		msg.Rendered = req.Text.Body
	}
	if _, ok := asyncErrors[code]; ok {
		plan.failCode = code
	}
	st.Messages = append(st.Messages, msg)
	s.scheduleWebhooksLocked(msg, plan)
	if plan.held {
		return msg, statusHeld, nil
	}
	return msg, statusAccepted, nil
}

// cloudMarketingDisabled applies disable_marketing_messages_on_cloud_api
// (https://developers.facebook.com/documentation/business-messaging/whatsapp/marketing-messages/send-marketing-messages#disable-marketing-messages-on-cloud-api):
// "the Cloud API /messages endpoint rejects Marketing category templates
// with error code 131063", and on /marketing_messages with ToS not signed
// "the fallback is now rejected with error 131063" (STRICT never falls back,
// and was answered before). The page also says the setting "has no effect"
// on WABAs that have not started onboarding; the mock cannot tell "not
// started" from "started", so it takes the strictest reading and rejects
// whenever the setting is on.
func cloudMarketingDisabled(st *State, t Template, viaMM bool) *apiError {
	// Both /messages and a /marketing_messages fallback go through Cloud API.
	if !st.DisableMarketingMessagesOnCloudAPI || t.Category != "MARKETING" || viaMM {
		return nil
	}
	return whatsappError(131063, metaMessage(131063),
		"Your template is categorized as Marketing, but marketing templates are currently disabled for your Cloud API configuration. To send this template, use the Marketing Messages API for WhatsApp or enable marketing templates on Cloud API by turning off disable_marketing_messages_on_cloud_api.")
}

// cloudMaxPriceRefused applies 131061 from Meta's max price page, "Set a
// max price for marketing messages (BETA)"
// (https://developers.facebook.com/documentation/business-messaging/whatsapp/marketing-messages/pricing),
// "Error codes": "Marketing templates containing bid_spec are not supported
// by the Cloud API. To use templates with bid_spec, please use the
// Marketing Messages API for WhatsApp.", when "You are sending a template
// that has a max price set (optimization_spec, or bid_spec before its July
// 31, 2026 deprecation) to the Cloud API /messages endpoint."
//
// A /marketing_messages send that falls back to the Cloud API
// (CLOUD_API_FALLBACK, WABA not onboarded) is refused the same way. No page
// says so in as many words; the mock reads it from two that do: the
// fallback is a Cloud API send ("If onboarding requirements are not met,
// the marketing messages will still be routed via Cloud API"), which meets
// the Cloud API's refusals, as 131063 shows ("the fallback is now rejected
// with error 131063"), both on "Send marketing messages"
// (https://developers.facebook.com/documentation/business-messaging/whatsapp/marketing-messages/send-marketing-messages);
// and the max price page requires a WABA "that has been onboarded to the
// Marketing Messages API for WhatsApp". A fallback that dropped the max
// price would charge the rate card the cap was set to avoid.
//
// The page gives no HTTP status; like Meta's other send errors it is 400.
func cloudMaxPriceRefused(t Template, ep endpoint, viaMM bool) *apiError {
	if viaMM || t.MaxPrice == nil {
		return nil
	}
	details := fmt.Sprintf("Template %s (%s) has a max price (optimization_spec), which only the Marketing Messages API takes: send it to /marketing_messages.", t.Name, t.Language)
	if ep == endpointMarketing {
		details = fmt.Sprintf("Template %s (%s) has a max price (optimization_spec), and this send fell back to the Cloud API because the WhatsApp Business Account has not accepted the Marketing Messages API terms.", t.Name, t.Language)
	}
	return whatsappError(131061, metaMessage(131061), details)
}

// newWAMID imitates Meta's message ids: "wamid." and 48 base64 characters.
func newWAMID() string {
	b := make([]byte, 36)
	_, _ = rand.Read(b)
	return "wamid." + base64.StdEncoding.EncodeToString(b)
}

// digitsOnly turns "+44 1234-567890" into the wa_id "441234567890".
func digitsOnly(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}
