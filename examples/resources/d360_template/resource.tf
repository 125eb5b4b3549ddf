# A marketing template, versioned in its name: Meta locks an approved
# template's name for 30 days after a delete, so a new version gets a new
# name rather than replacing the old one in place.
resource "d360_template" "spring_sale_v2" {
  name     = "spring_sale_v2"
  language = "en"
  category = "MARKETING"

  components = {
    header = { format = "TEXT", text = "Spring sale" }
    body = {
      text     = "Hi {{1}}, {{2}} off everything until Sunday."
      examples = ["Ana", "20%"]
    }
    footer = "Reply STOP to opt out"
    buttons = [
      { type = "URL", text = "Shop now", url = "https://shop.example.com/sale/{{1}}", url_example = "https://shop.example.com/sale/spring" },
      { type = "QUICK_REPLY", text = "Not interested" },
    ]
  }

  message_send_ttl_seconds = 86400

  # Meta's max price (open beta): pay at most USD 0.025 per delivery on a
  # USD account. bid_amount is per 1,000 deliveries in the smallest currency
  # unit: 0.025 x 100 cents x 1,000 = 2500. A spend cap reviewed in the PR.
  max_price = {
    bid_amount = 2500
  }

  # Sends in the same apply use approved_name, so they wait for this.
  wait_for_approval = true
  timeouts {
    create = "30m"
  }
}

resource "d360_marketing_message" "first_test" {
  to              = "4915112345678"
  template_name   = d360_template.spring_sale_v2.approved_name
  language_code   = d360_template.spring_sale_v2.language
  body_parameters = [{ text = "Ana" }, { text = "20%" }]
  buttons         = [{ index = 0, sub_type = "url", text = "spring" }]
}
