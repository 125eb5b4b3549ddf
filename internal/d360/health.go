package d360

import (
	"context"
	"net/http"
)

// HealthService reads the channel's messaging health.
type HealthService service

// HealthStatus is the answer of GET /health_status.
type HealthStatus struct {
	HealthStatus struct {
		CanSendMessage string         `json:"can_send_message"` // AVAILABLE, LIMITED or BLOCKED
		Entities       []HealthEntity `json:"entities"`
	} `json:"health_status"`
	ID string `json:"id"`
}

// HealthEntity is the health of one node: phone number, WABA, business, app.
type HealthEntity struct {
	EntityType        string        `json:"entity_type"`
	ID                string        `json:"id"`
	CanSendMessage    string        `json:"can_send_message"`
	CanReceiveCallSIP string        `json:"can_receive_call_sip,omitempty"`
	AdditionalInfo    []string      `json:"additional_info,omitempty"`
	Errors            []HealthError `json:"errors,omitempty"`
}

// HealthError says why a node is blocked and what may fix it.
type HealthError struct {
	ErrorCode        int64  `json:"error_code"`
	ErrorDescription string `json:"error_description"`
	PossibleSolution string `json:"possible_solution"`
}

// Get reads GET /health_status: the messaging health of the channel's phone
// number, WABA and business.
//
// 360dialog API docs: https://docs.360dialog.com/partner/api-reference/messaging-health-status
func (s *HealthService) Get(ctx context.Context) (*HealthStatus, error) {
	var out HealthStatus
	if err := s.client.do(ctx, request{api: api360, method: http.MethodGet, path: "/health_status"}, &out); err != nil {
		return nil, err
	}
	// 360dialog always sends the overall status
	// (https://docs.360dialog.com/partner/api-reference/messaging-health-status): an
	// answer without it is not "healthy", it is unknown.
	if out.HealthStatus.CanSendMessage == "" {
		return nil, &UnusableAnswerError{Method: http.MethodGet, Path: "/health_status", Problem: "no health_status.can_send_message"}
	}
	return &out, nil
}
