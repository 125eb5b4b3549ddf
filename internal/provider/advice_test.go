package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
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

// wordedDiag is one diagnostic as a test compares it.
type wordedDiag struct {
	at      path.Path
	summary string
	detail  string
}

func wordedDiags(t *testing.T, diags diag.Diagnostics) []wordedDiag {
	t.Helper()
	var out []wordedDiag
	for _, d := range diags {
		if d.Severity() != diag.SeverityError {
			t.Errorf("diagnostic %q is not an error", d.Summary())
		}
		withPath, ok := d.(diag.DiagnosticWithPath)
		if !ok {
			t.Fatalf("diagnostic %q has no attribute path", d.Summary())
		}
		out = append(out, wordedDiag{withPath.Path(), d.Summary(), d.Detail()})
	}
	return out
}

func sameDiags(t *testing.T, what string, got, want []wordedDiag) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d diagnostics %v, want %d %v", what, len(got), got, len(want), want)
	}
	for i := range want {
		if !got[i].at.Equal(want[i].at) || got[i].summary != want[i].summary || got[i].detail != want[i].detail {
			t.Errorf("%s: diagnostic %d = %+v, want %+v", what, i, got[i], want[i])
		}
	}
}

// A max price on another category points at max_price and says how to fix
// it; an amount out of range points at bid_amount. Both as sentences.
func TestAddMaxPriceProblems(t *testing.T) {
	var diags diag.Diagnostics
	addMaxPriceProblems(&diags, d360.CheckMaxPrice("UTILITY", 0))
	sameDiags(t, "UTILITY, 0", wordedDiags(t, diags), []wordedDiag{
		{path.Root("max_price"), "Max price on a non-marketing template",
			"A max price applies only to MARKETING templates (Meta charges it per marketing message delivery); " +
				"this template's category is UTILITY. Remove max_price or set category = \"MARKETING\". See " + maxPriceMetaURL + "."},
		{path.Root("max_price").AtName("bid_amount"), "Invalid max price",
			"bid_amount must be a positive whole number per 1,000 deliveries; got 0."},
	})
	diags = nil
	addMaxPriceProblems(&diags, d360.CheckMaxPrice("MARKETING", 1))
	if diags.HasError() {
		t.Errorf("a valid max price was reported: %v", diags)
	}
}

// A TTL out of range points at message_send_ttl_seconds, with Meta's page.
func TestAddTTLProblems(t *testing.T) {
	var diags diag.Diagnostics
	addTTLProblems(&diags, d360.CheckTemplateTTL("UTILITY", 46800))
	sameDiags(t, "UTILITY 46800", wordedDiags(t, diags), []wordedDiag{{path.Root("message_send_ttl_seconds"),
		"Time-to-live out of range for the category",
		"UTILITY templates take 30 to 43200 seconds or -1 (30 days); got 46800. Meta's time-to-live page (" + templateTTLURL +
			") gives these ranges; choose a value in range or remove the argument for the default."}})
	diags = nil
	addTTLProblems(&diags, d360.CheckTemplateTTL("UTILITY", 3600))
	if diags.HasError() {
		t.Errorf("a TTL in range was reported: %v", diags)
	}
}

// The webhook problems keep the words they had when the client spelt them:
// a credential in the URL goes to a sensitive header, and trimspace()
// strips a value's line break.
func TestWebhookProblemText(t *testing.T) {
	const shown = `"https://xxxxx@hooks.example.com/x?token=xxxxx"`
	for _, tc := range []struct {
		problem d360.WebhookProblem
		want    string
	}{
		{d360.WebhookProblem{Part: d360.WebhookPartUserInfo, Message: shown + " carries a user name or password (user:password@)"},
			shown + " carries a user name or password (user:password@), which would show in plans, state and logs. " +
				"Remove it from the URL and send the credential in a header instead, such as headers = { Authorization = \"Basic ...\" }: headers are sensitive"},
		{d360.WebhookProblem{Part: d360.WebhookPartQuery, Message: shown + ` carries a credential in its query parameter "token"`},
			shown + ` carries a credential in its query parameter "token", which would show in plans, state and logs. ` +
				`Remove it from the URL and send it in a header instead, such as headers = { "X-Webhook-Token" = ... }: headers are sensitive`},
		{d360.WebhookProblem{Part: d360.WebhookPartHeaderValue, Message: `the value of header "X-A" contains a line break; remove it`},
			`the value of header "X-A" contains a line break; remove it (trimspace() helps with values read from files)`},
		{d360.WebhookProblem{Part: d360.WebhookPartURL, Message: `"http://h/" must use https`}, `"http://h/" must use https`},
		{d360.WebhookProblem{Part: d360.WebhookPartHeaderName, Message: `the header "Host" is set by the client`}, `the header "Host" is set by the client`},
	} {
		if got := webhookProblemText(tc.problem); got != tc.want {
			t.Errorf("webhookProblemText(%s) = %q, want %q", tc.problem.Part, got, tc.want)
		}
	}
}

// The URL's problems are one diagnostic at the path given, the headers'
// another; each problem is one sentence, one a line. No problem, no diagnostic.
func TestAddWebhookProblems(t *testing.T) {
	var diags diag.Diagnostics
	addWebhookProblems(&diags, path.Root("url"), d360.CheckWebhookURL("http://hooks.example.com:8443/x?token=t"))
	addWebhookProblems(&diags, path.Root("headers_wo"), d360.CheckWebhookHeaders(map[string]string{"Host": "h", "X-A": "a\nb"}))
	addWebhookProblems(&diags, path.Root("url"), d360.CheckWebhookURL("https://hooks.example.com/x"))
	addWebhookProblems(&diags, path.Root("headers"), nil)
	sameDiags(t, "url and headers", wordedDiags(t, diags), []wordedDiag{
		{path.Root("url"), "Invalid webhook URL",
			`"http://hooks.example.com:8443/x?token=xxxxx" must use https: 360dialog only delivers to https URLs.` + "\n" +
				`"http://hooks.example.com:8443/x?token=xxxxx" carries a credential in its query parameter "token", ` +
				`which would show in plans, state and logs. Remove it from the URL and send it in a header instead, ` +
				`such as headers = { "X-Webhook-Token" = ... }: headers are sensitive.` + "\n" +
				`"http://hooks.example.com:8443/x?token=xxxxx" has an explicit port (8443), which 360dialog refuses; ` +
				`serve the webhook on the default https port 443.`},
		{path.Root("headers_wo"), "Invalid webhook headers",
			`the header "Host" is set by the HTTP client that delivers each event and cannot be configured; remove it.` + "\n" +
				`the value of header "X-A" contains a line break or control character, which would split or corrupt the request; ` +
				`remove it (trimspace() helps with values read from files).`},
	})
}
