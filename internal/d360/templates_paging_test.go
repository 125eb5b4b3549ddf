package d360

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
)

// pagingServer answers template lists with page(offset) and counts GETs.
func pagingServer(t *testing.T, page func(offset int) string) (*Client, *atomic.Int64) {
	t.Helper()
	var gets atomic.Int64
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gets.Add(1)
		offset, _ := strconv.Atoi(r.URL.Query().Get("offset"))
		_, _ = w.Write([]byte(page(offset)))
	}))
	t.Cleanup(ts.Close)
	c, err := New(Config{BaseURL: ts.URL, APIKey: testKey})
	if err != nil {
		t.Fatal(err)
	}
	return c, &gets
}

func templatesJSON(total int, ids ...string) string {
	var items []string
	for _, id := range ids {
		items = append(items, fmt.Sprintf(`{"id":%q,"name":"t_%s","language":"en","category":"MARKETING","components":[]}`, id, id))
	}
	return fmt.Sprintf(`{"count":%d,"total":%d,"waba_templates":[%s]}`, len(ids), total, strings.Join(items, ","))
}

// A server that ignores offset while claiming total 3000 used to cost 3,000
// GETs and return 3,000 copies of one page. It is stopped after the page
// that adds nothing, and the short list is an error: returning the two
// templates it did list would make every other one read as deleted.
func TestListAllStopsWhenAPageAddsNothing(t *testing.T) {
	c, gets := pagingServer(t, func(int) string { return templatesJSON(3000, "a", "b") })
	all, err := c.Templates.ListAll(context.Background(), nil)
	var bad *UnusableAnswerError
	if !errors.As(err, &bad) || !strings.Contains(err.Error(), "total is 3000") || all != nil {
		t.Fatalf("want an *UnusableAnswerError naming total 3000 and no list, got %v, %+v", err, all)
	}
	if n := gets.Load(); n != 2 {
		t.Fatalf("want 2 GETs (the second adds nothing new), got %d", n)
	}
}

// Entries without an id are told apart by name and language.
func TestListAllDedupesByNameAndLanguage(t *testing.T) {
	page := `{"total":3,"waba_templates":[{"name":"x","language":"en"},{"name":"x","language":"de"},{"name":"x","language":"en"}]}`
	c, gets := pagingServer(t, func(int) string { return page })
	all, err := c.Templates.ListAll(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 2 || gets.Load() != 1 {
		t.Fatalf("want x/en and x/de after 1 GET, got %d templates after %d GETs", len(all), gets.Load())
	}
}

// A server that keeps inventing new templates is stopped at the page cap,
// with an error that names it.
func TestListAllCapsPages(t *testing.T) {
	c, gets := pagingServer(t, func(offset int) string { return templatesJSON(1_000_000_000, strconv.Itoa(offset)) })
	_, err := c.Templates.ListAll(context.Background(), nil)
	if err == nil || !strings.Contains(err.Error(), "100 pages") {
		t.Fatalf("want an error naming the 100-page cap, got %v", err)
	}
	if n := gets.Load(); n != 100 {
		t.Fatalf("want 100 GETs, got %d", n)
	}
}

// Honest paging still reads everything.
func TestListAllFollowsOffsets(t *testing.T) {
	c, gets := pagingServer(t, func(offset int) string {
		if offset >= 5 {
			return templatesJSON(5)
		}
		return templatesJSON(5, strconv.Itoa(offset))
	})
	all, err := c.Templates.ListAll(context.Background(), nil)
	if err != nil || len(all) != 5 || gets.Load() != 5 {
		t.Fatalf("want 5 templates in 5 GETs, got %d in %d: %v", len(all), gets.Load(), err)
	}
}
