package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/d360-tf/terraform-provider-d360/internal/d360"
)

// Meta can change an approved template's category: "The existing category
// of a WhatsApp template is changed manually or by an automated process",
// and tells the business with a template_category_update webhook
// (https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/template_category_update).
// Meta's routing guide says to choose the endpoint by the latest category
// (https://developers.facebook.com/documentation/business-messaging/whatsapp/marketing-messages/route-template-messages/):
// a template that became UTILITY is refused by /marketing_messages with
// 131055. Read takes the category the API reports, so the change shows as
// drift, and the plan says who changed it and what to do.

const (
	categoryUpdateWebhookURL  = "https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/template_category_update"
	templateCategorizationURL = "https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/template-categorization"
	// recategorizedKey is the private state key of the last change Read saw.
	recategorizedKey = "meta_recategorized"
)

// recategorization is a category change Read found on the API.
type recategorization struct {
	From string `json:"from"`
	To   string `json:"to"`
}

// privateState is what Read and ModifyPlan have of a resource's private
// state: the framework's request and response types both satisfy it.
type privateState interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
}

type privateStateSetter interface {
	SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
}

// reflectCategory puts the API's category into state when it differs from
// the one in state, which after a create or import is the configured or
// imported one, and remembers the change for the plan. It leaves state
// alone when the answer has no category.
func reflectCategory(ctx context.Context, m *templateModel, t *d360.Template, private privateStateSetter, diags *diag.Diagnostics) {
	api := strings.ToUpper(t.Category)
	if api == "" || m.Category.IsNull() || m.Category.IsUnknown() || strings.EqualFold(m.Category.ValueString(), api) {
		return
	}
	raw, _ := json.Marshal(recategorization{From: m.Category.ValueString(), To: api}) // plain strings: it cannot fail
	diags.Append(private.SetKey(ctx, recategorizedKey, raw)...)
	m.Category = types.StringValue(api)
}

// warnRecategorized warns in the plan of a template whose category Meta
// changed (as Read found it) while the configuration still has another.
func warnRecategorized(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if !changesAny(req.State, req.Plan, []string{"category"}) {
		return
	}
	change, ok := readRecategorization(ctx, req.Private, &resp.Diagnostics)
	if !ok {
		return
	}
	var state, plan templateModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() || plan.Category.IsUnknown() || !strings.EqualFold(change.To, state.Category.ValueString()) {
		return
	}
	resp.Diagnostics.AddAttributeWarning(path.Root("category"), "Meta changed this template's category",
		recategorizedDetail(change, &state, plan.Category.ValueString()))
}

func readRecategorization(ctx context.Context, private privateState, diags *diag.Diagnostics) (recategorization, bool) {
	var change recategorization
	if private == nil {
		return change, false
	}
	raw, d := private.GetKey(ctx, recategorizedKey)
	diags.Append(d...)
	if len(raw) == 0 || json.Unmarshal(raw, &change) != nil || change.To == "" {
		return change, false
	}
	return change, true
}

// recategorizedDetail says what happened and what the user can do: accept
// the category, or make a new template.
func recategorizedDetail(change recategorization, state *templateModel, configured string) string {
	name, lang := state.Name.ValueString(), state.Language.ValueString()
	var b strings.Builder
	fmt.Fprintf(&b, "Meta changed the category of the template %q (%s) from %s to %s after it was created, as its template_category_update "+
		"webhook reports (%s; why: %s). The configuration still says %s, so this plan replaces the template to get %s back",
		name, lang, change.From, change.To, categoryUpdateWebhookURL, templateCategorizationURL, configured, configured)
	if strings.EqualFold(state.Status.ValueString(), "APPROVED") {
		b.WriteString(", which deletes an APPROVED template and locks its name for 30 days")
	}
	b.WriteString(", and Meta may categorize the same content the same way again.\n\nWhat to do:\n")
	if change.To != "MARKETING" && !state.MaxPrice.IsNull() {
		// validateTemplateMaxPrice refuses a max price on another category.
		fmt.Fprintf(&b, "- Accept Meta's category: set category = %q and remove max_price, which Meta applies to MARKETING templates only; "+
			"removing it replaces the template too, since 360dialog documents no template edit. ", change.To)
	} else {
		fmt.Fprintf(&b, "- Accept Meta's category: set category = %q in the configuration; the plan is then empty and the template stays. ", change.To)
	}
	if change.To != "MARKETING" {
		fmt.Fprintf(&b, "A %s template cannot be sent through the Marketing Messages API (131055), so sends of it fail the plan-time template check; "+
			"send it through the Cloud API instead.", change.To)
	}
	fmt.Fprintf(&b, "\n- Keep %s: change the content so that it is %s content by Meta's categorization rules, under a new name "+
		"(such as %q), and set allow_category_change = true if you prefer Meta to assign a category in review over rejecting the template.",
		configured, configured, name+"_v2")
	return b.String()
}
