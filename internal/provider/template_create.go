package provider

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/d360-tf/terraform-provider-d360/internal/d360"
)

func (r *templateResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var m templateModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	t, ok := r.apiTemplate(ctx, &m, &resp.Diagnostics)
	if !ok {
		return
	}
	created, stop := r.adoptExisting(ctx, t, &resp.Diagnostics)
	if stop {
		return
	}
	if created == nil {
		var err error
		created, err = r.data.client.Templates.Create(ctx, t)
		if d360.IsOutcomeUnknown(err) {
			resp.Diagnostics.AddError("Template creation outcome unknown",
				fmt.Sprintf("The template %q (%s) may or may not have been created.\n\n%s", t.Name, t.Language, apiErrorDetail(err)))
			return
		}
		if err != nil {
			addAPIError(&resp.Diagnostics, "Could not create the template", err)
			return
		}
	}
	m.ID = types.StringValue(m.Name.ValueString() + "/" + m.Language.ValueString())
	setTemplateIdentity(ctx, resp.Identity, m.Name.ValueString(), m.Language.ValueString(), &resp.Diagnostics)
	setTemplateStatus(&m, created)
	if m.WaitForApproval.ValueBool() && !strings.EqualFold(created.Status, "APPROVED") {
		timeout, diags := m.Timeouts.Create(ctx, defaultApprovalTimeout)
		resp.Diagnostics.Append(diags...)
		final, err := r.waitForReview(ctx, timeout, m.Name.ValueString(), m.Language.ValueString())
		if final != nil {
			setTemplateStatus(&m, final)
		}
		switch {
		case err != nil:
			resp.Diagnostics.AddError("Template not approved in time", err.Error())
		case strings.EqualFold(final.Status, "REJECTED"):
			resp.Diagnostics.AddError("Template rejected",
				fmt.Sprintf("Meta rejected template %q (%s): %s. Change its content, and its name if it was ever approved, and apply again.",
					m.Name.ValueString(), m.Language.ValueString(), final.RejectedReason))
		}
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// adoptExisting looks the template up before creating it. An earlier create
// whose answer was lost (a 5xx or a reset after the write) may have taken
// effect without reaching state; creating again would then fail with
// "Content in This Language Already Exists". The same content is adopted
// with a warning; other content stops the create with how to import it.
func (r *templateResource) adoptExisting(ctx context.Context, t *d360.Template, diags *diag.Diagnostics) (adopted *d360.Template, stop bool) {
	existing, err := r.data.client.Templates.Find(ctx, t.Name, t.Language)
	if err != nil {
		addAPIError(diags, "Could not check whether the template already exists", err)
		return nil, true
	}
	if existing == nil {
		return nil, false
	}
	if !d360.SameTemplateContent(t, existing) {
		diags.AddError(
			"Template already exists with other content",
			fmt.Sprintf(
				"The template %q (%s) already exists on the channel, with a different category or content than this configuration, so it is not created again. "+
					"To manage it with Terraform, import it, then make the configuration match it:\n\n  terraform import d360_template.<resource name> %s/%s\n\n"+
					"(or an import block with id = %q). Otherwise give this template another name or language.",
				t.Name,
				t.Language,
				t.Name,
				t.Language,
				t.Name+"/"+t.Language,
			),
		)
		return nil, true
	}
	diags.AddWarning("Existing template adopted",
		fmt.Sprintf("The template %q (%s) already existed on the channel with this content, probably from an earlier create whose answer was lost, "+
			"so it is taken into state instead of being created again. Its status is %s.", t.Name, t.Language, strings.ToUpper(existing.Status)))
	return existing, false
}

// waitForReview polls until the template leaves review, backing off from 1s to 15s.
func (r *templateResource) waitForReview(ctx context.Context, timeout time.Duration, name, language string) (*d360.Template, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	wait := time.Second
	for {
		t, err := r.data.client.Templates.Find(ctx, name, language)
		if err == nil && t != nil && (t.HasStatus("APPROVED") || t.HasStatus("REJECTED")) {
			return t, nil
		}
		select {
		case <-ctx.Done():
			return t, fmt.Errorf("template %q (%s) was still in review after %s; raise the create timeout or apply again later", name, language, timeout)
		case <-time.After(wait):
		}
		wait = min(wait*3/2, 15*time.Second)
	}
}
