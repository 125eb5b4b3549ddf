package mock360

import (
	"cmp"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

const (
	defaultListLimit = 50   // the limit 360dialog echoes when none is sent, in answers public clients record
	maxListLimit     = 1000 // clients use 1000; larger values are clamped to it
)

// settleTemplatesLocked moves pending templates on once the approval delay
// has passed. It runs lazily on every read, so no goroutine is needed.
func (s *Server) settleTemplatesLocked() {
	now := s.now()
	for i := range s.state.Templates {
		t := &s.state.Templates[i]
		if t.Status != "pending" && t.Status != "submitted" {
			continue
		}
		decided := t.CreatedAt.Add(s.opts.TemplateApprovalDelay)
		if now.Before(decided) {
			continue
		}
		t.Status, t.ModifiedAt = "approved", decided
		if p := s.opts.RejectPhrase; p != "" && strings.Contains(strings.ToLower(bodyText(*t)), strings.ToLower(p)) {
			// ABUSIVE_CONTENT is one of Meta's rejection reasons; a matched
			// phrase stands for content that breaks policy.
			t.Status, t.RejectedReason = "rejected", "ABUSIVE_CONTENT"
		}
	}
	locks := s.state.NameLocks[:0]
	for _, l := range s.state.NameLocks {
		if now.Before(l.Until) {
			locks = append(locks, l)
		}
	}
	s.state.NameLocks = locks
}

func bodyText(t Template) string {
	for _, c := range t.Components {
		if strings.EqualFold(c.Type, "BODY") {
			return c.Text
		}
	}
	return ""
}

// templateJSON is a template as /v1/configs/templates returns it. Statuses are
// lowercase because 360dialog's own APIs use lowercase
// (https://github.com/yuenkik6/WABA360Dialog.NET models them so).
type templateJSON struct {
	ID                    string              `json:"id"`
	Name                  string              `json:"name"`
	Language              string              `json:"language"`
	Category              string              `json:"category"`
	Status                string              `json:"status"`
	RejectedReason        *string             `json:"rejected_reason"`
	Components            []TemplateComponent `json:"components"`
	Namespace             string              `json:"namespace"`
	ParameterFormat       string              `json:"parameter_format,omitempty"`
	MessageSendTTLSeconds *int                `json:"message_send_ttl_seconds,omitempty"`
	MaxPrice              *MaxPrice           `json:"optimization_spec,omitempty"`
	// Meta's object shape; 360dialog's own shape for it is not documented.
	QualityScore *qualityScore     `json:"quality_score,omitempty"`
	CreatedAt    string            `json:"created_at"`
	ModifiedAt   string            `json:"modified_at"`
	ModifiedBy   map[string]string `json:"modified_by"`
}

type qualityScore struct {
	Score string `json:"score"`
}

func toTemplateJSON(t Template) templateJSON {
	out := templateJSON{
		ID: t.ID, Name: t.Name, Language: t.Language, Category: t.Category, Status: t.Status,
		Components: t.Components, Namespace: t.Namespace, ParameterFormat: t.ParameterFormat,
		MessageSendTTLSeconds: t.MessageSendTTLSeconds, MaxPrice: t.MaxPrice,
		CreatedAt:  t.CreatedAt.UTC().Format(time.RFC3339),
		ModifiedAt: t.ModifiedAt.UTC().Format(time.RFC3339),
		ModifiedBy: map[string]string{"user_id": "system", "user_name": "system"},
	}
	if out.Components == nil {
		out.Components = []TemplateComponent{}
	}
	if t.RejectedReason != "" {
		out.RejectedReason = &t.RejectedReason
	}
	if t.QualityScore != "" {
		out.QualityScore = &qualityScore{Score: t.QualityScore}
	}
	return out
}

// templateFilters maps filter keys to a field and whether to match case-insensitively.
var templateFilters = map[string]struct {
	field    func(Template) string
	foldCase bool
}{
	"business_templates.name": {func(t Template) string { return t.Name }, false},
	"name":                    {func(t Template) string { return t.Name }, false},
	"language":                {func(t Template) string { return t.Language }, false},
	"category":                {func(t Template) string { return t.Category }, true},
	"status":                  {func(t Template) string { return t.Status }, true},
	"id":                      {func(t Template) string { return t.ID }, false},
}

var templateSortKeys = map[string]func(Template) string{
	"business_templates.name": func(t Template) string { return t.Name },
	"name":                    func(t Template) string { return t.Name },
	"id":                      func(t Template) string { return t.ID },
	"language":                func(t Template) string { return t.Language },
	"category":                func(t Template) string { return t.Category },
	"status":                  func(t Template) string { return t.Status },
	"created_at":              func(t Template) string { return t.CreatedAt.UTC().Format(time.RFC3339Nano) },
	"modified_at":             func(t Template) string { return t.ModifiedAt.UTC().Format(time.RFC3339Nano) },
}

// handleListTemplates serves GET /v1/configs/templates. Bad query parameters
// get 360dialog's {"error":"..."} envelope: paging is 360dialog's, not Meta's.
// Unknown filter or sort keys are refused rather than ignored, so a typo
// cannot silently match every template.
func (s *Server) handleListTemplates(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	limit, ok := intParam(q.Get("limit"), defaultListLimit, 1)
	if !ok {
		writeGatewayError(w, http.StatusBadRequest, "limit must be a positive integer")
		return
	}
	limit = min(limit, maxListLimit)
	if s.opts.MaxPageSize > 0 {
		limit = min(limit, s.opts.MaxPageSize)
	}
	offset, ok := intParam(q.Get("offset"), 0, 0)
	if !ok {
		writeGatewayError(w, http.StatusBadRequest, "offset must be a non-negative integer")
		return
	}
	filters := map[string]any{}
	if raw := q.Get("filters"); raw != "" {
		if err := json.Unmarshal([]byte(raw), &filters); err != nil || filters == nil {
			writeGatewayError(w, http.StatusBadRequest, "filters must be a JSON object")
			return
		}
	}
	for k := range filters {
		if _, known := templateFilters[k]; !known {
			writeGatewayError(w, http.StatusBadRequest, fmt.Sprintf("unsupported filter key %q", k))
			return
		}
	}
	sortKeys := []string{"business_templates.name"}
	if raw := q.Get("sort"); raw != "" {
		sortKeys = strings.Split(raw, ",")
	}
	for _, k := range sortKeys {
		if _, known := templateSortKeys[strings.TrimPrefix(k, "-")]; !known {
			writeGatewayError(w, http.StatusBadRequest, fmt.Sprintf("unsupported sort key %q", k))
			return
		}
	}

	s.mu.Lock()
	s.settleTemplatesLocked()
	var matched []Template
	for _, t := range s.state.Templates {
		if matchesFilters(t, filters) {
			matched = append(matched, t)
		}
	}
	s.mu.Unlock()

	slices.SortStableFunc(matched, func(a, b Template) int {
		for _, k := range sortKeys {
			key := templateSortKeys[strings.TrimPrefix(k, "-")]
			if c := cmp.Compare(key(a), key(b)); c != 0 {
				if strings.HasPrefix(k, "-") {
					return -c
				}
				return c
			}
		}
		return cmp.Compare(a.Language, b.Language)
	})
	page := []templateJSON{}
	for i := offset; i < len(matched) && len(page) < limit; i++ {
		page = append(page, toTemplateJSON(matched[i]))
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"count": len(page), "filters": filters, "limit": limit, "offset": offset,
		"sort": sortKeys, "total": len(matched), "waba_templates": page,
	})
}

func intParam(raw string, def, lowest int) (int, bool) {
	if raw == "" {
		return def, true
	}
	n, err := strconv.Atoi(raw)
	return n, err == nil && n >= lowest
}

// matchesFilters treats a filter value as one string or a list of alternatives.
func matchesFilters(t Template, filters map[string]any) bool {
	for k, v := range filters {
		f := templateFilters[k]
		got := f.field(t)
		var wants []any
		switch v := v.(type) {
		case []any:
			wants = v
		default:
			wants = []any{v}
		}
		if !slices.ContainsFunc(wants, func(want any) bool {
			s, ok := want.(string)
			return ok && (s == got || f.foldCase && strings.EqualFold(s, got))
		}) {
			return false
		}
	}
	return true
}
