package mock360

import (
	"bytes"
	"encoding/json"
	"io"
	"reflect"
	"strings"
	"time"
)

// State is everything the mock knows about its one channel. Its JSON form is
// the seed file format of cmd/d360-mock.
type State struct {
	PhoneNumberID      string `json:"phone_number_id"`
	DisplayPhoneNumber string `json:"display_phone_number"`
	WABAID             string `json:"waba_id"`
	BusinessID         string `json:"business_id"`
	BusinessName       string `json:"business_name"`

	// OnboardingStatus is the WABA's marketing_messages_onboarding_status.
	// Only ONBOARDED lets /marketing_messages deliver through MM Lite; any
	// other string (unknown ones too) counts as "not onboarded".
	OnboardingStatus string `json:"onboarding_status"`
	// TermsStatus and TermsSignedAt are the business-level
	// marketing_messages_onboarding_status {status, time}.
	TermsStatus   string `json:"terms_status"`
	TermsSignedAt string `json:"terms_signed_at"`

	Health    []HealthEntity `json:"health"`
	Templates []Template     `json:"templates"`
	Webhook   *WebhookConfig `json:"webhook"`

	// TemplateNamespace is given to templates created through the API.
	TemplateNamespace string `json:"template_namespace"`
	// NameLocks are template names deleted while approved; Meta blocks a
	// name for 30 days after that.
	NameLocks []NameLock `json:"name_locks,omitempty"`
	// Messages are the sends the mock accepted, in order. Tests read them
	// to prove that a send took effect although the client saw an error.
	Messages []SentMessage `json:"messages,omitempty"`

	// DisableMarketingMessagesOnCloudAPI is the WABA setting of that name:
	// Cloud API sends of MARKETING templates, and /marketing_messages
	// fallbacks to Cloud API, fail with 131063.
	DisableMarketingMessagesOnCloudAPI bool `json:"disable_marketing_messages_on_cloud_api,omitempty"`
	// PacedTemplates are templates under template pacing (see fidelity.go).
	PacedTemplates []PacedTemplate `json:"paced_templates,omitempty"`
	// RecipientErrors makes sends to a recipient (phone digits or BSUID)
	// fail with this code: 131049, 131050 and 131026 as a failed status
	// webhook after an accepted answer; 368, 130497 and 131031 as a
	// synchronous HTTP 403.
	RecipientErrors map[string]int `json:"recipient_errors,omitempty"`
	// WebhookVersion is the Graph version of the status webhooks, such as
	// "v23.0"; "" means the current version (v24.0 or later), which leaves
	// the conversation object out.
	WebhookVersion string `json:"webhook_version,omitempty"`
	// Currency is the WABA's currency (ISO 4217), in which the reach
	// estimate answers; "" means USD (graph_reach.go).
	Currency string `json:"currency,omitempty"`
	// TemplateAnalyticsEnabled records that template analytics were
	// confirmed on the WABA (POST /marketing/template_analytics?enable=true,
	// analytics_enable.go). DefaultState has it true: its channel confirmed
	// analytics already, so tests and users' CI that read analytics keep
	// working. omitempty keeps it out of the keys a seed must have, so
	// existing seed files stay whole states. GET analytics does not check
	// it: 360dialog documents no answer for an account that has not
	// confirmed, so the mock does not invent one.
	TemplateAnalyticsEnabled bool `json:"template_analytics_enabled,omitempty"`
}

// PacedTemplate puts one template under template pacing.
type PacedTemplate struct {
	Name     string `json:"name"`
	Language string `json:"language,omitempty"` // "" = every language of Name
	// Outcome of the quality assessment: "release" (held messages are sent
	// normally) or "pause" (the template is paused and held messages fail
	// with 132015). "" = "release".
	Outcome string `json:"outcome,omitempty"`
	// AcceptFirst sends are processed normally before messages are held
	// (Meta's "unspecified threshold"); 0 holds every send.
	AcceptFirst int `json:"accept_first,omitempty"`
	// Seen counts the sends of this template so far.
	Seen int `json:"seen,omitempty"`
}

// HealthEntity is one node of GET /health_status.
type HealthEntity struct {
	EntityType        string        `json:"entity_type"`
	ID                string        `json:"id"`
	CanSendMessage    string        `json:"can_send_message"`
	CanReceiveCallSIP string        `json:"can_receive_call_sip,omitempty"`
	AdditionalInfo    []string      `json:"additional_info,omitempty"`
	Errors            []HealthError `json:"errors,omitempty"`
}

// HealthError explains why an entity is BLOCKED.
type HealthError struct {
	ErrorCode        int    `json:"error_code"`
	ErrorDescription string `json:"error_description"`
	PossibleSolution string `json:"possible_solution"`
}

// WebhookConfig is the channel webhook of /v1/configs/webhook.
type WebhookConfig struct {
	URL     string            `json:"url"`
	Headers map[string]string `json:"headers"`
}

// Template is one language of a message template.
type Template struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Language string `json:"language"`
	Category string `json:"category"`
	// Status is kept lowercase (pending, approved, rejected, paused, ...);
	// seeds may use any casing.
	Status                string              `json:"status"`
	RejectedReason        string              `json:"rejected_reason,omitempty"`
	Namespace             string              `json:"namespace"`
	QualityScore          string              `json:"quality_score,omitempty"`
	ParameterFormat       string              `json:"parameter_format,omitempty"`
	MessageSendTTLSeconds *int                `json:"message_send_ttl_seconds,omitempty"`
	Components            []TemplateComponent `json:"components"`
	MaxPrice              *MaxPrice           `json:"optimization_spec,omitempty"` // template_pricing.go
	CreatedAt             time.Time           `json:"created_at"`
	ModifiedAt            time.Time           `json:"modified_at"`
}

// TemplateComponent has the wire shape of the create body and list answer.
type TemplateComponent struct {
	Type    string           `json:"type"`
	Format  string           `json:"format,omitempty"`
	Text    string           `json:"text,omitempty"`
	Example *TemplateExample `json:"example,omitempty"`
	Buttons []TemplateButton `json:"buttons,omitempty"`
	// LimitedTimeOffer and Cards belong to the LIMITED_TIME_OFFER and
	// CAROUSEL components (rules and sources in template_rules.go).
	LimitedTimeOffer *LimitedTimeOffer `json:"limited_time_offer,omitempty"`
	Cards            []CarouselCard    `json:"cards,omitempty"`
}

// TemplateExample holds sample values that Meta requires for variables.
type TemplateExample struct {
	HeaderHandle        []string            `json:"header_handle,omitempty"`
	HeaderText          []string            `json:"header_text,omitempty"`
	BodyText            [][]string          `json:"body_text,omitempty"`
	BodyTextNamedParams []NamedParamExample `json:"body_text_named_params,omitempty"`
}

// NamedParamExample is one example of a NAMED-format body parameter.
type NamedParamExample struct {
	ParamName string `json:"param_name"`
	Example   string `json:"example"`
}

// TemplateButton is one button of a BUTTONS component.
type TemplateButton struct {
	Type        string `json:"type"`
	Text        string `json:"text,omitempty"`
	URL         string `json:"url,omitempty"`
	PhoneNumber string `json:"phone_number,omitempty"`
	// Example is kept as sent: a list for URL buttons, one string for
	// COPY_CODE (template_rules.go).
	Example json.RawMessage `json:"example,omitempty"`
}

// NameLock blocks re-creating a template name until Until.
type NameLock struct {
	Name  string    `json:"name"`
	Until time.Time `json:"until"`
}

// SentMessage is one accepted send.
type SentMessage struct {
	ID              string    `json:"id"`
	Endpoint        string    `json:"endpoint"`
	To              string    `json:"to,omitempty"`
	Recipient       string    `json:"recipient,omitempty"`
	Type            string    `json:"type"`
	TemplateName    string    `json:"template_name,omitempty"`
	Language        string    `json:"language,omitempty"`
	PricingCategory string    `json:"pricing_category"`
	ActivitySharing bool      `json:"activity_sharing"`
	Time            time.Time `json:"time"`
	// Rendered is the text the recipient reads (render.go), or a note in
	// parentheses saying why it could not be rendered.
	Rendered string `json:"rendered,omitempty"`
}

// DefaultState is an onboarded, healthy channel with a few approved templates.
func DefaultState() State {
	longAgo := time.Date(2025, 1, 15, 10, 0, 0, 0, time.UTC)
	const ns = "c2f3a8b1_5d6e_4f70_9a1b_2c3d4e5f6a7b"
	tpl := func(id, name, category string, comps ...TemplateComponent) Template {
		return Template{ID: id, Name: name, Language: "en", Category: category, Status: "approved",
			Namespace: ns, QualityScore: "GREEN", Components: comps, CreatedAt: longAgo, ModifiedAt: longAgo}
	}
	return State{
		PhoneNumberID:      "106540352242922",
		DisplayPhoneNumber: "15550783881",
		WABAID:             "102290129340398",
		BusinessID:         "104996122399160",
		BusinessName:       "Mock Business",
		OnboardingStatus:   "ONBOARDED",
		TermsStatus:        "TERM_OF_SERVICE_SIGNED",
		TermsSignedAt:      "2025-10-07",
		TemplateNamespace:  ns,
		// A channel that confirmed template analytics already.
		TemplateAnalyticsEnabled: true,
		Health: []HealthEntity{
			{EntityType: "PHONE_NUMBER", ID: "106540352242922", CanSendMessage: "AVAILABLE", CanReceiveCallSIP: "AVAILABLE"},
			{EntityType: "WABA", ID: "102290129340398", CanSendMessage: "AVAILABLE"},
			{EntityType: "BUSINESS", ID: "104996122399160", CanSendMessage: "AVAILABLE"},
			{EntityType: "APP", ID: "334578942134759", CanSendMessage: "AVAILABLE", CanReceiveCallSIP: "AVAILABLE"},
		},
		Templates: []Template{
			tpl("GVsEkx9Rk1mLq0Tn", "marketing_text_no_param", "MARKETING",
				TemplateComponent{Type: "BODY", Text: "Our new collection is here. Have a look!"}),
			tpl("Hq3PzY7bN2cWd8Ua", "spring_sale", "MARKETING",
				TemplateComponent{Type: "HEADER", Format: "TEXT", Text: "Spring sale"},
				TemplateComponent{Type: "BODY", Text: "Hi {{1}}, {{2}} off everything until Sunday.",
					Example: &TemplateExample{BodyText: [][]string{{"Peter", "20%"}}}},
				TemplateComponent{Type: "FOOTER", Text: "Reply STOP to opt out"},
				TemplateComponent{Type: "BUTTONS", Buttons: []TemplateButton{{Type: "URL", Text: "Shop now",
					URL: "https://shop.example.com/sale/{{1}}", Example: json.RawMessage(`["https://shop.example.com/sale/spring"]`)}}}),
			tpl("Kt5RmW2xV9eJf4Ob", "order_update", "UTILITY",
				TemplateComponent{Type: "BODY", Text: "Your order {{1}} has shipped.",
					Example: &TemplateExample{BodyText: [][]string{{"#1042"}}}}),
		},
	}
}

// clone deep-copies through JSON: every field of State is plain data, and this
// keeps copies correct when fields are added.
func (st State) clone() State {
	raw, err := json.Marshal(st)
	if err != nil {
		panic("mock360: marshal state: " + err.Error())
	}
	var out State
	if err := json.Unmarshal(raw, &out); err != nil {
		panic("mock360: unmarshal state: " + err.Error())
	}
	return out
}

// normalize lowercases template statuses so every comparison sees one casing.
func (st *State) normalize() {
	for i := range st.Templates {
		st.Templates[i].Status = strings.ToLower(st.Templates[i].Status)
		st.Templates[i].Category = strings.ToUpper(st.Templates[i].Category)
	}
	// Recipients are looked up by recipientKey, so "+44 1234-567890" in a
	// seed matches a send to "441234567890".
	if len(st.RecipientErrors) > 0 {
		keyed := make(map[string]int, len(st.RecipientErrors))
		for k, code := range st.RecipientErrors {
			keyed[recipientKey(k)] = code
		}
		st.RecipientErrors = keyed
	}
}

// findTemplate returns the index of name+language, or -1.
func (st *State) findTemplate(name, language string) int {
	for i, t := range st.Templates {
		if t.Name == name && t.Language == language {
			return i
		}
	}
	return -1
}

// ParseState decodes a seed: a seed file or the body of POST /_mock/seed.
// A seed is a whole state, in the format of GET /_mock/state: one JSON
// object with every key that GET always writes. Unknown keys are an error,
// so a typo does not silently fall back to a default, and so is a missing
// key, so that a partial object or a null does not wipe the channel.
func ParseState(data []byte) (State, error) {
	if kind := jsonKind(data); kind != "an object" && kind != "" {
		return State{}, wholeStateError("a seed must be a JSON object holding the whole state (the format of GET /_mock/state), not " + kind)
	}
	var st State
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&st); err != nil {
		return State{}, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return State{}, wholeStateError("the seed has data after its JSON object")
	}
	var keys map[string]json.RawMessage
	if err := json.Unmarshal(data, &keys); err != nil {
		return State{}, err
	}
	if err := checkWholeState(keys); err != nil {
		return State{}, err
	}
	return st, nil
}

// wholeStateError says why a seed is not a whole state.
type wholeStateError string

func (e wholeStateError) Error() string { return string(e) }

// jsonKind names the kind of the JSON value data starts with; "" if it
// starts with no JSON value at all, for the decoder to explain.
func jsonKind(data []byte) string {
	data = bytes.TrimLeft(data, " \t\r\n")
	if len(data) == 0 {
		return "an empty body"
	}
	switch data[0] {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 'n':
		return "null"
	case 't', 'f':
		return "a boolean"
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		return "a number"
	}
	return ""
}

// stateKey is a key of State's JSON form that a seed must have.
type stateKey struct {
	name string
	// nullable keys hold a list, map or object, where null means none;
	// null for a string would silently become "".
	nullable bool
}

// requiredStateKeys are State's fields without omitempty: the keys that
// GET /_mock/state always writes. They are read from the struct tags so a
// field added to State is required as soon as GET writes it.
var requiredStateKeys = func() []stateKey {
	var keys []stateKey
	t := reflect.TypeFor[State]()
	for i := range t.NumField() {
		name, opts, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if name == "" || name == "-" || strings.Contains(","+opts+",", ",omitempty,") {
			continue
		}
		switch t.Field(i).Type.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Map:
			keys = append(keys, stateKey{name, true})
		default:
			keys = append(keys, stateKey{name, false})
		}
	}
	return keys
}()

// checkWholeState names every required key that keys lacks, or the first
// that is null where null is not a value.
func checkWholeState(keys map[string]json.RawMessage) error {
	var missing []string
	for _, k := range requiredStateKeys {
		raw, ok := keys[k.name]
		switch {
		case !ok:
			missing = append(missing, k.name)
		case !k.nullable && string(bytes.TrimSpace(raw)) == "null":
			return wholeStateError(k.name + " must not be null")
		}
	}
	if len(missing) > 0 {
		return wholeStateError("the seed is not a whole state: it lacks " + strings.Join(missing, ", ") +
			" (GET /_mock/state shows a whole state; edit that)")
	}
	return nil
}
