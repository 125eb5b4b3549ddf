#!/usr/bin/env bash
# Runs every Go fuzz target (func FuzzXxx) for FUZZTIME each (default 5s).
# Go fuzzes one target per invocation, so each gets its own `go test`. Any
# failure fails the script; the failing input is written under the
# package's testdata/fuzz/<FuzzName>/, to be committed with the fix so that
# plain `go test` runs it from then on.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
fuzztime=${FUZZTIME:-5s}

failed=() count=0
start=$SECONDS
for pkg in $(go list ./...); do
  # -list prints the matching names, then an "ok" line.
  targets=$(go test -list '^Fuzz' "$pkg" | grep '^Fuzz' || true)
  for target in $targets; do
    count=$((count + 1))
    echo "=== $target ($pkg, $fuzztime)"
    if ! go test -run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime" "$pkg"; then
      failed+=("$target")
    fi
  done
done

echo "=== $count fuzz targets in $((SECONDS - start))s"
if [ "$count" -eq 0 ]; then
  echo "no fuzz targets found" >&2
  exit 1
fi
if [ "${#failed[@]}" -gt 0 ]; then
  echo "fuzz failures: ${failed[*]}" >&2
  exit 1
fi
