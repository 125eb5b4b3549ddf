package mock360

import (
	"fmt"
	"net/http"
	"strings"
)

// graphError writes Meta's Graph envelope, which (unlike the WhatsApp
// endpoints) has no error_data.
func graphError(w http.ResponseWriter, status, code, subcode int, message string) {
	writeJSON(w, status, map[string]any{"error": metaError{
		Message: message, Type: "OAuthException", Code: code, ErrorSubcode: subcode, FBTraceID: newFBTraceID(),
	}})
}

// serveGraph serves GET /{version}/{node-id}?fields=... for the WABA and the
// business that owns it
// (https://developers.facebook.com/documentation/business-messaging/whatsapp/marketing-messages/onboarding).
func (s *Server) serveGraph(w http.ResponseWriter, r *http.Request) {
	if !s.checkGraphToken(r) {
		graphError(w, http.StatusUnauthorized, 190, 0, "Invalid OAuth access token - Cannot parse access token")
		return
	}
	_, rest, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/")
	id := strings.Trim(rest, "/")
	if node, edge, ok := strings.Cut(id, "/"); ok && edge == reachEstimateEdge {
		s.serveReachEstimate(w, r, node)
		return
	}
	if id == "" || strings.Contains(id, "/") {
		graphError(w, http.StatusBadRequest, 2500, 0, "Unknown path components: /"+id)
		return
	}
	s.mu.Lock()
	st := State{
		WABAID: s.state.WABAID, BusinessID: s.state.BusinessID, BusinessName: s.state.BusinessName,
		OnboardingStatus: s.state.OnboardingStatus, TermsStatus: s.state.TermsStatus,
		TermsSignedAt: s.state.TermsSignedAt, TemplateNamespace: s.state.TemplateNamespace,
		DisableMarketingMessagesOnCloudAPI: s.state.DisableMarketingMessagesOnCloudAPI,
	}
	s.mu.Unlock()

	var fields map[string]any
	var nodeType string
	switch id {
	case st.WABAID:
		nodeType = "WhatsAppBusinessAccount"
		fields = map[string]any{
			"marketing_messages_onboarding_status": st.OnboardingStatus,
			"message_template_namespace":           st.TemplateNamespace,
			// GET /<WABA_ID>?fields=disable_marketing_messages_on_cloud_api
			// (https://developers.facebook.com/documentation/business-messaging/whatsapp/marketing-messages/send-marketing-messages#disable-marketing-messages-on-cloud-api).
			"disable_marketing_messages_on_cloud_api": st.DisableMarketingMessagesOnCloudAPI,
			"owner_business_info": map[string]any{
				"id": st.BusinessID, "name": st.BusinessName,
				"marketing_messages_onboarding_status": termsObject(st),
			},
		}
	case st.BusinessID:
		nodeType = "Business"
		fields = map[string]any{"name": st.BusinessName, "marketing_messages_onboarding_status": termsObject(st)}
	}
	if fields == nil || r.Method != http.MethodGet {
		graphError(w, http.StatusBadRequest, 100, 33, fmt.Sprintf(
			"Unsupported %s request. Object with ID '%s' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api",
			strings.ToLower(r.Method), id))
		return
	}
	out := map[string]any{"id": id}
	for _, f := range strings.Split(r.URL.Query().Get("fields"), ",") {
		// Nested selections such as owner_business_info{name} return the
		// whole object here, which is a superset of what Graph returns.
		f, _, _ = strings.Cut(strings.TrimSpace(f), "{")
		if f == "" || f == "id" {
			continue
		}
		v, ok := fields[f]
		if !ok {
			graphError(w, http.StatusBadRequest, 100, 0,
				fmt.Sprintf("(#100) Tried accessing nonexisting field (%s) on node type (%s)", f, nodeType))
			return
		}
		out[f] = v
	}
	writeJSON(w, http.StatusOK, out)
}

func termsObject(st State) map[string]string {
	obj := map[string]string{"status": st.TermsStatus}
	if st.TermsSignedAt != "" {
		obj["time"] = st.TermsSignedAt
	}
	return obj
}
