package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/d360-tf/terraform-provider-d360/internal/d360"
	"github.com/d360-tf/terraform-provider-d360/internal/mock360"
)

// Unit tests (no Terraform run): parameter values WhatsApp refuses fail at
// validate time on the attribute that holds them, and at plan time in
// components_json and in a broadcast recipient's own texts.

const textRule = `WhatsApp refuses a text parameter with new lines, tabs or more than 4 spaces in a row ` +
	`(error 132018: "Param text cannot have new-line/tab characters or more than 4 consecutive spaces")`

// diagLines renders diagnostics as "path | summary | detail" for comparison.
func diagLines(diags diag.Diagnostics) []string {
	var out []string
	for _, d := range diags {
		p := ""
		if wp, ok := d.(diag.DiagnosticWithPath); ok {
			p = wp.Path().String()
		}
		out = append(out, p+" | "+d.Summary()+" | "+d.Detail())
	}
	return out
}

func sameLines(t *testing.T, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestValidateTemplateParamsValues(t *testing.T) {
	ctx := context.Background()
	bodyType, buttonType := paramObjectType(t, "body_parameters"), paramObjectType(t, "buttons")
	named := textBody(t, "X\t1")
	named.ParameterName = types.StringValue("code")
	url := func(index int64, suffix string) buttonModel {
		b := nullButton(index, "url")
		b.Text = types.StringValue(suffix)
		return b
	}
	textHeader := func(v string) types.Object {
		h := nullHeader()
		h.Type, h.Text = types.StringValue("text"), types.StringValue(v)
		return mustObject(t, paramObjectType(t, "header"), h)
	}
	cases := []struct {
		name string
		edit func(m *templateParamsModel)
		want []string
	}{
		{"ok: four spaces, unicode, emoji, query string", func(m *templateParamsModel) {
			m.Header = textHeader("Ana    Lee")
			m.BodyParameters = mustList(t, bodyType, []bodyParameterModel{textBody(t, "a    b"), textBody(t, "Ünïcødé 中文"), textBody(t, "🎉")})
			m.Buttons = mustList(t, buttonType, []buttonModel{url(0, "abc123"), url(1, "summer-sale?utm=x")})
		}, nil},
		{"NUL in a body parameter", func(m *templateParamsModel) {
			m.BodyParameters = mustList(t, bodyType, []bodyParameterModel{textBody(t, "Ana"), textBody(t, "b\x00")})
		}, []string{`body_parameters[1].text | Invalid template parameter | Body parameter 2 ({{2}}) "b\x00" has the control character U+0000, which is not text WhatsApp can show; remove it.`}},
		{"new line, tab, five spaces; a named one by its name", func(m *templateParamsModel) {
			m.BodyParameters = mustList(t, bodyType, []bodyParameterModel{textBody(t, "a\nb"), textBody(t, "a     b"), named})
		}, []string{
			`body_parameters[0].text | Invalid template parameter | Body parameter 1 ({{1}}) "a\nb" has a line break; ` + textRule + `, so put the value on one line.`,
			`body_parameters[1].text | Invalid template parameter | Body parameter 2 ({{2}}) "a     b" has more than 4 spaces in a row; ` + textRule + `, so shorten the run to at most 4.`,
			`body_parameters[2].text | Invalid template parameter | Body parameter 3 ({{code}}) "X\t1" has a tab; ` + textRule + `, so use spaces instead.`,
		}},
		{"header text", func(m *templateParamsModel) { m.Header = textHeader("Ana\r\n") },
			[]string{`header.text | Invalid template parameter | Header text "Ana\r\n" has a line break; ` + textRule + `, so put the value on one line.`}},
		{"URL suffixes: space, ../, #, control character", func(m *templateParamsModel) {
			m.Buttons = mustList(t, buttonType, []buttonModel{url(0, "summer sale"), url(1, "../admin"), url(2, "a#b"), url(3, "a\x01")})
		}, []string{
			`buttons[0].text | Invalid template parameter | The value "summer sale" of URL button 0 has a space; Meta requires special characters in a URL button's value to be percent-encoded, so write it as %20.`,
			`buttons[1].text | Invalid template parameter | The value "../admin" of URL button 1 has the path segment "..", which would move the link out of the path the template was approved with; remove it.`,
			`buttons[2].text | Invalid template parameter | The value "a#b" of URL button 2 has "#", which would start a fragment of the URL, a part the browser never sends to the site; write it as %23 if it belongs to the value.`,
			`buttons[3].text | Invalid template parameter | The value "a\x01" of URL button 3 has the control character U+0001, which cannot be part of a URL; remove it.`,
		}},
		{"unknown values are left for later", func(m *templateParamsModel) {
			b := textBody(t, "")
			b.Text = types.StringUnknown()
			m.BodyParameters = mustList(t, bodyType, []bodyParameterModel{b, textBody(t, "a\tb")})
			u := url(0, "")
			u.Text = types.StringUnknown()
			m.Buttons = mustList(t, buttonType, []buttonModel{u})
		}, []string{`body_parameters[1].text | Invalid template parameter | Body parameter 2 ({{2}}) "a\tb" has a tab; ` + textRule + `, so use spaces instead.`}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := emptyParams(t)
			tc.edit(&m)
			sameLines(t, diagLines(validateTemplateParams(ctx, &m)), tc.want)
		})
	}
}

// planData is a provider's data against a fresh mock, checking templates.
func planData(t *testing.T) *providerData {
	t.Helper()
	_, ts := newMock(t, mock360.Options{})
	client, err := d360.New(d360.Config{BaseURL: ts.URL, APIKey: testAPIKey})
	if err != nil {
		t.Fatal(err)
	}
	return &providerData{client: client, templates: d360.NewTemplateCache(client), validateTemplates: true}
}

// components_json is user JSON the validate step does not look into: the
// plan check applies the same rules to it.
func TestPlanCheckValuesInComponentsJSON(t *testing.T) {
	m := emptyParams(t)
	m.ComponentsJSON = jsontypes.NewNormalizedValue(`[{"type":"body","parameters":[{"type":"text","text":"Ana\n"},{"type":"text","text":"20%"}]},` +
		`{"type":"button","sub_type":"url","index":0,"parameters":[{"type":"text","text":"a b"}]}]`)
	var diags diag.Diagnostics
	checkTemplateAtPlan(context.Background(), planData(t), &m, &diags)
	sameLines(t, diagLines(diags), []string{
		`components_json | Template check failed | body parameter 1 ({{1}}) "Ana\n" has a line break; ` + textRule + `, so put the value on one line. Nothing was sent.`,
		`components_json | Template check failed | the value "a b" of URL button 0 has a space; Meta requires special characters in a URL button's value to be percent-encoded, so write it as %20. Nothing was sent.`,
	})
}

// A broadcast recipient's own texts are checked like the shared ones, and
// the diagnostic names the recipient.
func TestPlanCheckValuesInRecipientParameters(t *testing.T) {
	m := emptyParams(t)
	m.BodyParameters = mustList(t, paramObjectType(t, "body_parameters"), []bodyParameterModel{textBody(t, "Ana"), textBody(t, "20%")})
	m.Buttons = mustList(t, paramObjectType(t, "buttons"), []buttonModel{func() buttonModel {
		b := nullButton(0, "url")
		b.Text = types.StringValue("spring")
		return b
	}()})
	own, d := types.MapValueFrom(context.Background(), types.ListType{ElemType: types.StringType}, map[string][]string{
		"4915112345679": {"Bea", "30%"}, "4915112345680": {"Cem\x00", "30%     off"}})
	if d.HasError() {
		t.Fatal(d)
	}
	var diags diag.Diagnostics
	checkRecipientParameters(context.Background(), planData(t), &m, own, &diags)
	sameLines(t, diagLines(diags), []string{
		`recipient_parameters["4915112345680"] | Template check failed | body parameter 1 ({{1}}) "Cem\x00" has the control character U+0000, which is not text WhatsApp can show; remove it, in the texts of recipient 4915112345680. Nothing was sent.`,
		`recipient_parameters["4915112345680"] | Template check failed | body parameter 2 ({{2}}) "30%     off" has more than 4 spaces in a row; ` + textRule + `, so shorten the run to at most 4, in the texts of recipient 4915112345680. Nothing was sent.`,
	})
}
