# Can the channel's number send right now? Reads GET /health_status only.
data "d360_health_status" "channel" {}

check "number_can_send" {
  assert {
    condition     = data.d360_health_status.channel.can_send_message != "BLOCKED"
    error_message = "The number is BLOCKED: ${join("; ", flatten([for e in data.d360_health_status.channel.entities : [for err in e.errors : "${e.entity_type}: ${err.description} ${err.solution}"]]))}"
  }
}

output "can_send_message" {
  value = data.d360_health_status.channel.can_send_message
}
