# Terraform 1.5 or later, and OpenTofu: an import block with the template's
# "name/language" id, as `terraform import` takes it.
import {
  to = d360_template.spring_sale_v2
  id = "spring_sale_v2/en"
}
