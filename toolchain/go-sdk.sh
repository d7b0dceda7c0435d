#!/usr/bin/env bash
# `npm run sdk:go`: writes the Go SDK (sdk/go/venice, in the module sdk/go) from schema.json with Pulumi's Go code generator
# at the CLI's version (toolchain/sdkgen, a small command over pkg/v3's codegen packages; `pulumi package
# gen-sdk` needs a Go language host, which the module proxy here refuses). The generator is built once
# per machine and version into the same cache as the CLI. Run `npm run build` first (it writes schema.json).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache_root="${PULUMI_VENICE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-venice}"
hash="$(cat "$root/toolchain/sdkgen/go.mod" "$root/toolchain/sdkgen/main.go" | sha256sum | cut -c1-16)"
gen="$cache_root/sdkgen-$hash/sdkgen"
out="${1:-$root/sdk/go}"
say() { printf 'sdk:go: %s\n' "$*" >&2; }

if [ ! -x "$gen" ]; then
  command -v go >/dev/null 2>&1 || { say "Go is needed to build the generator once; install Go 1.24 or newer."; exit 1; }
  say "building the generator (once per machine; a few minutes the first time)"
  mkdir -p "$(dirname "$gen")"
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  cp "$root/toolchain/sdkgen/go.mod" "$root/toolchain/sdkgen/go.sum" "$root/toolchain/sdkgen/main.go" "$work/"
  (cd "$work" && GOFLAGS=-mod=mod go build -o "$gen.tmp" .) && mv "$gen.tmp" "$gen"
fi
"$gen" "$root/schema.json" "$out"
say "wrote $out"
