#!/usr/bin/env bash
# make readme: run README's Quickstart and CI recipe exactly as README.md
# has them, so the docs cannot drift from what works. The ```sh blocks under
# "## Quickstart" and "## CI recipe" are cut out of README.md and each runs
# with bash -euo pipefail, from the root of a fresh copy of this tree (as a
# user runs them from a clone), with a fresh HOME, and with nothing in the
# environment but HOME, PATH, TMPDIR, Go's settings and the CI_PIPELINE_ID
# the CI recipe names. So no ~/.terraformrc, no TF_CLI_CONFIG_FILE and no
# plugin directory but the one the recipe's `make install` writes.
#
# Usage: readme-recipes.sh [CLI...]   (default: .tools/bin/terraform .tools/bin/tofu)
# The recipes call `terraform`; each CLI is put first on PATH under that
# name, OpenTofu too.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
# shellcheck source=scripts/lib.sh
. "$root/scripts/lib.sh"

[ $# -gt 0 ] || set -- .tools/bin/terraform .tools/bin/tofu
clis=()
for cli in "$@"; do
  [ -x "$cli" ] || { echo "readme: $cli is not an executable (scripts/install-tools.sh terraform tofu)" >&2; exit 2; }
  clis+=("$(cd "$(dirname "$cli")" && pwd)/$(basename "$cli")")
done

# recipe HEADING prints the ```sh blocks of the README section whose "## "
# heading starts with HEADING, and fails when there is none, so that a
# renamed section cannot silently turn into an empty test.
recipe() {
  awk -v want="## $1" '
    !code && /^## / { section = (index($0, want) == 1); next }
    section && !code && /^```sh$/ { code = 1; found = 1; next }
    code && /^```$/ { code = 0; next }
    code { print }
    END { exit !found }' README.md
}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/d360-readme.XXXXXX")
pids=()
cleanup() {
  # Each recipe runs in a process group of its own (timeout makes one), so
  # a d360-mock that a failed recipe left running goes with it.
  for pid in "${pids[@]}"; do kill -- "-$pid" 2>/dev/null || true; done
  chmod -R u+w "$tmp" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

recipe "Quickstart" >"$tmp/quickstart.sh" || { echo "readme: README.md has no \`\`\`sh block under ## Quickstart" >&2; exit 1; }
recipe "CI recipe" >"$tmp/ci.sh" || { echo "readme: README.md has no \`\`\`sh block under ## CI recipe" >&2; exit 1; }

mapfile -t go_env < <(go_settings)
go_bin=$(dirname "$(command -v go)")
version=$(tr -d '[:space:]' <VERSION)

# copy_tree DIR copies the files git would check out, as they are now
# (changes not yet committed included), and nothing built or ignored.
copy_tree() {
  mkdir -p "$1"
  git ls-files -z --cached --others --exclude-standard |
    while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done |
    tar --null -T - -cf - | tar -xf - -C "$1"
}

failed=0 n=0
for cli in "${clis[@]}"; do
  for name in quickstart ci; do
    n=$((n + 1))
    run="$tmp/$n"
    mkdir -p "$run/home" "$run/bin" "$run/tmp"
    ln -s "$cli" "$run/bin/terraform"
    copy_tree "$run/clone"
    label="$name with $(env -i HOME="$run/home" "$cli" version 2>/dev/null | sed -n 1p)"
    start=$SECONDS
    (cd "$run/clone" && exec env -i HOME="$run/home" TMPDIR="$run/tmp" \
      PATH="$run/bin:$go_bin:/usr/local/bin:/usr/bin:/bin" "${go_env[@]}" CI_PIPELINE_ID="readme-$n" \
      timeout 600 bash -euo pipefail "$tmp/$name.sh") </dev/null >"$run/out" 2>&1 &
    pids+=("$!")
    rc=0
    wait "$!" || rc=$?
    # The recipe's own commands check what they did (plan -detailed-exitcode,
    # examples/ci's postcondition); that init took the provider from the
    # directory make install wrote is checked here.
    if [ "$rc" -eq 0 ] && grep -q "Installed d360-tf/d360 v$version (unauthenticated)" "$run/out"; then
      echo "ok   $label ($((SECONDS - start)) s)"
    else
      echo "FAIL $label: exit $rc; its output:"
      sed 's/^/  | /' "$run/out"
      failed=1
    fi
    kill -- "-${pids[-1]}" 2>/dev/null || true
  done
done
# The script's status (a last `exit` would hide the trap's cleanup from shellcheck 0.9).
[ "$failed" -eq 0 ]
