# Send the spring_sale template to one known number, on demand:
#
#   terraform apply -invoke=action.d360_send_marketing_message.spring_sale_smoke_test
#
# Each invocation sends one message; `terraform plan -invoke=...` checks the
# template and sends nothing. Nothing is kept in state.
action "d360_send_marketing_message" "spring_sale_smoke_test" {
  config {
    to            = "4915112345678"
    template_name = "spring_sale"
    language_code = "en"

    body_parameters = [
      { text = "Ana" },
      { currency = { code = "EUR", amount_1000 = 20000, fallback_value = "€20" } },
    ]
    buttons = [
      { index = 0, sub_type = "url", text = "spring-2026" },
    ]

    # Fail rather than fall back to the Cloud API if MM Lite cannot take it.
    product_policy = "STRICT"
  }
}

# Or let a resource's lifecycle run it: here, once when the release marker is
# created, and again each time a change of triggers_replace replaces it.
resource "terraform_data" "release" {
  triggers_replace = "2026-03"

  lifecycle {
    action_trigger {
      events  = [after_create]
      actions = [action.d360_send_marketing_message.spring_sale_smoke_test]
    }
  }
}
