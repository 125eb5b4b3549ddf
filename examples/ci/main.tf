# A complete configuration for a CI pipeline: run it against d360-mock on
# every change, and against the real API (with real keys in the CI secret
# store) on release. See README.md in this folder.
terraform {
  required_version = ">= 1.5.0"
  required_providers {
    d360 = {
      source = "d360-tf/d360"
    }
  }
}

# All settings come from D360_API_KEY, D360_BASE_URL, D360_GRAPH_API_TOKEN
# and D360_GRAPH_API_URL, which d360-mock prints for you.
provider "d360" {
  max_messages_per_second = 20
}

variable "waba_id" {
  description = "The WhatsApp Business Account id (d360-mock's default channel uses this one)."
  type        = string
  default     = "102290129340398"
}

variable "smoke_test_numbers" {
  description = "Numbers that receive the smoke test."
  type        = set(string)
  default     = ["4915112345678", "4915187654321"]
}

variable "run_id" {
  description = "Changes per pipeline run, so every run sends the smoke test once."
  type        = string
  default     = "local"
}

data "d360_health_status" "channel" {}

data "d360_mm_lite_eligibility" "this" {
  waba_id = var.waba_id
}

resource "d360_marketing_broadcast" "smoke_test" {
  recipients    = var.smoke_test_numbers
  template_name = "marketing_text_no_param"
  language_code = "en"

  message_activity_sharing = true
  product_policy           = "STRICT"

  triggers = {
    run = var.run_id
  }

  lifecycle {
    precondition {
      condition     = data.d360_mm_lite_eligibility.this.ready
      error_message = "MM Lite is not ready: ${join("; ", data.d360_mm_lite_eligibility.this.reasons)}"
    }
    postcondition {
      condition     = self.failed_count == 0 && self.unknown_count == 0
      error_message = "Smoke test incomplete: ${self.failed_count} failed, ${self.unknown_count} unknown."
    }
  }
}

output "smoke_test" {
  value = {
    health   = data.d360_health_status.channel.can_send_message
    accepted = d360_marketing_broadcast.smoke_test.accepted_count
  }
}
