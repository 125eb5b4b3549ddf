package d360

import (
	"cmp"
	"context"
	"slices"
	"strings"
)

// allTemplatesKey is the cache key of the whole template list; no template
// name can hold a NUL.
const allTemplatesKey = "\x00all"

// Names lists the distinct template names of the channel, once per provider
// process: only a plan that names a missing template asks for it.
//
// 360dialog API docs: https://docs.360dialog.com/partner/messaging-and-calling/template-messages/create-and-manage-template-messages
func (tc *TemplateCache) Names(ctx context.Context) ([]string, error) {
	all, err := tc.lookup(ctx, allTemplatesKey, func(ctx context.Context) ([]Template, error) {
		return tc.templates.ListAll(ctx, nil)
	})
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(all))
	for _, t := range all {
		names = append(names, t.Name)
	}
	slices.Sort(names)
	return slices.Compact(names), nil
}

// maxSuggestionLen bounds the names compared, so that one odd name from the
// API cannot make a suggestion cost more than a few thousand steps; Meta's
// names are at most 512 characters.
const maxSuggestionLen = 512

// NearestNames returns up to n of names closest to name by edit distance,
// nearest first, among those close enough to be a likely typo: at most a
// third of the name's length, and at least 2, apart. Case is ignored, since
// names are lower case and a user may not have typed them so.
func NearestNames(name string, names []string, n int) []string {
	if len(name) > maxSuggestionLen || n <= 0 {
		return nil
	}
	type scored struct {
		name     string
		distance int
	}
	limit := max(2, len([]rune(name))/3)
	var near []scored
	for _, candidate := range names {
		if candidate == name || len(candidate) > maxSuggestionLen {
			continue
		}
		if d := editDistance(strings.ToLower(name), strings.ToLower(candidate)); d <= limit {
			near = append(near, scored{candidate, d})
		}
	}
	slices.SortStableFunc(near, func(a, b scored) int {
		return cmp.Or(cmp.Compare(a.distance, b.distance), cmp.Compare(a.name, b.name))
	})
	var out []string
	for _, s := range near[:min(n, len(near))] {
		out = append(out, s.name)
	}
	return out
}

// editDistance is the Levenshtein distance between a and b, in runes, with
// one row of memory.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	row := make([]int, len(rb)+1)
	for j := range row {
		row[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		prev := row[0]
		row[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			prev, row[j] = row[j], min(row[j]+1, row[j-1]+1, prev+cost)
		}
	}
	return row[len(rb)]
}
