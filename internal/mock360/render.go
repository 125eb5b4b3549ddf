package mock360

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// The mock records, with every accepted send, the text its recipient would
// read. The rules are the provider client's preview rules, written again
// here from the mock's own template state, so that a test can compare the
// two (the mock depends on nothing in the provider):
//   - components in template order, separated by a blank line;
//   - HEADER and BODY text with {{n}} (the n-th parameter) or, in NAMED
//     templates, {{name}} (parameter_name) filled; a text parameter gives
//     its text, currency and date_time their fallback_value (the text Meta
//     shows when it cannot localise:
//     https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/template-media);
//   - media headers as "[image: <link or id>]" (", <filename>" after a
//     document), location as "[location: <name>, <address>]" or its
//     coordinates;
//   - FOOTER as is; buttons one per line: "[label] → <url with suffix>",
//     "[label] → <phone>", "[Copy offer code] → <code>", else "[label]",
//     and "[type]" for a button without a label;
//   - LIMITED_TIME_OFFER as "[offer: <text>, expires <UTC time>]";
//     CAROUSEL as "[carousel: N cards]"; other kinds as "[type]".
// A value the template needs but the send lacks is an error.

var errNoValue = errors.New("the send has no value for it")

// copyCodeLabel: "Button text cannot be customized"
// (https://docs.360dialog.com/partner/messaging/template-messages/coupon-code-templates).
const copyCodeLabel = "Copy offer code"

// renderComponent is a send component with the values rendering needs; it
// is parsed apart from sendComponent so that validation stays as it is.
type renderComponent struct {
	Type       string          `json:"type"`
	Index      json.RawMessage `json:"index"`
	Parameters []renderParam   `json:"parameters"`
}

type renderParam struct {
	Type          string `json:"type"`
	ParameterName string `json:"parameter_name"`
	Text          string `json:"text"`
	Currency      *struct {
		FallbackValue string `json:"fallback_value"`
	} `json:"currency"`
	DateTime *struct {
		FallbackValue string `json:"fallback_value"`
	} `json:"date_time"`
	Image    *renderMedia `json:"image"`
	Video    *renderMedia `json:"video"`
	Document *renderMedia `json:"document"`
	Location *struct {
		Latitude  float64 `json:"latitude"`
		Longitude float64 `json:"longitude"`
		Name      string  `json:"name"`
		Address   string  `json:"address"`
	} `json:"location"`
	CouponCode       string `json:"coupon_code"`
	LimitedTimeOffer *struct {
		ExpirationTimeMS int64 `json:"expiration_time_ms"`
	} `json:"limited_time_offer"`
}

type renderMedia struct {
	Link     string `json:"link"`
	ID       string `json:"id"`
	Filename string `json:"filename"`
}

// parseRenderComponents reads the template components of a send body.
func parseRenderComponents(body []byte) ([]renderComponent, error) {
	var send struct {
		Template struct {
			Components []renderComponent `json:"components"`
		} `json:"template"`
	}
	if err := json.Unmarshal(body, &send); err != nil {
		return nil, err
	}
	return send.Template.Components, nil
}

// renderedText is what SentMessage.Rendered holds: the text, or a marked
// note saying why there is none.
func renderedText(t Template, comps []renderComponent, parseErr error) string {
	if parseErr != nil {
		return "(not rendered: " + parseErr.Error() + ")"
	}
	text, err := renderSend(t, comps)
	if err != nil {
		return "(not rendered: " + err.Error() + ")"
	}
	return text
}

type sendValues struct {
	named        bool
	header, body []renderParam
	buttons      map[int][]renderParam
	expiresMS    int64
}

func renderSend(t Template, comps []renderComponent) (string, error) {
	v := sendValues{named: strings.EqualFold(t.ParameterFormat, "NAMED"), buttons: map[int][]renderParam{}}
	for _, c := range comps {
		switch strings.ToLower(c.Type) {
		case "header":
			v.header = append(v.header, c.Parameters...)
		case "body":
			v.body = append(v.body, c.Parameters...)
		case "button":
			if i, ok := parseIndex(c.Index); ok {
				if _, seen := v.buttons[i]; !seen {
					v.buttons[i] = c.Parameters
				}
			}
		case "limited_time_offer":
			for _, p := range c.Parameters {
				if p.LimitedTimeOffer != nil && v.expiresMS == 0 {
					v.expiresMS = p.LimitedTimeOffer.ExpirationTimeMS
				}
			}
		}
	}
	var blocks []string
	for _, c := range t.Components {
		var block string
		var err error
		switch kind := strings.ToUpper(c.Type); kind {
		case "HEADER":
			block, err = v.header1(c)
		case "BODY":
			block, err = v.fill("body", c.Text, v.body)
		case "FOOTER":
			block = c.Text
		case "BUTTONS":
			block, err = v.buttonLines(c.Buttons)
		case "LIMITED_TIME_OFFER":
			block = "[offer"
			if c.LimitedTimeOffer != nil && c.LimitedTimeOffer.Text != "" {
				block += ": " + c.LimitedTimeOffer.Text
			}
			if v.expiresMS > 0 {
				block += ", expires " + time.UnixMilli(v.expiresMS).UTC().Format("2006-01-02 15:04 UTC")
			}
			block += "]"
		case "CAROUSEL":
			block = fmt.Sprintf("[carousel: %d cards]", len(c.Cards))
		default:
			block = "[" + strings.ToLower(kind) + "]"
		}
		if err != nil {
			return "", err
		}
		if block != "" {
			blocks = append(blocks, block)
		}
	}
	return strings.Join(blocks, "\n\n"), nil
}

func (v *sendValues) header1(c TemplateComponent) (string, error) {
	format := strings.ToLower(c.Format)
	if format == "" || format == "text" {
		return v.fill("header", c.Text, v.header)
	}
	var p renderParam
	if len(v.header) > 0 {
		p = v.header[0]
	}
	var m *renderMedia
	switch format {
	case "image":
		m = p.Image
	case "video":
		m = p.Video
	case "document":
		m = p.Document
	case "location":
		if l := p.Location; l != nil {
			where := strings.Join(nonEmpty(l.Name, l.Address), ", ")
			if where == "" {
				where = strconv.FormatFloat(l.Latitude, 'f', -1, 64) + ", " + strconv.FormatFloat(l.Longitude, 'f', -1, 64)
			}
			return "[location: " + where + "]", nil
		}
	default:
		return "[" + format + "]", nil
	}
	if m == nil || (m.Link == "" && m.ID == "") {
		return "", fmt.Errorf("header: the %s header needs a %s parameter: %w", format, format, errNoValue)
	}
	ref := m.Link
	if ref == "" {
		ref = m.ID
	}
	if format == "document" && m.Filename != "" {
		ref += ", " + m.Filename
	}
	return "[" + format + ": " + ref + "]", nil
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// fill replaces all placeholders in one pass: a value that looks like a
// placeholder stays as it is.
func (v *sendValues) fill(part, text string, params []renderParam) (string, error) {
	var missing error
	out := placeholderRe.ReplaceAllStringFunc(text, func(m string) string {
		name := placeholderRe.FindStringSubmatch(m)[1]
		if s, ok := v.value(name, params); ok {
			return s
		}
		if missing == nil {
			missing = fmt.Errorf("%s: {{%s}}: %w", part, name, errNoValue)
		}
		return m
	})
	if missing != nil {
		return "", missing
	}
	return out, nil
}

func (v *sendValues) value(name string, params []renderParam) (string, bool) {
	var p *renderParam
	// Positions are canonical numbers: {{01}} is not {{1}}.
	if n, err := strconv.Atoi(name); err == nil && !v.named && strconv.Itoa(n) == name {
		if n >= 1 && n <= len(params) {
			p = &params[n-1]
		}
	} else {
		for i := range params {
			if params[i].ParameterName == name {
				p = &params[i]
				break
			}
		}
	}
	if p == nil {
		return "", false
	}
	switch strings.ToLower(p.Type) {
	case "text":
		return p.Text, true
	case "currency":
		if p.Currency != nil {
			return p.Currency.FallbackValue, true
		}
	case "date_time":
		if p.DateTime != nil {
			return p.DateTime.FallbackValue, true
		}
	}
	return "", false
}

func (v *sendValues) buttonLines(buttons []TemplateButton) (string, error) {
	lines := make([]string, 0, len(buttons))
	for i, b := range buttons {
		kind := strings.ToUpper(b.Type)
		label := b.Text
		if label == "" {
			label = strings.ToLower(kind)
		}
		params := v.buttons[i]
		switch kind {
		case "URL":
			url := b.URL
			if placeholderRe.MatchString(url) {
				if len(params) == 0 || params[0].Text == "" {
					return "", fmt.Errorf("button %d: the URL suffix: %w", i, errNoValue)
				}
				url = placeholderRe.ReplaceAllLiteralString(url, params[0].Text)
			}
			lines = append(lines, "["+label+"] → "+url)
		case "PHONE_NUMBER":
			lines = append(lines, "["+label+"] → "+b.PhoneNumber)
		case "COPY_CODE":
			if len(params) == 0 || params[0].CouponCode == "" {
				return "", fmt.Errorf("button %d: the coupon code: %w", i, errNoValue)
			}
			lines = append(lines, "["+copyCodeLabel+"] → "+params[0].CouponCode)
		default:
			lines = append(lines, "["+label+"]")
		}
	}
	return strings.Join(lines, "\n"), nil
}
