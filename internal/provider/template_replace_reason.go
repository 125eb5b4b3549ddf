package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// Why a change of max_price or message_send_ttl_seconds replaces the
// template, said in the plan, before anything is deleted.
//
// Meta changes both on an existing template, but only on its Graph API:
//   - the max price: "Use the Template API to update the max price setting
//     on an existing template. You can update the optimization_spec on
//     templates that were originally created with a max price." and "You
//     cannot add optimization_spec to an existing template that was created
//     without it. You must create a new template with optimization_spec
//     included." (POST /<TEMPLATE_ID>, "Update max price for templates",
//     https://developers.facebook.com/documentation/business-messaging/whatsapp/marketing-messages/pricing);
//   - the TTL: "You can change the TTL on a previously configured template
//     using this method, as well." (the Graph message_templates call,
//     https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/time-to-live).
//
// 360dialog, which this provider talks to with the channel's API key,
// documents creating a template through its API and editing one only by
// hand in its Hub: "Create new WABA template ... POST
// https://waba-v2.360dialog.io/v1/configs/templates" is the API part of
// https://docs.360dialog.com/partner/messaging-and-calling/template-messages/create-and-manage-template-messages,
// and "Edit Templates" is a Template Manager function of the Hub
// (https://docs.360dialog.com/docs/insights/template-management-ui). Its
// earlier template API page, since removed, said so outright: "We support
// create and delete. Editing a template is not yet available."
// (https://docs.360dialog.com/api/whatsapp-api/message-templates-api). A
// Graph write would need a Meta token with write access to the WABA, where
// the provider's Graph token only reads, and Meta's numeric template id,
// which 360dialog does not document in its template list (the list's id is
// its own). So the provider does not edit around 360dialog: the change
// replaces the template.

const (
	template360ManageURL = "https://docs.360dialog.com/partner/messaging-and-calling/template-messages/create-and-manage-template-messages"
	template360HubURL    = "https://docs.360dialog.com/docs/insights/template-management-ui"
)

// noEditReplaceNote is the schema docs' sentence on it, for max_price and
// message_send_ttl_seconds.
func noEditReplaceNote(what string) string {
	return "Changing " + what + " replaces the template, and the plan warns why before anything is deleted: " +
		"Meta changes it in place only through its Graph API, while 360dialog's API, which this provider uses, " +
		"creates, lists and deletes templates and documents editing only by hand in the Hub " +
		"([360dialog](" + template360ManageURL + ")). An APPROVED template's name is then locked for 30 days " +
		"(see `allow_name_reuse_after_delete`), so give the new version a new name."
}

// warnReplaceWithoutEdit warns, in the plan that changes max_price or
// message_send_ttl_seconds of an existing template, that the change
// deletes the template and creates it again, and why.
func warnReplaceWithoutEdit(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	for _, attr := range []string{"max_price", "message_send_ttl_seconds"} {
		if !changesAny(req.State, req.Plan, []string{attr}) {
			continue
		}
		var state, plan templateModel
		resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
		resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
		if resp.Diagnostics.HasError() {
			return
		}
		resp.Diagnostics.AddAttributeWarning(path.Root(attr), "Changing "+attr+" replaces the template",
			replaceWithoutEditDetail(attr, &state, &plan))
		return // one warning is enough when both change
	}
}

// replaceWithoutEditDetail says what the plan does and why, and what else
// the user can do.
func replaceWithoutEditDetail(attr string, state, plan *templateModel) string {
	name, lang := state.Name.ValueString(), state.Language.ValueString()
	var b strings.Builder
	fmt.Fprintf(&b, "This plan deletes the template %q (%s) and creates it again with the new %s. ", name, lang, attr)
	switch {
	case attr == "max_price" && state.MaxPrice.IsNull():
		b.WriteString("Meta cannot add a max price to a template created without one: \"You cannot add optimization_spec to an existing template " +
			"that was created without it. You must create a new template with optimization_spec included.\" (" + maxPriceMetaURL + "). ")
	case attr == "max_price":
		b.WriteString("Meta can change a max price in place, but only on its Graph API (POST /<TEMPLATE_ID> with optimization_spec, " +
			maxPriceMetaURL + "); 360dialog's API, which this provider uses, creates, lists and deletes templates and documents no edit (" +
			template360ManageURL + "), so the change is a new template. ")
	default:
		b.WriteString("Meta can change a template's TTL, but only on its Graph API (" + templateTTLURL + "); 360dialog's API, which this " +
			"provider uses, creates, lists and deletes templates and documents no edit (" + template360ManageURL + "), so the change is a new template. ")
	}
	if strings.EqualFold(state.Status.ValueString(), "APPROVED") && plan.Name.ValueString() == name {
		fmt.Fprintf(&b, "The template is APPROVED, and Meta locks its name for 30 days after the delete: give the new version a new name, such as %q. ", name+"_v2")
	} else {
		b.WriteString("The new template goes through Meta's review again. ")
	}
	b.WriteString("To keep this template and its name, leave " + attr + " as it was here and make the change on Meta's Graph API " +
		"yourself, outside this provider; 360dialog's Hub edits templates by hand (" + template360HubURL + ").")
	return b.String()
}
