#!/usr/bin/env bash
# Installs the Pulumi toolchain this project runs against into .tools/bin (idempotent):
#   pulumi                         the CLI: an adequate one already on PATH, else a pinned build from the
#                                  Go module proxy, cached outside the clone so a fresh clone reuses it;
#   pulumi-language-nodejs         Pulumi's Go host when present beside the CLI or on PATH, else our
#                                  Node stand-in (toolchain/langhost), because the proxy refuses that module;
#   pulumi-resource-pulumi-nodejs  the dynamic-provider host script shipped in @pulumi/pulumi;
#   pulumi-language-yaml           Pulumi YAML's language host, pinned, built from the Go module proxy into
#                                  the same cache (for YAML programs of the native provider).
set -euo pipefail

PULUMI_VERSION="3.274.1"
YAML_VERSION="1.25.0"
MIN_VERSION="3.216.0"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="$root/.tools/bin"
cache_root="${PULUMI_VENICE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-venice}"
cache="$cache_root/pulumi-v$PULUMI_VERSION"
mkdir -p "$tools" "$cache_root"

say() { printf 'setup-pulumi: %s\n' "$*" >&2; }

# A long step runs with its output in the build log: one line when it starts, one a minute, one at the end.
log="$cache_root/setup-pulumi.log"
# shellcheck source=lib/steps.sh
. "$root/toolchain/lib/steps.sh"

version_ok() { # $1 = "v3.x.y" or "3.x.y"
  local v="${1#v}"
  [ -n "$v" ] && [ "$(printf '%s\n%s\n' "$MIN_VERSION" "$v" | sort -V | head -n1)" = "$MIN_VERSION" ]
}

link() { ln -sfn "$1" "$tools/$2"; }

# 1. The CLI.
if [ -x "$tools/pulumi" ] && version_ok "$("$tools/pulumi" version 2>/dev/null || true)"; then
  :
elif ambient="$(PATH="$(printf '%s' "$PATH" | tr ':' '\n' | grep -vx "$tools" | paste -sd:)" command -v pulumi 2>/dev/null)" \
  && version_ok "$("$ambient" version 2>/dev/null || true)"; then
  say "using $ambient ($("$ambient" version))"
  link "$ambient" pulumi
elif [ -x "$cache/pulumi" ]; then
  link "$cache/pulumi" pulumi
else
  if ! command -v go >/dev/null 2>&1; then
    say "no Pulumi CLI found and no Go toolchain to build one."
    say "Install Pulumi (https://www.pulumi.com/docs/install/) so that \`pulumi version\` prints v$MIN_VERSION or newer, then run this again."
    exit 1
  fi
  say "building Pulumi CLI v$PULUMI_VERSION from the Go module proxy into $cache (once per machine, about 10 min; full log: $log)"
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  cp "$root/toolchain/pulumi-cli/go.mod" "$root/toolchain/pulumi-cli/go.sum" "$root/toolchain/pulumi-cli/tools.go" "$work/"
  mkdir -p "$cache"
  build() {
    cd "$work" && GOFLAGS=-mod=mod go build -o "$work/out/" \
      -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$PULUMI_VERSION" \
      github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
  }
  step "step 1/2: downloading Go modules" bash -c "cd '$work' && GOFLAGS=-mod=mod go mod download" || exit 1
  step "step 2/2: compiling the Pulumi CLI" build || exit 1
  mv "$work/out/pulumi" "$cache/pulumi.tmp" && mv "$cache/pulumi.tmp" "$cache/pulumi"
  link "$cache/pulumi" pulumi
fi

# 2 and 3. The engine looks for plugins beside the real CLI binary last but without the "ambient plugin"
# warning it prints for ones found on PATH, so both hosts go there. Copies, not links: the cache outlives
# this clone. Both resolve @pulumi/pulumi from the program's folder at run time.
bin_dir="$(dirname "$(readlink -f "$tools/pulumi")")"
sdk_script="$root/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs"
if [ ! -f "$sdk_script" ]; then
  say "node_modules/@pulumi/pulumi is missing: run \`npm ci\` first."
  exit 1
fi
place() { # $1 = source, $2 = name: into our cache beside the CLI; never over a real install's files
  if [ "$bin_dir" = "$cache" ]; then
    cmp -s "$1" "$bin_dir/$2" 2>/dev/null || install -m 0755 "$1" "$bin_dir/$2"
  elif [ ! -x "$bin_dir/$2" ]; then
    link "$1" "$2"
  fi
}
# The language-host stand-in is a folder of modules: the folder goes beside the CLI (replaced whole when
# it changed) and the entry is a link into it, so its modules resolve next to it.
langhost="$root/toolchain/langhost"
if [ "$bin_dir" = "$cache" ]; then
  if ! diff -rq "$langhost" "$cache/langhost" >/dev/null 2>&1; then
    rm -rf "$cache/langhost.new"
    cp -R "$langhost" "$cache/langhost.new"
    rm -rf "$cache/langhost"
    mv "$cache/langhost.new" "$cache/langhost"
  fi
  chmod 0755 "$cache/langhost/pulumi-language-nodejs.js"
  [ "$(readlink "$cache/pulumi-language-nodejs" 2>/dev/null)" = "langhost/pulumi-language-nodejs.js" ] \
    || ln -sfn "langhost/pulumi-language-nodejs.js" "$cache/pulumi-language-nodejs"
elif [ ! -x "$bin_dir/pulumi-language-nodejs" ]; then
  link "$langhost/pulumi-language-nodejs.js" pulumi-language-nodejs
fi
place "$sdk_script" pulumi-resource-pulumi-nodejs

# 4. Pulumi YAML's language host, beside the CLI (where the engine looks next to its own binary).
yaml_cache="$cache_root/pulumi-language-yaml-v$YAML_VERSION"
if ! command -v pulumi-language-yaml >/dev/null 2>&1 && [ ! -x "$bin_dir/pulumi-language-yaml" ]; then
  if [ ! -x "$yaml_cache/pulumi-language-yaml" ]; then
    if ! command -v go >/dev/null 2>&1; then
      say "no pulumi-language-yaml and no Go toolchain to build it: YAML programs will not run (everything else does)."
    else
      say "building pulumi-language-yaml v$YAML_VERSION from the Go module proxy into $yaml_cache (once per machine, about 4 min; full log: $log)"
      mkdir -p "$yaml_cache"
      step "building pulumi-language-yaml" env GOBIN="$yaml_cache" GOFLAGS=-modcacherw \
        go install "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml@v$YAML_VERSION" || exit 1
    fi
  fi
  if [ -x "$yaml_cache/pulumi-language-yaml" ]; then
    if [ "$bin_dir" = "$cache" ]; then
      cmp -s "$yaml_cache/pulumi-language-yaml" "$bin_dir/pulumi-language-yaml" 2>/dev/null \
        || install -m 0755 "$yaml_cache/pulumi-language-yaml" "$bin_dir/pulumi-language-yaml"
    fi
  fi
fi
# And on .tools/bin, beside the CLI link, for running YAML programs by hand with .tools/bin on PATH.
for candidate in "$bin_dir/pulumi-language-yaml" "${yaml_cache:-}/pulumi-language-yaml"; do
  if [ -x "$candidate" ]; then
    link "$candidate" pulumi-language-yaml
    break
  fi
done

"$tools/pulumi" version >/dev/null
