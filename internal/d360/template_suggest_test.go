package d360

import (
	"slices"
	"strings"
	"testing"
)

func TestNearestNames(t *testing.T) {
	channel := []string{"spring_sale", "spring_sale_v2", "summer_sale", "order_update", "marketing_text_no_param"}
	cases := []struct {
		name string
		want []string
	}{
		{"sprng_sale", []string{"spring_sale"}},
		{"Spring_Sale", []string{"spring_sale", "spring_sale_v2"}},
		{"spring_sale_v3", []string{"spring_sale_v2", "spring_sale"}},
		{"order_updates", []string{"order_update"}},
		{"welcome", nil},
		{"spring_sale", []string{"spring_sale_v2"}}, // itself is never suggested
		{"", nil},
	}
	for _, tc := range cases {
		if got := NearestNames(tc.name, channel, 3); !slices.Equal(got, tc.want) {
			t.Errorf("NearestNames(%q) = %q, want %q", tc.name, got, tc.want)
		}
	}
	if got := NearestNames("sprng_sale", channel, 1); !slices.Equal(got, []string{"spring_sale"}) {
		t.Errorf("want only the nearest with n=1, got %q", got)
	}
	if got := NearestNames(strings.Repeat("a", maxSuggestionLen+1), []string{"a"}, 3); got != nil {
		t.Errorf("a name over the length bound is not compared, got %q", got)
	}
}

func TestEditDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"a", "", 1}, {"", "abc", 3}, {"kitten", "sitting", 3}, {"spring_sale", "sprng_sale", 1}, {"día", "dia", 1},
	} {
		if got := editDistance(tc.a, tc.b); got != tc.want || editDistance(tc.b, tc.a) != tc.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d both ways", tc.a, tc.b, got, tc.want)
		}
	}
}
