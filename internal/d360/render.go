package d360

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// ErrMissingParameter is wrapped by RenderPreview when the send leaves a
// variable, a media header, a URL suffix or a coupon code without a value.
var ErrMissingParameter = errors.New("the send has no value for it")

// RenderPreview renders the text a recipient will read when send is
// delivered with template t: the template's components in their order,
// separated by a blank line, with every variable filled in. The same inputs
// always give the same text, so it can be kept in state and compared.
//
//   - HEADER: its text with {{n}} or {{name}} filled; a media header as
//     "[image: <link or media id>]" (video and document likewise, a
//     document adding ", <filename>"); a location header as
//     "[location: <name>, <address>]", or its coordinates when it has
//     neither.
//   - BODY: its text, filled. FOOTER: its text.
//   - BUTTONS: one line per button: "[label] → <url>" (a URL button's
//     {{1}} filled with the send's suffix), "[label] → <phone number>",
//     "[Copy offer code] → <code>" (WhatsApp fixes that label), and
//     "[label]" for the rest (quick reply, flow, ...); "[type]" when a
//     button has no label.
//   - LIMITED_TIME_OFFER: "[offer: <text>, expires <UTC time>]", the
//     expiry from the send's expiration_time_ms when it gives one.
//   - CAROUSEL: "[carousel: N cards]". Cards are swiped through one at a
//     time and each has its own media and parameters; one line cannot show
//     them honestly, so the preview only says that they are there.
//   - any other component: "[type]".
//
// Offer texts and carousel cards come from t.RawComponents, which a
// template read from the API always has; a Template built in code without
// them renders those components as "[offer...]" and "[carousel]".
//
// Positional variables take the parameter at their number ({{2}} is the
// second one); NAMED templates match parameter_name. Text takes a text
// parameter's text and a currency or date_time parameter's fallback_value,
// the text Meta shows when it cannot localise:
// https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/template-media
//
// A value the template needs but the send lacks is an error wrapping
// ErrMissingParameter, rather than a preview with a hole: the plan-time
// parameter check refuses such sends anyway. Parameters the template does
// not use are ignored; counting them is that check's job.
func RenderPreview(t *Template, send *MessageTemplate) (string, error) {
	if t == nil {
		return "", errors.New("no template to render")
	}
	comps, err := previewComponents(t)
	if err != nil {
		return "", err
	}
	var sendComps []MessageComponent
	if send != nil {
		sendComps = send.Components
		if len(send.RawComponents) > 0 {
			if err := json.Unmarshal(send.RawComponents, &sendComps); err != nil {
				return "", fmt.Errorf("the send's components are not a JSON list of component objects: %w", err)
			}
		}
	}
	r := previewRenderer{named: strings.EqualFold(t.ParameterFormat, "NAMED"), buttons: map[int][]Parameter{}}
	for _, c := range sendComps {
		switch strings.ToLower(c.Type) {
		case "header":
			r.header = append(r.header, c.Parameters...)
		case "body":
			r.body = append(r.body, c.Parameters...)
		case "button":
			if i, err := strconv.Atoi(c.Index); err == nil {
				if _, seen := r.buttons[i]; !seen {
					r.buttons[i] = c.Parameters
				}
			}
		case "limited_time_offer":
			for _, p := range c.Parameters {
				if p.LimitedTimeOffer != nil && r.expiresMS == 0 {
					r.expiresMS = p.LimitedTimeOffer.ExpirationTimeMS
				}
			}
		}
	}
	var blocks []string
	for _, c := range comps {
		block, err := r.component(c)
		if err != nil {
			return "", err
		}
		if block != "" {
			blocks = append(blocks, block)
		}
	}
	return strings.Join(blocks, "\n\n"), nil
}

// previewComponent is a template component with the nested objects that
// TemplateComponent has no fields for.
type previewComponent struct {
	Type             string           `json:"type"`
	Format           string           `json:"format"`
	Text             string           `json:"text"`
	Buttons          []TemplateButton `json:"buttons"`
	LimitedTimeOffer *struct {
		Text string `json:"text"`
	} `json:"limited_time_offer"`
	Cards      []json.RawMessage `json:"cards"`
	cardsKnown bool
}

// previewComponents prefers the raw components of an API read, which keep
// offer texts and carousel cards.
func previewComponents(t *Template) ([]previewComponent, error) {
	if len(t.RawComponents) > 0 {
		var comps []previewComponent
		if err := json.Unmarshal(t.RawComponents, &comps); err != nil {
			return nil, fmt.Errorf("template %q: its components are not a JSON list of component objects: %w", t.Name, err)
		}
		for i := range comps {
			comps[i].cardsKnown = true
		}
		return comps, nil
	}
	comps := make([]previewComponent, len(t.Components))
	for i, c := range t.Components {
		comps[i] = previewComponent{Type: c.Type, Format: c.Format, Text: c.Text, Buttons: c.Buttons}
	}
	return comps, nil
}

type previewRenderer struct {
	named        bool
	header, body []Parameter
	buttons      map[int][]Parameter // button index -> its parameters
	expiresMS    int64
}

func (r *previewRenderer) component(c previewComponent) (string, error) {
	switch kind := strings.ToUpper(c.Type); kind {
	case "HEADER":
		return r.headerBlock(c)
	case "BODY":
		return r.fill("body", c.Text, r.body)
	case "FOOTER":
		return c.Text, nil
	case "BUTTONS":
		return r.buttonLines(c.Buttons)
	case "LIMITED_TIME_OFFER":
		line := "[offer"
		if c.LimitedTimeOffer != nil && c.LimitedTimeOffer.Text != "" {
			line += ": " + c.LimitedTimeOffer.Text
		}
		if r.expiresMS > 0 {
			line += ", expires " + time.UnixMilli(r.expiresMS).UTC().Format("2006-01-02 15:04 UTC")
		}
		return line + "]", nil
	case "CAROUSEL":
		if !c.cardsKnown {
			return "[carousel]", nil
		}
		return fmt.Sprintf("[carousel: %d cards]", len(c.Cards)), nil
	default:
		return "[" + strings.ToLower(kind) + "]", nil
	}
}

func (r *previewRenderer) headerBlock(c previewComponent) (string, error) {
	format := strings.ToLower(c.Format)
	if format == "" || format == "text" {
		return r.fill("header", c.Text, r.header)
	}
	var p Parameter
	if len(r.header) > 0 {
		p = r.header[0]
	}
	var m *Media
	switch format {
	case "image":
		m = p.Image
	case "video":
		m = p.Video
	case "document":
		m = p.Document
	case "location":
		if p.Location == nil {
			break
		}
		return "[location: " + locationText(p.Location) + "]", nil
	default:
		return "[" + format + "]", nil
	}
	if m == nil || (m.Link == "" && m.ID == "") {
		return "", fmt.Errorf("header: %s header needs a %s parameter: %w", withArticle(format), format, ErrMissingParameter)
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

func locationText(l *Location) string {
	var parts []string
	for _, s := range []string{l.Name, l.Address} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	if len(parts) == 0 {
		return strconv.FormatFloat(l.Latitude, 'f', -1, 64) + ", " + strconv.FormatFloat(l.Longitude, 'f', -1, 64)
	}
	return strings.Join(parts, ", ")
}

// fill replaces every placeholder of text in one pass, so a value that
// itself looks like {{2}} is shown as it is.
func (r *previewRenderer) fill(part, text string, params []Parameter) (string, error) {
	var missing error
	out := placeholderPattern.ReplaceAllStringFunc(text, func(m string) string {
		name := placeholderPattern.FindStringSubmatch(m)[1]
		if v, ok := r.value(name, params); ok {
			return v
		}
		if missing == nil {
			missing = fmt.Errorf("%s: {{%s}} needs a text, currency or date_time parameter: %w", part, name, ErrMissingParameter)
		}
		return m
	})
	if missing != nil {
		return "", missing
	}
	return out, nil
}

func (r *previewRenderer) value(name string, params []Parameter) (string, bool) {
	var p *Parameter
	// Only canonical numbers are positions: "{{01}}" is not "{{1}}".
	if n, err := strconv.Atoi(name); err == nil && !r.named && strconv.Itoa(n) == name {
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

// copyCodeLabel is fixed by WhatsApp: "Button text cannot be customized"
// (https://docs.360dialog.com/partner/messaging/template-messages/coupon-code-templates).
const copyCodeLabel = "Copy offer code"

func (r *previewRenderer) buttonLines(buttons []TemplateButton) (string, error) {
	lines := make([]string, 0, len(buttons))
	for i, b := range buttons {
		kind := strings.ToUpper(b.Type)
		label := b.Text
		if label == "" {
			label = strings.ToLower(kind)
		}
		params := r.buttons[i]
		switch kind {
		case "URL":
			url := b.URL
			if placeholderPattern.MatchString(url) {
				if len(params) == 0 || params[0].Text == "" {
					return "", fmt.Errorf("button %d: the URL %s needs its suffix (a url button parameter with index %d): %w", i, url, i, ErrMissingParameter)
				}
				url = placeholderPattern.ReplaceAllLiteralString(url, params[0].Text)
			}
			lines = append(lines, "["+label+"] → "+url)
		case "PHONE_NUMBER":
			lines = append(lines, "["+label+"] → "+b.PhoneNumber)
		case "COPY_CODE":
			if len(params) == 0 || params[0].CouponCode == "" {
				return "", fmt.Errorf("button %d: the copy code button needs a coupon_code parameter with index %d: %w", i, i, ErrMissingParameter)
			}
			lines = append(lines, "["+copyCodeLabel+"] → "+params[0].CouponCode)
		default:
			lines = append(lines, "["+label+"]")
		}
	}
	return strings.Join(lines, "\n"), nil
}
