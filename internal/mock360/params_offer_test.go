package mock360

import (
	"net/http"
	"testing"
)

// flashOfferSend fills the showcase's flash_offer, an LTO template with
// has_expiration; offer is the limited_time_offer component, or nil.
func flashOfferSend(offer any, coupon string) func(map[string]any) {
	comps := []any{
		map[string]any{"type": "header", "parameters": []any{map[string]any{"type": "image", "image": map[string]any{"id": "1"}}}},
		map[string]any{"type": "body", "parameters": []any{map[string]any{"type": "text", "text": "Ann"}, map[string]any{"type": "text", "text": "SPRING25"}}},
		map[string]any{"type": "button", "sub_type": "copy_code", "index": 0, "parameters": []any{map[string]any{"type": "coupon_code", "coupon_code": coupon}}},
		map[string]any{"type": "button", "sub_type": "url", "index": 1, "parameters": []any{map[string]any{"type": "text", "text": "ann"}}},
	}
	if offer != nil {
		comps = append(comps, offer)
	}
	return func(b map[string]any) { setTemplate(b, "flash_offer", comps) }
}

func expiring(ms any) map[string]any {
	return map[string]any{"type": "limited_time_offer", "parameters": []any{
		map[string]any{"type": "limited_time_offer", "limited_time_offer": map[string]any{"expiration_time_ms": ms}}}}
}

func TestSendLimitedTimeOffer(t *testing.T) {
	seed := DefaultState()
	seed.Templates = append(seed.Templates, ShowcaseTemplates()...)
	const paramIssue = "(#132018) There's an issue with the parameters in your template"
	for _, tc := range []struct {
		name  string
		path  string
		offer any
		code  string
		want  metaErr // zero: accepted
	}{
		// Meta's MM page: "Marketing Messages API for WhatsApp supports all
		// marketing templates".
		{"on /marketing_messages", "/marketing_messages", expiring(1777636800000), "SPRING25", metaErr{}},
		{"on /messages", "/messages", expiring(1777636800000), "SPRING25", metaErr{}},
		{"without the expiration", "/marketing_messages", nil, "SPRING25", metaErr{wrapped: true, code: 132000,
			message: "(#132000) Number of parameters does not match the expected number of params",
			details: "limited_time_offer: number of localizable_params (0) does not match the expected number of params (1)"}},
		{"with an expiration of 0", "/marketing_messages", expiring(0), "SPRING25", metaErr{wrapped: true, code: 132018, message: paramIssue,
			details: "limited_time_offer: expiration_time_ms must be the offer's expiration as a UNIX timestamp in milliseconds; got 0"}},
		{"with a coupon code of 16", "/messages", expiring(1777636800000), "SPRING2026SALE16", metaErr{code: 132018, message: paramIssue,
			details: "buttons: Button at index 0: the coupon_code must be at most 15 characters"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, ts := newTestServer(t, Options{Seed: &seed})
			a := call(t, ts, "POST", tc.path, send(flashOfferSend(tc.offer, tc.code)), nil)
			if tc.want.code == 0 {
				if a.status != http.StatusOK {
					t.Fatalf("want 200, got %d %s", a.status, a.raw)
				}
				return
			}
			wantMetaError(t, a, http.StatusBadRequest, tc.want)
		})
	}
}
