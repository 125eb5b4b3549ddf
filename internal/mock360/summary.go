package mock360

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Summary is a short human-readable account of what the mock received and
// the webhook events it sent: one line per request and per event. The demo
// and users' CI logs print it.
func (s *Server) Summary() string {
	var b strings.Builder
	reqs, dropped := s.requestsSnapshot()
	if dropped == 0 {
		fmt.Fprintf(&b, "requests received: %d\n", len(reqs))
	} else {
		fmt.Fprintf(&b, "requests received: %d (the log keeps the newest %d; %d older ones dropped)\n", len(reqs)+dropped, len(reqs), dropped)
	}
	for _, r := range reqs {
		note := requestNote(r.Body)
		if r.BodyTruncated {
			note += fmt.Sprintf("  (body of %d bytes, %d kept)", r.BodySize, len(r.Body))
		}
		fmt.Fprintf(&b, "  %-6s %-28s -> %d%s\n", r.Method, r.Path, r.Status, note)
		if r.Rendered != "" {
			// Every line quoted, so that blank lines and a text that
			// looks like a request line stay visibly part of the message.
			b.WriteString("    delivered text:\n")
			for _, line := range strings.Split(r.Rendered, "\n") {
				b.WriteString(strings.TrimRight("      | "+line, " ") + "\n")
			}
		}
	}
	deliveries := s.WebhookDeliveries()
	fmt.Fprintf(&b, "webhook events sent: %d\n", len(deliveries))
	for _, d := range deliveries {
		result := fmt.Sprint(d.Status)
		if d.Err != "" {
			result = "error: " + d.Err
		}
		fmt.Fprintf(&b, "  %-40s -> %s (%s)\n", eventNote(d.Body), d.URL, result)
	}
	if inbox := s.Inbox(); len(inbox) > 0 {
		fmt.Fprintf(&b, "webhook events received at /_mock/inbox: %d\n", len(inbox))
		for _, ev := range inbox {
			fmt.Fprintf(&b, "  %s\n", eventNote(ev.Body))
		}
	}
	return b.String()
}

// requestNote names the recipient and template of a send.
func requestNote(body []byte) string {
	var send struct {
		To       string `json:"to"`
		Template struct {
			Name string `json:"name"`
		} `json:"template"`
	}
	if json.Unmarshal(body, &send) != nil || send.Template.Name == "" {
		return ""
	}
	return fmt.Sprintf("  template=%s to=%s", send.Template.Name, send.To)
}

// eventNote says which status or action a webhook body carries.
func eventNote(body []byte) string {
	var ev struct {
		Entry []struct {
			Changes []struct {
				Value struct {
					Statuses []struct {
						ID, Status string
						Pricing    struct {
							Category string `json:"category"`
						} `json:"pricing"`
					} `json:"statuses"`
					UserActions []struct {
						ActionType string `json:"action_type"`
					} `json:"user_actions"`
				} `json:"value"`
			} `json:"changes"`
		} `json:"entry"`
	}
	if json.Unmarshal(body, &ev) != nil {
		return "(unreadable event)"
	}
	var notes []string
	for _, e := range ev.Entry {
		for _, c := range e.Changes {
			for _, st := range c.Value.Statuses {
				n := st.Status + " " + st.ID
				if st.Pricing.Category != "" {
					n += " [" + st.Pricing.Category + "]"
				}
				notes = append(notes, n)
			}
			for _, a := range c.Value.UserActions {
				notes = append(notes, a.ActionType)
			}
		}
	}
	return strings.Join(notes, ", ")
}
