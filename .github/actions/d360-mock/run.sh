#!/usr/bin/env bash
# The d360-mock composite action (action.yml): command start or summary,
# from the INPUT_* variables action.yml sets. Linux and macOS runners. What
# the two commands share is under $RUNNER_TEMP/d360-mock: the binary, the
# env file, the mock's output and its pid.
set -euo pipefail

dir="${RUNNER_TEMP:?is not set: this runs as a step of a GitHub Actions job}/d360-mock"
# The checkout the action came from: this repository at the ref the
# workflow pinned, with VERSION and the mock's source.
root=$(cd "${GITHUB_ACTION_PATH:?is not set}/../../.." && pwd)

# fail ends the step with an error annotation (one line: annotations end
# at a newline).
fail() {
  echo "::error title=d360-mock::$*"
  exit 1
}

sha256() {
  if command -v sha256sum >/dev/null; then sha256sum "$1"; else shasum -a 256 "$1"; fi | cut -d' ' -f1
}

# install_release VERSION downloads the release's archive for this runner,
# checks it against the release's SHA256SUMS, and unpacks d360-mock.
install_release() {
  local version=$1 os arch archive sums base want got
  case "$(uname -s)" in
    Linux) os=linux ;;
    Darwin) os=darwin ;;
    *) fail "runs on Linux and macOS runners, not $(uname -s)" ;;
  esac
  case "$(uname -m)" in
    x86_64 | amd64) arch=amd64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) fail "no d360-mock release for $(uname -m); use from-source: true" ;;
  esac
  # The names .goreleaser.yml gives them.
  archive="d360-mock_${version}_${os}_${arch}.tar.gz"
  sums="terraform-provider-d360_${version}_SHA256SUMS"
  base="${INPUT_DOWNLOAD_URL%/}/v$version"
  for f in "$archive" "$sums"; do
    curl -fsSL --retry 3 -o "$dir/$f" "$base/$f" ||
      fail "cannot download $base/$f: is v$version released? Set version: to a release, or from-source: true"
  done
  want=$(awk -v f="$archive" '$2 == f { print $1 }' "$dir/$sums")
  [ -n "$want" ] || fail "$sums lists no $archive"
  got=$(sha256 "$dir/$archive")
  [ "$got" = "$want" ] || fail "$archive has SHA-256 $got, but $sums says $want"
  tar -xzf "$dir/$archive" -C "$dir/bin" d360-mock
}

# build_from_source builds d360-mock from the action's checkout, stamped
# with its VERSION as make build stamps it.
build_from_source() {
  command -v go >/dev/null || fail "from-source: true needs Go on PATH: add actions/setup-go before this step"
  local version
  version=$(tr -d '[:space:]' <"$root/VERSION")
  (cd "$root" && go build -trimpath -ldflags "-X main.version=$version" -o "$dir/bin/d360-mock" ./cmd/d360-mock) ||
    fail "go build ./cmd/d360-mock failed in $root"
}

start() {
  local pid env_file name args=()
  if [ -f "$dir/pid" ] && kill -0 "$(cat "$dir/pid")" 2>/dev/null; then
    fail "this job already runs a d360-mock started by this action (pid $(cat "$dir/pid")): one per job"
  fi
  mkdir -p "$dir/bin"
  case "$INPUT_FROM_SOURCE" in
    true) build_from_source ;;
    false) install_release "${INPUT_VERSION:-$(tr -d '[:space:]' <"$root/VERSION")}" ;;
    *) fail "from-source is '$INPUT_FROM_SOURCE'; use true or false" ;;
  esac
  "$dir/bin/d360-mock" -version

  read -r -a args <<<"$INPUT_ARGS"
  env_file="$dir/mock.env"
  # Before the start, so that wait never reads a file of an earlier mock.
  rm -f "$env_file"
  # nohup: the mock outlives this step and serves the job's later ones.
  nohup "$dir/bin/d360-mock" -env-file "$env_file" ${args[@]+"${args[@]}"} >"$dir/mock.log" 2>&1 &
  pid=$!
  echo "$pid" >"$dir/pid"
  if ! "$dir/bin/d360-mock" wait -env-file "$env_file" -pid "$pid" -timeout "$INPUT_TIMEOUT"; then
    echo "--- d360-mock's output:"
    cat "$dir/mock.log"
    fail "d360-mock did not start; its output is above"
  fi
  # shellcheck disable=SC1090 # written by d360-mock just now
  . "$env_file"
  for name in D360_BASE_URL D360_API_KEY D360_GRAPH_API_URL D360_GRAPH_API_TOKEN; do
    echo "$name=${!name}" >>"$GITHUB_ENV"
  done
  echo "base-url=$D360_BASE_URL" >>"$GITHUB_OUTPUT"
  echo "version=$("$dir/bin/d360-mock" -version | cut -d' ' -f2)" >>"$GITHUB_OUTPUT"
  echo "D360_BASE_URL, D360_API_KEY, D360_GRAPH_API_URL and D360_GRAPH_API_TOKEN are set for the job's next steps."
}

summary() {
  local out
  [ -n "${D360_BASE_URL:-}" ] || fail "D360_BASE_URL is not set: use this action with command: start earlier in the job"
  # --noproxy: the mock is on this machine, whatever proxy the job uses.
  if ! out=$(curl -fsS --noproxy '*' --max-time 30 "$D360_BASE_URL/_mock/summary"); then
    if [ -f "$dir/mock.log" ]; then
      echo "--- d360-mock's output:"
      cat "$dir/mock.log"
    fi
    fail "d360-mock does not answer at $D360_BASE_URL"
  fi
  printf '%s\n' "$out"
  if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
    # A fence of four backticks: a delivered text may hold three.
    local fence='````'
    printf '### d360-mock\n\n%stext\n%s\n%s\n' "$fence" "$out" "$fence" >>"$GITHUB_STEP_SUMMARY"
  fi
}

case "${INPUT_COMMAND:-start}" in
  start) start ;;
  summary) summary ;;
  *) fail "command is '$INPUT_COMMAND'; use start or summary" ;;
esac
