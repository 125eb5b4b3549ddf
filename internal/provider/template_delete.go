package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/d360-tf/terraform-provider-d360/internal/d360"
)

// templateDeleteDocs is where 360dialog says its DELETE takes a name and
// removes every translation of it; it documents no way to delete one
// language. (Meta's Graph API can, with name and hsm_id, but that needs a
// Meta token and Meta's template id, which 360dialog's listing does not give.)
const templateDeleteDocs = "https://docs.360dialog.com/api/whatsapp-api/message-templates-api"

// otherLanguages lists the languages of name on the channel other than
// language, sorted.
func (r *templateResource) otherLanguages(ctx context.Context, name, language string) ([]string, error) {
	all, err := r.data.client.Templates.ListByName(ctx, name)
	if err != nil {
		return nil, err
	}
	var others []string
	for _, t := range all {
		if t.Language != language && !slices.Contains(others, t.Language) {
			others = append(others, t.Language)
		}
	}
	slices.Sort(others)
	return others, nil
}

// guardOtherLanguages adds an error, or with allowed a warning, when
// deleting state's template would delete other languages too.
func (r *templateResource) guardOtherLanguages(ctx context.Context, state *templateModel, verb string, allowed bool, diags *diag.Diagnostics) {
	name, language := state.Name.ValueString(), state.Language.ValueString()
	others, err := r.otherLanguages(ctx, name, language)
	if err != nil {
		addAPIError(diags, "Could not check the template's other languages", err)
		return
	}
	if len(others) == 0 {
		return
	}
	list := strings.Join(others, ", ")
	if allowed {
		diags.AddWarning(
			verb+" this template deletes every language of its name",
			fmt.Sprintf(
				"360dialog deletes templates by name (%s), so deleting d360_template %q (%s) deletes %q in %s too, as allow_delete_other_languages permits.",
				templateDeleteDocs,
				name,
				language,
				name,
				list,
			),
		)
		return
	}
	diags.AddAttributeError(
		path.Root("language"),
		verb+" this template would delete its other languages",
		fmt.Sprintf(
			"360dialog deletes templates by name, every language at once (%s), so deleting d360_template %q (%s) would also delete %s on the channel, "+
				"which this plan does not show. If it is approved, Meta then locks the name for 30 days.\n\n"+
				"To keep the other languages, stop managing this one without deleting it: terraform state rm <address>, or a removed block with "+
				"lifecycle { destroy = false }. To delete every language (for example when destroying all of them), set allow_delete_other_languages = true "+
				"on each d360_template of this name and apply, then destroy.",
			templateDeleteDocs,
			name,
			language,
			list,
		),
	)
}

// Delete removes the template: every language of the name, which is all the
// API can do. The plan has refused this already when other languages
// existed without allow_delete_other_languages. Here it only warns of what
// goes: refusing would trap a replace whose plan set the flag, since Delete
// sees the prior state.
func (r *templateResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var m templateModel
	resp.Diagnostics.Append(req.State.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	r.guardOtherLanguages(ctx, &m, "Destroying", true, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	err := r.data.client.Templates.Delete(ctx, m.Name.ValueString())
	if err != nil && !d360.IsNotFound(err) {
		addAPIError(&resp.Diagnostics, "Could not delete the template", err)
	}
}
