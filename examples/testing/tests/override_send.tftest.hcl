# The reads go to d360-mock (or the API) as usual; the send is replaced, so
# this file sends nothing. For a module whose tests may read a real channel
# but must never message anyone.

run "send_replaced_at_apply" {
  # On Terraform an override takes effect at apply unless it says
  # otherwise (override_during_plan.tftest.hcl): at plan the send's computed
  # attributes, preview among them, are unknown.
  override_resource {
    target = d360_marketing_message.smoke_test
    values = {
      id      = "wamid.override"
      outcome = "accepted"
    }
  }

  assert {
    condition     = output.message_id == "wamid.override" && output.outcome == "accepted"
    error_message = "The overridden send should be wamid.override, accepted."
  }
}
