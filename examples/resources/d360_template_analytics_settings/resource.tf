# Confirm template analytics once on the WhatsApp Business Account, so that
# d360_template_analytics can read metrics. Safe to apply on an account that
# confirmed already. Destroy only forgets it: there is no off switch.
resource "d360_template_analytics_settings" "this" {
  enabled = true
}

data "d360_template_analytics" "spring_sale" {
  template_ids = ["Hq3PzY7bN2cWd8Ua"]
  start        = "2026-05-01T00:00:00Z"

  depends_on = [d360_template_analytics_settings.this]
}
