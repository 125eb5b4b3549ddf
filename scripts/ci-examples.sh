#!/usr/bin/env bash
# make ci-examples: checks the ready-made CI integration of examples/ci: the
# d360-mock composite action (.github/actions/d360-mock), the workflow that
# uses it (github-actions.yml) and the GitLab CI file (gitlab-ci.yml).
#
#   ci-examples.sh lint   actionlint on github-actions.yml, as written and
#                         with the action's release address replaced by its
#                         path in this tree, so that its inputs are checked
#                         against action.yml (actionlint cannot read a remote
#                         action). make actionlint runs this.
#   ci-examples.sh run    the action's script as a runner runs it, with the
#                         GITHUB_* files of a job: from source, from a release
#                         (a local one, built here, through file://), then its
#                         failures: a bad checksum, a version never released,
#                         a port in use, a summary with no start. Then the
#                         script of gitlab-ci.yml's smoke-test job under sh,
#                         with wget fetching that local release and a
#                         terraform that sends one message with the D360_*
#                         the job loaded.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
action=.github/actions/d360-mock
example=examples/ci/github-actions.yml
gitlab=examples/ci/gitlab-ci.yml

lint() {
  local actionlint=(.tools/bin/actionlint -shellcheck "$root/.tools/bin/shellcheck")
  "${actionlint[@]}" "$example"
  # From the root of this tree, so that ./.github/actions/d360-mock resolves.
  sed -E 's#d360-tf/terraform-provider-d360/(\.github/actions/d360-mock)@[^[:space:]]+#./\1#' "$example" |
    "${actionlint[@]}" -stdin-filename "$example" -
  grep -q '^ *uses: d360-tf/terraform-provider-d360/.github/actions/d360-mock@' "$example" ||
    { echo "ci-examples: $example does not use the action by its release address" >&2; return 1; }
  echo "ok   actionlint: $example, as written and against $action/action.yml"
}

tmp=
mock_pids=()
cleanup() {
  local pid
  for pid in "${mock_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -z "$tmp" ] || rm -rf "$tmp"
}

# job NAME starts a fresh runner job: its RUNNER_TEMP and GITHUB_* files.
job() {
  local dir="$tmp/$1"
  mkdir -p "$dir/temp"
  export RUNNER_TEMP="$dir/temp" GITHUB_ENV="$dir/env" GITHUB_OUTPUT="$dir/output" GITHUB_STEP_SUMMARY="$dir/summary"
  : >"$GITHUB_ENV"
  : >"$GITHUB_OUTPUT"
  : >"$GITHUB_STEP_SUMMARY"
  unset D360_BASE_URL D360_API_KEY D360_GRAPH_API_URL D360_GRAPH_API_TOKEN
}

# step [INPUT=value...] runs the action's step with the inputs' defaults
# from action.yml, changed by the arguments, and keeps its output in $out.
step() {
  local rc=0
  out=$(env INPUT_COMMAND=start INPUT_VERSION= INPUT_FROM_SOURCE=false INPUT_ARGS=-webhook-inbox INPUT_TIMEOUT=30s \
    INPUT_DOWNLOAD_URL=https://github.com/d360-tf/terraform-provider-d360/releases/download \
    "$@" GITHUB_ACTION_PATH="$root/$action" bash "$root/$action/run.sh" 2>&1) || rc=$?
  if [ -f "$RUNNER_TEMP/d360-mock/pid" ]; then mock_pids+=("$(cat "$RUNNER_TEMP/d360-mock/pid")"); fi
  return "$rc"
}

# load_env exports what the start step wrote to GITHUB_ENV, as the runner
# does for the job's next steps.
load_env() {
  local line
  while IFS= read -r line; do export "${line?}"; done <"$GITHUB_ENV"
}

fail() {
  echo "FAIL $1; the step's output:"
  printf '%s\n' "$out" | sed 's/^/  | /'
  exit 1
}

# expect_failure WHAT TEXT INPUT=value...: the step fails, within 15 s,
# with an error annotation that contains TEXT.
expect_failure() {
  local what=$1 text=$2 start=$SECONDS
  shift 2
  if step "$@"; then fail "$what: the step passed"; fi
  { grep -qF "::error title=d360-mock::" <<<"$out" && grep -qF -- "$text" <<<"$out"; } || fail "$what: no error annotation with '$text'"
  [ $((SECONDS - start)) -le 15 ] || fail "$what: took $((SECONDS - start)) s"
  echo "ok   $what: $(grep -F '::error' <<<"$out" | head -1 | sed 's/^::error title=d360-mock:://')"
}

run_checks() {
  local version os arch release archive sums port
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/d360-ci-examples.XXXXXX")
  trap cleanup EXIT
  version=$(tr -d '[:space:]' <VERSION)

  job from-source
  step INPUT_FROM_SOURCE=true || fail "from source: start"
  { grep -qx "base-url=http://127.0.0.1:[0-9]*" "$GITHUB_OUTPUT" && grep -qx "version=$version" "$GITHUB_OUTPUT"; } ||
    fail "from source: outputs $(tr '\n' ' ' <"$GITHUB_OUTPUT")"
  load_env
  for name in D360_BASE_URL D360_API_KEY D360_GRAPH_API_URL D360_GRAPH_API_TOKEN; do
    [ -n "${!name:-}" ] || fail "from source: $name not in GITHUB_ENV"
  done
  # A send, as the job's terraform apply would make, so that the summary
  # has something to show: the request and the inbox's events.
  curl -fsS --noproxy '*' -H "D360-API-KEY: $D360_API_KEY" -H 'Content-Type: application/json' "$D360_BASE_URL/messages" \
    -d '{"messaging_product":"whatsapp","to":"4915112345678","type":"template","template":{"name":"marketing_text_no_param","language":{"code":"en"}}}' >/dev/null
  sleep 0.5 # the mock's status webhooks come 20 to 80 ms after a send
  step INPUT_COMMAND=summary || fail "from source: summary"
  { grep -q "^requests received: 1" <<<"$out" && grep -q "webhook events received at /_mock/inbox: 3" <<<"$out"; } ||
    fail "from source: the summary lacks the send or its events"
  { grep -q '^### d360-mock' "$GITHUB_STEP_SUMMARY" && grep -q "POST   /messages" "$GITHUB_STEP_SUMMARY"; } ||
    fail "from source: the summary is not in GITHUB_STEP_SUMMARY"
  expect_failure "a second start in one job" "one per job" INPUT_FROM_SOURCE=true
  echo "ok   from source: started, D360_* in GITHUB_ENV, base-url and version $version out, summary in the log and GITHUB_STEP_SUMMARY"

  # A release as .goreleaser.yml names and packs it, served through file://.
  os=$(go env GOOS) arch=$(go env GOARCH)
  release="$tmp/release/v$version"
  archive="d360-mock_${version}_${os}_${arch}.tar.gz"
  sums="terraform-provider-d360_${version}_SHA256SUMS"
  mkdir -p "$release" "$tmp/pack"
  go build -trimpath -ldflags "-X main.version=$version" -o "$tmp/pack/d360-mock" ./cmd/d360-mock
  cp LICENSE README.md "$tmp/pack/"
  tar -czf "$release/$archive" -C "$tmp/pack" LICENSE README.md d360-mock
  (cd "$release" && sha256sum "$archive" >"$sums")

  job release
  step INPUT_DOWNLOAD_URL="file://$tmp/release" || fail "release: start"
  grep -q "^d360-mock $version$" <<<"$out" || fail "release: the mock does not report $version"
  load_env
  port=${D360_BASE_URL##*:}
  echo "ok   release: $archive checked against $sums, started at $D360_BASE_URL"

  job port-in-use
  expect_failure "a port in use" "did not start" INPUT_DOWNLOAD_URL="file://$tmp/release" INPUT_ARGS="-addr 127.0.0.1:$port"
  grep -qF "cannot listen on 127.0.0.1:$port: address already in use" <<<"$out" || fail "a port in use: the mock's output is not shown"

  job bad-checksum
  cp -r "$tmp/release" "$tmp/tampered"
  echo "0000000000000000000000000000000000000000000000000000000000000000  $archive" >"$tmp/tampered/v$version/$sums"
  expect_failure "a bad checksum" "$archive has SHA-256" INPUT_DOWNLOAD_URL="file://$tmp/tampered"

  job not-released
  expect_failure "a version never released" "is v9.9.9 released?" INPUT_DOWNLOAD_URL="file://$tmp/release" INPUT_VERSION=9.9.9

  job no-start
  expect_failure "a summary with no start" "command: start earlier in the job" INPUT_COMMAND=summary

  gitlab_job "$version"
}

# job_script JOB prints the script: lines of a job of gitlab-ci.yml, one
# command a line. They are one-line plain YAML scalars, which YAML takes as
# written.
job_script() {
  awk -v job="$1:" '
    /^[^ #]/ { in_job = ($0 == job); in_script = 0; next }
    in_job && /^  script:$/ { in_script = 1; next }
    in_job && in_script && /^    - / { sub(/^    - /, ""); print; next }
    in_job && in_script && /^    #/ { next }
    in_job && in_script { in_script = 0 }' "$gitlab"
}

# gitlab_job VERSION runs the smoke-test job of gitlab-ci.yml with sh, as
# the terraform image (Alpine, no bash) runs it, against the release built
# by run_checks. Only wget and terraform are stand-ins.
gitlab_job() {
  local version=$1 dir="$tmp/gitlab" start=$SECONDS
  mkdir -p "$dir/config"
  job_script smoke-test >"$dir/script.sh"
  grep -q '^./d360-mock wait -env-file mock.env -pid \$! -timeout 30s' "$dir/script.sh" ||
    { echo "FAIL gitlab-ci.yml: no smoke-test script with d360-mock wait"; exit 1; }
  cat >"$dir/prelude.sh" <<'PRELUDE'
# wget -q -O FILE URL, with the release's URL mapped to the local release.
wget() {
  url=$4
  case $url in
    https://github.com/d360-tf/terraform-provider-d360/releases/download/*)
      url="file://$FAKE_RELEASES/${url#https://github.com/d360-tf/terraform-provider-d360/releases/download/}" ;;
  esac
  if [ "$3" = - ]; then curl -fsS --noproxy '*' "$url"; else curl -fsS --noproxy '*' -o "$3" "$url"; fi
}
# terraform apply: one send, with the key and URL the job loaded, and the
# run_id it passes checked.
terraform() {
  [ "$1" = apply ] || return 0
  case "$*" in *"-var run_id=$CI_PIPELINE_ID"*) ;; *) echo "terraform apply without run_id=$CI_PIPELINE_ID: $*"; return 1 ;; esac
  curl -fsS --noproxy '*' -H "D360-API-KEY: $D360_API_KEY" -H 'Content-Type: application/json' "$D360_BASE_URL/messages" \
    -d '{"messaging_product":"whatsapp","to":"4915112345678","type":"template","template":{"name":"marketing_text_no_param","language":{"code":"en"}}}' >/dev/null
  sleep 0.5
}
PRELUDE
  # gitlab-ci.yml names the linux_amd64 archive, as GitLab's runners are.
  if [ "$(go env GOOS)_$(go env GOARCH)" != linux_amd64 ]; then
    echo "skip gitlab-ci.yml's smoke-test: it runs linux_amd64 binaries"
    return 0
  fi
  out=$(cd "$dir" && env -u D360_BASE_URL -u D360_API_KEY -u D360_GRAPH_API_URL -u D360_GRAPH_API_TOKEN \
    CONFIG_DIR=config D360_MOCK_VERSION="$version" CI_PIPELINE_ID=4242 FAKE_RELEASES="$tmp/release" \
    sh -ec '. ./prelude.sh; . ./script.sh' 2>&1) || fail "gitlab-ci.yml's smoke-test job"
  mock_pids+=("$(sed -n 's/^# d360-mock run_id=[0-9a-f]* pid=\([0-9]*\).*/\1/p' "$dir/config/mock.env" 2>/dev/null)")
  { grep -q "^requests received: 1" <<<"$out" && grep -q "webhook events received at /_mock/inbox: 3" <<<"$out"; } ||
    fail "gitlab-ci.yml's smoke-test job: no summary of the send"
  echo "ok   gitlab-ci.yml smoke-test under sh: release checked and unpacked, mock started and waited for, one send, summary ($((SECONDS - start)) s)"
}

case "${1:-}" in
  lint) lint ;;
  run) run_checks ;;
  *)
    echo "usage: $0 lint|run" >&2
    exit 2
    ;;
esac
