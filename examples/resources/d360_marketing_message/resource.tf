variable "waba_id" {
  description = "The WhatsApp Business Account id."
  type        = string
}

variable "smoke_test_recipients" {
  description = "Known test numbers, international format, digits only."
  type        = set(string)
  default     = ["4915112345678"]
}

# Stop before sending anything unless the WABA is onboarded to MM Lite and
# the number is not blocked.
data "d360_mm_lite_eligibility" "this" {
  waba_id = var.waba_id
}

# A CI smoke test of the spring_sale template. The plan checks the template
# (approved, MARKETING, English, two body variables and a URL button) and
# sends nothing; the apply sends once per recipient. Later applies send
# nothing until `triggers` changes.
resource "d360_marketing_message" "spring_sale_smoke_test" {
  for_each = var.smoke_test_recipients

  to            = each.value
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
  product_policy           = "STRICT"
  message_activity_sharing = true

  triggers = {
    # Bump to send the smoke test again, e.g. the template version or a CI run id.
    template_version = "2026-03"
  }

  timeouts {
    create = "2m"
  }

  lifecycle {
    precondition {
      condition     = data.d360_mm_lite_eligibility.this.ready
      error_message = "MM Lite is not ready: ${join("; ", data.d360_mm_lite_eligibility.this.reasons)}"
    }
  }
}

output "smoke_test_message_ids" {
  value = { for to, m in d360_marketing_message.spring_sale_smoke_test : to => m.id }
}
