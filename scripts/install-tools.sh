#!/usr/bin/env bash
# Installs the CLIs the acceptance tests and the demo run against into
# .tools/bin. No download site is reachable from these machines, so both are
# built from the Go module proxy. Binaries already present are reused, which
# makes a second run a no-op.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/.tools/bin"
mkdir -p "$bin"

TERRAFORM_VERSION=${TERRAFORM_VERSION:-1.5.7}
TOFU_VERSION=${TOFU_VERSION:-1.12.6}

has_version() { # binary, version
  [ -x "$1" ] && "$1" version 2>/dev/null | head -n1 | grep -q "v$2\$"
}

if has_version "$bin/terraform" "$TERRAFORM_VERSION"; then
  echo "tools: terraform $TERRAFORM_VERSION present"
else
  echo "tools: building terraform $TERRAFORM_VERSION (about 2 minutes the first time)"
  # 1.5.7 is the last MPL release and the last one `go install` accepts:
  # later go.mod files carry replace directives.
  GOBIN="$bin" CGO_ENABLED=0 go install "github.com/hashicorp/terraform@v$TERRAFORM_VERSION"
fi

if has_version "$bin/tofu" "$TOFU_VERSION"; then
  echo "tools: tofu $TOFU_VERSION present"
else
  echo "tools: building OpenTofu $TOFU_VERSION (about 4 minutes the first time)"
  # OpenTofu's go.mod has a replace directive, so `go install` refuses it;
  # building inside the downloaded module honours it.
  dir=$(go mod download -json "github.com/opentofu/opentofu@v$TOFU_VERSION" |
    sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  [ -n "$dir" ] || { echo "tools: could not download OpenTofu $TOFU_VERSION" >&2; exit 1; }
  (cd "$dir" && CGO_ENABLED=0 GOFLAGS=-mod=mod go build -trimpath \
    -ldflags "-X github.com/opentofu/opentofu/version.dev=no" -o "$bin/tofu" ./cmd/tofu)
fi

# Both CLIs read a config file; an empty one keeps OpenTofu from printing a
# warning that breaks the test harness's version parsing.
: > "$root/.tools/empty.tfrc"
