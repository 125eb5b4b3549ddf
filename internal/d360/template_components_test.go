package d360

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

func TestTemplateWireShapes(t *testing.T) {
	// Read: a COPY_CODE example is a string, a URL example a list; nested
	// components survive in RawComponents.
	raw := `{"name":"x","language":"en","category":"MARKETING","components":[
	  {"type":"LIMITED_TIME_OFFER","limited_time_offer":{"text":"Expiring!","has_expiration":true}},
	  {"type":"BODY","text":"b"},
	  {"type":"BUTTONS","buttons":[{"type":"COPY_CODE","example":"SPRING25"},{"type":"URL","text":"u","url":"https://x.example/{{1}}","example":["https://x.example/a"]}]}]}`
	var tpl Template
	if err := json.Unmarshal([]byte(raw), &tpl); err != nil {
		t.Fatal(err)
	}
	btns := tpl.Components[2].Buttons
	if btns[0].Example[0] != "SPRING25" || btns[1].Example[0] != "https://x.example/a" {
		t.Fatalf("examples: %+v", btns)
	}
	if !strings.Contains(string(tpl.RawComponents), `"limited_time_offer":{"text":"Expiring!"`) {
		t.Fatalf("raw components lost: %s", tpl.RawComponents)
	}
	// Send: typed components use the documented example shapes.
	tpl.RawComponents = nil
	out, err := json.Marshal(tpl)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`{"type":"COPY_CODE","example":"SPRING25"}`, `"example":["https://x.example/a"]`} {
		if !strings.Contains(string(out), want) {
			t.Errorf("sent %s, want %s", out, want)
		}
	}
	// Send: raw components go out verbatim.
	tpl.RawComponents = json.RawMessage(`[{"type":"carousel","cards":[]}]`)
	out, _ = json.Marshal(tpl)
	if !strings.Contains(string(out), `"components":[{"type":"carousel","cards":[]}]`) {
		t.Errorf("raw components not sent verbatim: %s", out)
	}
}

func TestCheckTemplateTTL(t *testing.T) {
	for _, tc := range []struct {
		category string
		ttl      int64
		want     string // the problem's message; "" for none
	}{
		{"MARKETING", 43200, ""}, {"MARKETING", -1, "MARKETING templates take 43200 to 2592000 seconds; got -1"},
		{"MARKETING", 43199, "MARKETING templates take 43200 to 2592000 seconds; got 43199"},
		{"UTILITY", 43200, ""}, {"UTILITY", -1, ""},
		{"UTILITY", 43201, "UTILITY templates take 30 to 43200 seconds or -1 (30 days); got 43201"},
		{"AUTHENTICATION", 900, ""}, {"AUTHENTICATION", 901, "AUTHENTICATION templates take 30 to 900 seconds or -1 (30 days); got 901"},
		{"authentication", 1200, "AUTHENTICATION templates take 30 to 900 seconds or -1 (30 days); got 1200"},
		{"SERVICE", 5, ""}, // an unknown category is reported by other checks
	} {
		got := CheckTemplateTTL(tc.category, tc.ttl)
		var want []TemplateProblem
		if tc.want != "" {
			want = []TemplateProblem{{PartTTL, tc.want}}
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("CheckTemplateTTL(%s, %d) = %v, want %v", tc.category, tc.ttl, got, want)
		}
	}
}
