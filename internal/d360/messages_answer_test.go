package d360

import (
	"context"
	"errors"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

const goodWAMID = "wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJDQjZCMzlEQUE4OTJBMTE4RTUA"

// sendAnswering sends one marketing message to a server that answers
// 200 with body.
func sendAnswering(t *testing.T, body string) (*SendResult, error) {
	t.Helper()
	_, ts := newScripted(t, answer{status: 200, body: body})
	c := newTestClient(t, ts.URL, nil)
	return c.Messages.SendMarketing(context.Background(), &MarketingMessage{To: "491700000000",
		Template: MessageTemplate{Name: "promo", Language: TemplateLanguage{Code: "en"}}})
}

// assertSafeText fails when text holds a rune that a terminal could act on.
func assertSafeText(t *testing.T, text string) {
	t.Helper()
	if !utf8.ValidString(text) {
		t.Fatalf("not UTF-8: %q", text)
	}
	for _, r := range text {
		if unicode.In(r, unicode.Cc, unicode.Cf) || r == '\u2028' || r == '\u2029' {
			t.Fatalf("raw %U in %q", r, text)
		}
	}
}

// TestSendRefusesUnprintableID: an id that is not a printable token is not
// proof of an accepted send, and must never reach state or the terminal.
func TestSendRefusesUnprintableID(t *testing.T) {
	for name, id := range map[string]string{
		"blank":             "   ",
		"ESC":               "wamid.\x1b[31mRED",
		"newline":           "wamid.A\nError: forged line",
		"RTL override":      "wamid.\u202eDIMAW",
		"zero-width space":  "wamid.A\u200bB",
		"inner space":       "wamid.A B",
		"invalid UTF-8":     "wamid.\xff\xfe",
		"C1 control":        "wamid.\u009b31m",
		"line separator":    "wamid.A\u2028B",
		"too long":          "wamid." + strings.Repeat("A", 600),
		"language tag char": "wamid.A\U000E0041",
	} {
		t.Run(name, func(t *testing.T) {
			quoted := jsonQuote(id)
			if name == "invalid UTF-8" {
				quoted = `"` + id + `"` // as sent, not as json.Marshal repairs it
			}
			res, err := sendAnswering(t, `{"messages":[{"id":`+quoted+`}]}`)
			if res != nil || !IsOutcomeUnknown(err) || !errors.Is(err, ErrMalformedSendAnswer) {
				t.Fatalf("want an unknown outcome for a malformed answer, got %v, %v", res, err)
			}
			assertSafeText(t, err.Error())
			if !strings.Contains(err.Error(), `the message id "`) {
				t.Fatalf("the error does not show the id: %v", err)
			}
		})
	}
}

func jsonQuote(s string) string { return `"` + jsonString(s) + `"` }

func TestSendAcceptsPrintableID(t *testing.T) {
	for _, id := range []string{goodWAMID, "wamid." + strings.Repeat("A+/=", 100), "x", "wamid.é-ü_😀"} {
		res, err := sendAnswering(t, `{"messaging_product":"whatsapp","messages":[{"id":"`+id+`","message_status":"accepted"}]}`)
		if err != nil || res.MessageID() != id || res.Messages[0].MessageStatus != "accepted" {
			t.Fatalf("id %q: got %v, %v", id, res, err)
		}
	}
	// The fields beside the id are shown too: escaped, not refused.
	res, err := sendAnswering(t, `{"contacts":[{"input":"+49 170\u001b","wa_id":"49170\u202e"}],"messages":[{"id":"`+goodWAMID+`","message_status":"accepted\u001b[2J"}]}`)
	if err != nil {
		t.Fatal(err)
	}
	if c, m := res.Contacts[0], res.Messages[0]; c.Input != `+49 170\x1b` || c.WaID != `49170\u202e` || m.MessageStatus != `accepted\x1b[2J` {
		t.Fatalf("not escaped: %+v %+v", c, m)
	}
}

// TestSendRefusesIDBesideFailure: an id next to "success": false or an
// "error" object is an answer that contradicts itself. The request reached
// the API, so it is not refused either: the outcome is unknown.
func TestSendRefusesIDBesideFailure(t *testing.T) {
	for name, tc := range map[string]struct{ body, want string }{
		"success false": {`{"messages":[{"id":"` + goodWAMID + `"}],"success":false}`, "success"},
		"error object": {`{"messages":[{"id":"` + goodWAMID + `"}],"error":{"message":"(#131000) Something \u001b[31mwent wrong\u202e","code":131000,"error_subcode":7,"fbtrace_id":"AbC"}}`,
			"code 131000/7: (#131000) Something \\x1b[31mwent wrong\\u202e"},
		"error string":           {`{"messages":[{"id":"` + goodWAMID + `"}],"error":"throttled\nError: forged"}`, `throttled\nError: forged`},
		"error and success":      {`{"messages":[{"id":"` + goodWAMID + `"}],"success":true,"error":{"code":100}}`, "code 100"},
		"error with the key":     {`{"messages":[{"id":"` + goodWAMID + `"}],"error":{"message":"bad key ` + testKey + `","code":190}}`, "bad key ***"},
		"error of another shape": {`{"messages":[{"id":"` + goodWAMID + `"}],"error":[1]}`, "error"},
	} {
		t.Run(name, func(t *testing.T) {
			res, err := sendAnswering(t, tc.body)
			if res != nil || !IsOutcomeUnknown(err) || !errors.Is(err, ErrSendNotSucceeded) {
				t.Fatalf("want an unknown outcome, got %v, %v", res, err)
			}
			if IsRateLimited(err) || IsAuth(err) {
				t.Fatalf("an answer that may have sent must not read as a refusal: %v", err)
			}
			text := err.Error()
			assertSafeText(t, text)
			if !strings.Contains(text, tc.want) || !strings.Contains(text, goodWAMID) || strings.Contains(text, testKey) {
				t.Fatalf("want %q and the id in %q", tc.want, text)
			}
		})
	}
	// A success field that says so, and an error member that is null, are
	// no failure.
	for _, body := range []string{
		`{"messages":[{"id":"` + goodWAMID + `"}],"success":true}`,
		`{"messages":[{"id":"` + goodWAMID + `"}],"error":null}`,
	} {
		if res, err := sendAnswering(t, body); err != nil || res.MessageID() != goodWAMID {
			t.Fatalf("%s: got %v, %v", body, res, err)
		}
	}
}

// TestForeignTextEscapedInErrors: text from the server reaches an error
// message with control and format characters escaped, so it cannot move
// the cursor, recolour the terminal, forge a line or reverse the text.
func TestForeignTextEscapedInErrors(t *testing.T) {
	const hostile = `bad \u001b[31mred\u001b[0m\nError: forged\r\u202eevil\u2066 \u0000 \u200b`
	body := `{"error":{"message":"` + hostile + `","type":"OAuth\u001bException","code":100,"error_user_title":"T\u202eitle","error_user_msg":"m\u001b","error_data":{"details":"d\u202e\n"},"fbtrace_id":"F\u001b[2J"}}`
	_, ts := newScripted(t, answer{status: 400, body: body})
	c := newTestClient(t, ts.URL, nil)
	_, err := c.Messages.SendMarketing(context.Background(), &MarketingMessage{To: "491700000000"})
	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("want an *APIError, got %T %v", err, err)
	}
	text := err.Error()
	assertSafeText(t, text)
	for _, f := range []string{apiErr.Type, apiErr.Title, apiErr.Message, apiErr.Details, apiErr.TraceID} {
		assertSafeText(t, f)
	}
	for _, want := range []string{`\x1b[31mred`, `\nError: forged\r\u202eevil\u2066`, `\x00`, `\u200b`, `[fbtrace_id F\x1b[2J]`, `(d\u202e\n)`} {
		if !strings.Contains(text, want) {
			t.Fatalf("want %q in %q", want, text)
		}
	}
}

func TestRedirectLocationEscaped(t *testing.T) {
	e := &RedirectError{Method: "GET", Path: "/x", HTTPStatus: 302, Location: "https://evil.example/\x1b[31m\u202e"}
	assertSafeText(t, e.Error())
	u := &UnusableAnswerError{Method: "GET", Path: "/x", Problem: "no \x1b[2J id"}
	assertSafeText(t, u.Error())
	o := &OutcomeUnknownError{Method: "POST", Path: "/x", Err: errors.New("read: \x1b]0;title\x07")}
	assertSafeText(t, o.Error())
}
