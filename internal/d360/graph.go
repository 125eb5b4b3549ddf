package d360

import (
	"context"
	"net/http"
	"net/url"
	"strings"
)

// GraphService reads from Meta's Graph API the facts 360dialog does not
// expose to a D360-API-KEY holder, such as MM Lite onboarding: Meta documents
// it on the WABA node
// (https://developers.facebook.com/documentation/business-messaging/whatsapp/marketing-messages/onboarding),
// and no 360dialog endpoint serves it.
type GraphService service

// WABA is the subset of a WhatsApp Business Account node we read.
type WABA struct {
	ID                                string             `json:"id"`
	MarketingMessagesOnboardingStatus string             `json:"marketing_messages_onboarding_status"`
	OwnerBusinessInfo                 *OwnerBusinessInfo `json:"owner_business_info,omitempty"`
}

// OwnerBusinessInfo carries the portfolio's MM Lite terms status.
type OwnerBusinessInfo struct {
	ID                                string          `json:"id"`
	Name                              string          `json:"name"`
	MarketingMessagesOnboardingStatus *TermsOfService `json:"marketing_messages_onboarding_status,omitempty"`
}

// TermsOfService is the status of the MM Lite terms and when it was set.
type TermsOfService struct {
	Status string `json:"status"` // TERM_OF_SERVICE_SIGNED, REQUEST_SENT or NOT_STARTED
	Time   string `json:"time,omitempty"`
}

// WABAOnboardingFields are the fields the eligibility check needs.
var WABAOnboardingFields = []string{"marketing_messages_onboarding_status", "owner_business_info"}

// GetWABA reads GET /{waba-id}?fields=... with the Graph token; without one
// it returns ErrNoGraphToken and sends nothing.
//
// Meta API docs: https://developers.facebook.com/documentation/business-messaging/whatsapp/marketing-messages/onboarding
func (s *GraphService) GetWABA(ctx context.Context, wabaID string, fields ...string) (*WABA, error) {
	if !s.client.HasGraphToken() {
		return nil, ErrNoGraphToken
	}
	var out WABA
	q := url.Values{"fields": {strings.Join(fields, ",")}}
	err := s.client.do(ctx, request{api: apiGraph, method: http.MethodGet, path: "/" + url.PathEscape(wabaID), query: q}, &out)
	if err != nil {
		return nil, err
	}
	// Graph answers every node read with its id
	// (https://developers.facebook.com/docs/graph-api/overview), so an
	// answer without one is empty or malformed, not a WABA with no status.
	if out.ID == "" {
		return nil, &UnusableAnswerError{Method: http.MethodGet, Path: "/" + wabaID, Problem: "no id"}
	}
	return &out, nil
}
