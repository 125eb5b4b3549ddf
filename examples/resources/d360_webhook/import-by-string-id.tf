# Terraform 1.5 or later, and OpenTofu: import by the id, always "webhook".
import {
  to = d360_webhook.this
  id = "webhook"
}
