package d360

import (
	"encoding/json"
	"reflect"
	"testing"
)

// A button index comes from user JSON (components_json), so it can be
// anything: each bad one is a problem on "buttons", never a panic.
func TestCheckParametersButtonIndexes(t *testing.T) {
	button := func(index string) MessageComponent {
		return MessageComponent{Type: "button", SubType: "url", Index: index, Parameters: []Parameter{text("x")}}
	}
	cases := []struct {
		index string
		want  string
	}{
		{"-1", `button index -1 is negative; template "spring_sale" numbers its 3 button(s) from 0 to 2`},
		{"-9223372036854775809", `button index -9223372036854775809 is negative; template "spring_sale" numbers its 3 button(s) from 0 to 2`},
		{"3", `template "spring_sale" has 3 button(s), so there is no button with index 3`},
		{"99999999999999999999999", `template "spring_sale" has 3 button(s), so there is no button with index 99999999999999999999999`},
		{"first", `button index "first" is not a whole number; template "spring_sale" numbers its 3 button(s) from 0 to 2`},
		{"1.5", `button index "1.5" is not a whole number; template "spring_sale" numbers its 3 button(s) from 0 to 2`},
		{"", `a button component has no index; template "spring_sale" numbers its 3 button(s) from 0 to 2`},
	}
	for _, tc := range cases {
		t.Run(tc.index, func(t *testing.T) {
			got := CheckTemplateForSend([]Template{springSale}, sendOf(goodHeader, goodBody, goodURL, button(tc.index)))
			want := []TemplateProblem{{PartButtons, tc.want}}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("got\n%q\nwant\n%q", got, want)
			}
		})
	}
}

func TestCheckParametersDuplicateButtonIndex(t *testing.T) {
	got := CheckTemplateForSend([]Template{springSale}, sendOf(goodHeader, goodBody, goodURL, goodURL))
	want := []TemplateProblem{{PartButtons, `two button components have index 1; give each button of template "spring_sale" at most one`}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got\n%q\nwant\n%q", got, want)
	}
}

// The crash of issue 10: index -1 in components_json, checked at plan time.
func TestCheckTemplateForSendNegativeIndexInRawComponents(t *testing.T) {
	m := sendOf()
	m.RawComponents = json.RawMessage(`[{"type":"header","parameters":[{"type":"image","image":{"id":"1"}}]},` +
		`{"type":"body","parameters":[{"type":"text","text":"a"},{"type":"text","text":"b"},{"type":"text","text":"c"}]},` +
		`{"type":"button","sub_type":"url","index":1,"parameters":[{"type":"text","text":"x"}]},` +
		`{"type":"button","sub_type":"url","index":-1,"parameters":[{"type":"text","text":"x"}]}]`)
	got := CheckTemplateForSend([]Template{springSale}, m)
	if len(got) != 1 || got[0].Part != PartButtons {
		t.Fatalf("got %q", got)
	}
}
