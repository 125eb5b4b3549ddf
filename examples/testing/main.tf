# A small module with its own tests (tests/*.tftest.hcl): one smoke-test
# send of a marketing template, behind two gates that a test can trip on
# purpose. `terraform test` or `tofu test` runs them; see the testing guide
# (docs/guides/testing.md).
terraform {
  # Not for the module, which would run on 1.5, but for its tests:
  # mock_provider and override_* need Terraform 1.7 or OpenTofu 1.8 (and
  # tests/override_during_plan.tftest.hcl Terraform 1.11). On an older CLI
  # this says so, instead of an error about an unknown block.
  required_version = ">= 1.7.0"
  required_providers {
    d360 = {
      source = "d360-tf/d360"
    }
  }
}

# Settings come from D360_API_KEY, D360_BASE_URL, D360_GRAPH_API_TOKEN and
# D360_GRAPH_API_URL: the env file d360-mock writes, or your CI's secrets.
provider "d360" {}

variable "waba_id" {
  description = "The WhatsApp Business Account id (d360-mock's default channel uses this one)."
  type        = string
  default     = "102290129340398"
}

variable "recipient" {
  description = "Who receives the smoke test: a known test number, digits only."
  type        = string
  default     = "4915112345678"
}

variable "template_name" {
  description = "An approved MARKETING template on the channel (spring_sale is one of d360-mock's)."
  type        = string
  default     = "spring_sale"
}

variable "language_code" {
  description = "The template's language."
  type        = string
  default     = "en"
}

variable "body_parameters" {
  description = "One text per body variable of the template, in order."
  type        = list(string)
  default     = ["Ana", "20%"]
}

variable "button_suffix" {
  description = "What the template's URL button appends to its link."
  type        = string
  default     = "spring-ana"
}

variable "campaign" {
  description = "Change it to send the smoke test again (it is the send's triggers)."
  type        = string
  default     = "spring-2026"
}

# Gate 1: the WABA accepted the MM Lite terms and the number can send.
data "d360_mm_lite_eligibility" "this" {
  waba_id = var.waba_id
}

# Gate 2: the template exists in this language, approved, as MARKETING.
# The provider checks this itself at plan time, but its error is a
# diagnostic that no test can expect; the same check as a precondition is a
# failure that `expect_failures` can name (tests/d360_mock.tftest.hcl).
module "template_gate" {
  source   = "./modules/template_gate"
  name     = var.template_name
  language = var.language_code
}

resource "d360_marketing_message" "smoke_test" {
  to              = var.recipient
  template_name   = var.template_name
  language_code   = var.language_code
  body_parameters = [for text in var.body_parameters : { text = text }]
  buttons         = [{ index = 0, sub_type = "url", text = var.button_suffix }]
  product_policy  = "STRICT"

  triggers = {
    campaign = var.campaign
  }

  lifecycle {
    precondition {
      condition     = data.d360_mm_lite_eligibility.this.ready
      error_message = "MM Lite is not ready: ${join("; ", data.d360_mm_lite_eligibility.this.reasons)}"
    }
    precondition {
      condition     = module.template_gate.approved
      error_message = "Template ${var.template_name} (${var.language_code}) is not an approved MARKETING template on this channel (status: ${coalesce(module.template_gate.status, "not found")})."
    }
  }
}

output "ready" {
  description = "Whether MM Lite can send (the eligibility gate)."
  value       = data.d360_mm_lite_eligibility.this.ready
}

output "message_id" {
  description = "The WhatsApp message id of the send."
  value       = d360_marketing_message.smoke_test.id
}

output "outcome" {
  description = "accepted, or unknown when no answer proved what happened."
  value       = d360_marketing_message.smoke_test.outcome
}

output "preview" {
  description = "The message as the recipient reads it."
  value       = d360_marketing_message.smoke_test.preview
}
