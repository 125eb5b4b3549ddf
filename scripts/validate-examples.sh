#!/usr/bin/env bash
# Runs `terraform validate` on every example directory against the provider
# built from this checkout, so examples cannot rot. dev_overrides lets
# validate load the fresh provider without init or a registry.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
TF=${TF:-$root/.tools/bin/terraform}
# Examples with an action block need a CLI that has actions (Terraform 1.14+),
# and so do examples with terraform test files (examples/testing): their
# tests need 1.11, and only a CLI that knows them validates them too.
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
# An import block with identity needs Terraform 1.12 or later; the
# TestAcc*_importByIdentity tests cover it there.
identity=no
if "$TF" version -json | jq -e '.terraform_version | split(".") | map(tonumber) | .[0] > 1 or .[1] >= 12' >/dev/null; then
  identity=yes
fi

validate() { # label copy
  local cli=$TF out
  if grep -q '^action "' "$2"/*.tf || compgen -G "$2/tests/*.tftest.hcl" >/dev/null; then cli=$TF_ACTIONS; fi
  # validate needs a module block's module installed; get installs modules
  # and no provider.
  if { ! grep -q '^module "' "$2"/*.tf || out=$("$cli" -chdir="$2" get -no-color 2>&1); } &&
    out=$("$cli" -chdir="$2" validate -no-color 2>&1); then
    echo "ok     $1"
  else
    echo "FAILED $1"
    while IFS= read -r line; do echo "       $line"; done <<<"$out"
    failed=$((failed + 1))
  fi
}

while IFS= read -r dir; do
  count=$((count + 1))
  copy="$work/example-$count"
  cp -r "$dir" "$copy"
  # Examples of a single resource leave out required_providers, as the
  # registry's examples do; supply it.
  if ! grep -q 'required_providers' "$copy"/*.tf; then
    printf 'terraform {\n  required_providers {\n    d360 = {\n      source = "d360-tf/d360"\n    }\n  }\n}\n' >"$copy/zz_providers.tf"
  fi
  # A resource takes one import block, so an example with both import forms
  # is validated twice: with the id form, and with the identity form where
  # the CLI has identity.
  if [ -f "$copy/import-by-identity.tf" ]; then
    if [ -f "$copy/import-by-string-id.tf" ] && [ "$identity" = yes ]; then
      cp -r "$copy" "$copy-identity"
      rm "$copy-identity/import-by-string-id.tf"
      validate "${dir#"$root"/} (import by identity)" "$copy-identity"
    fi
    if [ -f "$copy/import-by-string-id.tf" ] || [ "$identity" = no ]; then
      rm "$copy/import-by-identity.tf"
    fi
  fi
  validate "${dir#"$root"/}" "$copy"
done < <(find "$root/examples" -name '*.tf' -exec dirname {} \; | sort -u)

echo "$count example directories validated, $failed failed"
[ "$failed" -eq 0 ] && [ "$count" -gt 0 ]
