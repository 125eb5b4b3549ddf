# Terraform 1.12 or later: import by identity instead of the "name/language" id.
import {
  to = d360_template.spring_sale_v2
  identity = {
    name     = "spring_sale_v2"
    language = "en"
  }
}
