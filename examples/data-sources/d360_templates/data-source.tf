# Every approved marketing template on the channel, with how many
# parameters a send must fill.
data "d360_templates" "marketing" {
  category = "MARKETING"
  status   = "APPROVED"
}

output "marketing_templates" {
  value = {
    for t in data.d360_templates.marketing.templates :
    "${t.name}/${t.language}" => {
      body_parameters = t.body_placeholders
      url_buttons     = t.url_button_placeholders
    }
  }
}
