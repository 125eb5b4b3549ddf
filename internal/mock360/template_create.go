package mock360

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"time"
)

const (
	maxTemplateNames = 250                 // per WABA, https://docs.360dialog.com/docs/waba-basics/templates
	nameLockPeriod   = 30 * 24 * time.Hour // Meta blocks a deleted approved name for 30 days
)

var templateNameRe = regexp.MustCompile(`^[a-z0-9_]{1,512}$`)

type createTemplateBody struct {
	Name                  string              `json:"name"`
	Category              string              `json:"category"`
	Language              string              `json:"language"`
	Components            []TemplateComponent `json:"components"`
	ParameterFormat       string              `json:"parameter_format"`
	MessageSendTTLSeconds *int                `json:"message_send_ttl_seconds"`
	AllowCategoryChange   bool                `json:"allow_category_change"`
	OptimizationSpec      json.RawMessage     `json:"optimization_spec"` // max price, template_pricing.go
	BidSpec               json.RawMessage     `json:"bid_spec"`
	maxPrice              *MaxPrice
	// namedHeaderExamples counts each component's
	// example.header_text_named_params, which Template does not keep
	// (template_rules_text.go).
	namedHeaderExamples []int
}

// ttlRanges are Meta's per-category TTL bounds:
// https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/time-to-live
// ("Authentication templates: 30 to 900 seconds", "Utility templates: 30 to
// 43200 seconds", marketing "12 hours to 30 days").
var ttlRanges = map[string][2]int{
	"MARKETING":      {minMarketingTTL, maxMarketingTTL},
	"UTILITY":        {30, 43200},
	"AUTHENTICATION": {30, 900},
}

// handleCreateTemplate serves POST /v1/configs/templates. Errors are Meta's,
// passed through in the plain {"error":{...}} envelope.
func (s *Server) handleCreateTemplate(w http.ResponseWriter, raw []byte) {
	var body createTemplateBody
	err := json.Unmarshal(raw, &body)
	if err == nil {
		body.namedHeaderExamples, err = countNamedHeaderExamples(raw)
	}
	if err != nil {
		writeAPIError(w, invalidParameter("The request body is not valid JSON or has a parameter of the wrong type: "+err.Error()), false)
		return
	}
	if apiErr := validateTemplate(&body); apiErr != nil {
		writeAPIError(w, apiErr, false)
		return
	}

	s.mu.Lock()
	t, apiErr := s.addTemplateLocked(body)
	s.mu.Unlock()
	if apiErr != nil {
		writeAPIError(w, apiErr, false)
		return
	}
	j := toTemplateJSON(t)
	// 201 because the POST creates a resource; the shape is how a public
	// client models 360dialog's answer
	// (https://github.com/yuenkik6/WABA360Dialog.NET), plus the new id.
	answer := map[string]any{
		"id": j.ID, "name": j.Name, "language": j.Language, "category": j.Category,
		"status": j.Status, "components": j.Components, "namespace": j.Namespace,
		"rejected_reason": j.RejectedReason,
	}
	if j.MaxPrice != nil {
		answer["optimization_spec"] = j.MaxPrice
	}
	writeJSON(w, http.StatusCreated, answer)
}

func validateTemplate(b *createTemplateBody) *apiError {
	switch {
	case b.Name == "":
		return invalidParameter("The parameter name is required.")
	case !templateNameRe.MatchString(b.Name):
		return invalidParameter("Param name must contain only lowercase letters, numbers and underscores, and be at most 512 characters long.")
	case b.Category == "":
		return invalidParameter("The parameter category is required.")
	}
	// Meta accepts the category in any casing; it is stored uppercase.
	b.Category = strings.ToUpper(b.Category)
	if _, ok := ttlRanges[b.Category]; !ok {
		return invalidParameter("Param category must be one of {AUTHENTICATION, MARKETING, UTILITY}.")
	}
	if b.Language == "" {
		return invalidParameter("The parameter language is required.")
	}
	if len(b.Components) == 0 {
		return invalidParameter("The parameter components is required.")
	}
	hasBody := false
	for i := range b.Components {
		c := &b.Components[i]
		c.Type, c.Format = strings.ToUpper(c.Type), strings.ToUpper(c.Format)
		for j := range c.Buttons {
			c.Buttons[j].Type = strings.ToUpper(c.Buttons[j].Type)
		}
		for j := range c.Cards {
			for k := range c.Cards[j].Components {
				cc := &c.Cards[j].Components[k]
				cc.Type, cc.Format = strings.ToUpper(cc.Type), strings.ToUpper(cc.Format)
			}
		}
		switch c.Type {
		case "BODY":
			hasBody = true
			if c.Text == "" {
				return invalidParameter("The BODY component requires text.")
			}
			if len([]rune(c.Text)) > 1024 {
				return invalidParameter("BODY text must be at most 1024 characters.")
			}
		case "HEADER":
			switch c.Format {
			case "", "TEXT":
				if len([]rune(c.Text)) > 60 {
					return invalidParameter("HEADER text must be at most 60 characters.")
				}
				if len(placeholders(c.Text)) > 1 {
					return invalidParameter("A TEXT header can contain at most one variable.")
				}
			// "Set to IMAGE, VIDEO, GIF, or DOCUMENT" for a media header,
			// and LOCATION
			// (https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/components).
			case "IMAGE", "VIDEO", "GIF", "DOCUMENT", "LOCATION":
			default:
				return invalidParameter("Param components[" + fmt.Sprint(i) + "]['format'] must be one of {TEXT, IMAGE, VIDEO, GIF, DOCUMENT, LOCATION}.")
			}
		// CALL_PERMISSION_REQUEST:
		// https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/marketing-templates/call-permission-request-message-template
		case "FOOTER", "BUTTONS", "CALL_PERMISSION_REQUEST":
		case "LIMITED_TIME_OFFER", "CAROUSEL":
			if apiErr := checkExtraComponent(i, c); apiErr != nil {
				return apiErr
			}
		default:
			return invalidParameter(fmt.Sprintf("Param components[%d]['type'] must be one of {HEADER, BODY, FOOTER, BUTTONS, LIMITED_TIME_OFFER, CAROUSEL, CALL_PERMISSION_REQUEST}.", i))
		}
	}
	if !hasBody {
		return invalidParameter("Template components must include a BODY component.")
	}
	if apiErr := checkTemplateWide(b); apiErr != nil {
		return apiErr
	}
	if apiErr := checkComponentText(b); apiErr != nil {
		return apiErr
	}
	var apiErr *apiError
	if b.maxPrice, apiErr = parseMaxPrice(b.Category, b.OptimizationSpec, b.BidSpec); apiErr != nil {
		return apiErr
	}
	b.ParameterFormat = strings.ToUpper(b.ParameterFormat)
	if b.ParameterFormat != "" && b.ParameterFormat != "NAMED" && b.ParameterFormat != "POSITIONAL" {
		return invalidParameter("Param parameter_format must be one of {NAMED, POSITIONAL}.")
	}
	if ttl := b.MessageSendTTLSeconds; ttl != nil && (*ttl != -1 || !templateTTLAllowsMinusOne(b.Category)) {
		r := ttlRanges[b.Category]
		if *ttl < r[0] || *ttl > r[1] {
			orMinusOne := ", or -1"
			if !templateTTLAllowsMinusOne(b.Category) {
				orMinusOne = ""
			}
			return invalidParameter(fmt.Sprintf("Param message_send_ttl_seconds must be between %d and %d seconds for %s templates%s; got %d.", r[0], r[1], b.Category, orMinusOne, *ttl))
		}
	}
	return nil
}

func (s *Server) addTemplateLocked(b createTemplateBody) (Template, *apiError) {
	s.settleTemplatesLocked()
	now := s.now()
	for _, l := range s.state.NameLocks {
		if l.Name == b.Name {
			// The subcode is inferred: 2388023 is the code Meta uses for content
			// that is still being deleted, the closest documented match.
			e := invalidParameter(fmt.Sprintf("The template name %s was deleted while approved less than 30 days ago and stays blocked until %s. Use another name.", b.Name, l.Until.UTC().Format(time.RFC3339)))
			e.err.ErrorSubcode = 2388023
			e.err.ErrorUserTitle = "Template Name Is Locked"
			e.err.ErrorUserMsg = e.err.ErrorData.Details
			return Template{}, e
		}
	}
	names := map[string]bool{}
	for _, t := range s.state.Templates {
		names[t.Name] = true
		if t.Name == b.Name && t.Language == b.Language {
			e := invalidParameter("Content in This Language Already Exists")
			e.err.ErrorSubcode = 2388024
			e.err.ErrorUserTitle = "Content in This Language Already Exists"
			e.err.ErrorUserMsg = fmt.Sprintf("There's already %s content for this template. You can create a new template and try again.", b.Language)
			return Template{}, e
		}
	}
	if !names[b.Name] && len(names) >= maxTemplateNames {
		// No Meta code for this limit is documented; 100 with clear details
		// keeps it in the "fix your request" family.
		return Template{}, invalidParameter(fmt.Sprintf("This WhatsApp Business Account already has %d template names, the maximum. Delete a template before creating another.", maxTemplateNames))
	}
	ns := s.state.TemplateNamespace
	t := Template{
		ID: randomString(alnum, 22), Name: b.Name, Language: b.Language, Category: b.Category,
		Status: "pending", Namespace: ns, QualityScore: "UNKNOWN", ParameterFormat: b.ParameterFormat,
		MessageSendTTLSeconds: b.MessageSendTTLSeconds, Components: b.Components, MaxPrice: b.maxPrice,
		CreatedAt: now, ModifiedAt: now,
	}
	s.state.Templates = append(s.state.Templates, t)
	return t, nil
}

// handleDeleteTemplate serves DELETE /v1/configs/templates/{name}: like Meta,
// it removes every language of the name; 360dialog documents no per-language
// delete (https://docs.360dialog.com/api/whatsapp-api/message-templates-api). An unknown name answers 404 with
// Meta's envelope, since template errors are Meta pass-throughs.
func (s *Server) handleDeleteTemplate(w http.ResponseWriter, name string) {
	s.mu.Lock()
	s.settleTemplatesLocked()
	kept := s.state.Templates[:0]
	found, wasApproved := false, false
	for _, t := range s.state.Templates {
		if t.Name != name {
			kept = append(kept, t)
			continue
		}
		found = true
		wasApproved = wasApproved || t.Status == "approved"
	}
	s.state.Templates = kept
	if wasApproved {
		s.state.NameLocks = append(s.state.NameLocks, NameLock{Name: name, Until: s.now().Add(nameLockPeriod)})
	}
	s.mu.Unlock()
	if !found {
		e := invalidParameter(fmt.Sprintf("Message template %q does not exist.", name))
		e.status = http.StatusNotFound
		writeAPIError(w, e, false)
		return
	}
	writeJSON(w, http.StatusOK, map[string]bool{"success": true})
}
