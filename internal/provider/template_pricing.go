package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/d360-tf/terraform-provider-d360/internal/d360"
)

// The max price of a marketing template (Meta's max-price open beta). The
// wire form and its sources are in internal/d360/template_pricing.go.

const (
	maxPriceMetaURL = "https://developers.facebook.com/documentation/business-messaging/whatsapp/marketing-messages/pricing"
	maxPrice360URL  = "https://docs.360dialog.com/docs/resources/marketing-messages/max-price-for-marketing-messages"
)

type templateMaxPriceModel struct {
	BidAmount   types.Int64  `tfsdk:"bid_amount"`
	BidStrategy types.String `tfsdk:"bid_strategy"`
}

var maxPriceAttrTypes = map[string]attr.Type{"bid_amount": types.Int64Type, "bid_strategy": types.StringType}

// templateMaxPriceAttribute is the `max_price` argument.
func templateMaxPriceAttribute() schema.SingleNestedAttribute {
	return schema.SingleNestedAttribute{
		MarkdownDescription: "The most you pay for one delivery of this MARKETING template on the Marketing Messages " +
			"API (Meta's max price, open beta since 1 October 2026; " +
			"[Meta](" + maxPriceMetaURL + "), [360dialog](" + maxPrice360URL + ")). " +
			"Meta charges this amount or less per delivery; without it the published rate applies. " +
			"Sent as the template's `optimization_spec`. Only for `category = \"MARKETING\"`. " + noEditReplaceNote("it") + " " +
			"Example: to pay at most USD 0.025 per delivery on a USD account, `bid_amount = 2500` (0.025 × 100 cents × 1,000 deliveries).",
		Optional:      true,
		PlanModifiers: []planmodifier.Object{objectplanmodifier.RequiresReplace()},
		Attributes: map[string]schema.Attribute{
			"bid_amount": schema.Int64Attribute{
				MarkdownDescription: "The max price per **1,000 deliveries**, " +
					"as a whole number in the smallest unit of the WhatsApp Business Account's currency " +
					"(cents for USD, paise for INR). Per delivery that is `bid_amount / 1000` of that unit: " +
					"`87000` on an INR account caps a delivery at ₹0.87. At least 1.",
				Required:   true,
				Validators: []validator.Int64{int64validator.AtLeast(1)},
			},
			"bid_strategy": schema.StringAttribute{
				MarkdownDescription: "Meta's `bid_strategy` for the max price. Meta's page marks it required and lists one value, " +
					"`" + d360.BidStrategyLowestCostWithBidCap + "` (\"Currently supports only LOWEST_COST_WITH_BID_CAP\"), " +
					"so that is the default and the only value accepted at plan time.",
				Optional: true,
				Computed: true,
				Default:  stringdefault.StaticString(d360.BidStrategyLowestCostWithBidCap),
				// The documented values: "<BID_STRATEGY> Enum Required. The bid
				// strategy to use. Currently supports only
				// LOWEST_COST_WITH_BID_CAP." on Meta's max price page
				// (https://developers.facebook.com/documentation/business-messaging/whatsapp/marketing-messages/pricing).
				Validators: []validator.String{stringvalidator.OneOf(d360.BidStrategies...)},
			},
		},
	}
}

// apiMaxPrice is the optimization_spec for the configuration, nil without max_price.
func apiMaxPrice(ctx context.Context, v types.Object, diags *diag.Diagnostics) *d360.MaxPrice {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	var m templateMaxPriceModel
	diags.Append(v.As(ctx, &m, basetypes.ObjectAsOptions{})...)
	return &d360.MaxPrice{BidAmount: m.BidAmount.ValueInt64(), BidStrategy: m.BidStrategy.ValueString()}
}

// validateTemplateMaxPrice refuses a max price on a template Meta would not
// price that way: the feature prices marketing deliveries only.
func validateTemplateMaxPrice(m *templateModel, diags *diag.Diagnostics) {
	if m.MaxPrice.IsNull() || m.MaxPrice.IsUnknown() || m.Category.IsUnknown() {
		return
	}
	var bid int64 = 1 // the amount itself is checked by the attribute's validator
	addMaxPriceProblems(diags, d360.CheckMaxPrice(m.Category.ValueString(), bid))
}

// maxPriceValue is the state value for the API's max price. An answer
// without bid_strategy is read as the one strategy Meta supports, which is
// also the attribute's default: otherwise an import would plan a change of
// bid_strategy, and so a replacement.
func maxPriceValue(mp *d360.MaxPrice) types.Object {
	if mp == nil {
		return types.ObjectNull(maxPriceAttrTypes)
	}
	strategy := mp.BidStrategy
	if strategy == "" {
		strategy = d360.BidStrategyLowestCostWithBidCap
	}
	return types.ObjectValueMust(maxPriceAttrTypes, map[string]attr.Value{"bid_amount": types.Int64Value(mp.BidAmount), "bid_strategy": types.StringValue(strategy)})
}
