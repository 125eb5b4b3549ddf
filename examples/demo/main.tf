# The configuration `make demo` applies against d360-mock. Credentials and
# URLs come from the D360_* environment variables that d360-mock prints, so
# nothing secret is written here.
terraform {
  required_providers {
    d360 = {
      source = "d360-tf/d360"
    }
  }
}

provider "d360" {}

# Can this number send right now? Read only: a plan never sends anything.
data "d360_health_status" "channel" {}

output "can_send_message" {
  description = "Overall health of the channel: AVAILABLE, LIMITED or BLOCKED."
  value       = data.d360_health_status.channel.can_send_message
}

output "health_entities" {
  description = "Each node on the send path and its status."
  value = [
    for e in data.d360_health_status.channel.entities :
    "${e.entity_type} ${e.id}: ${e.can_send_message}"
  ]
}
