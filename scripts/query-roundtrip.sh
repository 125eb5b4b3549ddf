#!/usr/bin/env bash
# Proves that `terraform query -generate-config-out` round-trips: it lists
# every d360_template of d360-mock (3 seeded templates, with headers, buttons
# and two categories), writes resource and import blocks, and a plan of that
# generated configuration imports them all and changes nothing. plugin-testing
# has no query step that generates configuration, hence a script.
#
# Called by `make testacc` after scripts/testacc.sh. Env: TF, the CLI (default
# .tools/bin/terraform-1.16.2; query needs Terraform 1.14 or later).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
TF=${TF:-$root/.tools/bin/terraform-1.16.2}

work=$(mktemp -d "${TMPDIR:-/tmp}/d360-query.XXXXXX")
# shellcheck source=scripts/lib.sh
. "$root/scripts/lib.sh"
cleanup() {
  stop_mock
  rm -rf "$work"
}
trap cleanup EXIT
fail() {
  echo "query round trip FAILED: $*" >&2
  exit 1
}

build_binaries
start_mock -approval-delay 0s
cfg="$work/config"
mkdir -p "$cfg"
cat >"$cfg/main.tf" <<'TF'
terraform {
  required_providers {
    d360 = { source = "d360-tf/d360" }
  }
}
# Credentials and base URL come from the D360_* variables start_mock exports.
provider "d360" {}
TF
cat >"$cfg/templates.tfquery.hcl" <<'TF'
list "d360_template" "all" {
  provider         = d360
  include_resource = true
}
TF
tf() { "$TF" -chdir="$cfg" "$@"; }

echo "=== $("$TF" version | sed -n 1p): query -generate-config-out"
tf init -input=false -no-color >"$work/init.log" 2>&1 || { cat "$work/init.log"; fail "init"; }
tf query -no-color -generate-config-out=gen.tf >"$work/query.log" 2>&1 || { cat "$work/query.log"; fail "query"; }
cat "$work/query.log"
want=3
resources=$(grep -c '^resource "d360_template"' "$cfg/gen.tf" || true)
imports=$(grep -c '^import {' "$cfg/gen.tf" || true)
if [ "$resources" -ne "$want" ] || [ "$imports" -ne "$want" ]; then
  cat "$cfg/gen.tf"
  fail "gen.tf has $resources resource and $imports import blocks, want $want of each"
fi

echo "=== plan of the generated configuration"
set +e
tf plan -input=false -no-color -out="$work/plan" >"$work/plan.log" 2>&1
rc=$?
set -e
cat "$work/plan.log"
[ $rc -eq 0 ] || fail "plan exited $rc"
grep -q "Plan: $want to import, 0 to add, 0 to change, 0 to destroy." "$work/plan.log" ||
  { cat "$cfg/gen.tf"; fail "the generated configuration does not import cleanly"; }

echo "=== apply the imports, then plan again"
tf apply -input=false -no-color "$work/plan" >"$work/apply.log" 2>&1 || { cat "$work/apply.log"; fail "apply"; }
set +e
tf plan -input=false -no-color -detailed-exitcode >"$work/plan2.log" 2>&1
rc=$?
set -e
[ $rc -eq 0 ] || { cat "$work/plan2.log"; fail "after the import a plan is not empty (exit $rc)"; }
echo "query round trip ok: $want templates listed, generated, imported, and a plan with no changes"
