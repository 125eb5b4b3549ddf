package mock360

import (
	"net/http"
	"testing"
)

func TestGraph(t *testing.T) {
	const waba = "/v24.0/102290129340398"
	bearer := map[string]string{"Authorization": "Bearer " + testToken, "D360-API-KEY": ""}
	cases := []struct {
		name    string
		method  string
		path    string
		headers map[string]string
		status  int
		want    string   // exact JSON, or
		err     *metaErr // an error envelope
	}{
		{"onboarding status", "GET", waba + "?fields=marketing_messages_onboarding_status", bearer, 200,
			`{"id":"102290129340398","marketing_messages_onboarding_status":"ONBOARDED"}`, nil},
		{"owner business info", "GET", "/v23.0/102290129340398?fields=owner_business_info", bearer, 200,
			`{"id":"102290129340398","owner_business_info":{"id":"104996122399160","name":"Mock Business",
			  "marketing_messages_onboarding_status":{"status":"TERM_OF_SERVICE_SIGNED","time":"2025-10-07"}}}`, nil},
		{"both fields, spaces, id", "GET", waba + "?fields=id,%20marketing_messages_onboarding_status,owner_business_info%7Bname%7D", bearer, 200,
			`{"id":"102290129340398","marketing_messages_onboarding_status":"ONBOARDED","owner_business_info":{"id":"104996122399160",
			  "name":"Mock Business","marketing_messages_onboarding_status":{"status":"TERM_OF_SERVICE_SIGNED","time":"2025-10-07"}}}`, nil},
		{"no fields", "GET", waba, bearer, 200, `{"id":"102290129340398"}`, nil},
		{"business node", "GET", "/v24.0/104996122399160?fields=marketing_messages_onboarding_status", bearer, 200,
			`{"id":"104996122399160","marketing_messages_onboarding_status":{"status":"TERM_OF_SERVICE_SIGNED","time":"2025-10-07"}}`, nil},
		{"token in the query", "GET", waba + "?fields=marketing_messages_onboarding_status&access_token=" + testToken, map[string]string{"D360-API-KEY": ""}, 200,
			`{"id":"102290129340398","marketing_messages_onboarding_status":"ONBOARDED"}`, nil},
		{"no token", "GET", waba, map[string]string{"D360-API-KEY": ""}, 401, "",
			&metaErr{code: 190, message: "Invalid OAuth access token - Cannot parse access token"}},
		{"D360 key is not a Graph token", "GET", waba, nil, 401, "",
			&metaErr{code: 190, message: "Invalid OAuth access token - Cannot parse access token"}},
		{"wrong token", "GET", waba, map[string]string{"Authorization": "Bearer nope"}, 401, "",
			&metaErr{code: 190, message: "Invalid OAuth access token - Cannot parse access token"}},
		{"wrong scheme", "GET", waba, map[string]string{"Authorization": "Basic " + testToken}, 401, "",
			&metaErr{code: 190, message: "Invalid OAuth access token - Cannot parse access token"}},
		{"unknown node", "GET", "/v24.0/999?fields=marketing_messages_onboarding_status", bearer, 400, "",
			&metaErr{code: 100, subcode: 33, message: "Unsupported get request. Object with ID '999' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api"}},
		{"POST", "POST", waba, bearer, 400, "",
			&metaErr{code: 100, subcode: 33, message: "Unsupported post request. Object with ID '102290129340398' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api"}},
		{"unknown field", "GET", waba + "?fields=colour", bearer, 400, "",
			&metaErr{code: 100, message: "(#100) Tried accessing nonexisting field (colour) on node type (WhatsAppBusinessAccount)"}},
		{"edge path", "GET", waba + "/message_templates", bearer, 400, "",
			&metaErr{code: 2500, message: "Unknown path components: /102290129340398/message_templates"}},
	}
	_, ts := newTestServer(t, Options{})
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a := call(t, ts, tc.method, tc.path, nil, tc.headers)
			if tc.err != nil {
				wantMetaError(t, a, tc.status, *tc.err)
				return
			}
			wantJSON(t, a, tc.status, tc.want)
		})
	}
}

func TestGraphFollowsState(t *testing.T) {
	mock, ts := newTestServer(t, Options{})
	mock.Update(func(st *State) {
		st.OnboardingStatus = "INELIGIBLE_COUNTRY_NOT_SUPPORTED"
		st.TermsStatus, st.TermsSignedAt = "NOT_STARTED", ""
	})
	a := call(t, ts, "GET", "/v24.0/102290129340398?fields=marketing_messages_onboarding_status,owner_business_info", nil,
		map[string]string{"Authorization": "Bearer " + testToken})
	wantJSON(t, a, http.StatusOK, `{"id":"102290129340398","marketing_messages_onboarding_status":"INELIGIBLE_COUNTRY_NOT_SUPPORTED",
		"owner_business_info":{"id":"104996122399160","name":"Mock Business","marketing_messages_onboarding_status":{"status":"NOT_STARTED"}}}`)
}
