package provider

import (
	"context"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// apiCoveragePage is the rendered coverage guide (make generate renders it
// from templates/guides/api-coverage.md.tmpl; make docs-check keeps the two
// in step).
const apiCoveragePage = "../../docs/guides/api-coverage.md"

// coverageRef is how a row names what covers it: a resource or attribute
// path (d360_template.max_price.bid_amount), with data., action. or list.
// for the other kinds, or provider.<argument>.
var coverageRef = regexp.MustCompile("`((?:data\\.|action\\.|list\\.)?d360_[a-z0-9_]+(?:\\.[a-z0-9_]+)*|provider\\.[a-z0-9_]+(?:\\.[a-z0-9_]+)*)`")

// coverageRow is one row of a coverage table.
type coverageRow struct {
	line                               int
	capability, source, covered, where string
}

// TestAPICoveragePage keeps the coverage page true: every row marked Yes or
// Partly names at least one part of the provider, and every part it names
// exists in the provider's schemas; every row has a source link and, when
// not covered, a reason.
func TestAPICoveragePage(t *testing.T) {
	raw, err := os.ReadFile(apiCoveragePage)
	if err != nil {
		t.Fatalf("%v (run make generate)", err)
	}
	rows := coverageRows(t, string(raw))
	if len(rows) < 40 {
		t.Fatalf("only %d rows in %s: the tables were not found", len(rows), apiCoveragePage)
	}
	schemas := providerSchemas(t)
	for _, r := range rows {
		at := fmt.Sprintf("%s:%d (%s)", apiCoveragePage, r.line, r.capability)
		if !strings.Contains(r.source, "](https://") {
			t.Errorf("%s: no source link in %q", at, r.source)
		}
		refs := coverageRef.FindAllStringSubmatch(r.where, -1)
		switch r.covered {
		case "Yes", "Partly":
			if len(refs) == 0 {
				t.Errorf("%s: marked %s but names no resource, data source, action or argument", at, r.covered)
			}
			for _, ref := range refs {
				if problem := schemas.resolve(ref[1]); problem != "" {
					t.Errorf("%s: marked %s, but %s", at, r.covered, problem)
				}
			}
		case "No":
			if len(strings.TrimSpace(r.where)) < 10 {
				t.Errorf("%s: not covered, and no reason given", at)
			}
		default:
			t.Errorf("%s: Covered is %q, want Yes, Partly or No", at, r.covered)
		}
	}
}

// The checker itself: a reference that does not exist is caught at every
// level, and one that does is not.
func TestAPICoverageResolve(t *testing.T) {
	schemas := providerSchemas(t)
	for ref, ok := range map[string]bool{
		"d360_template":                                               true,
		"d360_template.max_price.bid_amount":                          true,
		"data.d360_templates.templates.category":                      true,
		"d360_marketing_broadcast.not_accepted.error_code":            true,
		"action.d360_send_marketing_message.recipient":                true,
		"list.d360_template":                                          true,
		"provider.graph_api_token":                                    true,
		"d360_template.max_price.bid_multiplier":                      false,
		"d360_template.edit_in_place":                                 false,
		"d360_reach_estimate":                                         false,
		"data.d360_template":                                          false,
		"action.d360_send_marketing_message.message_send_ttl_seconds": false,
		"provider.waba_id":                                            false,
	} {
		if got := schemas.resolve(ref) == ""; got != ok {
			t.Errorf("resolve(%q) found = %v, want %v (%s)", ref, got, ok, schemas.resolve(ref))
		}
	}
}

// coverageRows reads every table row with four cells, after the header and
// separator rows.
func coverageRows(t *testing.T, page string) []coverageRow {
	t.Helper()
	var rows []coverageRow
	for i, line := range strings.Split(page, "\n") {
		if !strings.HasPrefix(line, "|") || strings.HasPrefix(line, "|---") || strings.HasPrefix(line, "| Capability |") {
			continue
		}
		cells := strings.Split(strings.Trim(strings.TrimSpace(line), "|"), " | ")
		if len(cells) != 4 {
			t.Errorf("%s:%d: %d cells, want 4 (a | inside a cell?): %s", apiCoveragePage, i+1, len(cells), line)
			continue
		}
		for j := range cells {
			cells[j] = strings.TrimSpace(cells[j])
		}
		rows = append(rows, coverageRow{line: i + 1, capability: cells[0], source: cells[1], covered: cells[2], where: cells[3]})
	}
	return rows
}

// schemaSet is the provider's schemas by kind and type name.
type schemaSet struct {
	provider               *tfprotov6.Schema
	resources, data, lists map[string]*tfprotov6.Schema
	actions                map[string]*tfprotov6.ActionSchema
}

func providerSchemas(t *testing.T) schemaSet {
	t.Helper()
	server := providerserver.NewProtocol6(New("test")())()
	resp, err := server.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range resp.Diagnostics {
		t.Fatalf("GetProviderSchema: %s: %s", d.Summary, d.Detail)
	}
	return schemaSet{provider: resp.Provider, resources: resp.ResourceSchemas, data: resp.DataSourceSchemas,
		lists: resp.ListResourceSchemas, actions: resp.ActionSchemas}
}

// resolve says what is missing for ref, or "" when the schema has it.
func (s schemaSet) resolve(ref string) string {
	kind, rest := "resource", ref
	for _, k := range []string{"data", "action", "list", "provider"} {
		if after, ok := strings.CutPrefix(ref, k+"."); ok {
			kind, rest = k, after
		}
	}
	parts := strings.Split(rest, ".")
	var schema *tfprotov6.Schema
	switch kind {
	case "provider":
		schema = s.provider
	case "resource":
		schema = s.resources[parts[0]]
	case "data":
		schema = s.data[parts[0]]
	case "list":
		schema = s.lists[parts[0]]
	case "action":
		if a := s.actions[parts[0]]; a != nil {
			schema = a.Schema
		}
	}
	if kind != "provider" {
		if schema == nil {
			return fmt.Sprintf("the provider has no %s %s", kind, parts[0])
		}
		parts = parts[1:]
	}
	if schema == nil || schema.Block == nil {
		return "the provider's schema is empty"
	}
	return resolveIn(schema.Block.Attributes, schema.Block.BlockTypes, parts, ref)
}

// resolveIn walks names through attributes, nested attributes and blocks.
func resolveIn(attrs []*tfprotov6.SchemaAttribute, blocks []*tfprotov6.SchemaNestedBlock, names []string, ref string) string {
	if len(names) == 0 {
		return ""
	}
	for _, a := range attrs {
		if a.Name != names[0] {
			continue
		}
		if len(names) == 1 {
			return ""
		}
		if a.NestedType == nil {
			return resolveInType(a.Type, names[1:], ref)
		}
		return resolveIn(a.NestedType.Attributes, nil, names[1:], ref)
	}
	for _, b := range blocks {
		if b.TypeName == names[0] {
			if b.Block == nil {
				return resolveIn(nil, nil, names[1:], ref)
			}
			return resolveIn(b.Block.Attributes, b.Block.BlockTypes, names[1:], ref)
		}
	}
	return fmt.Sprintf("%s: no attribute or block %q in the schema", ref, names[0])
}

// resolveInType walks names through an attribute's type: a collection of
// objects (a map of object, say) or an object.
func resolveInType(typ tftypes.Type, names []string, ref string) string {
	if len(names) == 0 {
		return ""
	}
	switch tt := typ.(type) {
	case tftypes.List:
		return resolveInType(tt.ElementType, names, ref)
	case tftypes.Set:
		return resolveInType(tt.ElementType, names, ref)
	case tftypes.Map:
		return resolveInType(tt.ElementType, names, ref)
	case tftypes.Object:
		if next, ok := tt.AttributeTypes[names[0]]; ok {
			return resolveInType(next, names[1:], ref)
		}
	}
	return fmt.Sprintf("%s: no attribute %q in the schema", ref, names[0])
}
