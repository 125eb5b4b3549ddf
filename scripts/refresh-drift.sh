#!/usr/bin/env bash
# Proves that a refresh right after an apply finds nothing to change, the
# way a CI drift check asks: `plan -refresh-only -detailed-exitcode` exits 0
# (not 2) for every resource type with every optional argument set, and so
# does a normal `plan -detailed-exitcode`. plugin-testing cannot see that
# exit code, hence a script. It runs each CLI in a fresh directory against
# one d360-mock.
#
# Called by `make testacc`. Args: the CLIs to run (default: the three the
# Makefile builds, and a terraform on PATH).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

work=$(mktemp -d "${TMPDIR:-/tmp}/d360-drift.XXXXXX")
# shellcheck source=scripts/lib.sh
. "$root/scripts/lib.sh"
# ShellCheck 0.9 takes a function that only the EXIT trap calls for dead code.
# shellcheck disable=SC2317
cleanup() {
  stop_mock
  rm -rf "$work"
}
trap cleanup EXIT

clis=("$@")
if [ ${#clis[@]} -eq 0 ]; then
  clis=("$root/.tools/bin/terraform" "$root/.tools/bin/tofu" "$root/.tools/bin/terraform-1.16.2")
  if path_tf=$(command -v terraform); then clis+=("$path_tf"); fi
fi

build_binaries
start_mock -approval-delay 0s

# Every optional argument of every resource type is set, but the ones that
# exclude another (components_json against the typed fields, recipient
# against to, headers_wo against headers): a second resource of the type
# sets those.
config() { # name suffix, so that each CLI gets templates of its own
  cat <<TF
terraform {
  required_providers {
    d360 = { source = "d360-tf/d360" }
  }
}
provider "d360" {}

resource "d360_template" "typed" {
  name            = "drift_typed_$1"
  language        = "en"
  category        = "MARKETING"
  parameter_format = "POSITIONAL"
  components = {
    header = { format = "TEXT", text = "Sale for {{1}}", example = "Ana" }
    body = {
      text     = "Hi {{1}}, {{2}} off until {{3}}."
      examples = ["Ana", "EUR 20", "Sunday"]
    }
    footer = "Reply STOP to opt out"
    buttons = [
      { type = "URL", text = "Shop now", url = "https://shop.example.com/sale/{{1}}", url_example = "https://shop.example.com/sale/spring" },
      { type = "QUICK_REPLY", text = "Not interested" },
    ]
  }
  message_send_ttl_seconds     = 86400
  max_price                    = { bid_amount = 2500 }
  allow_category_change        = false
  allow_name_reuse_after_delete = false
  allow_delete_other_languages = false
  wait_for_approval            = true
  timeouts {
    create = "2m"
  }
}

resource "d360_template" "raw" {
  name            = "drift_raw_$1"
  language        = "en"
  category        = "MARKETING"
  components_json = jsonencode([{ type = "BODY", text = "New arrivals are in, {{1}}.", example = { body_text = [["Ana"]] } }])
  wait_for_approval = true
}

resource "d360_marketing_message" "typed" {
  to            = "4915112345678"
  template_name = d360_template.typed.approved_name
  language_code = d360_template.typed.language
  language_policy = "deterministic"
  header        = { type = "text", text = "Ana" }
  body_parameters = [
    { text = "Ana" },
    { currency = { code = "EUR", amount_1000 = 20000, fallback_value = "EUR 20" } },
    { date_time = "Sunday" },
  ]
  buttons = [
    { index = 0, sub_type = "url", text = "spring-2026" },
    { index = 1, sub_type = "quick_reply", payload = "stop" },
  ]
  message_activity_sharing = true
  product_policy           = "STRICT"
  triggers                 = { run = "1" }
  timeouts {
    create = "2m"
  }
}

resource "d360_marketing_message" "raw" {
  recipient       = "US.13491208655302741918"
  template_name   = d360_template.raw.approved_name
  language_code   = "en"
  components_json = jsonencode([{ type = "body", parameters = [{ type = "text", text = "Ana" }] }])
}

resource "d360_marketing_broadcast" "typed" {
  recipients    = ["4915100000001", "4915100000002"]
  template_name = d360_template.typed.approved_name
  language_code = d360_template.typed.language
  language_policy = "deterministic"
  header        = { type = "text", text = "friend" }
  body_parameters = [
    { text = "friend" },
    { currency = { code = "EUR", amount_1000 = 20000, fallback_value = "EUR 20" } },
    { date_time = "Sunday" },
  ]
  buttons = [{ index = 0, sub_type = "url", text = "spring-2026" }]
  recipient_parameters = {
    "4915100000001" = ["Ana", "EUR 25", "Monday"]
  }
  message_activity_sharing = true
  product_policy           = "STRICT"
  triggers                 = { run = "1" }
  timeouts {
    create = "5m"
    update = "5m"
  }
}

resource "d360_marketing_broadcast" "raw" {
  recipients      = ["4915100000003"]
  template_name   = d360_template.raw.approved_name
  language_code   = "en"
  components_json = jsonencode([{ type = "body", parameters = [{ type = "text", text = "friend" }] }])
}

resource "d360_webhook" "this" {
  url     = "https://hooks.example.com/whatsapp"
  headers = { "X-Hook-Secret" = "drift-check-secret" }
}
TF
}

status=0
n=0
for cli in "${clis[@]}"; do
  n=$((n + 1))
  label=$("$cli" version 2>/dev/null | sed -n 1p)
  dir="$work/run$n"
  mkdir -p "$dir"
  config "$n" >"$dir/main.tf"
  tf() { "$cli" -chdir="$dir" "$@"; }
  if ! tf init -input=false -no-color >"$dir/init.log" 2>&1 || ! tf apply -input=false -no-color -auto-approve >"$dir/apply.log" 2>&1; then
    echo "refresh drift: $label: apply FAILED"
    tail -n 30 "$dir/init.log" "$dir/apply.log"
    status=1
    continue
  fi
  if [ "$(tf state list | wc -l)" -ne 7 ]; then
    echo "refresh drift: $label: FAILED, the apply left $(tf state list | wc -l) resources in state, not 7"
    status=1
    continue
  fi
  set +e
  # Three times: Terraform 1.11 reported drift on some refreshes only (the
  # order in which it compared two sensitive attributes varied).
  refresh_rc=0
  for _ in 1 2 3; do
    tf plan -input=false -no-color -refresh-only -detailed-exitcode >"$dir/refresh.log" 2>&1 || refresh_rc=$?
    [ "$refresh_rc" -eq 0 ] || break
  done
  tf plan -input=false -no-color -detailed-exitcode >"$dir/plan.log" 2>&1
  plan_rc=$?
  set -e
  if [ "$refresh_rc" -eq 0 ] && [ "$plan_rc" -eq 0 ]; then
    echo "refresh drift: $label: ok (plan -refresh-only, three times, and plan exit 0 after apply)"
  else
    echo "refresh drift: $label: FAILED (plan -refresh-only exited $refresh_rc, plan exited $plan_rc; 0 expected)"
    tail -n 30 "$dir/refresh.log" "$dir/plan.log"
    status=1
  fi
done
exit $status
