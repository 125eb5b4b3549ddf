#!/usr/bin/env bash
# Runs `terraform validate` on every example directory against the provider
# built from this checkout, so examples cannot rot. dev_overrides lets
# validate load the fresh provider without init or a registry.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
TF=${TF:-$root/.tools/bin/terraform}
# Examples with an action block need a CLI that has actions (Terraform 1.14+).
TF_ACTIONS=${TF_ACTIONS:-$root/.tools/bin/terraform-1.16.2}

work=$(mktemp -d "${TMPDIR:-/tmp}/d360-examples.XXXXXX")
trap 'rm -rf "$work"' EXIT
# shellcheck source=scripts/lib.sh
. "$root/scripts/lib.sh"
build_binaries
plugin_dir=$(dirname "$(find "$work/plugins/registry.terraform.io" -name 'terraform-provider-d360_v*')")
cat >"$work/terraformrc" <<RC
provider_installation {
  dev_overrides {
    "registry.terraform.io/d360-tf/d360" = "$plugin_dir"
  }
  direct {}
}
RC
export TF_CLI_CONFIG_FILE="$work/terraformrc"

failed=0 count=0
while IFS= read -r dir; do
  count=$((count + 1))
  copy="$work/example-$count"
  cp -r "$dir" "$copy"
  # An import block with identity needs Terraform 1.12 or later; the
  # TestAcc*_importByIdentity tests cover it there.
  if ! "$TF" version -json | jq -e '.terraform_version | split(".") | map(tonumber) | .[0] > 1 or .[1] >= 12' >/dev/null; then
    rm -f "$copy/import-by-identity.tf"
  fi
  # Examples of a single resource leave out required_providers, as the
  # registry's examples do; supply it.
  if ! grep -q 'required_providers' "$copy"/*.tf; then
    printf 'terraform {\n  required_providers {\n    d360 = {\n      source = "d360-tf/d360"\n    }\n  }\n}\n' >"$copy/zz_providers.tf"
  fi
  cli=$TF
  if grep -q '^action "' "$copy"/*.tf; then cli=$TF_ACTIONS; fi
  if out=$("$cli" -chdir="$copy" validate -no-color 2>&1); then
    echo "ok     ${dir#"$root"/}"
  else
    echo "FAILED ${dir#"$root"/}"
    while IFS= read -r line; do echo "       $line"; done <<<"$out"
    failed=$((failed + 1))
  fi
done < <(find "$root/examples" -name '*.tf' -exec dirname {} \; | sort -u)

echo "$count example directories validated, $failed failed"
[ "$failed" -eq 0 ] && [ "$count" -gt 0 ]
