package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/d360-tf/terraform-provider-d360/internal/d360"
)

// The advice names the provider argument or the place in WhatsApp Manager
// that fixes each documented refusal. The errors are the client's parse of
// the same bodies as in internal/d360's TestRemedyFor.
func TestAdviceNamesTheFix(t *testing.T) {
	cases := []struct {
		err  *d360.APIError
		want string
	}{
		{
			&d360.APIError{HTTPStatus: 400, Code: 131055, Message: "(#200) You must accept the Marketing Messages Lite API terms to use the API."},
			"Overview > Alerts",
		},
		{&d360.APIError{HTTPStatus: 400, Code: 131055, Message: "(#131055) Method not allowed"}, "Only MARKETING templates"},
		{&d360.APIError{HTTPStatus: 401, Message: "Invalid api_key"}, "D360_API_KEY"},
		{&d360.APIError{HTTPStatus: 401, Code: 190, Message: "expired"}, "D360_GRAPH_API_TOKEN"},
		{&d360.APIError{HTTPStatus: 400, Code: 131009, Message: "x"}, "wait about 10 minutes"},
		{&d360.APIError{HTTPStatus: 400, Code: 132000, Message: "x"}, "one parameter per"},
		{&d360.APIError{HTTPStatus: 400, Code: 132001, Message: "x"}, "not approved yet"},
		{&d360.APIError{HTTPStatus: 403, Code: 10, Message: "x"}, "whatsapp_business_management"},
		{&d360.APIError{HTTPStatus: 400, Code: 100, Subcode: 33, Message: "x"}, "Check waba_id"},
	}
	for _, tc := range cases {
		if got := advice(tc.err); !strings.Contains(got, tc.want) {
			t.Errorf("advice(%v) = %q, want it to contain %q", tc.err, got, tc.want)
		}
	}
}

// A template create with an unknown outcome gets advice about templates,
// not about delivered messages.
func TestAdvice_unknownOutcomeByPath(t *testing.T) {
	tmpl := advice(&d360.OutcomeUnknownError{Method: "POST", Path: "/v1/configs/templates", Err: context.DeadlineExceeded})
	if !strings.Contains(tmpl, "the template may or may not have been created") || strings.Contains(tmpl, "message") {
		t.Errorf("template advice = %q", tmpl)
	}
	msg := advice(&d360.OutcomeUnknownError{Method: "POST", Path: "/marketing_messages", Err: context.DeadlineExceeded})
	if !strings.Contains(msg, "the message may or may not have been delivered") {
		t.Errorf("message advice = %q", msg)
	}
}

// Every remedy the client can return has words here: a new kind cannot
// reach a user as an empty line.
func TestEveryRemedyIsWorded(t *testing.T) {
	for r := d360.RemedyNone + 1; r < d360.RemedyCount; r++ {
		if remedies[r] == "" {
			t.Errorf("remedy %d has no wording", r)
		}
	}
}

// The send check's problems keep the words and paths they had when the
// client spelt them: the d360_template hints, and the attribute each part is.
func TestSendProblemWordsAndPaths(t *testing.T) {
	name := d360.TemplateProblem{
		Part:    d360.PartName,
		Message: `template "spring_sale" does not exist on this channel; check the name in WhatsApp Manager`,
	}
	want := `template "spring_sale" does not exist on this channel; check the name in WhatsApp Manager or create it with d360_template`
	if got := sendProblemText(name); got != want {
		t.Errorf("missing template: %q, want %q", got, want)
	}
	status := d360.TemplateProblem{
		Part:    d360.PartStatus,
		Message: `template "spring_sale" (en) is PENDING, not APPROVED, so it cannot be sent yet; wait for Meta's review`,
	}
	want = `template "spring_sale" (en) is PENDING, not APPROVED, so it cannot be sent yet; ` +
		`wait for Meta's review (d360_template can wait with wait_for_approval)`
	if got := sendProblemText(status); got != want {
		t.Errorf("pending template: %q, want %q", got, want)
	}
	for _, tc := range []struct {
		part d360.TemplatePart
		raw  bool
		want path.Path
	}{
		{d360.PartName, false, path.Root("template_name")}, {d360.PartStatus, true, path.Root("template_name")},
		{d360.PartCategory, false, path.Root("template_name")}, {d360.PartLanguage, true, path.Root("language_code")},
		{d360.PartHeader, false, path.Root("header")}, {d360.PartBody, false, path.Root("body_parameters")},
		{d360.PartButtons, false, path.Root("buttons")},
		{d360.PartHeader, true, path.Root("components_json")}, {d360.PartBody, true, path.Root("components_json")},
		{d360.PartButtons, true, path.Root("components_json")},
		{d360.PartOffer, false, path.Root("limited_time_offer")}, {d360.PartOffer, true, path.Root("components_json")},
	} {
		if got := sendProblemPath(tc.part, tc.raw); !got.Equal(tc.want) {
			t.Errorf("sendProblemPath(%s, raw %v) = %s, want %s", tc.part, tc.raw, got, tc.want)
		}
	}
	for part, want := range map[d360.TemplatePart]string{
		d360.PartHeader:  "header",
		d360.PartBody:    "body",
		d360.PartFooter:  "footer",
		d360.PartButtons: "buttons",
	} {
		if got := reviewProblemPath(part, false); !got.Equal(path.Root("components").AtName(want)) {
			t.Errorf("reviewProblemPath(%s) = %s", part, got)
		}
	}
	if got := reviewProblemPath(d360.PartCarousel, false); !got.Equal(path.Root("components")) {
		t.Errorf("reviewProblemPath(carousel) = %s", got)
	}
	if got := reviewProblemPath(d360.PartBody, true); !got.Equal(path.Root("components_json")) {
		t.Errorf("reviewProblemPath(JSON) = %s", got)
	}
}
