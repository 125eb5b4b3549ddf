variable "test_panel" {
  description = "The internal test panel: numbers in international format, digits only."
  type        = set(string)
}

# One smoke test of the spring campaign to the whole test panel. Adding a
# number later sends to it alone; changing triggers sends to everyone again.
resource "d360_marketing_broadcast" "spring_panel" {
  recipients    = var.test_panel
  template_name = "spring_sale"
  language_code = "en"

  body_parameters = [
    { text = "there" },
    { text = "20%" },
  ]
  buttons = [
    { index = 0, sub_type = "url", text = "spring-2026" },
  ]

  # A personal greeting for some recipients; it replaces body_parameters.
  recipient_parameters = {
    "4915112345678" = ["Ana", "25%"]
  }

  product_policy = "STRICT"

  triggers = {
    campaign = "spring-2026"
  }

  timeouts {
    create = "10m"
  }

  lifecycle {
    # Refused sends are retried on the next apply; fail CI meanwhile.
    postcondition {
      condition     = self.failed_count == 0
      error_message = "${self.failed_count} recipient(s) were refused; the next apply retries them."
    }
  }
}

output "spring_panel" {
  value = {
    accepted = d360_marketing_broadcast.spring_panel.accepted_count
    failed   = d360_marketing_broadcast.spring_panel.failed_count
    unknown  = d360_marketing_broadcast.spring_panel.unknown_count
    # Who was refused or may not have been reached, and why.
    not_accepted = d360_marketing_broadcast.spring_panel.not_accepted
  }
}
