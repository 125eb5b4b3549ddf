#!/usr/bin/env bash
# Installs the CLIs that the acceptance tests and the demo run against into
# .tools/bin. No download site is reachable from these machines, so both are
# built from the Go module proxy. Binaries already present are reused, so a
# second run takes a second.
#
# Usage: install-tools.sh [terraform] [tofu] [terraform-new] [golangci-lint] [goreleaser]
#        [shellcheck] [actionlint]
#        (default: the three CLIs)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/.tools/bin"
mkdir -p "$bin"

TERRAFORM_VERSION=${TERRAFORM_VERSION:-1.5.7}
TOFU_VERSION=${TOFU_VERSION:-1.12.6}
# The newest Terraform, for actions, list resources and identity (1.14+).
TERRAFORM_NEW_VERSION=${TERRAFORM_NEW_VERSION:-1.16.2}
GOLANGCI_LINT_VERSION=${GOLANGCI_LINT_VERSION:-2.15.0}
# 2.12.7 is the newest goreleaser that builds with Go 1.26.
GORELEASER_VERSION=${GORELEASER_VERSION:-2.12.7}
# actionlint checks .github/workflows, and their run: blocks with shellcheck.
ACTIONLINT_VERSION=${ACTIONLINT_VERSION:-1.7.12}

# Both CLIs read a config file. An empty one keeps OpenTofu from printing a
# warning that breaks the test harness's version parsing.
: > "$root/.tools/empty.tfrc"

has_version() { # binary version
  local out
  [ -x "$1" ] || return 1
  # Read the whole output first: with pipefail, grep -q closing the pipe
  # early would fail the CLI with SIGPIPE and look like a wrong version.
  out=$(TF_CLI_CONFIG_FILE="$root/.tools/empty.tfrc" "$1" version 2>/dev/null) || return 1
  grep -q " v$2\$" <<<"$out"
}

install_terraform() {
  if has_version "$bin/terraform" "$TERRAFORM_VERSION"; then
    echo "tools: terraform $TERRAFORM_VERSION present"
    return
  fi
  echo "tools: building terraform $TERRAFORM_VERSION (about 2 minutes the first time)"
  # 1.5.7 is the last MPL release and the last one `go install` accepts:
  # later go.mod files carry replace directives.
  GOBIN="$bin" CGO_ENABLED=0 go install "github.com/hashicorp/terraform@v$TERRAFORM_VERSION"
}

install_tofu() {
  if has_version "$bin/tofu" "$TOFU_VERSION"; then
    echo "tools: tofu $TOFU_VERSION present"
    return
  fi
  echo "tools: building OpenTofu $TOFU_VERSION (about 4 minutes the first time)"
  # OpenTofu's go.mod has a replace directive, so `go install` refuses it;
  # building inside the downloaded module honours it.
  local dir
  dir=$(go mod download -json "github.com/opentofu/opentofu@v$TOFU_VERSION" |
    sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  [ -n "$dir" ] || { echo "tools: could not download OpenTofu $TOFU_VERSION" >&2; exit 1; }
  # version.dev=no is what OpenTofu's release build sets; without it the
  # binary calls itself 1.12.6-dev.
  (cd "$dir" && CGO_ENABLED=0 go build -trimpath \
    -ldflags "-X github.com/opentofu/opentofu/version.dev=no" -o "$bin/tofu.tmp" ./cmd/tofu)
  mv "$bin/tofu.tmp" "$bin/tofu"
}

# Terraform after 1.5 is BUSL-licensed and its go.mod replaces nested modules
# (internal/backend/remote-state/*, internal/legacy) that the module zip
# leaves out, so `go install` refuses it. We build it from a writable copy of
# the module with those remote-state backends (azurerm, consul, cos, gcs,
# kubernetes, oci, oss, pg, s3) cut out: no test uses them, and every other
# part of the CLI is the release's own code.
install_terraform_new() {
  local out="$bin/terraform-$TERRAFORM_NEW_VERSION"
  if has_version "$out" "$TERRAFORM_NEW_VERSION"; then
    echo "tools: terraform $TERRAFORM_NEW_VERSION present"
    return
  fi
  echo "tools: building terraform $TERRAFORM_NEW_VERSION without the cloud remote-state backends (6 to 10 minutes the first time)"
  local dir src="$root/.tools/src/terraform-$TERRAFORM_NEW_VERSION"
  dir=$(go mod download -json "github.com/hashicorp/terraform@v$TERRAFORM_NEW_VERSION" |
    sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  [ -n "$dir" ] || { echo "tools: could not download terraform $TERRAFORM_NEW_VERSION" >&2; exit 1; }
  rm -rf "$src"
  mkdir -p "$(dirname "$src")"
  cp -r "$dir" "$src"
  chmod -R u+w "$src"
  local cut='azure|consul|cos|gcs|kubernetes|oci|oss|pg|s3'
  # The imports and the map entries of the cut backends.
  sed -E -i \
    -e "/backend\/remote-state\/($cut)\"/d" \
    -e "/return backend(Azure|Consul|Cos|GCS|Kubernetes|OCI|OSS|Pg|S3)\.New\(\)/d" \
    "$src/internal/backend/init/init.go"
  # Their require and replace lines, and internal/legacy's, in go.mod.
  sed -E -i \
    -e "/terraform\/internal\/backend\/remote-state\/($cut) /d" \
    -e "/terraform\/internal\/legacy /d" \
    "$src/go.mod"
  (cd "$src" && CGO_ENABLED=0 go build -trimpath \
    -ldflags "-X github.com/hashicorp/terraform/version.dev=no" -o "$out.tmp" .)
  mv "$out.tmp" "$out"
  rm -rf "$src"
}

# ShellCheck comes from Debian's package, unpacked into .tools/bin rather than
# installed system-wide; it needs only libgmp and libffi, which the machine has.
install_shellcheck() {
  if [ -x "$bin/shellcheck" ]; then
    echo "tools: shellcheck present"
    return
  fi
  echo "tools: unpacking Debian's shellcheck into .tools/bin"
  local tmp
  tmp=$(mktemp -d)
  # apt-get download needs the package lists; fetch them once if it fails.
  (cd "$tmp" && { apt-get download shellcheck >/dev/null 2>&1 ||
    { apt-get update -qq >/dev/null && apt-get download shellcheck >/dev/null 2>&1; }; })
  dpkg -x "$tmp"/shellcheck_*.deb "$tmp/x"
  cp "$tmp/x/usr/bin/shellcheck" "$bin/shellcheck"
  rm -rf "$tmp"
  "$bin/shellcheck" --version | sed -n 2p
}

# go_tool installs a Go program at a version unless that version is there.
go_tool() { # name module version
  local name=$1 module=$2 version=$3
  if [ -x "$bin/$name" ] && "$bin/$name" --version 2>/dev/null | grep -q "$version"; then
    echo "tools: $name $version present"
    return
  fi
  echo "tools: building $name $version"
  GOBIN="$bin" CGO_ENABLED=0 go install "$module@v$version"
}

[ $# -gt 0 ] || set -- terraform tofu terraform-new
for tool in "$@"; do
  case "$tool" in
    terraform) install_terraform ;;
    tofu) install_tofu ;;
    terraform-new) install_terraform_new ;;
    shellcheck) install_shellcheck ;;
    golangci-lint) go_tool golangci-lint github.com/golangci/golangci-lint/v2/cmd/golangci-lint "$GOLANGCI_LINT_VERSION" ;;
    goreleaser) go_tool goreleaser github.com/goreleaser/goreleaser/v2 "$GORELEASER_VERSION" ;;
    actionlint) go_tool actionlint github.com/rhysd/actionlint/cmd/actionlint "$ACTIONLINT_VERSION" ;;
    *) echo "tools: unknown tool $tool" >&2; exit 2 ;;
  esac
done
