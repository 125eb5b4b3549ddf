package d360

import (
	"context"
	"sync"
)

// TemplateCache remembers template lookups by name for the life of one
// provider process, so a plan with hundreds of sends of one template makes
// one GET, not hundreds. Concurrent lookups of one name share one request.
// Failures are not cached: the next caller asks again.
type TemplateCache struct {
	templates *TemplatesService

	mu      sync.Mutex
	entries map[string]*templateCacheEntry
}

type templateCacheEntry struct {
	done      chan struct{}
	templates []Template
	err       error
}

// NewTemplateCache returns an empty cache over c's templates.
func NewTemplateCache(c *Client) *TemplateCache {
	return &TemplateCache{templates: c.Templates, entries: map[string]*templateCacheEntry{}}
}

// ByName returns every language of the template name (none when it does
// not exist).
//
// 360dialog API docs: https://docs.360dialog.com/partner/messaging-and-calling/template-messages/create-and-manage-template-messages
func (tc *TemplateCache) ByName(ctx context.Context, name string) ([]Template, error) {
	return tc.lookup(ctx, name, func(ctx context.Context) ([]Template, error) { return tc.templates.ListByName(ctx, name) })
}

// lookup returns the cached answer for key, asking read for it once.
func (tc *TemplateCache) lookup(ctx context.Context, key string, read func(context.Context) ([]Template, error)) ([]Template, error) {
	tc.mu.Lock()
	e, ok := tc.entries[key]
	if !ok {
		e = &templateCacheEntry{done: make(chan struct{})}
		tc.entries[key] = e
		tc.mu.Unlock()
		e.templates, e.err = read(ctx)
		if e.err != nil {
			tc.mu.Lock()
			delete(tc.entries, key)
			tc.mu.Unlock()
		}
		close(e.done)
		return e.templates, e.err
	}
	tc.mu.Unlock()
	select {
	case <-e.done:
		return e.templates, e.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}
