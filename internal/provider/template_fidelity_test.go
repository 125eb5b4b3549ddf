package provider

import (
	"context"
	"fmt"
	"strings"
	"testing"

	fwresource "github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/d360-tf/terraform-provider-d360/internal/mock360"
)

// createBodyContains applies config and checks the one template POST.
func createBodyContains(t *testing.T, config string, want ...string) {
	t.Helper()
	srv, ts := newMock(t, mock360.Options{})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: providerConfig(ts) + config,
			ConfigStateChecks: []statecheck.StateCheck{mockCheck(func() error {
				posts := srv.RequestsTo("POST", "/v1/configs/templates")
				if len(posts) != 1 {
					return fmt.Errorf("want one template POST, got %d", len(posts))
				}
				for _, w := range want {
					if !strings.Contains(string(posts[0].Body), w) {
						return fmt.Errorf("create body lacks %s: %s", w, posts[0].Body)
					}
				}
				return nil
			})},
		}},
	})
}

const couponBody = `body = { text = "Use code {{1}} for 25% off", examples = ["SPRING25"] }`

// A COPY_CODE button's example is one string (the coupon code), not a list.
func TestAccTemplateFidelity_copyCodeExample(t *testing.T) {
	t.Run("typed", func(t *testing.T) {
		createBodyContains(t, fidelityTemplate("MARKETING", fmt.Sprintf(`components = {
    %s
    buttons = [{ type = "COPY_CODE", code_example = "SPRING25" }]
  }`, couponBody), ""), `{"type":"COPY_CODE","example":"SPRING25"}`)
	})
	t.Run("components_json", func(t *testing.T) {
		createBodyContains(t, fidelityTemplate("MARKETING", `components_json = jsonencode([
    { type = "BODY", text = "Use code {{1}}", example = { body_text = [["SPRING25"]] } },
    { type = "BUTTONS", buttons = [{ type = "COPY_CODE", example = "SPRING25" }] },
  ])`, ""), `{"example":"SPRING25","type":"COPY_CODE"}`)
	})
	t.Run("missing", func(t *testing.T) {
		planFails(t, fidelityTemplate("MARKETING", fmt.Sprintf(`components = {
    %s
    buttons = [{ type = "COPY_CODE" }]
  }`, couponBody), ""), "Template would be rejected", "COPY_CODE button needs an example code")
	})
	t.Run("too long", func(t *testing.T) {
		planFails(t, fidelityTemplate("MARKETING", fmt.Sprintf(`components = {
    %s
    buttons = [{ type = "COPY_CODE", code_example = "SPRING2026SUPERSALE" }]
  }`, couponBody), ""), "Template would be rejected", "is 19 characters; the limit is 15")
	})
}

// components_json reaches the API as written: limited_time_offer and
// carousel keep their nested objects.
func TestAccTemplateFidelity_componentsJSONVerbatim(t *testing.T) {
	t.Run("limited_time_offer", func(t *testing.T) {
		// A limited-time offer template always has a URL button, and with
		// has_expiration a copy code button first (d360.CheckTemplateContent).
		createBodyContains(t, fidelityTemplate("MARKETING", `components_json = jsonencode([
    { type = "limited_time_offer", limited_time_offer = { text = "Expiring offer!", has_expiration = true } },
    { type = "body", text = "Good news, {{1}}!", example = { body_text = [["Pablo"]] } },
    { type = "buttons", buttons = [
      { type = "copy_code", example = "CARIBE25" },
      { type = "url", text = "Book now!", url = "https://shop.example.com/offer" },
    ] },
  ])`, ""), `"limited_time_offer":{"has_expiration":true,"text":"Expiring offer!"}`, `"type":"limited_time_offer"`)
	})
	t.Run("carousel", func(t *testing.T) {
		createBodyContains(t, fidelityTemplate("MARKETING", `components_json = jsonencode([
    { type = "body", text = "Rare succulents for sale!" },
    { type = "carousel", cards = [for i in [1, 2] : { components = [
      { type = "header", format = "image", example = { header_handle = ["4::aW${i}"] } },
      { type = "body", text = "Card ${i}" },
      { type = "buttons", buttons = [{ type = "quick_reply", text = "Send more like this" }] },
    ] }] },
  ])`, ""), `"cards":[{"components":[{"example":{"header_handle":["4::aW1"]}`)
	})
	// The mock refuses it too (mock360's TestCreateTemplate_documentedShapes);
	// the plan now refuses it first, so nothing is submitted.
	t.Run("malformed limited_time_offer is refused at plan", func(t *testing.T) {
		planFails(t, fidelityTemplate("MARKETING", `components_json = jsonencode([
    { type = "limited_time_offer", limited_time_offer = { text = "This offer text is far too long" } },
    { type = "body", text = "Good news!" },
    { type = "buttons", buttons = [{ type = "url", text = "Book now!", url = "https://shop.example.com/offer" }] },
  ])`, ""), "Template would be rejected",
			`the limited-time offer text "This offer text is far too long" is 31 characters; the limit is 16`)
	})
}

// Meta documents more button types than the typed schema knows; they pass.
func TestAccTemplateFidelity_unknownButtonType(t *testing.T) {
	createBodyContains(t, fidelityTemplate("MARKETING", `components = {
    body    = { text = "Call us about the sale" }
    buttons = [{ type = "VOICE_CALL", text = "Call now" }]
  }`, ""), `{"type":"VOICE_CALL","text":"Call now"}`)
}

// Meta's time-to-live table, per category.
func TestAccTemplateFidelity_ttlPerCategory(t *testing.T) {
	body := `components = { body = { text = "Your order has shipped." } }`
	t.Run("marketing -1", func(t *testing.T) {
		planFails(t, fidelityTemplate("MARKETING", body, "message_send_ttl_seconds = -1"), "MARKETING templates take 43200 to 2592000 seconds")
	})
	t.Run("utility 13 hours", func(t *testing.T) {
		planFails(t, fidelityTemplate("UTILITY", body, "message_send_ttl_seconds = 46800"), "UTILITY templates take 30 to 43200 seconds")
	})
	t.Run("authentication 20 minutes", func(t *testing.T) {
		planFails(t, fidelityTemplate("AUTHENTICATION", body, "message_send_ttl_seconds = 1200"), "AUTHENTICATION templates take 30 to 900 seconds")
	})
	t.Run("utility 1 hour", func(t *testing.T) {
		createBodyContains(t, fidelityTemplate("UTILITY", body, "message_send_ttl_seconds = 3600"), `"message_send_ttl_seconds":3600`)
	})
}

const springSaleConfig = `
resource "d360_template" "spring" {
  name     = "spring_sale"
  language = "en"
  category = "MARKETING"
  components = {
    header = { format = "TEXT", text = "Spring sale" }
    body = {
      text     = "Hi {{1}}, {{2}} off everything until Sunday."
      examples = ["Peter", "20%"]
    }
    footer  = "Reply STOP to opt out"
    buttons = [{ type = "URL", text = "Shop now", url = "https://shop.example.com/sale/{{1}}", url_example = "https://shop.example.com/sale/spring" }]
  }
}
`

// Importing the mock's approved spring_sale with a matching configuration
// and planning shows no changes.
func TestAccTemplateFidelity_importRoundTrip(t *testing.T) {
	_, ts := newMock(t, mock360.Options{})
	config := providerConfig(ts) + springSaleConfig
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{Config: config, ResourceName: "d360_template.spring", ImportState: true, ImportStateId: "spring_sale/en", ImportStatePersist: true},
			{Config: config, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
		},
	})
}

// The per-send TTL is not in Meta's send schema (MarketingMessageRequestPayload,
// https://developers.facebook.com/documentation/business-messaging/whatsapp/reference/whatsapp-business-phone-number/marketing-messages-api-for-whatsapp):
// it was removed before 0.1.0, and the TTL is set on d360_template alone.
func TestTemplateFidelity_noSendTTL(t *testing.T) {
	for _, r := range []fwresource.Resource{NewMarketingMessageResource(), NewMarketingBroadcastResource()} {
		var resp fwresource.SchemaResponse
		r.Schema(context.Background(), fwresource.SchemaRequest{}, &resp)
		if _, ok := resp.Schema.Attributes["message_send_ttl_seconds"]; ok {
			t.Errorf("%T still has message_send_ttl_seconds", r)
		}
	}
	var resp fwresource.SchemaResponse
	NewTemplateResource().Schema(context.Background(), fwresource.SchemaRequest{}, &resp)
	if _, ok := resp.Schema.Attributes["message_send_ttl_seconds"]; !ok {
		t.Error("d360_template lost message_send_ttl_seconds, the documented place for a TTL")
	}
}
