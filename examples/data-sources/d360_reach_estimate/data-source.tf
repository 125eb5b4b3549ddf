variable "waba_id" {
  description = "The WhatsApp Business Account id, from WhatsApp Manager or the 360dialog Hub."
  type        = string
}

variable "budget" {
  description = "The most this broadcast may cost, in the smallest unit of the WABA's currency (cents for USD)."
  type        = number
}

variable "recipients" {
  description = "Phone numbers in Brazil, digits only with the country code."
  type        = list(string)
}

# Meta's reach estimate for Brazil over the last 7 days (a Graph read: needs
# graph_api_token or D360_GRAPH_API_TOKEN). Only GET requests.
data "d360_reach_estimate" "br" {
  waba_id  = var.waba_id
  country  = "BR"
  lookback = "L7D"
}

locals {
  # The template's max price per 1,000 deliveries, as on d360_template.
  template_max_price = 6250
  # The cheapest estimated level at or above that max price, else the dearest.
  at_or_above = [for e in data.d360_reach_estimate.br.estimates : e if e.max_price >= local.template_max_price]
  estimate    = length(local.at_or_above) > 0 ? local.at_or_above[0] : data.d360_reach_estimate.br.estimates[length(data.d360_reach_estimate.br.estimates) - 1]
}

# The estimate shows in the plan, for review in the pull request.
output "reach_estimate" {
  value = {
    currency   = data.d360_reach_estimate.br.currency
    max_price  = local.estimate.max_price
    deliveries = "${local.estimate.estimated_deliveries_min}-${local.estimate.estimated_deliveries_max}"
    cost_max   = local.estimate.estimated_cost_max
  }
}

# The budget gate: over budget, the plan stops and nothing is sent.
resource "d360_marketing_broadcast" "spring" {
  recipients    = var.recipients
  template_name = "spring_sale"
  language_code = "en"

  lifecycle {
    precondition {
      condition     = local.estimate.estimated_cost_max <= var.budget
      error_message = "Estimated cost ${local.estimate.estimated_cost_max} ${data.d360_reach_estimate.br.currency} (smallest unit) at max price ${local.estimate.max_price} is over the budget ${var.budget}."
    }
  }
}
