# Is a template on the channel, in this language, approved, as MARKETING?
# A module of its own so that a test can replace it with override_module:
# Terraform's mock_data and override_data cannot fill a computed list of
# objects such as d360_templates.templates (any list is refused, an object
# gives an empty one), so a condition on that list is always false under
# mock_provider. See docs/guides/testing.md.
terraform {
  required_providers {
    d360 = {
      source = "d360-tf/d360"
    }
  }
}

variable "name" {
  description = "The template name."
  type        = string
}

variable "language" {
  description = "The template language."
  type        = string
}

data "d360_templates" "this" {
  name     = var.name
  language = var.language
}

output "approved" {
  description = "Whether the template can be sent through MM Lite."
  value = anytrue([
    for t in data.d360_templates.this.templates : t.status == "APPROVED" && t.category == "MARKETING"
  ])
}

output "status" {
  description = "The template's review status, or null when the channel has no such template."
  value       = one(data.d360_templates.this.templates[*].status)
}
