# The configuration `make demo` applies against d360-mock. Credentials and
# URLs come from the D360_* environment variables that d360-mock prints, so
# nothing secret is written here.
terraform {
  required_providers {
    d360 = {
      source = "d360-tf/d360"
    }
  }
}

provider "d360" {}

variable "waba_id" {
  description = "The WhatsApp Business Account id; d360-mock's default channel uses this one."
  type        = string
  default     = "102290129340398"
}

# Can this number send right now? Read only: a plan never sends anything.
data "d360_health_status" "channel" {}

# Has the WABA accepted the MM Lite terms, and can it send? Graph + health.
data "d360_mm_lite_eligibility" "this" {
  waba_id = var.waba_id
}

variable "test_recipient" {
  description = "Who receives the smoke-test message; any number works against d360-mock."
  type        = string
  default     = "4915112345678"
}

# One smoke-test send of the spring_sale template, behind the eligibility
# gate. It goes out once: a second apply plans nothing. Change `triggers`
# (or use -replace) to send again on purpose.
resource "d360_marketing_message" "smoke_test" {
  to            = var.test_recipient
  template_name = "spring_sale"
  language_code = "en"

  body_parameters = [
    { text = "Ana" },
    { text = "20%" },
  ]
  buttons = [
    { index = 0, sub_type = "url", text = "spring-2026" },
  ]
  message_activity_sharing = true
  product_policy           = "STRICT"

  triggers = {
    campaign = "spring-2026"
  }

  lifecycle {
    precondition {
      condition     = data.d360_mm_lite_eligibility.this.ready
      error_message = "MM Lite is not ready: ${join("; ", data.d360_mm_lite_eligibility.this.reasons)}"
    }
  }
}

output "can_send_message" {
  description = "Overall health of the channel: AVAILABLE, LIMITED or BLOCKED."
  value       = data.d360_health_status.channel.can_send_message
}

output "health_entities" {
  description = "Each node on the send path and its status."
  value = [
    for e in data.d360_health_status.channel.entities :
    "${e.entity_type} ${e.id}: ${e.can_send_message}"
  ]
}

output "mm_lite_eligibility" {
  description = "The MM Lite eligibility read."
  value = {
    onboarding_status = data.d360_mm_lite_eligibility.this.onboarding_status
    terms_status      = data.d360_mm_lite_eligibility.this.terms_status
    terms_signed_at   = data.d360_mm_lite_eligibility.this.terms_signed_at
    ready             = data.d360_mm_lite_eligibility.this.ready
    reasons           = data.d360_mm_lite_eligibility.this.reasons
  }
}

output "message" {
  description = "The smoke-test send."
  value = {
    id      = d360_marketing_message.smoke_test.id
    outcome = d360_marketing_message.smoke_test.outcome
    sent_at = d360_marketing_message.smoke_test.sent_at
  }
}
