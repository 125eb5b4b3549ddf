# Copied next to ../main.tf by `make demo` only when the CLI has actions
# (Terraform 1.14 or later): Terraform 1.5 and OpenTofu reject an `action`
# block. The demo runs it once with
#   terraform apply -invoke=action.d360_send_marketing_message.spring_offer_now
# which sends one message and records nothing in state.
action "d360_send_marketing_message" "spring_offer_now" {
  config {
    to              = "4915112345678"
    template_name   = "spring_sale"
    language_code   = "en"
    body_parameters = [{ text = "Ben" }, { text = "15%" }]
    buttons         = [{ index = 0, sub_type = "url", text = "spring-ben" }]
  }
}
