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

# Events go to the demo's receiver. hooks.demo.test is a name d360-mock
# (started with -inbox-host hooks.demo.test) delivers to its own inbox, so
# the URL can follow 360dialog's rules: https, no port.
resource "d360_webhook" "demo" {
  url = "https://hooks.demo.test/whatsapp"
  headers = {
    "X-Demo-Secret" = "not-a-real-secret"
  }
}

# A new marketing template; the apply waits until it is approved.
resource "d360_template" "welcome" {
  name     = "demo_welcome_v1"
  language = "en"
  category = "MARKETING"
  components = {
    header = { format = "TEXT", text = "Welcome" }
    body = {
      text     = "Hi {{1}}, enjoy {{2}} off your first order."
      examples = ["Ana", "15%"]
    }
    footer = "Reply STOP to opt out"
    buttons = [
      { type = "URL", text = "Shop now", url = "https://shop.example.com/welcome/{{1}}", url_example = "https://shop.example.com/welcome/a1" },
    ]
  }
  wait_for_approval = true
  timeouts {
    create = "2m"
  }
}

# One smoke-test send of the new template, once it is approved and the
# webhook is set, behind the eligibility gate. It goes out once: a second
# apply plans nothing. Change `triggers` (or use -replace) to send again.
resource "d360_marketing_message" "smoke_test" {
  to            = var.test_recipient
  template_name = d360_template.welcome.approved_name
  language_code = d360_template.welcome.language

  body_parameters = [
    { text = "Ana" },
    { text = "15%" },
  ]
  buttons = [
    { index = 0, sub_type = "url", text = "a1" },
  ]
  message_activity_sharing = true
  product_policy           = "STRICT"

  triggers = {
    campaign = "welcome-2026"
  }

  depends_on = [d360_webhook.demo]

  lifecycle {
    precondition {
      condition     = data.d360_mm_lite_eligibility.this.ready
      error_message = "MM Lite is not ready: ${join("; ", data.d360_mm_lite_eligibility.this.reasons)}"
    }
  }
}

# A send of a template the channel already has: every value is known at plan
# time, so the plan shows the message as the recipient will read it
# (`preview`). The smoke test above shows its preview only after the apply
# that creates its template.
resource "d360_marketing_message" "spring_offer" {
  to              = var.test_recipient
  template_name   = "spring_sale"
  language_code   = "en"
  body_parameters = [{ text = "Ana" }, { text = "20%" }]
  buttons         = [{ index = 0, sub_type = "url", text = "spring-ana" }]
  product_policy  = "STRICT"

  depends_on = [d360_webhook.demo]

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

output "template_status" {
  description = "The demo template after review."
  value       = d360_template.welcome.status
}

output "message" {
  description = "The smoke-test send."
  value = {
    id      = d360_marketing_message.smoke_test.id
    outcome = d360_marketing_message.smoke_test.outcome
    sent_at = d360_marketing_message.smoke_test.sent_at
    preview = d360_marketing_message.smoke_test.preview
  }
}
