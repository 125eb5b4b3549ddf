package mock360

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"
)

// Meta changes the category of an existing template "manually or by an
// automated process" and reports it with a template_category_update
// webhook
// (https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/template_category_update).
// POST /_mock/template_category {"name", "language", "category"} does the
// same to a mock template: the template lists with the new category from
// then on (so /marketing_messages refuses it with 131055 once it is no
// longer MARKETING), and the completed-change webhook goes to the
// configured webhook.

// templateCategories are the categories a template can have, from
// 360dialog's create page: "Allowed values: AUTHENTICATION, MARKETING,
// UTILITY"
// (https://docs.360dialog.com/partner/messaging-and-calling/template-messages/create-and-manage-template-messages).
var templateCategories = []string{"AUTHENTICATION", "MARKETING", "UTILITY"}

// errNoSuchTemplate is a recategorization of a template that does not exist.
var errNoSuchTemplate = errors.New("no such template")

// RecategorizeTemplate changes the category of the template name+language as
// Meta would after approval, and emits the template_category_update
// webhook. It reports whether the category changed: the same category
// again changes nothing and sends no webhook.
func (s *Server) RecategorizeTemplate(name, language, category string) (bool, error) {
	category = strings.ToUpper(strings.TrimSpace(category))
	if !slices.Contains(templateCategories, category) {
		return false, fmt.Errorf("category must be one of %s, got %q", strings.Join(templateCategories, ", "), category)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.settleTemplatesLocked()
	i := s.state.findTemplate(name, language)
	if i < 0 {
		return false, fmt.Errorf("%w: %q (%s)", errNoSuchTemplate, name, language)
	}
	t := &s.state.Templates[i]
	if t.Category == category {
		return false, nil
	}
	previous := t.Category
	now := s.now()
	t.Category, t.ModifiedAt = category, now
	value := categoryUpdatedValue(*t, previous)
	s.runEventsLocked([]plannedEvent{{field: "template_category_update", value: func(time.Time) map[string]any { return value }}}, now)
	return true, nil
}

// categoryUpdatedValue is the value of a completed change: "completed
// category change notifications only" carry previous_category and
// new_category beside the template's id, name and language (the
// template_category_update reference, above). message_template_id is
// Meta's numeric id, as in message_template_status_update.
func categoryUpdatedValue(t Template, previous string) map[string]any {
	return map[string]any{
		"message_template_id":       metaTemplateID(t),
		"message_template_name":     t.Name,
		"message_template_language": t.Language,
		"previous_category":         previous,
		"new_category":              t.Category,
	}
}

// controlTemplateCategory serves POST /_mock/template_category.
func (s *Server) controlTemplateCategory(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Name     string `json:"name"`
		Language string `json:"language"`
		Category string `json:"category"`
	}
	if !decodeStrict(w, r, &body) {
		return
	}
	if body.Name == "" || body.Language == "" {
		writeGatewayError(w, http.StatusBadRequest, "name and language are required")
		return
	}
	changed, err := s.RecategorizeTemplate(body.Name, body.Language, body.Category)
	switch {
	case errors.Is(err, errNoSuchTemplate):
		writeGatewayError(w, http.StatusNotFound, err.Error())
	case err != nil:
		writeGatewayError(w, http.StatusBadRequest, err.Error())
	default:
		writeJSON(w, http.StatusOK, map[string]bool{"ok": true, "changed": changed})
	}
}
