# No API at all: mock_provider replaces the d360 provider for every run in
# this file, so it needs no D360_* variables and sends nothing. What it
# tests is the module's own logic: the gates, the outputs, the wiring.
# Terraform 1.7+ or OpenTofu 1.8+.

mock_provider "d360" {
  mock_data "d360_mm_lite_eligibility" {
    defaults = {
      ready             = true
      reasons           = []
      onboarding_status = "ONBOARDED"
    }
  }

  # Computed attributes with no default get a made-up string each. The id
  # is left to that: Terraform makes up a new one for a replacement, so the
  # next run would see it change (OpenTofu makes up the same one each time).
  mock_resource "d360_marketing_message" {
    defaults = {
      outcome = "accepted"
      preview = "Hi Ana, 20% off everything until Sunday."
    }
  }
}

# Terraform's mocks cannot fill d360_templates.templates (a computed list of
# objects: it comes out empty), so the template gate is replaced as a whole.
override_module {
  target = module.template_gate
  outputs = {
    approved = true
    status   = "APPROVED"
  }
}

run "send_with_mocked_api" {
  assert {
    condition     = output.outcome == "accepted" && output.preview == "Hi Ana, 20% off everything until Sunday."
    error_message = "The mocked send should be accepted, with the mocked preview."
  }
}

run "campaign_change_is_an_update_under_mock_provider" {
  variables {
    campaign         = "summer-2026"
    first_message_id = run.send_with_mocked_api.message_id
  }

  # The real provider replaces the message on a triggers change: a new send,
  # with a new id. mock_provider does not know that a change of triggers
  # requires replacement, so it plans an in-place update and the id stays.
  # Test resends against d360-mock instead.
  assert {
    condition     = output.message_id == var.first_message_id
    error_message = "mock_provider replaced the message; it is not known to do that."
  }
}

run "not_ready_stops_the_send" {
  command = plan

  override_data {
    target = data.d360_mm_lite_eligibility.this
    values = {
      ready   = false
      reasons = ["The phone number is BLOCKED."]
    }
  }

  expect_failures = [d360_marketing_message.smoke_test]
}

run "unapproved_template_stops_the_send" {
  command = plan

  override_module {
    target = module.template_gate
    outputs = {
      approved = false
      status   = "PENDING"
    }
  }

  expect_failures = [d360_marketing_message.smoke_test]
}
