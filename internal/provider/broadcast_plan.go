package provider

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/d360-tf/terraform-provider-d360/internal/d360"
)

// generationAttributes start a new generation, by replacement, when they
// change. The template's identity does too, in place
// (send_resolved_template.go).
var generationAttributes = slices.DeleteFunc(
	append(slices.Collect(maps.Keys(templateParamAttributes())), "triggers"),
	func(name string) bool { return slices.Contains(templateNameAttributes, name) })

// broadcastRecord is what a generation records: unknown in a plan that may
// start a new one.
var broadcastRecord = map[string]any{
	"id": types.StringUnknown(), "message_ids": types.MapUnknown(types.StringType), "not_accepted": types.MapUnknown(notAcceptedType),
	"accepted_count": types.Int64Unknown(), "failed_count": types.Int64Unknown(), "unknown_count": types.Int64Unknown(),
	"preview": types.StringUnknown(), "preview_by_recipient": types.MapUnknown(types.StringType),
}

// ModifyPlan says who an apply will send to, checks the template at plan
// time, and plans an update when recipients are new or failed.
//
// A broadcast may have thousands of recipients, and Terraform plans it on
// every run, so a plan that changes nothing must cost nothing per recipient:
// it reads single attributes, never the whole model (whose message_ids map
// holds one id per recipient), and compares raw values.
func (r *marketingBroadcastResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || r.data == nil {
		return
	}
	var recipients types.List
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("recipients"), &recipients)...)
	if resp.Diagnostics.HasError() {
		return
	}
	switch {
	case req.State.Raw.IsNull():
		r.planCreate(ctx, req, resp, recipients, "")
	case replacing(req.State, req.Plan, generationAttributes):
		r.planReplace(ctx, req, resp, recipients)
	default:
		switch planTemplateChange(req.State, req.Plan) {
		case templateSame:
			r.planRecipientChange(ctx, req, resp, recipients)
		case templateChanged:
			planUnknown(ctx, resp, broadcastRecord)
			r.planCreate(ctx, req, resp, recipients, "The template changed: this starts a new generation, and every recipient is sent to again. ")
		case templateUnknown:
			planUnknown(ctx, resp, broadcastRecord)
			var tmpl templateParamsModel
			resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("template_name"), &tmpl.TemplateName)...)
			known, note := knownRecipients(recipients, &resp.Diagnostics)
			warnSends(&tmpl, known, templateKnownAtApplyNote+"Otherwise only new and failed recipients are sent to. "+note, &resp.Diagnostics)
		}
	}
}

// planCreate: a create, the second plan of a replacement, or a new
// generation in place. Every recipient is sent to.
func (r *marketingBroadcastResource) planCreate(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse, recipients types.List, why string) {
	var plan marketingBroadcastModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	known, note := knownRecipients(recipients, &resp.Diagnostics)
	r.warnAndCheck(ctx, &plan.templateParamsModel, known, why+note, &resp.Diagnostics)
	checkRecipientParameters(ctx, r.data, &plan.templateParamsModel, plan.RecipientParameters, &resp.Diagnostics)
	r.planPreviews(ctx, &plan, true, resp)
}

// planReplace: the first plan of a replacement. Terraform drops the
// warnings of the second plan (it has no prior state and cannot tell a
// replacement from a create), so the warning is given here; the template
// check stays in the second plan, whose errors do count.
func (r *marketingBroadcastResource) planReplace(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse, recipients types.List) {
	var tmpl templateParamsModel
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("template_name"), &tmpl.TemplateName)...)
	known, note := knownRecipients(recipients, &resp.Diagnostics)
	warnSends(&tmpl, known, "This starts a new generation: every recipient is sent to again. "+note, &resp.Diagnostics)
}

// planRecipientChange: the same generation. New and failed recipients are
// sent to; removed ones and a change of recipient_parameters send nothing.
func (r *marketingBroadcastResource) planRecipientChange(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse, recipients types.List) {
	if same, _ := sameRaw(req.State, req.Plan, "recipient_parameters"); !same {
		// New per-recipient texts are sent to new and failed recipients
		// only, but their previews change now.
		var plan marketingBroadcastModel
		resp.Diagnostics.Append(req.Config.Get(ctx, &plan)...)
		resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("language_policy"), &plan.LanguagePolicy)...)
		if resp.Diagnostics.HasError() {
			return
		}
		checkRecipientParameters(ctx, r.data, &plan.templateParamsModel, plan.RecipientParameters, &resp.Diagnostics)
		r.planPreviews(ctx, &plan, false, resp)
	}
	if unchanged, _ := sameRaw(req.State, req.Plan, "recipients"); unchanged && !anyDueRaw(req.State) {
		// Nobody new, nobody pending and nobody to retry: nothing to
		// send, and the record and its counts stay as they are
		// (UseStateForUnknown).
		return
	}
	var ids, notAccepted types.Map
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("message_ids"), &ids)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("not_accepted"), &notAccepted)...)
	prior := resultsFromState(ctx, ids, notAccepted, &resp.Diagnostics)
	known, note := knownRecipients(recipients, &resp.Diagnostics)
	current := make(map[string]bool, len(known))
	for _, to := range known {
		current[to] = true
	}
	due := dueRecipients(current, prior)
	if resp.Diagnostics.HasError() {
		return
	}
	if len(due) == 0 && note == "" {
		// Recipients were removed: nothing is sent, the record stays, and
		// the counts now describe the remaining recipients.
		accepted, failed, unknown := countCurrent(prior, current)
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("message_ids"), ids)...)
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("not_accepted"), notAccepted)...)
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("accepted_count"), accepted)...)
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("failed_count"), failed)...)
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("unknown_count"), unknown)...)
		return
	}
	// Someone may be sent to, so the record and the counts are known only
	// after the apply: a recipient known only then counts too.
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("message_ids"), types.MapUnknown(types.StringType))...)
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("not_accepted"), types.MapUnknown(notAcceptedType))...)
	for _, n := range []string{"accepted_count", "failed_count", "unknown_count"} {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root(n), types.Int64Unknown())...)
	}
	var plan marketingBroadcastModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("language_policy"), &plan.LanguagePolicy)...)
	if resp.Diagnostics.HasError() {
		return
	}
	r.warnAndCheck(ctx, &plan.templateParamsModel, due, note, &resp.Diagnostics)
}

// knownRecipients splits the planned recipients into those known now and a
// note on those known only at apply (another resource's output), which the
// apply sends to unless this generation already has. note is "" when every
// recipient is known.
func knownRecipients(recipients types.List, diags *diag.Diagnostics) (known []string, note string) {
	if recipients.IsUnknown() {
		return nil, "The recipients are known only at apply (they come from another resource): every one of them not yet sent to in this generation is sent to. "
	}
	unknown := 0
	for _, e := range recipients.Elements() {
		s, ok := e.(types.String)
		switch {
		case !ok:
			diags.AddError("Could not read the recipients", fmt.Sprintf("unexpected element type %T", e))
			return nil, ""
		case s.IsUnknown():
			unknown++
		case !s.IsNull():
			known = append(known, s.ValueString())
		}
	}
	slices.Sort(known)
	known = slices.Compact(known)
	if unknown > 0 {
		note = fmt.Sprintf("%d recipient(s) are known only at apply (they come from another resource) and are sent to as well, unless this generation already has. ", unknown)
	}
	return known, note
}

// warnAndCheck warns who an apply sends to and checks the template.
func (r *marketingBroadcastResource) warnAndCheck(
	ctx context.Context,
	tmpl *templateParamsModel,
	due []string,
	note string,
	diags *diag.Diagnostics,
) {
	if r.data.validateTemplates {
		checkTemplateAtPlan(ctx, r.data, tmpl, diags)
	}
	if !diags.HasError() { // only a plan that can be applied warns that applying sends
		warnSends(tmpl, due, note, diags)
	}
}

func warnSends(tmpl *templateParamsModel, due []string, note string, diags *diag.Diagnostics) {
	if len(due) == 0 {
		diags.AddWarning("Applying sends WhatsApp messages",
			fmt.Sprintf("Applying this plan sends the marketing template %s. %sSent messages cannot be recalled.",
				templateLabel(tmpl.TemplateName), note))
		return
	}
	diags.AddWarning("Applying sends WhatsApp messages",
		fmt.Sprintf("Applying this plan sends the marketing template %s to %d recipient(s): %s. %sSent messages cannot be recalled.",
			templateLabel(tmpl.TemplateName), len(due), listSome(due, 10), note))
}

// dueRecipients are the current recipients not yet sent to in this
// generation, plus those whose send was refused.
func dueRecipients(current map[string]bool, prior map[string]recipientResult) []string {
	var due []string
	for to := range current {
		if r, ok := prior[to]; !ok || r.Outcome == outcomeFailed {
			due = append(due, to)
		}
	}
	slices.Sort(due)
	return due
}

// countCurrent counts the outcomes of the current recipients only: the
// record keeps removed recipients, the counts do not, so that a
// postcondition on failed_count passes once the failed ones are removed.
func countCurrent(results map[string]recipientResult, current map[string]bool) (accepted, failed, unknown types.Int64) {
	counts := map[string]int64{}
	for to, r := range results {
		if current[to] {
			counts[r.Outcome]++
		}
	}
	return types.Int64Value(counts[outcomeAccepted]), types.Int64Value(counts[outcomeFailed]), types.Int64Value(counts[outcomeUnknown])
}

// anyDueRaw reports whether a recipient in the state is still to be sent
// to: never sent (an apply stopped part way) or refused. It reads raw values,
// without the framework's conversions, so a no-change plan of a large
// broadcast stays cheap; on any doubt it says yes and the full check runs.
func anyDueRaw(state tfsdk.State) bool {
	var list []tftypes.Value
	var ids, notAccepted map[string]tftypes.Value
	if !rawAs(state.Raw, "recipients", &list) || !rawAs(state.Raw, "message_ids", &ids) || !rawAs(state.Raw, "not_accepted", &notAccepted) {
		return true
	}
	for _, r := range list {
		var to string
		if r.As(&to) != nil {
			return true
		}
		if _, ok := ids[to]; ok {
			continue
		}
		entry, ok := notAccepted[to]
		var outcome string
		if !ok || !rawAs(entry, "outcome", &outcome) || outcome != outcomeUnknown {
			return true // never sent, refused, or unreadable
		}
	}
	return false
}

// rawAs reads attribute name of the object v into dst; false when it is
// absent, null, unknown or of another type.
func rawAs(v tftypes.Value, name string, dst any) bool {
	a, err := rawAttribute(v, name)
	return err == nil && a.IsKnown() && !a.IsNull() && a.As(dst) == nil
}

// planPreviews sets the planned previews: both on a new generation, only
// preview_by_recipient when recipient_parameters changed in place.
func (r *marketingBroadcastResource) planPreviews(
	ctx context.Context,
	plan *marketingBroadcastModel,
	newGeneration bool,
	resp *resource.ModifyPlanResponse,
) {
	if resp.Diagnostics.HasError() {
		return
	}
	shared, byRecipient := broadcastPreviews(ctx, r.data, &plan.templateParamsModel, plan.RecipientParameters, false, &resp.Diagnostics)
	if newGeneration {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("preview"), shared)...)
	}
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("preview_by_recipient"), byRecipient)...)
}

// fillPreviews renders at apply what the plan could not know.
func (r *marketingBroadcastResource) fillPreviews(ctx context.Context, m *marketingBroadcastModel, diags *diag.Diagnostics) {
	if !m.Preview.IsUnknown() && !m.PreviewByRecipient.IsUnknown() {
		return
	}
	shared, byRecipient := broadcastPreviews(ctx, r.data, &m.templateParamsModel, m.RecipientParameters, true, diags)
	if m.Preview.IsUnknown() {
		m.Preview = shared
	}
	if m.PreviewByRecipient.IsUnknown() {
		m.PreviewByRecipient = byRecipient
	}
}

// checkRecipientParameters checks each recipient's own body texts against
// the template, as the shared parameters are checked: a wrong count would
// otherwise fail only that recipient, at apply. It costs nothing per
// recipient without own texts, and no request: the template is cached.
func checkRecipientParameters(ctx context.Context, data *providerData, p *templateParamsModel, own types.Map, diags *diag.Diagnostics) {
	if !data.validateTemplates || own.IsNull() || !isFullyKnown(own) || !p.known() || diags.HasError() {
		return
	}
	var texts map[string][]string
	diags.Append(own.ElementsAs(ctx, &texts, false)...)
	tmpl, d := p.messageTemplate(ctx)
	if d.HasError() || diags.HasError() {
		return
	}
	named, err := data.templates.ByName(ctx, tmpl.Name)
	if err != nil {
		return // the shared check has reported it
	}
	for _, to := range slices.Sorted(maps.Keys(texts)) {
		for _, problem := range d360.CheckTemplateForSend(named, withBodyOverride(tmpl, texts[to])) {
			if problem.Part == d360.PartBody {
				diags.AddAttributeError(path.Root("recipient_parameters").AtMapKey(to), "Template check failed",
					fmt.Sprintf("%s, in the texts of recipient %s. Nothing was sent.", problem.Message, to))
			}
		}
	}
}
