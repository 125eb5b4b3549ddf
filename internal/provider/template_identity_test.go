package provider

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/d360-tf/terraform-provider-d360/internal/mock360"
)

// TestAccTemplate_importByIdentity: the identity is {name, language}, and an
// import block with that identity (Terraform 1.12+) imports a template that
// then plans with no change; the id import keeps working beside it.
func TestAccTemplate_importByIdentity(t *testing.T) {
	_, ts := newMock(t, mock360.Options{})
	// wait_for_approval and timeouts steer the create only and cannot be
	// imported, so the configuration that must plan clean leaves them out.
	config := providerConfig(ts) + plainSummerTemplate()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectIdentity(templateAddr, map[string]knownvalue.Check{
						"name":     knownvalue.StringExact("summer_sale"),
						"language": knownvalue.StringExact("en"),
					}),
				},
			},
			{
				Config:          config,
				ResourceName:    templateAddr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithResourceIdentity,
			},
			{
				Config:          config,
				ResourceName:    templateAddr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
				ImportStateId:   "summer_sale/en",
			},
		},
	})
}

// TestAccTemplate_importByIdentityInvalid: an identity with an empty name
// fails with how to write it, before any request.
func TestAccTemplate_importByIdentityInvalid(t *testing.T) {
	_, ts := newMock(t, mock360.Options{})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		Steps: []resource.TestStep{{
			Config: providerConfig(ts) + `
import {
  to       = d360_template.summer
  identity = { name = "", language = "en" }
}
` + summerTemplate(summerBody),
			PlanOnly:    true,
			ExpectError: errorLike("Invalid import identity", `identity = { name = "spring_sale", language = "en" }`),
		}},
	})
}

// plainSummerTemplate is summerTemplate without the create-only arguments.
func plainSummerTemplate() string {
	c := strings.Replace(summerTemplate(summerBody), "  wait_for_approval        = true\n", "", 1)
	return strings.Replace(c, "  timeouts {\n    create = \"1m\"\n  }\n", "", 1)
}
