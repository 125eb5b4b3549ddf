package d360

import (
	"strconv"
	"testing"
	"time"
)

// FuzzParseRetryAfter: any header value gives a wait that is never
// negative, and plain seconds in a sane range are read exactly.
func FuzzParseRetryAfter(f *testing.F) {
	for _, v := range []string{"", "0", "1", "30", "-5", "120", "9223372036854775807", "1.5", " 3", "Wed, 21 Oct 2015 07:28:00 GMT", "Mon, 02 Jan 2106 15:04:05 GMT", "soon"} {
		f.Add(v)
	}
	now := time.Date(2025, 10, 7, 12, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, v string) {
		d := parseRetryAfter(v, now)
		if d < 0 {
			t.Fatalf("parseRetryAfter(%q) = %v", v, d)
		}
		if secs, err := strconv.Atoi(v); err == nil && secs >= 0 && secs < 1<<32 && d != time.Duration(secs)*time.Second {
			t.Fatalf("parseRetryAfter(%q) = %v, want %ds", v, d, secs)
		}
	})
}
