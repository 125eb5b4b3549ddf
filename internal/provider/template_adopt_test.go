package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/d360-tf/terraform-provider-d360/internal/mock360"
)

// createTookEffectThen500 makes the next template create succeed on the
// mock and then answer 500, so the provider cannot know it happened.
func createTookEffectThen500(srv *mock360.Server) func() {
	return func() {
		srv.AddFault(mock360.Fault{Method: "POST", Path: "/v1/configs/templates", Status: 500, AfterEffect: true})
	}
}

func wantTemplatePosts(srv *mock360.Server, n int) func() error {
	return func() error {
		if got := len(srv.RequestsTo("POST", "/v1/configs/templates")); got != n {
			return fmt.Errorf("the mock saw %d template creates, want %d", got, n)
		}
		return nil
	}
}

// TestAccTemplate_adoptsAfterUnknownCreate: a create that took effect but
// answered 500 leaves nothing in state. The error talks about the template,
// and the next apply finds it and adopts it instead of creating it again.
func TestAccTemplate_adoptsAfterUnknownCreate(t *testing.T) {
	srv, ts := newMock(t, mock360.Options{})
	config := providerConfig(ts) + summerTemplate(summerBody)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{
				PreConfig: createTookEffectThen500(srv),
				Config:    config,
				ExpectError: errorLike("Template creation outcome unknown", `template "summer_sale" (en) may or may not have been created`,
					"Apply again", "adopts it"),
			},
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					mockCheck(wantTemplatePosts(srv, 1)),
					statecheck.ExpectKnownValue(templateAddr, tfjsonpath.New("id"), knownvalue.StringExact("summer_sale/en")),
					statecheck.ExpectKnownValue(templateAddr, tfjsonpath.New("status"), knownvalue.StringExact("APPROVED")),
				},
			},
		},
	})
}

// TestAccTemplate_existingWithOtherContent: when the name and language
// already exist with other content, the create stops before the POST and
// says how to import it.
func TestAccTemplate_existingWithOtherContent(t *testing.T) {
	srv, ts := newMock(t, mock360.Options{})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{
				PreConfig:   createTookEffectThen500(srv),
				Config:      providerConfig(ts) + summerTemplate(summerBody),
				ExpectError: errorLike("Template creation outcome unknown"),
			},
			{
				Config: providerConfig(ts) + summerTemplate("Hi {{1}}, {{2}} off everything."),
				ExpectError: errorLike("Template already exists with other content", `"summer_sale" (en) already exists`,
					"terraform import d360_template.<resource name> summer_sale/en"),
			},
		},
	})
	if err := wantTemplatePosts(srv, 1)(); err != nil {
		t.Fatal(err)
	}
}
