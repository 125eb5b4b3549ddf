# terraform query -generate-config-out=templates.tf (Terraform 1.14 or later)
# writes a resource and an import block for each template found; a plan of
# them imports the templates with no other change.
list "d360_template" "spring" {
  provider         = d360
  include_resource = true
  config {
    name_prefix = "spring_"
    status      = "APPROVED"
    category    = "MARKETING"
    language    = "en"
  }
}
