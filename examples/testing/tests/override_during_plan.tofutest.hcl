# OpenTofu reads this file instead of override_during_plan.tftest.hcl (a
# .tofutest.hcl wins over a .tftest.hcl of the same name; Terraform ignores
# it). OpenTofu has no override_during: its overrides hold at plan already,
# and a computed attribute left out gets the same made-up value at plan and
# at apply, so this file needs neither.
override_resource {
  target = d360_marketing_message.smoke_test
  values = {
    id      = "wamid.override"
    outcome = "accepted"
    preview = "Hi Ana, 20% off everything until Sunday."
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
