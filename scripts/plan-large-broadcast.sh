#!/usr/bin/env bash
# Times a no-change plan over a d360_marketing_broadcast state with
# $N recipients (default 10000) on a real CLI, against d360-mock. The apply
# that builds the state is untimed. Set D360_PPROF_DIR to also keep CPU
# profiles of the provider process. Usage: scripts/plan-large-broadcast.sh
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
N=${N:-10000} # a multiple of 1000
RUNS=${RUNS:-3}
CLI=${CLI:-terraform}
work=$(mktemp -d "${TMPDIR:-/tmp}/d360-large.XXXXXX")
# shellcheck source=scripts/lib.sh
. "$root/scripts/lib.sh"
trap 'stop_mock; rm -rf "$work"' EXIT

build_binaries
start_mock -rate-limit 0
mkdir -p "$work/cfg"
cat >"$work/cfg/main.tf" <<TF
terraform {
  required_providers {
    d360 = { source = "d360-tf/d360" }
  }
}
provider "d360" {
  max_messages_per_second = 1000
}
resource "d360_marketing_broadcast" "large" {
  # range() stops at 1024 values, so thousands of thousands.
  recipients    = flatten([for k in range($((N / 1000))) : [for i in range(1000) : format("49152%08d", k * 1000 + i)]])
  template_name = "marketing_text_no_param"
  language_code = "en"
}
TF
cd "$work/cfg"
"$CLI" init -input=false >/dev/null
"$CLI" apply -input=false -auto-approve >/dev/null
for run in $(seq 1 "$RUNS"); do
  start=$(date +%s.%N)
  "$CLI" plan -input=false -detailed-exitcode >/dev/null
  end=$(date +%s.%N)
  printf 'plan %d of %d recipients, no change: %.2fs\n' "$run" "$N" "$(echo "$end - $start" | bc)"
done
if [ -n "${TRACE:-}" ]; then
  start=$(date +%s.%N)
  TF_LOG=trace TF_LOG_PATH="$work/trace.log" "$CLI" plan -input=false -detailed-exitcode >/dev/null
  end=$(date +%s.%N)
  printf 'plan with TF_LOG=trace: %.2fs (%s log lines)\n' "$(echo "$end - $start" | bc)" "$(wc -l <"$work/trace.log")"
fi
