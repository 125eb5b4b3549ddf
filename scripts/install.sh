#!/usr/bin/env bash
# make install: build the provider at the version in VERSION into the plugin
# directory that Terraform and OpenTofu search on their own, and d360-mock
# into GOBIN. After it, an ordinary `required_providers { d360 = { source =
# "d360-tf/d360" } }` passes `terraform init` and `tofu init` with no CLI
# configuration and no registry.
#
# Usage: install.sh             install
#        install.sh uninstall   remove every version install.sh put there
#
# ~/.terraform.d/plugins is an "implied local mirror" of both CLIs on Unix:
# when the CLI configuration has no provider_installation block, they read
# it as an unpacked filesystem mirror, and a provider found there is never
# looked up in a registry.
#   https://developer.hashicorp.com/terraform/cli/config/config-file#implied-local-mirror-directories
#   https://opentofu.org/docs/cli/config/config-file/#implied-local-mirror-directories
# OpenTofu reads it too (and $XDG_DATA_HOME/opentofu/plugins besides), but it
# resolves "d360-tf/d360" on its own registry host, hence the second copy.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

version=$(tr -d '[:space:]' <VERSION)
# The directory name is the version Terraform selects and locks, so it has
# to be one it can parse.
[[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$ ]] ||
  { echo "install: VERSION holds \"$version\", not a version like 1.2.3" >&2; exit 1; }

plugins="$HOME/.terraform.d/plugins"
hosts=(registry.terraform.io registry.opentofu.org)
platform="$(go env GOOS)_$(go env GOARCH)"
binary="terraform-provider-d360_v$version"
# Where go install puts d360-mock: GOBIN, else the first GOPATH entry's bin.
gobin=$(go env GOBIN)
[ -n "$gobin" ] || gobin="$(go env GOPATH | cut -d: -f1)/bin"

if [ "${1:-}" = uninstall ]; then
  for host in "${hosts[@]}"; do
    rm -rf "$plugins/$host/d360-tf/d360"
    echo "removed   $plugins/$host/d360-tf/d360"
  done
  rm -f "$gobin/d360-mock"
  echo "removed   $gobin/d360-mock"
  exit 0
fi
[ $# -eq 0 ] || { echo "usage: $0 [uninstall]" >&2; exit 2; }

ldflags="-X main.version=$version"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -trimpath -ldflags "$ldflags" -o "$tmp/$binary" .
for host in "${hosts[@]}"; do
  dir="$plugins/$host/d360-tf/d360/$version/$platform"
  mkdir -p "$dir"
  # Copy, then rename: a CLI running right now never starts a half-written binary.
  cp "$tmp/$binary" "$dir/.$binary.tmp"
  mv "$dir/.$binary.tmp" "$dir/$binary"
  echo "provider  $dir/$binary"
done
go install -trimpath -ldflags "$ldflags" ./cmd/d360-mock
echo "d360-mock $gobin/d360-mock"

# Cross builds (GOOS or GOARCH set for another platform) cannot run here.
if [ "$platform" = "$(go env GOHOSTOS)_$(go env GOHOSTARCH)" ]; then
  echo "they report: $("$dir/$binary" -version), $("$gobin/d360-mock" -version)"
fi

others=$(find "$plugins/${hosts[0]}/d360-tf/d360" -mindepth 1 -maxdepth 1 -type d ! -name "$version" -printf '%f ' 2>/dev/null || true)
[ -z "$others" ] || echo "also installed: ${others% } (terraform init picks the newest that required_providers allows)"

echo
echo "terraform init and tofu init now install d360-tf/d360 $version from $plugins, with no CLI configuration."
# Measured: init -upgrade keeps the old checksum of an unchanged version and
# fails; only a lock file without it accepts the new build.
echo "A working directory that locked an earlier build of $version refuses this one (its checksum changed):"
echo "delete its .terraform.lock.hcl and run init again. To rebuild often, use dev_overrides (README, Install)."
# An explicit provider_installation block replaces the implied mirrors.
for rc in "${TF_CLI_CONFIG_FILE:-}" "$HOME/.terraformrc" "$HOME/.tofurc"; do
  if [ -n "$rc" ] && [ -f "$rc" ] && grep -q provider_installation "$rc"; then
    echo "Note: $rc has a provider_installation block, so the CLIs ignore $plugins:"
    echo "      add a filesystem_mirror { path = \"$plugins\" } to it, or use dev_overrides (README, Install)."
  fi
done
case ":$PATH:" in
  *":$gobin:"*) ;;
  *) echo "$gobin is not on PATH: export PATH=\"$gobin:\$PATH\" to run d360-mock by name." ;;
esac
