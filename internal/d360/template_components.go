package d360

import (
	"bytes"
	"encoding/json"
	"strings"
)

// ButtonExample is a button's example. URL buttons take a list of example
// URLs; a COPY_CODE button takes the example code as one string:
// "example": "<OFFER_CODE_EXAMPLE>" in
// https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/marketing-templates/coupon-templates
// and
// https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/marketing-templates/limited-time-offer-templates
// Reading accepts both shapes for any button; TemplateButton.MarshalJSON
// sends the shape Meta documents for the button's type.
type ButtonExample []string

// UnmarshalJSON reads a string or a list of strings; null is no example.
func (e *ButtonExample) UnmarshalJSON(b []byte) error {
	if string(bytes.TrimSpace(b)) == "null" {
		*e = nil
		return nil
	}
	var one string
	if json.Unmarshal(b, &one) == nil {
		*e = ButtonExample{one}
		return nil
	}
	var many []string
	if err := json.Unmarshal(b, &many); err != nil {
		return err
	}
	*e = many
	return nil
}

// MarshalJSON sends a COPY_CODE button's example as one string.
func (b TemplateButton) MarshalJSON() ([]byte, error) {
	type plain TemplateButton
	if strings.EqualFold(b.Type, "COPY_CODE") && len(b.Example) == 1 {
		return json.Marshal(struct {
			plain
			Example string `json:"example"`
		}{plain(b), b.Example[0]})
	}
	return json.Marshal(plain(b))
}

// MarshalJSON sends RawComponents verbatim when they are set, so that a
// caller's raw components JSON reaches the API as written, with components
// this client has no fields for (limited_time_offer, carousel cards...).
func (t Template) MarshalJSON() ([]byte, error) {
	type plain Template
	if len(t.RawComponents) == 0 {
		return json.Marshal(plain(t))
	}
	return json.Marshal(struct {
		plain
		Components json.RawMessage `json:"components"`
	}{plain(t), t.RawComponents})
}

// UnmarshalJSON keeps the components as the API sent them in RawComponents
// besides the typed reading.
func (t *Template) UnmarshalJSON(b []byte) error {
	type plain Template
	var p plain
	if err := json.Unmarshal(b, &p); err != nil {
		return err
	}
	var raw struct {
		Components json.RawMessage `json:"components"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	*t = Template(p)
	if c := bytes.TrimSpace(raw.Components); len(c) > 0 && !bytes.Equal(c, []byte("null")) {
		t.RawComponents = append(json.RawMessage(nil), c...)
	}
	return nil
}

// TypedComponentTypes and TypedButtonTypes are what this client models in
// fields. Meta documents more (LIMITED_TIME_OFFER, CAROUSEL; VOICE_CALL,
// MPM, SPM, CATALOG, OTP buttons...): those pass through unchecked.
var (
	TypedComponentTypes = []string{"HEADER", "BODY", "FOOTER", "BUTTONS"}
	TypedButtonTypes    = []string{"QUICK_REPLY", "URL", "PHONE_NUMBER", "COPY_CODE", "FLOW"}
)

// MaxCopyCodeExample is the longest example code for a COPY_CODE button.
// The limited-time offer page above says "<OFFER_CODE_EXAMPLE> ... Maximum
// 15 characters" and 360dialog's coupon page "Codes are limited to 15
// characters"
// (https://docs.360dialog.com/partner/messaging/template-messages/coupon-code-templates).
// A 20-character limit is also reported for Meta's coupon page; the client
// is careful in what it sends and keeps to the stricter 15.
const MaxCopyCodeExample = 15
