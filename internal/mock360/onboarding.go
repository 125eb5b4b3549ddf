package mock360

import "time"

// Onboard moves the WABA to ONBOARDED as if an admin had accepted the MM
// API terms: the Graph reads of marketing_messages_onboarding_status return
// ONBOARDED and TERM_OF_SERVICE_SIGNED from then on
// (https://developers.facebook.com/documentation/business-messaging/whatsapp/marketing-messages/onboarding),
// and an account_update webhook with event MM_LITE_TERMS_SIGNED goes to the
// configured webhook. It reports whether anything changed: a WABA that is
// already onboarded sends no second webhook.
func (s *Server) Onboard() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := &s.state
	if st.OnboardingStatus == "ONBOARDED" {
		return false
	}
	now := s.now()
	st.OnboardingStatus = "ONBOARDED"
	st.TermsStatus, st.TermsSignedAt = "TERM_OF_SERVICE_SIGNED", now.UTC().Format(time.DateOnly)
	value := termsSignedValue(st.WABAID, st.BusinessID)
	// entry[].id: 360dialog's example puts "<BUSINESS_ID>" there and Meta's
	// example a number that is not the WABA id, so the business id is used.
	// Where 360dialog forwards this WABA-level event is not documented; the
	// mock has one webhook, the channel's.
	s.runAccountUpdateLocked(st.BusinessID, value, now)
	return true
}

// termsSignedValue is the account_update value of MM_LITE_TERMS_SIGNED, as
// in 360dialog's example
// (https://docs.360dialog.com/partner/messaging-and-calling/sending-marketing-messages/onboarding-and-sending-messages)
// and Meta's
// (https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/account_update).
func termsSignedValue(wabaID, businessID string) map[string]any {
	return map[string]any{
		"event":     "MM_LITE_TERMS_SIGNED",
		"waba_info": map[string]string{"waba_id": wabaID, "owner_business_id": businessID},
	}
}

// runAccountUpdateLocked delivers one account_update at once, with
// entry[].time as an integer, as Meta's example has it.
func (s *Server) runAccountUpdateLocked(entryID string, value map[string]any, now time.Time) {
	cfg := s.state.Webhook
	if cfg == nil || cfg.URL == "" {
		return
	}
	url, headers, logGen := cfg.URL, cloneHeaders(cfg.Headers), s.logGen
	ctx, gen, ok := s.emitter.start()
	if !ok {
		return
	}
	t := now.Unix()
	body := envelope(entryID, &t, "account_update", value)
	go func() {
		defer s.emitter.wg.Done()
		s.deliver(ctx, gen, logGen, url, headers, body, now)
	}()
}
