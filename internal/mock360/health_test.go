package mock360

import (
	"net/http"
	"testing"
)

func TestHealthStatus(t *testing.T) {
	cases := []struct {
		name string
		edit func(*State)
		want string
	}{
		{"all available", func(*State) {}, `{"health_status":{"can_send_message":"AVAILABLE","entities":[
			{"entity_type":"PHONE_NUMBER","id":"106540352242922","can_send_message":"AVAILABLE","can_receive_call_sip":"AVAILABLE"},
			{"entity_type":"WABA","id":"102290129340398","can_send_message":"AVAILABLE"},
			{"entity_type":"BUSINESS","id":"104996122399160","can_send_message":"AVAILABLE"},
			{"entity_type":"APP","id":"334578942134759","can_send_message":"AVAILABLE","can_receive_call_sip":"AVAILABLE"}]},
			"id":"106540352242922"}`},
		{"one limited", func(st *State) {
			st.Health = []HealthEntity{
				{EntityType: "PHONE_NUMBER", ID: "1", CanSendMessage: "AVAILABLE"},
				{EntityType: "WABA", ID: "2", CanSendMessage: "LIMITED", AdditionalInfo: []string{"Messaging limit reached"}},
			}
		}, `{"health_status":{"can_send_message":"LIMITED","entities":[
			{"entity_type":"PHONE_NUMBER","id":"1","can_send_message":"AVAILABLE"},
			{"entity_type":"WABA","id":"2","can_send_message":"LIMITED","additional_info":["Messaging limit reached"]}]},
			"id":"106540352242922"}`},
		{"blocked wins over limited", func(st *State) {
			st.Health = []HealthEntity{
				{EntityType: "WABA", ID: "2", CanSendMessage: "LIMITED"},
				{EntityType: "BUSINESS", ID: "3", CanSendMessage: "BLOCKED", Errors: []HealthError{
					{ErrorCode: 141006, ErrorDescription: "No valid payment method", PossibleSolution: "Add a payment method"}}},
			}
		}, `{"health_status":{"can_send_message":"BLOCKED","entities":[
			{"entity_type":"WABA","id":"2","can_send_message":"LIMITED"},
			{"entity_type":"BUSINESS","id":"3","can_send_message":"BLOCKED","errors":[
				{"error_code":141006,"error_description":"No valid payment method","possible_solution":"Add a payment method"}]}]},
			"id":"106540352242922"}`},
		{"no entities", func(st *State) { st.Health = nil },
			`{"health_status":{"can_send_message":"AVAILABLE","entities":[]},"id":"106540352242922"}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			mock, ts := newTestServer(t, Options{})
			mock.Update(tc.edit)
			wantJSON(t, call(t, ts, "GET", "/health_status", nil, nil), http.StatusOK, tc.want)
		})
	}
}
