#!/usr/bin/env bash
# Runs the d360_send_marketing_message action the way a user does, with
# `terraform apply -invoke=...`, against d360-mock, and checks that a plan
# with -invoke sends nothing, that an apply without -invoke sends nothing,
# and that each invocation sends exactly one message. terraform-plugin-testing
# cannot -invoke, so the acceptance tests cover only action_trigger.
#
# Usage: scripts/invoke-action.sh [CLI]   (default .tools/bin/terraform-1.16.2;
#        a CLI with actions: Terraform 1.14 or later)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cli=${1:-$root/.tools/bin/terraform-1.16.2}

v=$(TF_CLI_CONFIG_FILE=/dev/null "$cli" version 2>/dev/null | sed -nE '1s/^Terraform v([0-9]+)\.([0-9]+)\..*/\1 \2/p')
read -r major minor <<<"${v:-0 0}"
if [ "$major" -lt 1 ] || { [ "$major" -eq 1 ] && [ "$minor" -lt 14 ]; }; then
  echo "invoke-action.sh: $cli is not Terraform 1.14 or later, which actions need" >&2
  exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/d360-invoke.XXXXXX")
# shellcheck source=scripts/lib.sh
. "$root/scripts/lib.sh"
cleanup() {
  stop_mock
  rm -rf "$work"
}
trap cleanup EXIT

build_binaries
# shellcheck disable=SC2119 # the mock's defaults: no flags to pass on
start_mock

mkdir -p "$work/cfg"
cat >"$work/cfg/main.tf" <<'EOF'
terraform {
  required_providers {
    d360 = { source = "d360-tf/d360" }
  }
}

provider "d360" {}

action "d360_send_marketing_message" "hello" {
  config {
    to            = "4915112345678"
    template_name = "marketing_text_no_param"
    language_code = "en"
  }
}
EOF

address=action.d360_send_marketing_message.hello
tf() { "$cli" -chdir="$work/cfg" "$@"; }
sends() { mock_sends; } # lib.sh
passed=0 failed=0
expect_sends() { # want what
  local got
  got=$(sends)
  if [ "$got" -eq "$1" ]; then
    passed=$((passed + 1))
    echo "ok: $2: $got POST /marketing_messages in all"
  else
    failed=$((failed + 1))
    echo "FAIL: $2: $got POST /marketing_messages in all, want $1" >&2
  fi
}

tf init -input=false -no-color >"$work/init.log" 2>&1 || { cat "$work/init.log"; exit 1; }

tf plan -input=false -no-color -invoke="$address" >"$work/plan.log" 2>&1 || { cat "$work/plan.log"; exit 1; }
expect_sends 0 "plan -invoke"

tf apply -input=false -no-color -auto-approve >"$work/apply.log" 2>&1 || { cat "$work/apply.log"; exit 1; }
expect_sends 0 "apply without -invoke"

for n in 1 2; do
  tf apply -input=false -no-color -auto-approve -invoke="$address" >"$work/invoke$n.log" 2>&1 || { cat "$work/invoke$n.log"; exit 1; }
  expect_sends "$n" "apply -invoke, invocation $n"
done
# The CLI shows the action's progress messages.
grep -F 'accepted wamid.' "$work/invoke2.log" >/dev/null || { cat "$work/invoke2.log"; echo "FAIL: no progress message" >&2; failed=$((failed + 1)); }
# Before the send it shows what the recipient reads (the mock's template).
grep -F 'Our new collection is here. Have a look!' "$work/invoke2.log" >/dev/null || { cat "$work/invoke2.log"; echo "FAIL: no preview in the progress" >&2; failed=$((failed + 1)); }

body=$(curl -fsS "$D360_BASE_URL/_mock/requests" |
  jq -c '[.[] | select(.method == "POST" and .path == "/marketing_messages")][0].body | fromjson? // .')
echo "first send: $body"

echo "invoke-action on $("$cli" version | sed -n 1p): $passed passed, $failed failed"
[ "$failed" -eq 0 ]
