#!/usr/bin/env bash
# make tftest: run the .tftest.hcl files of examples/testing with `terraform
# test` and `tofu test`, as a user of the provider would, against the
# provider built from this checkout and a d360-mock of its own.
#
# Usage: tftest.sh [CLI...]
#   (default: a `terraform` on PATH, .tools/bin/terraform-1.16.2,
#    .tools/bin/tofu; a CLI too old for the tests is skipped and named)
#
# The tests need Terraform 1.11 (override_during; run blocks came in 1.6,
# mock_provider and override_* in 1.7) or OpenTofu 1.8 (mock_provider,
# override_*, .tofutest.hcl). So .tools/bin/terraform (1.5.7) is never in
# the list, and an older CLI given by hand is skipped. Terraform 1.16.2 is
# always run, so the suite never runs on no Terraform at all.
#
# Between CLIs the mock is reset and its request log cleared, and after
# each one its log has to show exactly one send (POST /marketing_messages,
# made by tests/d360_mock.tftest.hcl's run "send_once") and no other
# request but GETs: the mocked and overridden files send nothing, and
# "next_apply_sends_nothing" sends nothing again.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
module="$root/examples/testing"

if [ $# -eq 0 ]; then
  if path_tf=$(command -v terraform); then set -- "$path_tf"; fi
  set -- "$@" "$root/.tools/bin/terraform-1.16.2" "$root/.tools/bin/tofu"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/d360-tftest.XXXXXX")
cleanup() {
  stop_mock
  rm -rf "$work"
}
trap cleanup EXIT
# shellcheck source=scripts/lib.sh
. "$root/scripts/lib.sh"
build_binaries
start_mock -webhook-inbox

# at_least VERSION MAJOR MINOR
at_least() {
  local major minor
  IFS=. read -r major minor _ <<<"$1"
  [ "$major" -gt "$2" ] || { [ "$major" -eq "$2" ] && [ "$minor" -ge "$3" ]; }
}

# expected_runs ENGINE counts the run blocks the engine will execute: a
# .tofutest.hcl replaces the .tftest.hcl of the same name for OpenTofu, and
# Terraform ignores it. The count catches a test file a CLI silently skips.
expected_runs() {
  local f base n=0
  for f in "$module"/tests/*.tftest.hcl "$module"/tests/*.tofutest.hcl; do
    [ -e "$f" ] || continue
    base=${f%.*test.hcl}
    case "$1:$f" in
      tofu:*.tftest.hcl) [ -e "$base.tofutest.hcl" ] && continue ;;
      terraform:*.tofutest.hcl) continue ;;
    esac
    n=$((n + $(grep -c '^run "' "$f")))
  done
  echo "$n"
}

control() { # METHOD PATH: the mock's control API, which takes no key
  curl -fsS -X "$1" "$D360_BASE_URL$2"
}

failed=0 ran_terraform=0 ran_tofu=0 n=0
for cli in "$@"; do
  n=$((n + 1))
  [ -x "$cli" ] || { echo "FAIL $cli: not an executable (scripts/install-tools.sh terraform-new tofu)"; failed=1; continue; }
  version=$("$cli" version -json | jq -r .terraform_version)
  if "$cli" version | head -n 1 | grep -q '^OpenTofu'; then
    engine=tofu label="OpenTofu $version" floor="1 8"
  else
    engine=terraform label="Terraform $version" floor="1 11"
  fi
  # shellcheck disable=SC2086 # floor is two numbers
  if ! at_least "$version" $floor; then
    echo "skip $label ($cli): these tests need Terraform 1.11 or OpenTofu 1.8"
    continue
  fi

  # A fresh copy per CLI: no .terraform, lock file or state from another.
  dir="$work/run-$n"
  cp -r "$module" "$dir"
  control POST /_mock/reset >/dev/null
  control DELETE /_mock/requests >/dev/null

  start=$SECONDS
  rc=0
  out="$work/run-$n.log"
  { "$cli" -chdir="$dir" init -input=false -no-color && "$cli" -chdir="$dir" test -no-color; } >"$out" 2>&1 || rc=$?

  want=$(expected_runs "$engine")
  passed=$(sed -n 's/^Success! \([0-9]*\) passed, 0 failed\.$/\1/p' "$out")
  requests=$(control GET /_mock/requests)
  sends=$(count_sends <<<"$requests") # lib.sh
  writes=$(jq '[.[] | select(.method != "GET")] | length' <<<"$requests")

  problems=()
  [ "$rc" -eq 0 ] || problems+=("exit $rc")
  [ "$passed" = "$want" ] || problems+=("${passed:-no} runs passed, $want expected")
  [ "$sends" -eq 1 ] || problems+=("$sends sends in d360-mock's log, 1 expected")
  [ "$writes" -eq "$sends" ] || problems+=("$((writes - sends)) requests other than GETs and the send")
  if [ ${#problems[@]} -eq 0 ]; then
    echo "ok   $label: $passed runs passed, 1 send ($((SECONDS - start)) s)"
    if [ "$engine" = tofu ]; then ran_tofu=1; else ran_terraform=1; fi
  else
    joined=$(printf '%s; ' "${problems[@]}")
    echo "FAIL $label ($cli): ${joined%; }"
    sed 's/^/  | /' "$out"
    echo "  d360-mock's summary:"
    control GET /_mock/summary | sed 's/^/  | /'
    failed=1
  fi
done

# A suite that every CLI skipped is not a passing one.
if [ "$ran_terraform" -eq 0 ] && [ "$ran_tofu" -eq 0 ]; then
  echo "FAIL the tests ran on no CLI"
  failed=1
fi
[ "$failed" -eq 0 ]
