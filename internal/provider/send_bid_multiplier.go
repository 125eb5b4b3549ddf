package provider

import (
	"context"
	"fmt"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/float64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/d360-tf/terraform-provider-d360/internal/d360"
)

// maxPricePage documents the per-message multiplier: "Adjust max-price when
// sending messages".
const maxPricePage = "https://developers.facebook.com/documentation/business-messaging/whatsapp/marketing-messages/pricing"

func maxPriceMultiplierAttribute() schema.Float64Attribute {
	return schema.Float64Attribute{
		MarkdownDescription: "Scales the template's max price (`max_price` of `d360_template`) for this send only: `1.5` raises it by 50 %, " +
			"`0.5` halves it. Sent as `bid_spec.per_message_bid_multiplier`; Meta documents it as a positive Float, default `1` " +
			"([Set a max price for marketing messages](" + maxPricePage + ")), and says it is subject to change during the beta. " +
			"Must be greater than 0; Meta documents no upper bound. At plan the provider shows the effective max price " +
			"(the template's `bid_amount` times this multiplier, per 1,000 deliveries in the smallest unit of the WABA's currency) " +
			"in a warning, or warns that the template has no max price to scale. Meta recommends changing the template's max price " +
			"rather than setting a multiplier on every send. Unset sends none.",
		Optional:      true,
		PlanModifiers: []planmodifier.Float64{float64planmodifier.RequiresReplace()},
		Validators:    []validator.Float64{positiveFloat{}},
	}
}

// positiveFloat takes a number greater than 0: Meta's page calls the
// multiplier "A positive multiplier applied to the template's bid_amount"
// and gives no upper bound (maxPricePage).
type positiveFloat struct{}

func (positiveFloat) Description(context.Context) string { return "must be greater than 0" }
func (v positiveFloat) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (positiveFloat) ValidateFloat64(_ context.Context, req validator.Float64Request, resp *validator.Float64Response) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if f := req.ConfigValue.ValueFloat64(); f <= 0 {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid max price multiplier",
			fmt.Sprintf("max_price_multiplier must be greater than 0 (Meta: \"A positive multiplier applied to the template's bid_amount\", %s); got %s.",
				maxPricePage, strconv.FormatFloat(f, 'g', -1, 64)))
	}
}

// noteMaxPriceMultiplier puts the effective max price of a send with a
// multiplier into the plan's output, as a warning on max_price_multiplier.
// A template without a max price is not refused: Meta documents no error
// for it, and a send without one is charged at the published rate card.
func noteMaxPriceMultiplier(m *templateParamsModel, tmpl *d360.Template, diags *diag.Diagnostics) {
	if m.MaxPriceMultiplier.IsNull() || m.MaxPriceMultiplier.IsUnknown() || tmpl == nil {
		return
	}
	multiplier := m.MaxPriceMultiplier.ValueFloat64()
	factor := strconv.FormatFloat(multiplier, 'g', -1, 64)
	at := path.Root("max_price_multiplier")
	amount, ok := d360.EffectiveMaxPrice(tmpl, multiplier)
	if !ok {
		diags.AddAttributeWarning(at, "Max price multiplier without a max price",
			fmt.Sprintf("The template %q (%s) has no max price, so max_price_multiplier = %s has nothing to scale: "+
				"such a template is charged at the published rate card (%s). The send is not refused, as Meta documents no error for it. "+
				"Set max_price on the d360_template, or remove max_price_multiplier.", tmpl.Name, tmpl.Language, factor, maxPricePage))
		return
	}
	diags.AddAttributeWarning(at, "Effective max price of this send",
		fmt.Sprintf("The template %q (%s) has a max price of %d per 1,000 deliveries; with max_price_multiplier = %s, "+
			"this send's effective max price is %d per 1,000 deliveries, in the smallest unit of the WABA's currency (%s).",
			tmpl.Name, tmpl.Language, tmpl.MaxPrice().BidAmount, factor, amount, maxPricePage))
}
