package d360

import (
	"encoding/json"
	"testing"
)

// FuzzMessageComponentUnmarshal: a component read from user JSON
// (components_json) never panics, and what it reads survives a round trip
// through the JSON the client sends.
func FuzzMessageComponentUnmarshal(f *testing.F) {
	for _, v := range []string{
		`{"type":"button","sub_type":"url","index":0,"parameters":[{"type":"text","text":"x"}]}`,
		`{"type":"button","index":"1"}`, `{"type":"button","index":-1}`, `{"type":"button","index":1e3}`, `{"type":"button","index":99999999999999999999}`,
		`{"type":"button","index":null}`, `{"type":"button","index":true}`, `{"type":"button","index":[]}`, `{"index":{}}`,
		`{"type":"body","parameters":[{"type":"currency","currency":{"code":"EUR","amount_1000":1,"fallback_value":"1"}}]}`,
		`{"type":"button","sub_type":"flow","parameters":[{"type":"action","action":{"flow_token":"t","flow_action_data":{"a":[1,{"b":null}]}}}]}`,
		`null`, `[]`, `1`, `""`, ``,
	} {
		f.Add(v)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		var c MessageComponent
		if json.Unmarshal([]byte(raw), &c) != nil {
			return
		}
		out, err := json.Marshal(c)
		if err != nil {
			t.Fatalf("cannot send what was read from %q: %v", raw, err)
		}
		var again MessageComponent
		if err := json.Unmarshal(out, &again); err != nil {
			t.Fatalf("cannot read back %s: %v", out, err)
		}
		// The wire form is what matters: omitempty makes [] and nil the same.
		if out2, _ := json.Marshal(again); string(out2) != string(out) || c.Index != again.Index {
			t.Fatalf("round trip of %q changed it:\n%s\n%s", raw, out, out2)
		}
	})
}
