package mock360

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"
	"time"
)

func newTemplate(name, lang, category, body string) map[string]any {
	return map[string]any{"name": name, "language": lang, "category": category,
		"components": []any{map[string]any{"type": "BODY", "text": body}}}
}

func listNames(t *testing.T, a answer) []string {
	t.Helper()
	if a.status != http.StatusOK {
		t.Fatalf("list: %d %s", a.status, a.raw)
	}
	var names []string
	for _, x := range a.body["waba_templates"].([]any) {
		m := x.(map[string]any)
		names = append(names, fmt.Sprintf("%s/%s/%s", m["name"], m["language"], m["status"]))
	}
	return names
}

func TestTemplateLifecycle(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	mock, ts := newTestServer(t, Options{TemplateApprovalDelay: time.Minute, RejectPhrase: "FREE MONEY", Now: func() time.Time { return now }})

	// Meta requires an example per variable (template_rules_text.go).
	summer := newTemplate("summer_sale", "en", "marketing", "Hi {{1}}")
	summer["components"].([]any)[0].(map[string]any)["example"] = map[string]any{"body_text": [][]string{{"Ann"}}}
	a := call(t, ts, "POST", "/v1/configs/templates", summer, nil)
	if a.status != http.StatusCreated {
		t.Fatalf("create: %d %s", a.status, a.raw)
	}
	id, _ := a.body["id"].(string)
	if len(id) != 22 {
		t.Fatalf("id %q", id)
	}
	wantJSON(t, a, http.StatusCreated, `{"id":"`+id+`","name":"summer_sale","language":"en","category":"MARKETING","status":"pending",
		"components":[{"type":"BODY","text":"Hi {{1}}","example":{"body_text":[["Ann"]]}}],"namespace":"c2f3a8b1_5d6e_4f70_9a1b_2c3d4e5f6a7b","rejected_reason":null}`)
	call(t, ts, "POST", "/v1/configs/templates", newTemplate("scam_offer", "en", "MARKETING", "Get free money now"), nil)

	filter := "/v1/configs/templates?filters=" + url.QueryEscape(`{"business_templates.name":["summer_sale","scam_offer"]}`)
	if got := listNames(t, call(t, ts, "GET", filter, nil, nil)); fmt.Sprint(got) != "[scam_offer/en/pending summer_sale/en/pending]" {
		t.Fatalf("before the delay: %v", got)
	}
	// A pending template cannot be sent yet.
	if a := call(t, ts, "POST", "/messages", send(func(b map[string]any) { setTemplate(b, "summer_sale", nil) }), nil); a.status != http.StatusBadRequest {
		t.Fatalf("send of a pending template: %d", a.status)
	}

	now = now.Add(time.Minute)
	a = call(t, ts, "GET", filter, nil, nil)
	if got := listNames(t, a); fmt.Sprint(got) != "[scam_offer/en/rejected summer_sale/en/approved]" {
		t.Fatalf("after the delay: %v", got)
	}
	rejected := a.body["waba_templates"].([]any)[0].(map[string]any)
	if rejected["rejected_reason"] != "ABUSIVE_CONTENT" || rejected["modified_at"] != "2026-03-01T12:01:00Z" || rejected["created_at"] != "2026-03-01T12:00:00Z" {
		t.Fatalf("rejected template: %v", rejected)
	}

	// Deleting removes every language; an approved name is locked for 30 days.
	call(t, ts, "POST", "/v1/configs/templates", newTemplate("summer_sale", "de", "MARKETING", "Hallo"), nil)
	wantJSON(t, call(t, ts, "DELETE", "/v1/configs/templates/summer_sale", nil, nil), http.StatusOK, `{"success":true}`)
	if got := listNames(t, call(t, ts, "GET", filter, nil, nil)); fmt.Sprint(got) != "[scam_offer/en/rejected]" {
		t.Fatalf("after delete: %v", got)
	}
	locked := call(t, ts, "POST", "/v1/configs/templates", newTemplate("summer_sale", "en", "MARKETING", "again"), nil)
	details := "The template name summer_sale was deleted while approved less than 30 days ago and stays blocked until 2026-03-31T12:01:00Z. Use another name."
	wantMetaError(t, locked, http.StatusBadRequest, metaErr{code: 100, subcode: 2388023, message: "(#100) Invalid parameter", details: details})
	if locked.body["error"].(map[string]any)["error_user_msg"] != details {
		t.Fatalf("error_user_msg: %s", locked.raw)
	}
	// A rejected name is not locked.
	call(t, ts, "DELETE", "/v1/configs/templates/scam_offer", nil, nil)
	if a := call(t, ts, "POST", "/v1/configs/templates", newTemplate("scam_offer", "en", "MARKETING", "ok"), nil); a.status != http.StatusCreated {
		t.Fatalf("re-create of a rejected name: %d %s", a.status, a.raw)
	}
	now = now.Add(30 * 24 * time.Hour)
	if a := call(t, ts, "POST", "/v1/configs/templates", newTemplate("summer_sale", "en", "MARKETING", "again"), nil); a.status != http.StatusCreated {
		t.Fatalf("after the lock: %d %s", a.status, a.raw)
	}
	if n := len(mock.State().NameLocks); n != 0 {
		t.Fatalf("expired lock kept: %d", n)
	}
}

func TestTemplateApprovedOnNextReadWithoutDelay(t *testing.T) {
	mock, ts := newTestServer(t, Options{})
	a := call(t, ts, "POST", "/v1/configs/templates", newTemplate("instant", "en", "UTILITY", "Done"), nil)
	if a.body["status"] != "pending" {
		t.Fatalf("create answer: %s", a.raw)
	}
	st := mock.State()
	if i := st.findTemplate("instant", "en"); i < 0 || st.Templates[i].Status != "approved" {
		t.Fatalf("not approved on the next read: %+v", st.Templates)
	}
}

func TestTemplateCreateValidation(t *testing.T) {
	ttl := func(category string, v int) map[string]any {
		b := newTemplate("ttl_tpl", "en", category, "x")
		b["message_send_ttl_seconds"] = v
		return b
	}
	withComponents := func(c ...any) map[string]any {
		b := newTemplate("comp_tpl", "en", "MARKETING", "")
		b["components"] = c
		return b
	}
	cases := []struct {
		name    string
		body    any
		details string
	}{
		{"invalid JSON", `{"name":`, "The request body is not valid JSON or has a parameter of the wrong type: unexpected end of JSON input"},
		{"missing name", newTemplate("", "en", "MARKETING", "x"), "The parameter name is required."},
		{"uppercase name", newTemplate("Summer", "en", "MARKETING", "x"), "Param name must contain only lowercase letters, numbers and underscores, and be at most 512 characters long."},
		{"dash in name", newTemplate("summer-sale", "en", "MARKETING", "x"), "Param name must contain only lowercase letters, numbers and underscores, and be at most 512 characters long."},
		{"missing category", newTemplate("a", "en", "", "x"), "The parameter category is required."},
		{"bad category", newTemplate("a", "en", "PROMO", "x"), "Param category must be one of {AUTHENTICATION, MARKETING, UTILITY}."},
		{"missing language", newTemplate("a", "", "MARKETING", "x"), "The parameter language is required."},
		{"no components", withComponents(), "The parameter components is required."},
		{"no BODY", withComponents(map[string]any{"type": "HEADER", "format": "TEXT", "text": "Hi"}), "Template components must include a BODY component."},
		{"empty BODY", withComponents(map[string]any{"type": "BODY"}), "The BODY component requires text."},
		{"bad component type", withComponents(map[string]any{"type": "SIDEBAR"}), "Param components[0]['type'] must be one of {HEADER, BODY, FOOTER, BUTTONS, LIMITED_TIME_OFFER, CAROUSEL, CALL_PERMISSION_REQUEST}."},
		{"two header variables", withComponents(map[string]any{"type": "HEADER", "format": "TEXT", "text": "{{1}} {{2}}"}, map[string]any{"type": "BODY", "text": "x"}),
			"A TEXT header can contain at most one variable."},
		{"bad parameter_format", func() map[string]any {
			b := newTemplate("a", "en", "MARKETING", "x")
			b["parameter_format"] = "MIXED"
			return b
		}(), "Param parameter_format must be one of {NAMED, POSITIONAL}."},
		{"marketing TTL too short", ttl("MARKETING", 3600), "Param message_send_ttl_seconds must be between 43200 and 2592000 seconds for MARKETING templates; got 3600."},
		// -1 is not in the time-to-live page's MARKETING range.
		{"marketing TTL -1", ttl("MARKETING", -1), "Param message_send_ttl_seconds must be between 43200 and 2592000 seconds for MARKETING templates; got -1."},
		{"utility TTL too long", ttl("UTILITY", 43201), "Param message_send_ttl_seconds must be between 30 and 43200 seconds for UTILITY templates, or -1; got 43201."},
		{"authentication TTL too long", ttl("AUTHENTICATION", 901), "Param message_send_ttl_seconds must be between 30 and 900 seconds for AUTHENTICATION templates, or -1; got 901."},
	}
	_, ts := newTestServer(t, Options{})
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			wantMetaError(t, call(t, ts, "POST", "/v1/configs/templates", tc.body, nil), http.StatusBadRequest,
				metaErr{code: 100, message: "(#100) Invalid parameter", details: tc.details})
		})
	}
	for _, ok := range []map[string]any{ttl("MARKETING", 43200), ttl("UTILITY", -1), ttl("UTILITY", 30)} {
		ok["name"] = fmt.Sprintf("ttl_ok_%d_%d", len(fmt.Sprint(ok["category"])), ok["message_send_ttl_seconds"].(int)+1)
		if a := call(t, ts, "POST", "/v1/configs/templates", ok, nil); a.status != http.StatusCreated {
			t.Fatalf("valid TTL refused: %s", a.raw)
		}
	}
}

func TestTemplateDuplicateAndLimit(t *testing.T) {
	mock, ts := newTestServer(t, Options{})
	a := call(t, ts, "POST", "/v1/configs/templates", newTemplate("spring_sale", "en", "MARKETING", "x"), nil)
	wantMetaError(t, a, http.StatusBadRequest, metaErr{code: 100, subcode: 2388024, message: "(#100) Invalid parameter", details: "Content in This Language Already Exists"})
	if e := a.body["error"].(map[string]any); e["error_user_title"] != "Content in This Language Already Exists" {
		t.Fatalf("error_user_title: %s", a.raw)
	}
	// Another language of an existing name is fine.
	if a := call(t, ts, "POST", "/v1/configs/templates", newTemplate("spring_sale", "es", "MARKETING", "x"), nil); a.status != http.StatusCreated {
		t.Fatalf("new language: %s", a.raw)
	}

	mock.Update(func(st *State) {
		// 3 names exist (spring_sale has two languages); fill up to the limit.
		for i := 3; i < maxTemplateNames; i++ {
			st.Templates = append(st.Templates, Template{ID: fmt.Sprint(i), Name: fmt.Sprintf("filler_%03d", i), Language: "en", Category: "UTILITY", Status: "approved"})
		}
	})
	wantMetaError(t, call(t, ts, "POST", "/v1/configs/templates", newTemplate("one_too_many", "en", "MARKETING", "x"), nil), http.StatusBadRequest,
		metaErr{code: 100, message: "(#100) Invalid parameter", details: "This WhatsApp Business Account already has 250 template names, the maximum. Delete a template before creating another."})
	// At the limit a new language of an existing name still fits.
	if a := call(t, ts, "POST", "/v1/configs/templates", newTemplate("filler_100", "de", "UTILITY", "x"), nil); a.status != http.StatusCreated {
		t.Fatalf("new language at the limit: %s", a.raw)
	}
}

func TestTemplateDeleteUnknown(t *testing.T) {
	_, ts := newTestServer(t, Options{})
	wantMetaError(t, call(t, ts, "DELETE", "/v1/configs/templates/ghost", nil, nil), http.StatusNotFound,
		metaErr{code: 100, message: "(#100) Invalid parameter", details: `Message template "ghost" does not exist.`})
}

func TestTemplateListPagingAndFilters(t *testing.T) {
	mock, ts := newTestServer(t, Options{})
	mock.Update(func(st *State) {
		st.Templates = append(st.Templates,
			Template{ID: "p1", Name: "spring_sale", Language: "de", Category: "MARKETING", Status: "PENDING", CreatedAt: time.Now().Add(time.Hour)})
	})
	list := func(q string) answer { return call(t, ts, "GET", "/v1/configs/templates"+q, nil, nil) }

	a := list("")
	if got := listNames(t, a); fmt.Sprint(got) != "[marketing_text_no_param/en/approved order_update/en/approved spring_sale/de/pending spring_sale/en/approved]" {
		t.Fatalf("default list: %v", got)
	}
	if a.body["count"] != 4.0 || a.body["total"] != 4.0 || a.body["limit"] != 50.0 || a.body["offset"] != 0.0 ||
		fmt.Sprint(a.body["sort"]) != "[business_templates.name]" || fmt.Sprint(a.body["filters"]) != "map[]" {
		t.Fatalf("envelope: %s", a.raw)
	}

	a = list("?limit=2&offset=1")
	if got := listNames(t, a); fmt.Sprint(got) != "[order_update/en/approved spring_sale/de/pending]" || a.body["count"] != 2.0 || a.body["total"] != 4.0 {
		t.Fatalf("page: %v %s", got, a.raw)
	}
	if a = list("?offset=10"); a.body["count"] != 0.0 || len(a.body["waba_templates"].([]any)) != 0 {
		t.Fatalf("past the end: %s", a.raw)
	}
	if a = list("?limit=5000"); a.body["limit"] != 1000.0 {
		t.Fatalf("limit not clamped: %s", a.raw)
	}
	if got := listNames(t, list("?sort=-business_templates.name")); fmt.Sprint(got) != "[spring_sale/de/pending spring_sale/en/approved order_update/en/approved marketing_text_no_param/en/approved]" {
		t.Fatalf("descending: %v", got)
	}

	filterCases := []struct{ filters, want string }{
		{`{"business_templates.name":"spring_sale"}`, "[spring_sale/de/pending spring_sale/en/approved]"},
		{`{"name":"spring_sale","language":"en"}`, "[spring_sale/en/approved]"},
		{`{"status":"APPROVED","category":"marketing"}`, "[marketing_text_no_param/en/approved spring_sale/en/approved]"},
		{`{"category":"UTILITY"}`, "[order_update/en/approved]"},
		{`{"id":"Hq3PzY7bN2cWd8Ua"}`, "[spring_sale/en/approved]"},
		{`{"name":"Spring_Sale"}`, "[]"}, // names match exactly
	}
	for _, fc := range filterCases {
		a := list("?filters=" + url.QueryEscape(fc.filters))
		if got := listNames(t, a); fmt.Sprint(got) != fc.want {
			t.Errorf("filters %s: %v, want %s", fc.filters, got, fc.want)
		}
	}

	badCases := []struct{ query, text string }{
		{"?limit=0", "limit must be a positive integer"},
		{"?limit=ten", "limit must be a positive integer"},
		{"?offset=-1", "offset must be a non-negative integer"},
		{"?filters=" + url.QueryEscape(`["x"]`), "filters must be a JSON object"},
		{"?filters=" + url.QueryEscape(`{"nmae":"x"}`), `unsupported filter key "nmae"`}, //nolint:misspell // the typo is the point
		{"?sort=colour", `unsupported sort key "colour"`},
	}
	for _, bc := range badCases {
		wantGateway(t, list(bc.query), http.StatusBadRequest, bc.text)
	}
}

func TestTemplateListMaxPageSize(t *testing.T) {
	_, ts := newTestServer(t, Options{MaxPageSize: 2})
	a := call(t, ts, "GET", "/v1/configs/templates?limit=1000", nil, nil)
	if a.status != 200 || a.body["limit"] != float64(2) || a.body["count"] != float64(2) || a.body["total"] != float64(3) {
		t.Fatalf("a capped page: %d %s", a.status, a.raw)
	}
}
