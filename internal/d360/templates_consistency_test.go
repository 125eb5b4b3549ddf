package d360

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// A list page that contradicts its own count, offset or total is an error,
// never "not found": one such answer once removed a d360_template from
// state and made the broadcast that used it send again.
func TestFindRefusesAContradictoryPage(t *testing.T) {
	cases := map[string]struct{ page, problem string }{
		"empty page that claims one match": {
			`{"count":0,"total":1,"waba_templates":[]}`, "total is 1 but the page from offset 0 is empty"},
		"count larger than the page": {
			`{"count":1,"total":1,"waba_templates":[]}`, "count is 1 but the page holds 0 templates"},
		"count smaller than the page": {
			`{"count":0,"total":1,"waba_templates":[{"name":"spring_sale","language":"de"}]}`, "count is 0 but the page holds 1 templates"},
		"page beyond its total": {
			`{"total":1,"waba_templates":[{"name":"spring_sale","language":"de"},{"name":"spring_sale","language":"fr"}]}`,
			"total is 1 but the page from offset 0 holds 2 templates"},
		"another offset than asked": {
			`{"offset":1000,"total":1,"waba_templates":[]}`, "the page is for offset 1000 but offset 0 was asked for"},
		"negative total": {
			`{"total":-1,"waba_templates":[]}`, "total is -1"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			c, _ := pagingServer(t, func(int) string { return tc.page })
			got, err := c.Templates.Find(context.Background(), "spring_sale", "en")
			var bad *UnusableAnswerError
			if !errors.As(err, &bad) || got != nil {
				t.Fatalf("want an *UnusableAnswerError and no template, got %v, %+v", err, got)
			}
			if !strings.Contains(err.Error(), tc.problem) {
				t.Fatalf("want the error to say %q, got %v", tc.problem, err)
			}
		})
	}
}

// What is consistent still reads as it did: an empty list with total 0,
// or no counts at all, is "not found"; a template on a later page is found.
func TestFindAcceptsConsistentPages(t *testing.T) {
	for _, page := range []string{
		`{"count":0,"total":0,"waba_templates":[]}`,
		`{"waba_templates":[]}`,
		`{"count":1,"offset":0,"total":1,"waba_templates":[{"name":"spring_sale","language":"de"}]}`,
	} {
		c, _ := pagingServer(t, func(int) string { return page })
		got, err := c.Templates.Find(context.Background(), "spring_sale", "en")
		if err != nil || got != nil {
			t.Fatalf("%s: want not found, got %+v, %v", page, got, err)
		}
	}
	c, gets := pagingServer(t, func(offset int) string {
		if offset == 0 {
			return `{"count":1,"offset":0,"total":2,"waba_templates":[{"id":"1","name":"spring_sale","language":"de"}]}`
		}
		return `{"count":1,"offset":1,"total":2,"waba_templates":[{"id":"2","name":"spring_sale","language":"en"}]}`
	})
	got, err := c.Templates.Find(context.Background(), "spring_sale", "en")
	if err != nil || got == nil || got.ID != "2" || gets.Load() != 2 {
		t.Fatalf("want the second page's template after 2 GETs, got %+v, %v after %d", got, err, gets.Load())
	}
}
