variable "waba_id" {
  description = "The WhatsApp Business Account id, from WhatsApp Manager or the 360dialog Hub."
  type        = string
}

# Reads Meta's MM Lite onboarding status (needs graph_api_token or
# D360_GRAPH_API_TOKEN) and 360dialog's health status. Only GET requests.
data "d360_mm_lite_eligibility" "this" {
  waba_id = var.waba_id
}

# Gate marketing sends on it: when the WABA is not onboarded or the number is
# blocked, the apply stops before anything is sent, and says why.
resource "terraform_data" "campaign_gate" {
  input = data.d360_mm_lite_eligibility.this.onboarding_status

  lifecycle {
    precondition {
      condition     = data.d360_mm_lite_eligibility.this.ready
      error_message = "MM Lite is not ready for WABA ${var.waba_id}: ${join("; ", data.d360_mm_lite_eligibility.this.reasons)}"
    }
  }
}

output "mm_lite_ready" {
  value = data.d360_mm_lite_eligibility.this.ready
}
