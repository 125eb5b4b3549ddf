#!/usr/bin/env bash
# Runs the acceptance tests once per CLI: Terraform 1.5.7 and OpenTofu 1.12.6
# from .tools/bin, and a newer `terraform` from PATH when there is one. Each
# run is labelled; the script fails if any run fails or skips a test.
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
tfrc="$root/.tools/empty.tfrc"
logs="$root/.tools/testacc"
mkdir -p "$logs"

labels=() results=()

run() { # label cli [VAR=value ...]
  local label=$1 cli=$2
  shift 2
  local log="$logs/$(echo "$label" | tr ' ./' '___').log"
  echo
  echo "=== acceptance tests on $label ($cli)"
  local start=$SECONDS
  env TF_ACC=1 TF_ACC_TERRAFORM_PATH="$cli" TF_CLI_CONFIG_FILE="$tfrc" CHECKPOINT_DISABLE=1 "$@" \
    go test ./internal/provider/ -count=1 -v -parallel 4 -timeout 40m ${TESTARGS:-} >"$log" 2>&1
  local rc=$?
  local pass fail skip
  pass=$(grep -c -- '^\s*--- PASS' "$log")
  fail=$(grep -c -- '^\s*--- FAIL' "$log")
  skip=$(grep -c -- '^\s*--- SKIP' "$log")
  grep -E -- '^(\s*--- (FAIL|SKIP)|FAIL|ok )' "$log" | tail -n 40
  if [ $rc -ne 0 ]; then
    grep -E -A25 -- '^\s*--- FAIL' "$log" | head -n 120
  fi
  local verdict=ok
  # A skipped acceptance test is not a passing one.
  if [ $rc -ne 0 ] || [ "$skip" -ne 0 ] || [ "$pass" -eq 0 ]; then verdict=FAILED; fi
  labels+=("$label")
  results+=("$(printf '%-7s %3d passed, %d failed, %d skipped, %ds (log: %s)' "$verdict" "$pass" "$fail" "$skip" $((SECONDS - start)) "${log#"$root"/}")")
}

run "Terraform 1.5.7" "$root/.tools/bin/terraform"
run "OpenTofu 1.12.6" "$root/.tools/bin/tofu" \
  TF_ACC_PROVIDER_HOST=registry.opentofu.org TF_ACC_PROVIDER_NAMESPACE=hashicorp

if path_tf=$(command -v terraform); then
  v=$(TF_CLI_CONFIG_FILE="$tfrc" "$path_tf" version 2>/dev/null | sed -n '1s/^Terraform v//p')
  if [ -n "$v" ] && [ "$v" != "1.5.7" ]; then
    run "Terraform $v" "$path_tf"
  fi
fi

echo
echo "=== acceptance test summary"
status=0
for i in "${!labels[@]}"; do
  printf '  %-18s %s\n' "${labels[$i]}" "${results[$i]}"
  case "${results[$i]}" in FAILED*) status=1 ;; esac
done
exit $status
