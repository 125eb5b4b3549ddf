# Against d360-mock (or any 360dialog endpoint): start it, load the D360_*
# variables it writes, then `terraform test`. Each test of this file sends
# exactly one message, in run "send_once".

run "eligibility_gate_stops_the_send" {
  # Plan only: nothing would be sent anyway, and the gate must hold at plan.
  command = plan

  # d360-mock's channel is onboarded; pretend it is not.
  override_data {
    target = data.d360_mm_lite_eligibility.this
    values = {
      ready   = false
      reasons = ["The WABA has not accepted the MM Lite terms."]
    }
  }

  # The precondition on the send fails, and this run passes only if it does.
  expect_failures = [d360_marketing_message.smoke_test]
}

run "missing_template_stops_the_send" {
  command = plan

  variables {
    template_name = "no_such_template"
  }

  # The template precondition fails before the provider's own template
  # check runs, so the failure is one a test can expect.
  expect_failures = [d360_marketing_message.smoke_test]
}

run "preview_at_plan" {
  command = plan

  assert {
    condition     = output.ready
    error_message = "d360-mock's channel should be ready for MM Lite."
  }

  assert {
    condition     = output.preview == "Spring sale\n\nHi Ana, 20% off everything until Sunday.\n\nReply STOP to opt out\n\n[Shop now] → https://shop.example.com/sale/spring-ana"
    error_message = "Unexpected preview:\n${output.preview}"
  }
}

run "send_once" {
  command = apply

  assert {
    condition     = output.outcome == "accepted"
    error_message = "The send was not accepted: outcome ${output.outcome}."
  }

  assert {
    condition     = startswith(output.message_id, "wamid.")
    error_message = "Not a WhatsApp message id: ${output.message_id}."
  }
}

run "next_apply_sends_nothing" {
  command = apply

  # A variable the module does not declare, for the assertion only: OpenTofu
  # reads run.<name> outputs in a variables block, not in an assert.
  variables {
    first_message_id = run.send_once.message_id
  }

  # Same state, same arguments: the message is not sent again, so its id is
  # the one the first apply stored. The script that runs these tests also
  # counts the sends d360-mock received: one.
  assert {
    condition     = output.message_id == var.first_message_id
    error_message = "The message was sent again: ${var.first_message_id} became ${output.message_id}."
  }
}
