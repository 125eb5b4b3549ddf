package mock360

import (
	"net/http"
	"strings"
)

// controlEngagement is POST /_mock/engagement {"template", "read_rate",
// "click_rate"}: of the template's next n sends, exactly floor(n*read_rate)
// emit a read status and floor(n*click_rate) a click (the click only for
// sends that can click at all: Marketing Messages sends with activity
// sharing of a template with a URL button). Without it every send is read,
// and every such send clicked. GET /marketing/template_analytics then counts
// what was emitted (analytics.go). Rates are meant for tests: they are not
// a model of how people read.
func (s *Server) controlEngagement(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Template  string   `json:"template"`
		ReadRate  *float64 `json:"read_rate"`
		ClickRate *float64 `json:"click_rate"`
	}
	if !decodeStrict(w, r, &body) {
		return
	}
	if strings.TrimSpace(body.Template) == "" {
		writeGatewayError(w, http.StatusBadRequest, "template (a template name) is required")
		return
	}
	rate := func(p *float64) (float64, bool) {
		if p == nil {
			return 1, true
		}
		return *p, *p >= 0 && *p <= 1
	}
	read, okRead := rate(body.ReadRate)
	click, okClick := rate(body.ClickRate)
	if !okRead || !okClick {
		writeGatewayError(w, http.StatusBadRequest, "read_rate and click_rate must be numbers from 0 to 1")
		return
	}
	s.SetEngagement(Engagement{Template: body.Template, ReadRate: read, ClickRate: click})
	writeOK(w)
}
