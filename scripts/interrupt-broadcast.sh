#!/usr/bin/env bash
# Measures what interrupting the CLI in the middle of a broadcast costs: how
# many recipients get a second message when the apply is run again.
#
# On SIGINT (Ctrl-C) or SIGTERM, Terraform and OpenTofu ask the provider to
# stop, and the broadcast returns every send it made, which the CLI saves in
# state. SIGKILL ends the CLI before it can save anything, so those sends are
# in no state file and the next apply sends to those recipients again. The
# README's "Guarantees" section quotes this script's figures.
#
# Usage: scripts/interrupt-broadcast.sh [CLI]   (default .tools/bin/terraform)
# Env:   SIGNAL (KILL, INT or TERM; default KILL), N (recipients, default
#        200), KILL_AFTER (sends seen before the signal, default 80, about
#        one second at the default pace)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cli=${1:-$root/.tools/bin/terraform}
N=${N:-200}
KILL_AFTER=${KILL_AFTER:-80}
SIGNAL=${SIGNAL:-KILL}

work=$(mktemp -d "${TMPDIR:-/tmp}/d360-sigkill.XXXXXX")
# shellcheck source=scripts/lib.sh
. "$root/scripts/lib.sh"
cli_pid=
cleanup() {
  if [ -n "$cli_pid" ]; then kill -9 "$cli_pid" 2>/dev/null || true; fi
  stop_mock
  rm -rf "$work"
}
trap cleanup EXIT

build_binaries
start_mock -rate-limit 80 -latency 30ms

mkdir -p "$work/cfg"
cat >"$work/cfg/main.tf" <<EOF
terraform {
  required_providers {
    d360 = { source = "d360-tf/d360" }
  }
}
provider "d360" {}
resource "d360_marketing_broadcast" "k" {
  recipients    = [for i in range($N) : format("49154%08d", i)]
  template_name = "marketing_text_no_param"
  language_code = "en"
}
EOF

sends() { mock_sends; } # lib.sh

"$cli" -chdir="$work/cfg" init -input=false >/dev/null
"$cli" -chdir="$work/cfg" apply -auto-approve -input=false >"$work/apply1.log" 2>&1 &
cli_pid=$!
until [ "$(sends)" -ge "$KILL_AFTER" ]; do
  kill -0 "$cli_pid" 2>/dev/null || { echo "the apply ended before $KILL_AFTER sends" >&2; exit 1; }
  sleep 0.05
done
if [ "$SIGNAL" = KILL ]; then
  # The CLI and its provider plugin, as an OOM killer or a CI runner's hard
  # timeout would end them.
  pkill -KILL -P "$cli_pid" 2>/dev/null || true
fi
kill -s "$SIGNAL" "$cli_pid"
wait "$cli_pid" 2>/dev/null || true
cli_pid=
sleep 0.5
before=$(sends)
state=absent
[ -s "$work/cfg/terraform.tfstate" ] && state=present
in_state=0
if [ "$state" = present ]; then
  in_state=$(jq '[.resources[]?.instances[]? | (.attributes.message_ids // {}) + (.attributes.not_accepted // {}) | to_entries[]] | length' "$work/cfg/terraform.tfstate")
fi

"$cli" -chdir="$work/cfg" apply -auto-approve -input=false >"$work/apply2.log" 2>&1
after=$(sends)
twice=$(curl -fsS "$D360_BASE_URL/_mock/requests" |
  jq '[.[] | select(.method == "POST" and .path == "/marketing_messages") | (.body | fromjson | .to)]
      | group_by(.) | map(select(length > 1)) | length')

echo "cli:                       $("$cli" version | head -n 1)"
echo "recipients:                $N"
echo "signal:                    SIG$SIGNAL"
echo "sends before the apply ended: $before"
echo "state file after it:       $state ($in_state recipients recorded)"
echo "sends by the second apply: $((after - before))"
echo "recipients messaged twice: $twice"
