# Terraform 1.11+ only (OpenTofu reads override_during_plan.tofutest.hcl
# instead): override_during = plan makes the override's values known at
# plan, so a plan can assert on them.
#
# Set every computed attribute, language_policy too (optional and
# computed, unset in main.tf). One left out gets a made-up value at plan and
# another at apply, and the apply stops with "Provider produced
# inconsistent final plan ... This is a bug in the provider": the bug is in
# the override, not the provider. A plan-only run never shows it.
override_resource {
  target          = d360_marketing_message.smoke_test
  override_during = plan
  values = {
    id              = "wamid.override"
    outcome         = "accepted"
    message_status  = "accepted"
    preview         = "Hi Ana, 20% off everything until Sunday."
    sent_at         = "2026-03-01T09:00:00Z"
    wa_id           = "4915112345678"
    language_policy = "deterministic"
  }
}

run "preview_known_at_plan" {
  command = plan

  assert {
    condition     = output.preview == "Hi Ana, 20% off everything until Sunday."
    error_message = "The override's preview should be known at plan."
  }
}

run "apply_keeps_the_plan" {
  assert {
    condition     = output.message_id == "wamid.override"
    error_message = "The apply should keep the overridden id."
  }
}
