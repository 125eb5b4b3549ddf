package d360

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// TemplatesService manages message templates (/v1/configs/templates).
type TemplatesService service

// Template is one template as 360dialog lists it.
type Template struct {
	ID                    string              `json:"id,omitempty"`
	Name                  string              `json:"name"`
	Language              string              `json:"language"`
	Category              string              `json:"category"`
	Status                string              `json:"status,omitempty"`
	RejectedReason        string              `json:"rejected_reason,omitempty"`
	ParameterFormat       string              `json:"parameter_format,omitempty"`
	MessageSendTTLSeconds *int64              `json:"message_send_ttl_seconds,omitempty"`
	AllowCategoryChange   *bool               `json:"allow_category_change,omitempty"`
	OptimizationSpec      *MaxPrice           `json:"optimization_spec,omitempty"` // max price, template_pricing.go
	BidSpec               *MaxPrice           `json:"bid_spec,omitempty"`          // retired name, read only: never set it
	Components            []TemplateComponent `json:"components"`
	// RawComponents, when set, is sent instead of Components, verbatim; on
	// read it holds the components as the API returned them.
	RawComponents json.RawMessage `json:"-"`
	Namespace     string          `json:"namespace,omitempty"`
	QualityScore  QualityScore    `json:"quality_score,omitzero"`
	CreatedAt     string          `json:"created_at,omitempty"`
	ModifiedAt    string          `json:"modified_at,omitempty"`
}

// HasStatus compares statuses without regard to case: 360dialog lists them
// in lower case, Meta in upper case
// (https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/message_template_status_update).
func (t *Template) HasStatus(status string) bool { return strings.EqualFold(t.Status, status) }

// TemplateComponent is a HEADER, BODY, FOOTER or BUTTONS block.
type TemplateComponent struct {
	Type    string           `json:"type"`
	Format  string           `json:"format,omitempty"`
	Text    string           `json:"text,omitempty"`
	Example *TemplateExample `json:"example,omitempty"`
	Buttons []TemplateButton `json:"buttons,omitempty"`
}

// TemplateExample holds sample values that reviewers see.
type TemplateExample struct {
	HeaderText           []string          `json:"header_text,omitempty"`
	HeaderHandle         []string          `json:"header_handle,omitempty"`
	BodyText             [][]string        `json:"body_text,omitempty"`
	BodyTextNamedParams  []NamedParamValue `json:"body_text_named_params,omitempty"`
	HeaderTextNamedParam []NamedParamValue `json:"header_text_named_params,omitempty"`
}

// NamedParamValue is an example value for a named placeholder.
type NamedParamValue struct {
	ParamName string `json:"param_name"`
	Example   string `json:"example"`
}

// TemplateButton is one button of a BUTTONS component.
type TemplateButton struct {
	Type        string        `json:"type"`
	Text        string        `json:"text,omitempty"`
	URL         string        `json:"url,omitempty"`
	PhoneNumber string        `json:"phone_number,omitempty"`
	Example     ButtonExample `json:"example,omitempty"`
	FlowID      string        `json:"flow_id,omitempty"`
}

// QualityScore accepts both a bare string and Meta's {"score": "..."} object,
// since clients report both shapes.
type QualityScore struct{ Score string }

// IsZero lets omitzero drop an empty score.
func (q QualityScore) IsZero() bool { return q.Score == "" }

// UnmarshalJSON reads either shape.
func (q *QualityScore) UnmarshalJSON(b []byte) error {
	var s string
	if json.Unmarshal(b, &s) == nil {
		q.Score = s
		return nil
	}
	var obj struct {
		Score string `json:"score"`
	}
	if err := json.Unmarshal(b, &obj); err != nil {
		return err
	}
	q.Score = obj.Score
	return nil
}

// MarshalJSON writes the bare string.
func (q QualityScore) MarshalJSON() ([]byte, error) { return json.Marshal(q.Score) }

// TemplateList is one page of GET /v1/configs/templates.
type TemplateList struct {
	Count     int        `json:"count"`
	Limit     int        `json:"limit"`
	Offset    int        `json:"offset"`
	Total     int        `json:"total"`
	Templates []Template `json:"waba_templates"`
}

// ListOptions pages and filters a template list. Filters use 360dialog's
// keys, e.g. "business_templates.name", "language", "category", "status".
type ListOptions struct {
	Limit   int
	Offset  int
	Filters map[string]string
}

// List reads one page. An answer without a waba_templates array (an empty
// body, {}, null) is an *UnusableAnswerError, never an empty page: callers
// read "not in the list" as "deleted", and a proxy's empty 200 must not
// delete anything from state.
//
// 360dialog API docs: https://docs.360dialog.com/partner/messaging-and-calling/template-messages/create-and-manage-template-messages
func (s *TemplatesService) List(ctx context.Context, opts ListOptions) (*TemplateList, error) {
	q := url.Values{}
	if opts.Limit > 0 {
		q.Set("limit", strconv.Itoa(opts.Limit))
	}
	if opts.Offset > 0 {
		q.Set("offset", strconv.Itoa(opts.Offset))
	}
	if len(opts.Filters) > 0 {
		f, err := json.Marshal(opts.Filters)
		if err != nil {
			return nil, err
		}
		q.Set("filters", string(f))
	}
	var raw json.RawMessage
	err := s.client.do(ctx, request{api: api360, method: http.MethodGet, path: templatesPath, query: q}, &raw)
	if err != nil {
		return nil, err
	}
	return decodeTemplateList(raw, opts.Offset)
}

const templatesPath = "/v1/configs/templates"

// decodeTemplateList reads a list answer, whose envelope always carries
// waba_templates, and count, offset and total beside it
// (https://docs.360dialog.com/partner/messaging-and-calling/template-messages/create-and-manage-template-messages).
//
// A page that contradicts itself is an *UnusableAnswerError, never a
// shorter list: callers read "not in the list" as "deleted", and
// {"count":0,"total":1,"waba_templates":[]} once made a template vanish
// from state and a broadcast that used it send again. What we chose, since
// 360dialog documents the fields but not their invariants: count, when
// present, is the number of entries on the page; offset, when present,
// echoes the one asked for; total, when present, counts every match of
// the filters, so a page from an offset below it is not empty and no page
// reaches past it. Absent fields are tolerated and filled in from the page.
func decodeTemplateList(raw []byte, offset int) (*TemplateList, error) {
	unusable := func(problem string) error {
		return &UnusableAnswerError{Method: http.MethodGet, Path: templatesPath, Problem: problem}
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil, unusable("empty body")
	}
	var page struct {
		TemplateList
		// These shadow TemplateList's fields, to tell missing from zero.
		Count     *int        `json:"count"`
		Offset    *int        `json:"offset"`
		Total     *int        `json:"total"`
		Templates *[]Template `json:"waba_templates"`
	}
	if err := json.Unmarshal(raw, &page); err != nil {
		return nil, unusable("not a template list: " + err.Error())
	}
	if page.Templates == nil {
		return nil, unusable("no waba_templates array")
	}
	if problem := pageContradiction(page.Count, page.Offset, page.Total, offset, len(*page.Templates)); problem != "" {
		return nil, unusable(problem)
	}
	out := page.TemplateList
	out.Templates = *page.Templates
	out.Count = len(out.Templates)
	out.Offset = offset
	out.Total = offset + len(out.Templates)
	if page.Total != nil {
		out.Total = *page.Total
	}
	return &out, nil
}

// pageContradiction says how a page's count, offset and total contradict
// its entries or the offset asked for; "" when they agree. nil is absent.
func pageContradiction(count, echoed, total *int, offset, entries int) string {
	switch {
	case count != nil && *count != entries:
		return fmt.Sprintf("count is %d but the page holds %d templates", *count, entries)
	case echoed != nil && *echoed != offset:
		return fmt.Sprintf("the page is for offset %d but offset %d was asked for", *echoed, offset)
	case total != nil && *total < 0:
		return fmt.Sprintf("total is %d", *total)
	case total != nil && entries == 0 && offset < *total:
		return fmt.Sprintf("total is %d but the page from offset %d is empty", *total, offset)
	case total != nil && offset+entries > *total:
		return fmt.Sprintf("total is %d but the page from offset %d holds %d templates", *total, offset, entries)
	}
	return ""
}

// listPageSize is what public clients use; it keeps a 250-template WABA to
// one request.
const listPageSize = 1000

// MaxListPages bounds one ListAll: 100 pages of 1000 is far more templates
// than Meta lets a WABA have, so more means a server that keeps paging.
const MaxListPages = 100

// ListAll follows limit and offset until every matching template is read.
// A page that adds nothing new while total says more exist is an error,
// since a server that ignores offset would otherwise be asked for the same
// page until total is reached, and it refuses to go past MaxListPages.
//
// 360dialog API docs: https://docs.360dialog.com/partner/messaging-and-calling/template-messages/create-and-manage-template-messages
func (s *TemplatesService) ListAll(ctx context.Context, filters map[string]string) ([]Template, error) {
	var all []Template
	seen := map[string]bool{}
	offset := 0
	for pages := 0; pages < MaxListPages; pages++ {
		page, err := s.List(ctx, ListOptions{Limit: listPageSize, Offset: offset, Filters: filters})
		if err != nil {
			return nil, err
		}
		added := 0
		for _, t := range page.Templates {
			if k := templateKey(t); !seen[k] {
				seen[k] = true
				all = append(all, t)
				added++
			}
		}
		offset += len(page.Templates)
		if offset >= page.Total {
			return all, nil
		}
		if added == 0 {
			// A server that ignores offset answers the same page again.
			// Stopping short would read the templates it never listed as
			// deleted, so it is an error, not the end of the list.
			return nil, &UnusableAnswerError{Method: http.MethodGet, Path: templatesPath, Problem: fmt.Sprintf(
				"total is %d but the page from offset %d lists only templates already read, after %d templates",
				page.Total, offset-len(page.Templates), len(all))}
		}
	}
	return nil, fmt.Errorf("GET %s: stopped after %d pages (%d templates), the limit, while the server still reported more; "+
		"narrow the filters or report this to 360dialog support", templatesPath, MaxListPages, len(all))
}

// templateKey identifies a listed template: by its id, or by name and
// language when the answer has no id.
func templateKey(t Template) string {
	if t.ID != "" {
		return "id\x00" + t.ID
	}
	return "nl\x00" + t.Name + "\x00" + t.Language
}

// Create submits a template for review. It is not retried after an unknown
// outcome: a second create would fail as a duplicate, hiding the first.
//
// 360dialog API docs: https://docs.360dialog.com/partner/messaging-and-calling/template-messages/create-and-manage-template-messages
func (s *TemplatesService) Create(ctx context.Context, t *Template) (*Template, error) {
	var out Template
	err := s.client.do(ctx, request{api: api360, method: http.MethodPost, path: templatesPath, body: t, once: true}, &out)
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// Delete removes every language of the template name.
//
// 360dialog API docs: https://docs.360dialog.com/partner/messaging-and-calling/template-messages/create-and-manage-template-messages
func (s *TemplatesService) Delete(ctx context.Context, name string) error {
	return s.client.do(ctx, request{api: api360, method: http.MethodDelete, path: "/v1/configs/templates/" + url.PathEscape(name)}, nil)
}

// Find reads the template with this name and language, uncached; nil when
// it does not exist.
//
// 360dialog API docs: https://docs.360dialog.com/partner/messaging-and-calling/template-messages/create-and-manage-template-messages
func (s *TemplatesService) Find(ctx context.Context, name, language string) (*Template, error) {
	list, err := s.ListByName(ctx, name)
	if err != nil {
		return nil, err
	}
	for i := range list {
		if list[i].Language == language {
			return &list[i], nil
		}
	}
	return nil, nil
}

// ListByName returns every language of the template name (none when it
// does not exist).
//
// 360dialog API docs: https://docs.360dialog.com/partner/messaging-and-calling/template-messages/create-and-manage-template-messages
func (s *TemplatesService) ListByName(ctx context.Context, name string) ([]Template, error) {
	list, err := s.ListAll(ctx, map[string]string{"business_templates.name": name})
	if err != nil {
		return nil, err
	}
	// The server-side filter's exact matching (prefix? case?) is not
	// documented, so keep only exact names.
	var out []Template
	for _, t := range list {
		if t.Name == name {
			out = append(out, t)
		}
	}
	return out, nil
}

// ParseTemplateComponents reads a template's components from JSON, such as
// components JSON a caller took from a user.
func ParseTemplateComponents(raw []byte) ([]TemplateComponent, error) {
	var components []TemplateComponent
	if err := json.Unmarshal(raw, &components); err != nil {
		return nil, fmt.Errorf("template components must be a JSON array of component objects: %w", err)
	}
	// The nested objects of limited-time offers and carousels, which the
	// typed reading leaves out, must have the documented types too.
	if _, err := decodeComponentShapes(raw); err != nil {
		return nil, fmt.Errorf("template components must be a JSON array of component objects: %w", err)
	}
	return components, nil
}
