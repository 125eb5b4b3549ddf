#!/usr/bin/env bash
# make demo: build the provider and d360-mock, start the mock on loopback,
# apply examples/demo against it with a real Terraform, print what happened,
# and clean up. Needs no account and no network.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
# The CLI: TF when set, else a terraform (1.5 or later) or tofu on PATH, else
# Terraform 1.5.7 built into .tools/bin (minutes on a fresh machine).
pick_cli() {
  local c v
  for c in terraform tofu; do
    c=$(command -v "$c") || continue
    v=$(TF_CLI_CONFIG_FILE=/dev/null "$c" version 2>/dev/null | sed -nE '1s/^(Terraform|OpenTofu) v([0-9]+)\.([0-9]+)\..*/\2 \3/p')
    read -r major minor <<<"${v:-0 0}"
    if [ "$major" -gt 1 ] || { [ "$major" -eq 1 ] && [ "$minor" -ge 5 ]; }; then
      echo "$c"
      return
    fi
  done
  "$root/scripts/install-tools.sh" terraform >&2
  echo "$root/.tools/bin/terraform"
}
TF=${TF:-$(pick_cli)}

work=$(mktemp -d "${TMPDIR:-/tmp}/d360-demo.XXXXXX")
# shellcheck source=scripts/lib.sh
. "$root/scripts/lib.sh"
cleanup() {
  stop_mock
  rm -rf "$work"
}
trap cleanup EXIT

step() { printf '\n==> %s\n' "$*"; }

step "building terraform-provider-d360 and d360-mock"
build_binaries

step "starting d360-mock on loopback"
# Webhooks for hooks.demo.test go to the mock's own inbox, the demo's receiver;
# templates are approved 2 seconds after they are submitted.
start_mock -inbox-host hooks.demo.test -approval-delay 2s
echo "d360-mock at $D360_BASE_URL"

cp examples/demo/*.tf "$work/"
tf() { "$TF" -chdir="$work" "$@"; }

step "$("$TF" version | sed -n 1p): init"
tf init -input=false -no-color >"$work/init.log" 2>&1 || { cat "$work/init.log"; exit 1; }
grep -E '^- (Installing|Installed)' "$work/init.log"

step "plan, saved: what the recipient will read, straight from the plan (TF_LOG=trace from here on, checked for secrets below)"
export TF_LOG=trace TF_LOG_PATH="$work/trace.log"
tf plan -input=false -no-color -out="$work/tfplan" >"$work/plan1.log" 2>&1 || { cat "$work/plan1.log"; exit 1; }
grep -E '^(Plan:|Warning:)' "$work/plan1.log" || true
tf show -json "$work/tfplan" | jq -r '
  .resource_changes[] | select(.type == "d360_marketing_message")
  | "\n" + .address + ":\n" + ((.change.after.preview // "(known after apply: its template is created by this apply)") | split("\n") | map("  | " + .) | join("\n"))'

step "apply the saved plan"
tf apply -input=false -no-color "$work/tfplan"
unset TF_LOG TF_LOG_PATH

step "plan again: the message is in state, so nothing is sent twice"
set +e
tf plan -input=false -no-color -detailed-exitcode >"$work/plan2.log" 2>&1
plan_rc=$?
set -e
grep -E '^(No changes|Plan:)' "$work/plan2.log" || true
[ "$plan_rc" -eq 0 ] || { cat "$work/plan2.log"; echo "the second plan was not empty" >&2; exit 1; }

# Terraform 1.14 and later have actions; Terraform 1.5 and OpenTofu reject
# the block, so the demo's action lives in a file copied only here.
has_actions() {
  local v major minor
  v=$("$TF" version 2>/dev/null | sed -nE '1s/^Terraform v([0-9]+)\.([0-9]+)\..*/\1 \2/p')
  read -r major minor <<<"${v:-0 0}"
  [ "$major" -gt 1 ] || { [ "$major" -eq 1 ] && [ "$minor" -ge 14 ]; }
}
if has_actions; then
  step "invoke the d360_send_marketing_message action once: a send on demand, nothing in state"
  cp examples/demo/action/*.tf "$work/"
  tf apply -input=false -no-color -auto-approve -invoke=action.d360_send_marketing_message.spring_offer_now >"$work/invoke.log" 2>&1 ||
    { cat "$work/invoke.log"; exit 1; }
  sed -n '/^Action action/,/^Apply complete/p' "$work/invoke.log"
fi

# d360-mock sends the status webhooks tens of milliseconds after the send.
for _ in $(seq 1 50); do
  [ "$(curl -fsS "$D360_BASE_URL/_mock/inbox" | grep -o '"time"' | wc -l)" -ge 4 ] && break
  sleep 0.1
done

step "what d360-mock received, and the webhook events the receiver got"
curl -fsS "$D360_BASE_URL/_mock/summary"

step "secrets in the trace log"
lines=$(wc -l <"$work/trace.log")
provider_lines=$(grep -c '360dialog request' "$work/trace.log" || true)
leaks=$(grep -c -F -e "$D360_API_KEY" -e "$D360_GRAPH_API_TOKEN" "$work/trace.log" || true)
echo "$lines trace lines, $provider_lines of them the provider's request log; API key or Graph token found $leaks times"
[ "$provider_lines" -gt 0 ] || { echo "the trace log has no provider lines, so it proves nothing" >&2; exit 1; }
[ "$leaks" -eq 0 ] || { echo "a secret reached the trace log" >&2; exit 1; }

step "done: the mock is stopped and $work removed"
