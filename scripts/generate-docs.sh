#!/usr/bin/env bash
# make generate: render docs/ with tfplugindocs from the provider's schema,
# examples/ and templates/. The schema is read by Terraform 1.16.2 from
# .tools/bin through a local mirror, so the output is the same on every
# machine and no download is needed. It has to be a CLI that knows actions,
# list resources, identity and write-only attributes: an older one leaves
# them out of `providers schema -json`, and their pages with them.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
TF=${TF:-$root/.tools/bin/terraform-1.16.2}

work=$(mktemp -d "${TMPDIR:-/tmp}/d360-docs.XXXXXX")
trap 'rm -rf "$work"' EXIT
# shellcheck source=scripts/lib.sh
. "$root/scripts/lib.sh"
build_binaries

mkdir -p "$work/schema"
cat >"$work/schema/main.tf" <<'TF'
terraform {
  required_providers {
    d360 = {
      source = "d360-tf/d360"
    }
  }
}
TF
"$TF" -chdir="$work/schema" init -input=false -no-color >"$work/init.log" 2>&1 || { cat "$work/init.log"; exit 1; }
# tfplugindocs looks the provider up by its short name (or under the
# hashicorp namespace), so name it that way.
"$TF" -chdir="$work/schema" providers schema -json |
  sed 's|"registry.terraform.io/d360-tf/d360"|"d360"|' >"$work/schema.json"

go tool tfplugindocs generate --provider-name d360 --providers-schema "$work/schema.json"
