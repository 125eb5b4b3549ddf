#!/usr/bin/env bash
# Runs the acceptance tests once per CLI: Terraform 1.5.7, OpenTofu 1.12.6 and
# Terraform 1.16.2 from .tools/bin, and any other `terraform` on PATH. Results
# are counted from `go test -json`. A test that a tfversion check skips on a
# CLI too old (or too new) for it counts as gated, not as passed; any other
# skip fails the run, and so does a test that passed on no CLI at all.
#
# Called by `make testacc` (and so `make test` and .ci/run).
# Env: TESTARGS (extra go test flags, e.g. -run), CLIS (labels to run, e.g.
# "tf157 tofu" to run a subset; default all).
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 1
tfrc="$root/.tools/empty.tfrc"
logs="$root/.tools/testacc"
mkdir -p "$logs"
: >"$logs/passed.txt"
: >"$logs/seen.txt"

labels=() results=()
status=0

wanted() { [ -z "${CLIS:-}" ] || [[ " $CLIS " == *" $1 "* ]]; }

run() { # id label cli [VAR=value ...]
  local id=$1 label=$2 cli=$3
  shift 3
  wanted "$id" || return 0
  local json="$logs/$id.json" text="$logs/$id.log"
  echo
  echo "=== acceptance tests on $label ($cli)"
  local start=$SECONDS
  # shellcheck disable=SC2086 # TESTARGS is a list of flags
  env TF_ACC=1 TF_ACC_TERRAFORM_PATH="$cli" TF_CLI_CONFIG_FILE="$tfrc" CHECKPOINT_DISABLE=1 "$@" \
    go test ./internal/provider/ -count=1 -json -parallel 4 -timeout 40m ${TESTARGS:-} >"$json" 2>"$text.stderr"
  local rc=$?
  # The readable log, as `go test -v` would have printed it.
  jq -r 'select(.Action == "output") | .Output' "$json" | tr -d '\r' >"$text" 2>/dev/null
  cat "$text.stderr" >>"$text"
  # One line per top-level test: name, final action, and whether its skip
  # came from a tfversion check.
  jq -rs '
    [ .[] | select(.Test != null and (.Test | contains("/") | not)) ] | group_by(.Test)[]
    | { name: .[0].Test,
        action: ([ .[] | select(.Action == "pass" or .Action == "fail" or .Action == "skip") | .Action ] | last // "none"),
        gated: any(.[]; .Action == "output" and (.Output | test("Terraform CLI version .* skipping test"))) }
    | "\(.name) \(.action) \(.gated)"' "$json" >"$logs/$id.results" 2>/dev/null
  local pass fail gated skip
  pass=$(grep -c ' pass ' "$logs/$id.results")
  fail=$(grep -c -E ' (fail|none) ' "$logs/$id.results")
  gated=$(grep -c ' skip true$' "$logs/$id.results")
  skip=$(grep -c ' skip false$' "$logs/$id.results")
  awk '$2 == "pass" { print $1 }' "$logs/$id.results" >>"$logs/passed.txt"
  awk '{ print $1 }' "$logs/$id.results" >>"$logs/seen.txt"
  grep -E ' (fail|none) | skip false$' "$logs/$id.results" | sed 's/^/  not passed: /' | head -n 40
  if [ $rc -ne 0 ]; then
    grep -E -A25 -- '^\s*--- FAIL' "$text" | head -n 120
    grep -E -- '^(panic:|FAIL|ok )' "$text" | tail -n 10
  fi
  local verdict=ok
  # A skipped acceptance test is not a passing one, unless a version gate
  # skipped it on purpose (and then it must pass on another CLI; see below).
  if [ $rc -ne 0 ] || [ "$fail" -ne 0 ] || [ "$skip" -ne 0 ] || [ "$pass" -eq 0 ]; then
    verdict=FAILED
    status=1
  fi
  labels+=("$label")
  results+=("$(printf '%-7s %3d passed, %d failed, %d skipped, %d gated by CLI version, %ds (log: %s)' \
    "$verdict" "$pass" "$fail" "$skip" "$gated" $((SECONDS - start)) "${text#"$root"/}")")
}

bin="$root/.tools/bin"
run tf157 "Terraform 1.5.7" "$bin/terraform"
run tofu "OpenTofu 1.12.6" "$bin/tofu" \
  TF_ACC_PROVIDER_HOST=registry.opentofu.org TF_ACC_PROVIDER_NAMESPACE=hashicorp
run tf1162 "Terraform 1.16.2" "$bin/terraform-1.16.2"

if path_tf=$(command -v terraform); then
  v=$(TF_CLI_CONFIG_FILE="$tfrc" "$path_tf" version 2>/dev/null | sed -n '1s/^Terraform v//p')
  if [ -n "$v" ] && [ "$v" != "1.5.7" ] && [ "$v" != "1.16.2" ]; then
    run path "Terraform $v" "$path_tf"
  fi
fi

echo
echo "=== acceptance test summary"
for i in "${!labels[@]}"; do
  printf '  %-18s %s\n' "${labels[$i]}" "${results[$i]}"
done
# Every test must have passed somewhere: a gate that skips a test on every
# CLI we have would hide it for good.
nowhere=$(sort -u "$logs/seen.txt" | comm -23 - <(sort -u "$logs/passed.txt"))
if [ -n "$nowhere" ]; then
  echo "  tests that passed on no CLI:"
  while read -r t; do echo "    $t"; done <<<"$nowhere"
  status=1
else
  echo "  every test passed on at least one CLI ($(sort -u "$logs/seen.txt" | wc -l) tests)"
fi
total_pass=$(wc -l <"$logs/passed.txt")
total_fail=$(cat "$logs"/*.results 2>/dev/null | grep -c -E ' (fail|none) | skip false$')
# The closing line CI reads: N passed, N failed.
echo "acceptance: $total_pass passed, $total_fail failed"
exit $status
