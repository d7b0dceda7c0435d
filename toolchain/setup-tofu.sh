#!/usr/bin/env bash
# Installs the OpenTofu CLI the Terraform front is tested against into .tools/bin/tofu (idempotent):
# an adequate `tofu` already on PATH, else OpenTofu v$TOFU_VERSION built from the Go module proxy into
# the same cache as the Pulumi CLI (once per machine, about 6 minutes on 2 cores).
# `go install github.com/opentofu/opentofu/cmd/tofu@vX` is refused ("contains one or more replace
# directives"), so the module is downloaded and built from a writable copy instead.
set -euo pipefail

TOFU_VERSION="1.12.6"
MIN_VERSION="1.11.0" # write-only attributes (adopt_key_value) need 1.11
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="$root/.tools/bin"
cache_root="${PULUMI_VENICE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-venice}"
cache="$cache_root/tofu-v$TOFU_VERSION"
mkdir -p "$tools" "$cache_root"

say() { printf 'setup-tofu: %s\n' "$*" >&2; }
log="$cache_root/setup-tofu.log"
# shellcheck source=lib/steps.sh
. "$root/toolchain/lib/steps.sh"

version_ok() { # $1 = the first line of `tofu version`, e.g. "OpenTofu v1.12.6"
  local v="${1##*v}"
  [ -n "$v" ] && [ "$(printf '%s\n%s\n' "$MIN_VERSION" "${v%%-*}" | sort -V | head -n1)" = "$MIN_VERSION" ]
}
first_line() { TF_CLI_CONFIG_FILE=/dev/null "$1" version 2>/dev/null | head -n1 || true; }

if [ -x "$tools/tofu" ] && version_ok "$(first_line "$tools/tofu")"; then
  exit 0
fi
ambient="$(PATH="$(printf '%s' "$PATH" | tr ':' '\n' | grep -vx "$tools" | paste -sd:)" command -v tofu 2>/dev/null || true)"
if [ -n "$ambient" ] && version_ok "$(first_line "$ambient")"; then
  say "using $ambient ($(first_line "$ambient"))"
  ln -sfn "$ambient" "$tools/tofu"
  exit 0
fi
if [ ! -x "$cache/tofu" ]; then
  if ! command -v go >/dev/null 2>&1; then
    say "no OpenTofu CLI found and no Go toolchain to build one."
    say "Install OpenTofu $MIN_VERSION or newer (https://opentofu.org/docs/intro/install/) so that \`tofu version\` works, then run this again."
    exit 1
  fi
  say "building OpenTofu v$TOFU_VERSION from the Go module proxy into $cache (once per machine, about 6 min; full log: $log)"
  work="$(mktemp -d)"
  trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
  download() {
    local dir
    dir="$(cd "$work" && GOFLAGS=-mod=mod go mod download -json "github.com/opentofu/opentofu@v$TOFU_VERSION" \
      | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
    [ -n "$dir" ] || { echo "go mod download printed no Dir"; return 1; }
    cp -R "$dir" "$work/src" && chmod -R u+w "$work/src"
    cd "$work/src" && GOFLAGS="-mod=mod -buildvcs=false" go mod download
  }
  build() {
    cd "$work/src" && GOFLAGS="-mod=mod -buildvcs=false" go build -trimpath \
      -ldflags "-s -w -X github.com/opentofu/opentofu/version.dev=no" -o "$work/out/tofu" ./cmd/tofu
  }
  step "step 1/2: downloading OpenTofu's Go modules" download || exit 1
  step "step 2/2: compiling OpenTofu" build || exit 1
  mkdir -p "$cache"
  mv "$work/out/tofu" "$cache/tofu.tmp" && mv "$cache/tofu.tmp" "$cache/tofu"
fi
ln -sfn "$cache/tofu" "$tools/tofu"
TF_CLI_CONFIG_FILE=/dev/null "$tools/tofu" version >/dev/null
