package provider

import (
	"fmt"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// templateParamsModel is the template and its parameters, shared by every
// send resource. Each field maps to part of the /marketing_messages body.
type templateParamsModel struct {
	TemplateName           types.String         `tfsdk:"template_name"`
	LanguageCode           types.String         `tfsdk:"language_code"`
	LanguagePolicy         types.String         `tfsdk:"language_policy"`
	Header                 types.Object         `tfsdk:"header"`
	BodyParameters         types.List           `tfsdk:"body_parameters"`
	Buttons                types.List           `tfsdk:"buttons"`
	LimitedTimeOffer       types.Object         `tfsdk:"limited_time_offer"`
	ComponentsJSON         jsontypes.Normalized `tfsdk:"components_json"`
	MessageActivitySharing types.Bool           `tfsdk:"message_activity_sharing"`
	ProductPolicy          types.String         `tfsdk:"product_policy"`
	MaxPriceMultiplier     types.Float64        `tfsdk:"max_price_multiplier"`
}

type headerModel struct {
	Type          types.String  `tfsdk:"type"`
	Text          types.String  `tfsdk:"text"`
	ParameterName types.String  `tfsdk:"parameter_name"`
	Link          types.String  `tfsdk:"link"`
	MediaID       types.String  `tfsdk:"media_id"`
	Filename      types.String  `tfsdk:"filename"`
	Latitude      types.Float64 `tfsdk:"latitude"`
	Longitude     types.Float64 `tfsdk:"longitude"`
	Name          types.String  `tfsdk:"name"`
	Address       types.String  `tfsdk:"address"`
}

type bodyParameterModel struct {
	Text          types.String `tfsdk:"text"`
	Currency      types.Object `tfsdk:"currency"`
	DateTime      types.String `tfsdk:"date_time"`
	ParameterName types.String `tfsdk:"parameter_name"`
}

type currencyModel struct {
	Code          types.String `tfsdk:"code"`
	Amount1000    types.Int64  `tfsdk:"amount_1000"`
	FallbackValue types.String `tfsdk:"fallback_value"`
}

type buttonModel struct {
	Index          types.Int64  `tfsdk:"index"`
	SubType        types.String `tfsdk:"sub_type"`
	Text           types.String `tfsdk:"text"`
	Payload        types.String `tfsdk:"payload"`
	CouponCode     types.String `tfsdk:"coupon_code"`
	FlowToken      types.String `tfsdk:"flow_token"`
	FlowActionData types.Map    `tfsdk:"flow_action_data"`
}

type limitedTimeOfferModel struct {
	ExpirationTimeMS types.Int64 `tfsdk:"expiration_time_ms"`
}

// typedComponentPaths are the typed parameter fields components_json replaces.
var typedComponentPaths = []path.Expression{
	path.MatchRoot("header"), path.MatchRoot("body_parameters"), path.MatchRoot("buttons"), path.MatchRoot("limited_time_offer"),
}

const (
	// maxBodyParameters bounds body_parameters, so that a longer list is
	// refused at once: a body holds at most 1,024 characters
	// (https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/components)
	// and a variable, {{1}}, at least five of them. Meta documents no
	// count of its own.
	maxBodyParameters = 1024 / len("{{1}}")
	// maxTemplateButtons: a template has at most 10 buttons (same page).
	maxTemplateButtons = 10
)

// templateParamAttributes is the schema of templateParamsModel. Every one of
// them forces a new send, so every one requires replacement.
func templateParamAttributes() map[string]schema.Attribute {
	replaceString := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	return map[string]schema.Attribute{
		"template_name": schema.StringAttribute{
			MarkdownDescription: "Name of an APPROVED template of category MARKETING on this channel. " +
				"Checked at plan time unless the provider sets `validate_templates = false`. " +
				"A change sends again, as a new generation planned as an in-place update with a warning. A value known only at apply, " +
				"such as `d360_template.x.approved_name` while that template is created, recreated or adopted, sends again only if it " +
				"resolves to another template than the one sent.",
			Required: true,
			// No RequiresReplace: a change starts a new generation in
			// place, so that a name known only at apply can be compared
			// then (send_resolved_template.go).
			Validators: []validator.String{stringvalidator.LengthBetween(1, 512)},
		},
		"language_code": schema.StringAttribute{
			MarkdownDescription: "Language of the template translation to send, as in WhatsApp Manager: `en`, `en_US`, `de`...",
			Required:            true,
			Validators:          []validator.String{stringvalidator.LengthAtLeast(2)},
		},
		"language_policy": schema.StringAttribute{
			MarkdownDescription: "How the language is matched. Only `deterministic` exists; 360dialog requires it on MM Lite sends. Default `deterministic`.",
			Optional:            true,
			Computed:            true,
			Default:             stringdefault.StaticString("deterministic"),
			PlanModifiers:       replaceString,
			Validators:          []validator.String{stringvalidator.OneOf("deterministic")},
		},
		"header": schema.SingleNestedAttribute{
			MarkdownDescription: "The header parameter, for templates whose header has a variable or media. Set `type` and the fields it names.",
			Optional:            true,
			PlanModifiers:       []planmodifier.Object{objectplanmodifier.RequiresReplace()},
			Attributes: map[string]schema.Attribute{
				"type": schema.StringAttribute{
					MarkdownDescription: "`text`, `image`, `video`, `document` or `location`; must match the template's header format.",
					Required:            true,
					Validators:          []validator.String{stringvalidator.OneOf("text", "image", "video", "document", "location")},
				},
				"text": schema.StringAttribute{
					MarkdownDescription: "For `text`: the value of the header's `{{1}}` (at most 60 characters in all).",
					Optional:            true,
					Validators:          []validator.String{stringvalidator.LengthBetween(1, 60)},
				},
				"parameter_name": schema.StringAttribute{
					MarkdownDescription: "For `text` in templates with NAMED parameters: the variable's name.",
					Optional:            true,
					Validators:          []validator.String{notEmpty{}},
				},
				"link": schema.StringAttribute{
					MarkdownDescription: "For `image`, `video`, `document`: a public https URL of the media. Exactly one of `link` and `media_id`.",
					Optional:            true,
					Validators:          []validator.String{stringvalidator.RegexMatches(regexp.MustCompile(`^https?://`), "must be an http(s) URL")},
				},
				"media_id": schema.StringAttribute{
					MarkdownDescription: "For `image`, `video`, `document`: the id of media uploaded to WhatsApp. Exactly one of `link` and `media_id`.",
					Optional:            true,
					Validators:          []validator.String{notEmpty{}},
				},
				"filename": schema.StringAttribute{
					MarkdownDescription: "For `document`: the file name shown to the recipient.",
					Optional:            true,
					Validators:          []validator.String{notEmpty{}},
				},
				"latitude":  schema.Float64Attribute{MarkdownDescription: "For `location`: latitude in degrees.", Optional: true},
				"longitude": schema.Float64Attribute{MarkdownDescription: "For `location`: longitude in degrees.", Optional: true},
				"name": schema.StringAttribute{
					MarkdownDescription: "For `location`: the place's name.",
					Optional:            true,
					Validators:          []validator.String{notEmpty{}},
				},
				"address": schema.StringAttribute{
					MarkdownDescription: "For `location`: the place's address.",
					Optional:            true,
					Validators:          []validator.String{notEmpty{}},
				},
			},
		},
		"body_parameters": schema.ListNestedAttribute{
			MarkdownDescription: "Values for the body's variables, in order: one per `{{n}}`. " +
				"Each sets exactly one of `text`, `currency` or `date_time`. Absent and `[]` are the same. " +
				fmt.Sprintf("At most %d: a template body holds at most 1,024 characters, and a variable takes at least five.", maxBodyParameters),
			Optional:      true,
			Computed:      true,
			PlanModifiers: replaceListUnlessEmpty(),
			Validators:    []validator.List{listvalidator.SizeAtMost(maxBodyParameters)},
			NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
				"text": schema.StringAttribute{
					MarkdownDescription: "A text value.",
					Optional:            true,
					// Exactly one of text, currency and date_time: checked in
					// ValidateConfig (validateBodyParameterKinds), in one pass.
				},
				"currency": schema.SingleNestedAttribute{
					MarkdownDescription: "A currency value, localised by WhatsApp.",
					Optional:            true,
					Attributes: map[string]schema.Attribute{
						"code": schema.StringAttribute{
							MarkdownDescription: "ISO 4217 code, such as `EUR`.",
							Required:            true,
							Validators: []validator.String{
								stringvalidator.RegexMatches(regexp.MustCompile(`^[A-Z]{3}$`), "must be a three-letter ISO 4217 code such as EUR"),
							},
						},
						"amount_1000": schema.Int64Attribute{MarkdownDescription: "The amount times 1000: `12990` is 12.99.", Required: true},
						"fallback_value": schema.StringAttribute{
							MarkdownDescription: "The text shown where localisation is not possible, such as `€12.99`.",
							Required:            true,
						},
					},
				},
				"date_time": schema.StringAttribute{
					MarkdownDescription: "A date and time, given as the fallback text WhatsApp shows, such as `February 25, 1977`.",
					Optional:            true,
				},
				"parameter_name": schema.StringAttribute{
					MarkdownDescription: "For templates with NAMED parameters: the variable's name, such as `first_name`.",
					Optional:            true,
					Validators:          []validator.String{notEmpty{}},
				},
			}},
		},
		"buttons": schema.ListNestedAttribute{
			MarkdownDescription: "Parameters of buttons that need one: a URL button with a variable, " +
				"a quick reply payload, a copy-code coupon, a flow. Absent and `[]` are the same. " +
				fmt.Sprintf("At most %d, as a template has at most %d buttons.", maxTemplateButtons, maxTemplateButtons),
			Optional:      true,
			Computed:      true,
			PlanModifiers: replaceListUnlessEmpty(),
			Validators:    []validator.List{listvalidator.SizeAtMost(maxTemplateButtons)},
			NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
				"index": schema.Int64Attribute{
					MarkdownDescription: "Position of the button in the template, from 0.",
					Required:            true,
					Validators:          []validator.Int64{int64validator.Between(0, 9)},
				},
				"sub_type": schema.StringAttribute{
					MarkdownDescription: "`url`, `quick_reply`, `copy_code` or `flow`; must match the template's button type.",
					Required:            true,
					Validators:          []validator.String{stringvalidator.OneOf("url", "quick_reply", "copy_code", "flow")},
				},
				"text": schema.StringAttribute{
					MarkdownDescription: "For `url`: the value appended to the button's URL in place of `{{1}}`.",
					Optional:            true,
					Validators:          []validator.String{notEmpty{}},
				},
				"payload": schema.StringAttribute{
					MarkdownDescription: "For `quick_reply`: the payload your webhook receives when it is tapped.",
					Optional:            true,
					Validators:          []validator.String{notEmpty{}},
				},
				"coupon_code": schema.StringAttribute{
					MarkdownDescription: "For `copy_code`: the code copied when it is tapped, at most 15 characters.",
					Optional:            true,
					Validators:          []validator.String{stringvalidator.LengthBetween(1, 15)},
				},
				"flow_token": schema.StringAttribute{
					MarkdownDescription: "For `flow`: a token your flow endpoint receives. Default `unused` on WhatsApp's side.",
					Optional:            true,
					Validators:          []validator.String{notEmpty{}},
				},
				"flow_action_data": schema.MapAttribute{
					MarkdownDescription: "For `flow`: data passed to the flow's first screen.",
					Optional:            true,
					ElementType:         types.StringType,
					Validators:          []validator.Map{notEmpty{}},
				},
			}},
		},
		"limited_time_offer": schema.SingleNestedAttribute{
			MarkdownDescription: "For limited-time-offer templates: when the offer expires.",
			Optional:            true,
			PlanModifiers:       []planmodifier.Object{objectplanmodifier.RequiresReplace()},
			Attributes: map[string]schema.Attribute{
				"expiration_time_ms": schema.Int64Attribute{
					MarkdownDescription: "Expiry as Unix time in milliseconds.",
					Required:            true,
					Validators:          []validator.Int64{int64validator.AtLeast(1)},
				},
			},
		},
		"components_json": schema.StringAttribute{
			MarkdownDescription: "The template's `components` array as raw JSON, " +
				"for component kinds the typed fields do not cover (carousels, catalogs...). " +
				"Cannot be combined with `header`, `body_parameters`, `buttons` or `limited_time_offer`. Whitespace and key order do not cause a diff. " +
				"Parameter counts are only checked at plan time when it parses as ordinary components.",
			CustomType: jsontypes.NormalizedType{},
			Optional:   true,
			// keepEquivalentJSON must come first: RequiresReplace then sees no change.
			PlanModifiers: []planmodifier.String{keepEquivalentJSON{}, stringplanmodifier.RequiresReplace()},
			Validators:    []validator.String{stringvalidator.ConflictsWith(typedComponentPaths...), jsonArrayValidator{}},
		},
		"message_activity_sharing": schema.BoolAttribute{
			MarkdownDescription: "Share this message's activity (reads, clicks) with Meta for optimisation, " +
				"which also produces click webhooks. Unset uses the WABA's setting.",
			Optional:      true,
			PlanModifiers: []planmodifier.Bool{boolplanmodifier.RequiresReplace()},
		},
		"product_policy": schema.StringAttribute{
			MarkdownDescription: "`CLOUD_API_FALLBACK` (Meta's default: when the WABA is not onboarded to MM Lite, " +
				"the message goes through the Cloud API instead) " +
				"or `STRICT` (never fall back: the send fails when MM Lite cannot take it).",
			Optional:      true,
			PlanModifiers: replaceString,
			// Exactly these, in upper case: Meta's send schema lists
			// product_policy as One of "CLOUD_API_FALLBACK", "STRICT"
			// (https://developers.facebook.com/documentation/business-messaging/whatsapp/reference/whatsapp-business-phone-number/marketing-messages-api-for-whatsapp).
			Validators: []validator.String{stringvalidator.OneOf("CLOUD_API_FALLBACK", "STRICT")},
		},
		"max_price_multiplier": maxPriceMultiplierAttribute(),
	}
}

// known reports whether every value the send needs is known, so that plan
// time checks can run.
func (m *templateParamsModel) known() bool {
	for _, v := range []attr.Value{m.TemplateName, m.LanguageCode, m.Header, m.BodyParameters, m.Buttons, m.LimitedTimeOffer, m.ComponentsJSON} {
		if !isFullyKnown(v) {
			return false
		}
	}
	return true
}
