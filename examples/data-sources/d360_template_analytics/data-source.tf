# How did spring_sale perform over the last 7 days? Reads
# GET /marketing/template_analytics only. Template analytics must be
# confirmed once on the WABA (WhatsApp Manager, or
# POST /marketing/template_analytics?enable=true).
data "d360_templates" "spring" {
  name = "spring_sale"
}

data "d360_template_analytics" "spring" {
  template_ids = [for t in data.d360_templates.spring.templates : t.id]
  start        = timeadd(plantimestamp(), "-168h")
}

variable "min_read_rate" {
  type        = number
  default     = 0.3
  description = "Send no broadcast of a template read by fewer than this share of the people it reached."
}

# The gate: a plan of this broadcast fails, and nothing is sent, when the
# template has stopped performing.
resource "d360_marketing_broadcast" "spring" {
  recipients      = ["4915112345678", "4915187654321"]
  template_name   = "spring_sale"
  language_code   = "en"
  body_parameters = [{ text = "friend" }, { text = "20%" }]
  buttons         = [{ index = 0, sub_type = "url", text = "spring" }]

  lifecycle {
    precondition {
      condition     = data.d360_template_analytics.spring.read_rate >= var.min_read_rate
      error_message = "spring_sale was read by ${format("%.0f", data.d360_template_analytics.spring.read_rate * 100)}% of ${data.d360_template_analytics.spring.delivered} deliveries in the last 7 days, below ${var.min_read_rate * 100}%."
    }
  }
}

output "spring_sale_last_7_days" {
  value = {
    sent        = data.d360_template_analytics.spring.sent
    delivered   = data.d360_template_analytics.spring.delivered
    read_rate   = data.d360_template_analytics.spring.read_rate
    click_rate  = data.d360_template_analytics.spring.click_rate
    cost        = data.d360_template_analytics.spring.cost
    conversions = data.d360_template_analytics.spring.conversions
  }
}
