variable "webhook_secret" {
  description = "Shared secret the receiver checks on every event."
  type        = string
  sensitive   = true
}

# Where 360dialog posts this number's events: sent, delivered, read, and MM
# Lite click events. https only, no port, no underscore in the host.
resource "d360_webhook" "this" {
  url = "https://hooks.example.com/whatsapp"
  headers = {
    "X-Hook-Secret" = var.webhook_secret
  }
}
