# shellcheck shell=bash
# Sourced by the scripts that run a real CLI against d360-mock (demo.sh,
# bench.sh, interrupt-broadcast.sh, invoke-action.sh, query-roundtrip.sh,
# refresh-drift.sh, release-smoke.sh, tftest.sh and others; `grep -l lib.sh
# scripts/*.sh` lists them): build the provider into a local filesystem
# mirror so `terraform init` installs it for real with no registry, run
# d360-mock in the background, and read what it received.
#
# Callers set $work (a temp dir they own and remove) and $root.
# shellcheck disable=SC2154 # work and root are the caller's

# The version make build and make install stamp in, so that the binaries
# these scripts run report what a user's would.
provider_version=$(tr -d '[:space:]' <"$root/VERSION")

# build_binaries builds the provider into $work/plugins and d360-mock into
# $work/bin.
build_binaries() {
  local platform plugin_dir host
  platform="$(go env GOOS)_$(go env GOARCH)"
  plugin_dir="$work/plugins/registry.terraform.io/d360-tf/d360/$provider_version/$platform"
  mkdir -p "$work/bin" "$plugin_dir"
  (cd "$root" && go build -ldflags "-X main.version=$provider_version" -o "$plugin_dir/terraform-provider-d360_v$provider_version" .)
  # OpenTofu resolves "d360-tf/d360" on its own registry host.
  host="$work/plugins/registry.opentofu.org/d360-tf/d360/$provider_version/$platform"
  mkdir -p "$host"
  cp "$plugin_dir/terraform-provider-d360_v$provider_version" "$host/"
  (cd "$root" && go build -ldflags "-X main.version=$provider_version" -o "$work/bin/d360-mock" ./cmd/d360-mock)
  # A filesystem mirror, not dev_overrides: with overrides Terraform skips
  # init, and Terraform 1.5 still asks the registry during init.
  cat >"$work/terraformrc" <<RC
provider_installation {
  filesystem_mirror {
    path    = "$work/plugins"
    include = ["registry.terraform.io/d360-tf/d360", "registry.opentofu.org/d360-tf/d360",
               "registry.terraform.io/bench/noop", "registry.opentofu.org/bench/noop",
               "registry.terraform.io/bench/schemafloor", "registry.opentofu.org/bench/schemafloor"]
  }
}
RC
  export TF_CLI_CONFIG_FILE="$work/terraformrc" CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1
}

# build_noop_provider puts the benchmark's floors, the no-op provider
# (scripts/bench/noop) and the same-schema one (scripts/bench/schemafloor),
# into the plugin mirror as bench/noop and bench/schemafloor, for Terraform
# and OpenTofu.
build_noop_provider() {
  local platform host name dir
  platform="$(go env GOOS)_$(go env GOARCH)"
  for name in noop schemafloor; do
    for host in registry.terraform.io registry.opentofu.org; do
      dir="$work/plugins/$host/bench/$name/$provider_version/$platform"
      mkdir -p "$dir"
      (cd "$root" && go build -o "$dir/terraform-provider-${name}_v$provider_version" "./scripts/bench/$name")
    done
  done
}

# go_settings prints Go's settings as go env reads them here, NAME=value a
# line, for a run under `env -i` with a fresh HOME: GOPROXY and the like may
# live in a go env file under the real HOME, and the caches only save
# downloads and compiles. GOPATH is left out, so that go install writes under
# the fresh HOME.
go_settings() {
  local name
  for name in GOCACHE GOMODCACHE GOPROXY GOSUMDB GONOSUMDB GOPRIVATE GONOPROXY GOINSECURE GOFLAGS GOTOOLCHAIN; do
    echo "$name=$(go env "$name")"
  done
}

# start_mock starts d360-mock with the given flags, waits until it listens,
# and exports its D360_* variables. stop_mock ends it.
mock_pid=
start_mock() {
  rm -f "$work/mock.env"
  "$work/bin/d360-mock" -env-file "$work/mock.env" "$@" >"$work/mock.log" 2>&1 &
  mock_pid=$!
  # Returns once the mock that wrote mock.env answers; fails at once if it
  # exited, and after 10 s at most.
  "$work/bin/d360-mock" wait -env-file "$work/mock.env" -pid "$mock_pid" -timeout 10s >/dev/null ||
    { cat "$work/mock.log"; return 1; }
  # shellcheck disable=SC1091
  . "$work/mock.env"
  export D360_BASE_URL D360_API_KEY D360_GRAPH_API_URL D360_GRAPH_API_TOKEN
}

stop_mock() {
  if [ -n "$mock_pid" ]; then
    kill "$mock_pid" 2>/dev/null || true
    wait "$mock_pid" 2>/dev/null || true
    mock_pid=
  fi
}

# mock_requests prints the request log of the d360-mock at D360_BASE_URL.
mock_requests() { curl -fsS "$D360_BASE_URL/_mock/requests"; }

# count_sends counts the POST /marketing_messages in a request log read
# from stdin: what each script that checks "sent once" asks.
count_sends() { jq '[.[] | select(.method == "POST" and .path == "/marketing_messages")] | length'; }

# mock_sends counts the sends the d360-mock at D360_BASE_URL received.
mock_sends() { mock_requests | count_sends; }
