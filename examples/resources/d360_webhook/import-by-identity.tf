# Terraform 1.12 or later. The channel is the provider's (its API key's), and
# it has one webhook, so the identity is always the same.
import {
  to       = d360_webhook.this
  identity = { id = "webhook" }
}
