#!/usr/bin/env bash
# make install-check: prove that `make install` is all a user needs. On a
# fresh HOME (no ~/.terraformrc, no TF_CLI_CONFIG_FILE, no plugin directory),
# it runs make install, then with each CLI: init, plan and apply of
# examples/ci against the d360-mock that make install put in GOPATH/bin. The
# CLIs run behind a proxy that refuses every connection, so a registry lookup
# would fail the check. It also checks that the provider reports VERSION, in
# `terraform version` and in the User-Agent d360-mock received.
#
# Usage: install-check.sh [CLI...]
#   default: .tools/bin/terraform, .tools/bin/tofu, .tools/bin/terraform-1.16.2,
#   and a terraform on PATH if there is one
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
version=$(tr -d '[:space:]' <VERSION)

if [ $# -eq 0 ]; then
  set -- .tools/bin/terraform .tools/bin/tofu .tools/bin/terraform-1.16.2
  if path_tf=$(command -v terraform); then set -- "$@" "$path_tf"; fi
fi
clis=()
for cli in "$@"; do
  [ -x "$cli" ] || { echo "install-check: $cli is not an executable (make tools builds the pinned CLIs)" >&2; exit 2; }
  clis+=("$(cd "$(dirname "$cli")" && pwd)/$(basename "$cli")")
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/d360-install-check.XXXXXX")
home="$tmp/home"
mkdir -p "$home"
mock_pid=
cleanup() {
  if [ -n "$mock_pid" ]; then kill "$mock_pid" 2>/dev/null || true; wait "$mock_pid" 2>/dev/null || true; fi
  # Go's module cache is read-only; the fresh HOME holds none, but a
  # GOPATH under it might.
  chmod -R u+w "$tmp" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

# shellcheck source=scripts/lib.sh
. "$root/scripts/lib.sh"
# Only what a fresh login has: HOME, PATH, and Go's settings. GOPATH is the
# fresh HOME's, so d360-mock lands in $home/go/bin.
mapfile -t go_env < <(go_settings)
fresh() { env -i HOME="$home" PATH="$PATH" TMPDIR="${TMPDIR:-/tmp}" "${go_env[@]}" "$@"; }

echo "==> make install, HOME=$home"
start=$SECONDS
fresh make --no-print-directory install
echo "(make install: $((SECONDS - start)) s)"

platform="$(go env GOOS)_$(go env GOARCH)"
for host in registry.terraform.io registry.opentofu.org; do
  f="$home/.terraform.d/plugins/$host/d360-tf/d360/$version/$platform/terraform-provider-d360_v$version"
  [ -x "$f" ] || { echo "install-check: make install did not write $f" >&2; exit 1; }
done
mock="$home/go/bin/d360-mock"
[ "$("$mock" -version)" = "d360-mock $version" ] || { echo "install-check: $mock -version says $("$mock" -version), not $version" >&2; exit 1; }

"$mock" -webhook-inbox -env-file "$tmp/mock.env" >"$tmp/mock.log" 2>&1 &
mock_pid=$!
"$mock" wait -env-file "$tmp/mock.env" -pid "$mock_pid" -timeout 30s ||
  { cat "$tmp/mock.log"; echo "install-check: d360-mock did not start" >&2; exit 1; }
# shellcheck disable=SC1091
. "$tmp/mock.env"

# Every connection but loopback (which Go never proxies) goes to a closed port.
no_network=(HTTPS_PROXY=http://127.0.0.1:9 HTTP_PROXY=http://127.0.0.1:9 CHECKPOINT_DISABLE=1)
mock_env=(D360_BASE_URL="$D360_BASE_URL" D360_API_KEY="$D360_API_KEY" D360_GRAPH_API_URL="$D360_GRAPH_API_URL" D360_GRAPH_API_TOKEN="$D360_GRAPH_API_TOKEN")

failed=0 n=0
for cli in "${clis[@]}"; do
  n=$((n + 1))
  dir="$tmp/run-$n"
  mkdir -p "$dir"
  cp examples/ci/main.tf "$dir/"
  name=$(fresh "$cli" version 2>/dev/null | sed -n 1p)
  run() { fresh "${no_network[@]}" "${mock_env[@]}" "$cli" -chdir="$dir" "$@" -no-color >>"$dir/log" 2>&1; }
  start=$SECONDS
  step=init
  if run init -input=false && grep -q "Installed d360-tf/d360 v$version" "$dir/log" &&
    step=plan && run plan -input=false &&
    step=apply && run apply -input=false -auto-approve -var "run_id=install-check-$n" &&
    step=version && fresh "$cli" -chdir="$dir" version >"$dir/version" 2>&1 &&
    grep -Eq "^\+ provider registry\.(terraform\.io|opentofu\.org)/d360-tf/d360 v$version\$" "$dir/version" &&
    step=user-agent && ua=$(curl -fsS "$D360_BASE_URL/_mock/requests" | jq -r '[.[].header["User-Agent"][0]] | last') &&
    [[ $ua == "terraform-provider-d360/$version "* ]]; then
    echo "ok   $name: init (from ~/.terraform.d/plugins), plan, apply; $(grep -E '^\+ provider' "$dir/version"); User-Agent $ua ($((SECONDS - start)) s)"
  else
    echo "FAIL $name at $step"
    cat "$dir/log" "$dir/version" 2>/dev/null || true
    failed=1
  fi
done
# The script's status (a last `exit` would hide the trap's cleanup from shellcheck 0.9).
[ "$failed" -eq 0 ]
