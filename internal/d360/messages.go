package d360

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"unicode"
	"unicode/utf8"
)

// MessagesService sends WhatsApp messages.
type MessagesService service

// MarketingMessage is the body of POST /marketing_messages (and of a template
// send on /messages). Fields left empty are not sent.
//
// Its fields are those of Meta's send schema, MarketingMessageRequestPayload
// (https://developers.facebook.com/documentation/business-messaging/whatsapp/reference/whatsapp-business-phone-number/marketing-messages-api-for-whatsapp),
// plus recipient from "Send marketing messages"
// (https://developers.facebook.com/documentation/business-messaging/whatsapp/marketing-messages/send-marketing-messages).
// There is no per-send time-to-live: Meta sets it on the template
// (https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/time-to-live),
// so Template.MessageSendTTLSeconds is where it goes.
type MarketingMessage struct {
	MessagingProduct string          `json:"messaging_product"`
	RecipientType    string          `json:"recipient_type"`
	To               string          `json:"to,omitempty"`
	Recipient        string          `json:"recipient,omitempty"` // business-scoped user id, used when To is empty
	Type             string          `json:"type"`
	Template         MessageTemplate `json:"template"`

	MessageActivitySharing *bool  `json:"message_activity_sharing,omitempty"`
	ProductPolicy          string `json:"product_policy,omitempty"` // CLOUD_API_FALLBACK or STRICT, exactly: the schema above

	// BidSpec scales the template's max price for this send only
	// (https://developers.facebook.com/documentation/business-messaging/whatsapp/marketing-messages/pricing,
	// "Adjust max-price when sending messages"); nil sends none, which
	// Meta treats as the default multiplier 1.
	BidSpec *SendBidSpec `json:"bid_spec,omitempty"`
}

// MessageTemplate names the template and fills its parameters.
type MessageTemplate struct {
	Name       string             `json:"name"`
	Language   TemplateLanguage   `json:"language"`
	Components []MessageComponent `json:"components,omitempty"`

	// RawComponents, when set, is sent as "components" verbatim instead of
	// Components: the escape hatch for component kinds not modelled here.
	RawComponents json.RawMessage `json:"-"`
}

// MarshalJSON sends RawComponents in place of Components when it is set.
func (t MessageTemplate) MarshalJSON() ([]byte, error) {
	type plain MessageTemplate
	if len(t.RawComponents) == 0 {
		return json.Marshal(plain(t))
	}
	return json.Marshal(struct {
		plain
		Components json.RawMessage `json:"components"`
	}{plain(t), t.RawComponents})
}

// TemplateLanguage is the template's language and how it is matched.
type TemplateLanguage struct {
	Code   string `json:"code"`
	Policy string `json:"policy,omitempty"` // "deterministic"; 360dialog marks it required
}

// MessageComponent is one header, body, button or limited_time_offer entry.
type MessageComponent struct {
	Type       string      `json:"type"`
	SubType    string      `json:"sub_type,omitempty"`
	Index      string      `json:"index,omitempty"` // Meta's examples send the button index as a string
	Parameters []Parameter `json:"parameters,omitempty"`
}

// Parameter fills one placeholder. Set Type and the one field it names.
type Parameter struct {
	Type             string            `json:"type"`
	ParameterName    string            `json:"parameter_name,omitempty"`
	Text             string            `json:"text,omitempty"`
	Currency         *Currency         `json:"currency,omitempty"`
	DateTime         *DateTime         `json:"date_time,omitempty"`
	Image            *Media            `json:"image,omitempty"`
	Video            *Media            `json:"video,omitempty"`
	Document         *Media            `json:"document,omitempty"`
	Location         *Location         `json:"location,omitempty"`
	Payload          string            `json:"payload,omitempty"`
	CouponCode       string            `json:"coupon_code,omitempty"`
	Action           *FlowAction       `json:"action,omitempty"`
	LimitedTimeOffer *LimitedTimeOffer `json:"limited_time_offer,omitempty"`
}

// Currency is a currency parameter; Amount1000 is the amount times 1000.
type Currency struct {
	FallbackValue string `json:"fallback_value"`
	Code          string `json:"code"`
	Amount1000    int64  `json:"amount_1000"`
}

// DateTime is a date_time parameter.
type DateTime struct {
	FallbackValue string `json:"fallback_value"`
}

// Media is a header image, video or document, by link or uploaded media id.
type Media struct {
	Link     string `json:"link,omitempty"`
	ID       string `json:"id,omitempty"`
	Filename string `json:"filename,omitempty"`
}

// Location is a location header.
type Location struct {
	Latitude  float64 `json:"latitude"`
	Longitude float64 `json:"longitude"`
	Name      string  `json:"name,omitempty"`
	Address   string  `json:"address,omitempty"`
}

// FlowAction is the parameter of a flow button.
type FlowAction struct {
	FlowToken      string         `json:"flow_token,omitempty"`
	FlowActionData map[string]any `json:"flow_action_data,omitempty"`
}

// LimitedTimeOffer is the parameter of a limited_time_offer component.
type LimitedTimeOffer struct {
	ExpirationTimeMS int64 `json:"expiration_time_ms"`
}

// SendResult is the answer to an accepted send. 360dialog returns the Cloud
// API shape; Meta's MM reference adds success and message_status, which are
// read when present.
type SendResult struct {
	MessagingProduct string        `json:"messaging_product"`
	Contacts         []SendContact `json:"contacts"`
	Messages         []SentMessage `json:"messages"`
	Success          *bool         `json:"success,omitempty"`

	// Error is an "error" member in a success answer, which no documented
	// answer has. SendMarketing never returns a result that holds one.
	Error *SendAnswerError `json:"error,omitempty"`
}

// SendAnswerError is an "error" member found in a 2xx send answer, read
// as leniently as an error envelope: Meta's error object, or a bare string.
type SendAnswerError struct {
	Code, Subcode int
	Message       string
	TraceID       string
}

// UnmarshalJSON never fails: an error member of an unknown shape still says
// the API reported an error, which must not be lost to a decoding failure.
func (e *SendAnswerError) UnmarshalJSON(b []byte) error {
	var parsed APIError
	parsed.fromErrorField(b)
	*e = SendAnswerError{Code: parsed.Code, Subcode: parsed.Subcode, Message: parsed.Message, TraceID: parsed.TraceID}
	return nil
}

// SendContact maps the input recipient to a WhatsApp id.
type SendContact struct {
	Input  string `json:"input"`
	WaID   string `json:"wa_id,omitempty"`
	UserID string `json:"user_id,omitempty"`
}

// SentMessage is the id of an accepted message (a wamid).
type SentMessage struct {
	ID            string `json:"id"`
	MessageStatus string `json:"message_status,omitempty"`
}

// MessageID is the wamid of the accepted message, or "".
func (r *SendResult) MessageID() string {
	if r == nil || len(r.Messages) == 0 {
		return ""
	}
	return r.Messages[0].ID
}

// SendMarketing sends one marketing template message through MM Lite. It is
// never retried after the request may have been processed: such failures are
// *OutcomeUnknownError.
//
// 360dialog API docs: https://docs.360dialog.com/partner/messaging-and-calling/sending-marketing-messages/onboarding-and-sending-messages
func (s *MessagesService) SendMarketing(ctx context.Context, m *MarketingMessage) (*SendResult, error) {
	const path = "/marketing_messages"
	body := *m
	if body.MessagingProduct == "" {
		body.MessagingProduct = "whatsapp"
	}
	if body.RecipientType == "" {
		body.RecipientType = "individual"
	}
	if body.Type == "" {
		body.Type = "template"
	}
	var out SendResult
	req := request{api: api360, method: http.MethodPost, path: path, body: &body, once: true, paced: true}
	if err := s.client.do(ctx, req, &out); err != nil {
		return nil, err
	}
	if err := checkSendAnswer(&out); err != nil {
		// A 2xx that does not prove an acceptance: the API may have taken
		// the message, or a proxy may have answered for it. Either way it
		// must not be sent again, nor stored as accepted. The text quotes
		// the server, so it is scrubbed like any error body.
		return nil, &OutcomeUnknownError{Method: http.MethodPost, Path: path, Err: scrubbedError{err, s.client.secretsOf(req)}}
	}
	// The rest of the answer is shown too (message_status by the action,
	// wa_id and message_status in state), so it is escaped like any
	// foreign text.
	for i := range out.Messages {
		out.Messages[i].MessageStatus = sanitizeForeign(out.Messages[i].MessageStatus)
	}
	for i, c := range out.Contacts {
		out.Contacts[i] = SendContact{Input: sanitizeForeign(c.Input), WaID: sanitizeForeign(c.WaID), UserID: sanitizeForeign(c.UserID)}
	}
	return &out, nil
}

// ErrMalformedSendAnswer is a success status whose body has no usable
// message id: empty, {}, null, an empty "messages" list, or an id that
// checkMessageID refuses.
var ErrMalformedSendAnswer = errors.New("the API answered with a success status but a malformed body that has no usable message id")

// ErrSendNotSucceeded is a success status whose body also holds "success":
// false or an "error" member, whether or not it has a message id. The
// request reached the API, perhaps an id exists, yet the API says the send
// failed: whether the message goes out cannot be known, so it is neither
// stored as accepted nor sent again.
var ErrSendNotSucceeded = errors.New("the API answered with a success status, but its body says the send did not succeed")

// checkSendAnswer accepts only an answer that proves the send was taken:
// no failure reported, and a message id that is a printable token.
func checkSendAnswer(out *SendResult) error {
	id := out.MessageID()
	if out.Error != nil || out.Success != nil && !*out.Success {
		shown := "no message id"
		if id != "" {
			shown = "message id " + quoteForeign(id)
		}
		if out.Error == nil {
			return fmt.Errorf(`%w ("success": false; %s)`, ErrSendNotSucceeded, shown)
		}
		e := out.Error
		code := ""
		if e.Code != 0 {
			code = fmt.Sprintf("code %d", e.Code)
			if e.Subcode != 0 {
				code += fmt.Sprintf("/%d", e.Subcode)
			}
			code += ": "
		}
		detail := shown + "; error " + code + sanitizeForeign(firstNonEmpty(e.Message, "with no message"))
		if e.TraceID != "" {
			detail += " [fbtrace_id " + sanitizeForeign(e.TraceID) + "]"
		}
		return fmt.Errorf("%w (%s)", ErrSendNotSucceeded, detail)
	}
	if id == "" {
		return ErrMalformedSendAnswer
	}
	if err := checkMessageID(id); err != nil {
		return fmt.Errorf("%w: %v", ErrMalformedSendAnswer, err)
	}
	return nil
}

// maxMessageIDBytes bounds a message id. Meta's wamids are "wamid." and a
// base64 token, under 100 bytes; 512 leaves room for a longer format while
// keeping a server from writing pages into state and onto the terminal.
const maxMessageIDBytes = 512

// checkMessageID accepts an id that is printable text with no white space:
// Meta's wamids are "wamid." and a base64 token
// (https://developers.facebook.com/documentation/business-messaging/whatsapp/reference/whatsapp-business-phone-number/marketing-messages-api-for-whatsapp).
// Terraform stores the id and prints it raw ("Creation complete after 1s
// [id=...]"), so an id with ESC, a newline or a bidi override would let the
// server write to the user's terminal; a blank one identifies nothing.
// Printable means a letter, mark, number, punctuation or symbol
// (unicode.IsPrint), which leaves out every control (Cc), format (Cf: bidi
// overrides, zero-width characters), private-use and unassigned code point.
func checkMessageID(id string) error {
	switch {
	case id == "":
		return errors.New("the message id is empty")
	case len(id) > maxMessageIDBytes:
		return fmt.Errorf("the message id %s is longer than %d bytes", quoteForeign(id), maxMessageIDBytes)
	case !utf8.ValidString(id):
		return fmt.Errorf("the message id %s is not valid UTF-8", quoteForeign(id))
	}
	for i, r := range id {
		// encoding/json decodes bytes that are not UTF-8 as U+FFFD, so
		// that is how an id that was not UTF-8 on the wire arrives.
		if r == ' ' || r == utf8.RuneError || !unicode.IsPrint(r) {
			return fmt.Errorf("the message id %s holds %U at byte %d, where only printable text without spaces belongs", quoteForeign(id), r, i)
		}
	}
	return nil
}

// UnmarshalJSON accepts the button index as a number or a string, as Meta's
// own examples use both.
func (c *MessageComponent) UnmarshalJSON(b []byte) error {
	type plain MessageComponent
	var raw struct {
		plain
		Index json.RawMessage `json:"index"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	*c = MessageComponent(raw.plain)
	c.Index = ""
	if len(raw.Index) > 0 && string(raw.Index) != "null" {
		var n json.Number
		if err := json.Unmarshal(raw.Index, &n); err == nil {
			c.Index = n.String()
		} else if err := json.Unmarshal(raw.Index, &c.Index); err != nil {
			return fmt.Errorf("button index %s is neither a number nor a string", sanitizeForeign(string(raw.Index)))
		}
	}
	return nil
}
