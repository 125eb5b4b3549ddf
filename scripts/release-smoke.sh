#!/usr/bin/env bash
# make release-smoke: run .goreleaser.yml as a snapshot release for
# linux/amd64 (no publishing, no signing), check the files a release would
# publish, then install the provider zip the way a user's CLI does, with
# checksum verification, and plan and apply against the d360-mock from the
# same release.
#
# Usage: release-smoke.sh [cli ...]
#        (default: .tools/bin/terraform, terraform-1.16.2 and tofu)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bin="$root/.tools/bin"
[ $# -gt 0 ] || set -- "$bin/terraform" "$bin/terraform-1.16.2" "$bin/tofu"

work=$(mktemp -d "${TMPDIR:-/tmp}/d360-release-smoke.XXXXXX")
# shellcheck source=scripts/lib.sh
. "$root/scripts/lib.sh"
cleanup() {
  stop_mock
  rm -rf "$work"
}
trap cleanup EXIT

step() { printf '\n==> %s\n' "$*"; }
fail() {
  echo "release-smoke: $*" >&2
  exit 1
}

# The release's own config with every build cut down to linux/amd64:
# goreleaser release has no --single-target, and a build's targets replace
# its goos, goarch and ignore lists (it warns that it ignores them). The
# artifact check below catches a build that this misses.
awk '
  /^[^[:space:]#]/ { in_builds = /^builds:/ }
  { print }
  in_builds && /^  - / { print "    targets: [linux_amd64_v1]" }
' .goreleaser.yml >"$work/goreleaser.yml"

step "goreleaser release --snapshot for linux/amd64"
"$bin/goreleaser" release --snapshot --clean --skip=publish,sign --config "$work/goreleaser.yml"

version=$(jq -r .version dist/metadata.json)
want="$(tr -d '[:space:]' <VERSION)-snapshot"
[ "$version" = "$want" ] || fail "snapshot version is $version, want $want (VERSION plus -snapshot)"
project=terraform-provider-d360
zip="${project}_${version}_linux_amd64.zip"
mock_archive="d360-mock_${version}_linux_amd64.tar.gz"
sums="${project}_${version}_SHA256SUMS"
manifest="${project}_${version}_manifest.json"

step "the files of release $version"
# Only linux/amd64 was built, and exactly the two archives came of it.
others=$(jq -r '.[] | select(.type == "Binary" or .type == "Archive") | select(.goos != "linux" or .goarch != "amd64") | .name' dist/artifacts.json)
[ -z "$others" ] || fail "built for more than linux/amd64: $others"
archives=$(jq -r '.[] | select(.type == "Archive") | .name' dist/artifacts.json | LC_ALL=C sort | paste -sd' ')
[ "$archives" = "$mock_archive $zip" ] || fail "archives are '$archives', want '$mock_archive $zip'"

# Terraform unpacks the zip into the plugin directory and runs the file
# named terraform-provider-d360*, so the binary sits at the root, named with
# the version, next to the licence and nothing else.
entries=$(unzip -Z1 "dist/$zip" | LC_ALL=C sort | paste -sd' ')
[ "$entries" = "LICENSE ${project}_v$version" ] || fail "$zip holds '$entries'"
entries=$(tar -tzf "dist/$mock_archive" | LC_ALL=C sort | paste -sd' ')
[ "$entries" = "LICENSE README.md d360-mock" ] || fail "$mock_archive holds '$entries'"

# The manifest is summed by goreleaser but uploaded only on publish, straight
# from the repository; put it where the release would, and check it.
sum_of() { awk -v f="$1" '$2 == f { print $1 }' "dist/$sums"; }
[ "$(sum_of "$manifest")" = "$(sha256sum terraform-registry-manifest.json | cut -d' ' -f1)" ] ||
  fail "$sums does not list terraform-registry-manifest.json as $manifest"
cp terraform-registry-manifest.json "dist/$manifest"
jq -e '.version == 1 and .metadata.protocol_versions == ["6.0"]' "dist/$manifest" >/dev/null ||
  fail "$manifest does not declare plugin protocol 6.0, which the provider serves"
listed=$(awk '{ print $2 }' "dist/$sums" | LC_ALL=C sort | paste -sd' ')
[ "$listed" = "$mock_archive $zip $manifest" ] || fail "$sums lists '$listed'"
(cd dist && sha256sum --check --strict "$sums")
zip_sha=$(sum_of "$zip")

# h1: is Terraform's hash of the unpacked package: the SHA-256 of the
# sorted "<sha256>  <name>" lines of its files (golang.org/x/mod/sumdb/dirhash
# Hash1). Computed here from the zip, so the lock files below are checked
# against the release, not against each other.
mkdir "$work/unzipped"
unzip -q "dist/$zip" -d "$work/unzipped"
h1="h1:$(cd "$work/unzipped" && unzip -Z1 "$root/dist/$zip" | LC_ALL=C sort |
  while IFS= read -r f; do sha256sum -- "$f"; done | openssl dgst -sha256 -binary | base64)"
printf '%s  %s\n' "$zip_sha" "$zip" "$(sum_of "$mock_archive")" "$mock_archive" "$(sum_of "$manifest")" "$manifest"
echo "h1 of the unpacked zip: $h1"

step "d360-mock from $mock_archive"
mkdir -p "$work/bin"
tar -xzf "dist/$mock_archive" -C "$work/bin" d360-mock
[ "$("$work/bin/d360-mock" -version)" = "d360-mock $version" ] || fail "d360-mock -version says '$("$work/bin/d360-mock" -version)'"
echo "d360-mock -version: $version"

# A packed filesystem mirror: the zip as the registry serves it, under both
# registry hosts, since OpenTofu resolves d360-tf/d360 on its own.
mirror="$work/mirror"
for host in registry.terraform.io registry.opentofu.org; do
  mkdir -p "$mirror/$host/d360-tf/d360"
  cp "dist/$zip" "$mirror/$host/d360-tf/d360/"
done
# direct { exclude } so that a missing or mismatched zip fails init instead
# of falling through to a registry that does not know the provider yet.
cat >"$work/terraformrc" <<RC
provider_installation {
  filesystem_mirror {
    path    = "$mirror"
    include = ["registry.terraform.io/d360-tf/d360", "registry.opentofu.org/d360-tf/d360"]
  }
  direct {
    exclude = ["registry.terraform.io/d360-tf/d360", "registry.opentofu.org/d360-tf/d360"]
  }
}
RC
export TF_CLI_CONFIG_FILE="$work/terraformrc" CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1

# A lock file holding only the zip's SHA-256, as a lock written from the
# registry records it ("zh:", from SHA256SUMS): init must then verify the
# zip against it.
write_lock() { # dir host zh-hash
  cat >"$1/.terraform.lock.hcl" <<LOCK
provider "$2/d360-tf/d360" {
  version     = "$version"
  constraints = "$version"
  hashes = [
    "zh:$3",
  ]
}
LOCK
}

smoke() { # cli
  local cli=$1 name host dir log hashes
  name=$("$cli" version | sed -n 1p)
  case $name in OpenTofu*) host=registry.opentofu.org ;; *) host=registry.terraform.io ;; esac
  dir="$work/$(basename "$cli")"
  log="$dir/log"
  mkdir -p "$dir"
  step "$name: init from the packed mirror, checked against $sums"
  # A prerelease installs only when a configuration names it exactly.
  cat >"$dir/main.tf" <<TF
terraform {
  required_providers {
    d360 = {
      source  = "d360-tf/d360"
      version = "$version"
    }
  }
}

provider "d360" {}

data "d360_health_status" "channel" {}

resource "d360_marketing_message" "smoke" {
  to            = "4915112345678"
  template_name = "marketing_text_no_param"
  language_code = "en"
}

output "outcome" {
  value = d360_marketing_message.smoke.outcome
}
TF
  # -no-color goes before the arguments: flags after a plan file are not read.
  tf() { "$cli" -chdir="$dir" "$1" -no-color "${@:2}" >"$log" 2>&1 || { cat "$log"; return 1; }; }

  # A wrong checksum must stop init, or the check below proves nothing.
  write_lock "$dir" "$host" "$(printf '0%.0s' {1..64})"
  if "$cli" -chdir="$dir" init -input=false -no-color >"$log" 2>&1; then
    cat "$log"
    fail "$name installed a zip that does not match the lock file's checksum"
  fi
  tr '\n' ' ' <"$log" | grep -q "match any of the checksums" || { cat "$log"; fail "$name init failed, but not on the checksum"; }
  echo "a lock file with another zh: hash: init refused the zip"

  rm -rf "$dir/.terraform"
  write_lock "$dir" "$host" "$zip_sha"
  tf init -input=false
  grep -E '^- (Installing|Installed)' "$log"
  hashes=$(sed -n 's/^ *"\(\(h1\|zh\):[^"]*\)",$/\1/p' "$dir/.terraform.lock.hcl" | LC_ALL=C sort | paste -sd' ')
  [ "$hashes" = "$h1 zh:$zip_sha" ] || { cat "$dir/.terraform.lock.hcl"; fail "$name locked '$hashes', want '$h1 zh:$zip_sha'"; }
  grep -q "^  version *= \"$version\"$" "$dir/.terraform.lock.hcl" || { cat "$dir/.terraform.lock.hcl"; fail "$name locked another version"; }
  echo "lock file: $version, zh: from $sums and the h1: of the zip's files"

  "$cli" -chdir="$dir" version >"$log"
  grep -q "^+ provider $host/d360-tf/d360 v$version$" "$log" || { cat "$log"; fail "$name version does not list the provider at $version"; }
  local plugin="$dir/.terraform/providers/$host/d360-tf/d360/$version/linux_amd64/${project}_v$version"
  [ "$("$plugin" -version)" = "$project $version" ] || fail "the installed provider's -version says '$("$plugin" -version)'"
  echo "$name version lists $host/d360-tf/d360 v$version; the binary's -version agrees"

  step "$name: plan, apply and a clean plan against d360-mock"
  start_mock -addr 127.0.0.1:0
  tf plan -input=false -out=tfplan
  grep -q '^Plan: 1 to add, 0 to change, 0 to destroy' "$log" || { cat "$log"; fail "unexpected plan"; }
  tf apply -input=false tfplan
  [ "$("$cli" -chdir="$dir" output -raw outcome)" = accepted ] || fail "the send was not accepted"
  # -detailed-exitcode: 0 is no changes, 2 would be a change.
  tf plan -input=false -detailed-exitcode
  # The mock saw one send, and every request named this release.
  curl -fsS "$D360_BASE_URL/_mock/requests" >"$dir/requests.json"
  jq -e '[.[] | select(.method == "POST")] | length == 1' "$dir/requests.json" >/dev/null ||
    fail "d360-mock did not get exactly one POST: $(jq -c '[.[] | .method + " " + .path]' "$dir/requests.json")"
  jq -e --arg ua "$project/$version " 'length > 0 and all(.[]; .header["User-Agent"][0] | startswith($ua))' "$dir/requests.json" >/dev/null ||
    fail "requests without the User-Agent $project/$version: $(jq -c '[.[] | .header["User-Agent"][0]] | unique' "$dir/requests.json")"
  stop_mock
  echo "one send accepted, a second plan empty, User-Agent $project/$version"
}

for cli in "$@"; do
  smoke "$cli"
done
step "release-smoke: $zip installs and runs with $(for cli in "$@"; do "$cli" version | sed -n 1p; done | paste -sd, | sed 's/,/, /g')"
