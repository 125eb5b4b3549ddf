package mock360

import (
	"io"
	"net/http"
	"path"
)

// apiRoutes is 360dialog's Messaging API on waba-v2
// (https://docs.360dialog.com/docs/whatsapp-api/the-basics). Graph calls
// never reach it: see route.
func (s *Server) apiRoutes() *http.ServeMux {
	mux := http.NewServeMux()
	// POST /marketing_messages is Meta's MM send proxied by 360dialog; the
	// OpenAPI documents /marketing/marketing_messages as the same operation
	// (https://docs.360dialog.com/docs/messaging-api/api-reference/marketing-messages).
	mux.HandleFunc("POST /marketing_messages", withBody(func(w http.ResponseWriter, b []byte) { s.handleSend(w, b, endpointMarketing) }))
	mux.HandleFunc("POST /marketing/marketing_messages", withBody(func(w http.ResponseWriter, b []byte) { s.handleSend(w, b, endpointMarketing) }))
	// https://docs.360dialog.com/docs/messaging-api/api-reference/messages
	mux.HandleFunc("POST /messages", withBody(func(w http.ResponseWriter, b []byte) { s.handleSend(w, b, endpointCloud) }))
	mux.HandleFunc("GET /v1/configs/webhook", func(w http.ResponseWriter, _ *http.Request) { s.handleGetWebhook(w) })
	mux.HandleFunc("POST /v1/configs/webhook", withBody(s.handleSetWebhook))
	// https://docs.360dialog.com/partner/messaging-and-calling/template-messages/create-and-manage-template-messages
	mux.HandleFunc("GET /v1/configs/templates", s.handleListTemplates)
	mux.HandleFunc("POST /v1/configs/templates", withBody(s.handleCreateTemplate))
	// {name} is one non-empty segment, like a template name. It must not be
	// {name...}: that also matches ".../templates/", and ServeMux would then
	// redirect DELETE /v1/configs/templates there and list DELETE in its Allow.
	mux.HandleFunc("DELETE /v1/configs/templates/{name}", func(w http.ResponseWriter, r *http.Request) {
		s.handleDeleteTemplate(w, r.PathValue("name"))
	})
	// https://docs.360dialog.com/partner/api-reference/messaging-health-status
	mux.HandleFunc("GET /marketing/template_analytics", s.handleTemplateAnalytics) // analytics.go
	mux.HandleFunc("POST /marketing/template_analytics", s.handleEnableAnalytics)  // analytics_enable.go
	mux.HandleFunc("GET /health_status", func(w http.ResponseWriter, _ *http.Request) { s.handleHealth(w) })
	return mux
}

// withBody adapts a handler of the request body. ServeHTTP has already read
// the body and put it back as a bytes.Reader, so reading it again is cheap.
func withBody(h func(http.ResponseWriter, []byte)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		h(w, body)
	}
}

// serveMux serves r through mux, except for the answers ServeMux makes on
// its own, which are plain text: 404 for a path no pattern matches, 405 for
// a known path with another method, and a redirect for an unclean path
// (//x, /a/../x). The mock answers these in the gateway's {"error": "..."}
// envelope (https://docs.360dialog.com/api/api-error-message-list), keeping
// the 405's Allow header, which ServeMux computes from the patterns. An
// unclean path gets 404 rather than a redirect, since a client that
// followed it would send a second POST.
func serveMux(mux *http.ServeMux, w http.ResponseWriter, r *http.Request, notFound, notAllowed string) {
	// No pattern ends in "/", so a path with a trailing slash, which
	// path.Clean would change, has no route either.
	p := r.URL.EscapedPath()
	if _, pattern := mux.Handler(r); pattern != "" && path.Clean(p) == p {
		mux.ServeHTTP(w, r)
		return
	}
	// Only ServeMux's own 404, 405 or redirect handler runs here.
	own := newBufferedResponse()
	mux.ServeHTTP(own, r)
	if own.status == http.StatusMethodNotAllowed {
		w.Header().Set("Allow", own.header.Get("Allow"))
		writeGatewayError(w, http.StatusMethodNotAllowed, notAllowed)
		return
	}
	writeGatewayError(w, http.StatusNotFound, notFound)
}
