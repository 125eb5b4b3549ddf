package mock360

import (
	"fmt"
	"net/http"
)

// controlPacing serves POST /_mock/pacing (put a template under pacing,
// replacing an earlier entry for the same name and language) and DELETE
// /_mock/pacing (end all pacing).
func (s *Server) controlPacing(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodDelete {
		s.Update(func(st *State) { st.PacedTemplates = nil })
		writeJSON(w, http.StatusOK, map[string]bool{"ok": true})
		return
	}
	var p PacedTemplate
	if !decodeStrict(w, r, &p) {
		return
	}
	if err := checkPacedTemplate(p); err != nil {
		writeGatewayError(w, http.StatusBadRequest, err.Error())
		return
	}
	p.Seen = 0
	s.Update(func(st *State) {
		kept := st.PacedTemplates[:0]
		for _, q := range st.PacedTemplates {
			if q.Name != p.Name || q.Language != p.Language {
				kept = append(kept, q)
			}
		}
		st.PacedTemplates = append(kept, p)
	})
	writeJSON(w, http.StatusOK, map[string]bool{"ok": true})
}

func checkPacedTemplate(p PacedTemplate) error {
	switch {
	case p.Name == "":
		return fmt.Errorf("name is required")
	case p.Outcome != "" && p.Outcome != pacingRelease && p.Outcome != pacingPause:
		return fmt.Errorf("outcome must be %q or %q", pacingRelease, pacingPause)
	case p.AcceptFirst < 0:
		return fmt.Errorf("accept_first must be >= 0")
	}
	return nil
}

// controlRecipientErrors serves POST /_mock/recipient_errors
// {"recipient":"<phone or BSUID>","code":131049} and DELETE (clear all).
func (s *Server) controlRecipientErrors(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodDelete {
		s.Update(func(st *State) { st.RecipientErrors = nil })
		writeJSON(w, http.StatusOK, map[string]bool{"ok": true})
		return
	}
	var body struct {
		Recipient string `json:"recipient"`
		Code      int    `json:"code"`
	}
	if !decodeStrict(w, r, &body) {
		return
	}
	if recipientKey(body.Recipient) == "" {
		writeGatewayError(w, http.StatusBadRequest, "recipient must be a phone number or a BSUID")
		return
	}
	if err := checkRecipientCode(body.Code); err != nil {
		writeGatewayError(w, http.StatusBadRequest, err.Error())
		return
	}
	s.Update(func(st *State) {
		if st.RecipientErrors == nil {
			st.RecipientErrors = map[string]int{}
		}
		st.RecipientErrors[recipientKey(body.Recipient)] = body.Code
	})
	writeJSON(w, http.StatusOK, map[string]bool{"ok": true})
}
