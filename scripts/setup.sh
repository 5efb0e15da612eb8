#!/usr/bin/env bash
# Set up sessionpack on this machine: install the pinned typst once per machine (into a
# per-user cache, reused by every later run and every clone), then build the tool.
# Safe to run again: a second run finds typst and only rebuilds what changed.
#
# typst comes from its own release archive, checked against the SHA-256 sums pinned in
# scripts/typst-0.15.1.sha256 before anything in it is run; an archive that does not match is
# refused and nothing is installed. Only where the download is impossible (no network, a
# platform with no pinned archive) is typst compiled with `cargo install` instead.
#
#   scripts/setup.sh               typst, then the tool (cargo build --release --locked)
#   scripts/setup.sh --typst-only  typst only (a container image, a machine with the release)
#
# SESSIONPACK_TYPST_MIRROR: where the release archives are, for an office that mirrors them
# (default: typst's GitHub release). The pinned sums are checked whatever the source.
set -euo pipefail

TYPST_VERSION=0.15.1
here="$(cd "$(dirname "$0")" && pwd)"
sums="$here/typst-$TYPST_VERSION.sha256"
mirror="${SESSIONPACK_TYPST_MIRROR:-https://github.com/typst/typst/releases/download/v$TYPST_VERSION}"
typst_only=false
case "${1:-}" in
  --typst-only) typst_only=true ;;
  "") ;;
  *) echo "setup: unknown option $1 (scripts/setup.sh [--typst-only])" >&2; exit 2 ;;
esac

# The cache folder the tool looks in: XDG_CACHE_HOME, else the platform's own.
if [ -n "${XDG_CACHE_HOME:-}" ]; then
  base="$XDG_CACHE_HOME"
elif [ "$(uname -s)" = Darwin ]; then
  base="$HOME/Library/Caches"
else
  base="$HOME/.cache"
fi
cache="$base/sessionpack/typst-$TYPST_VERSION"

is_pinned_typst() {
  [ -n "$1" ] && [ -x "$1" ] && "$1" --version 2>/dev/null | grep -q "^typst $TYPST_VERSION "
}

# typst's name for this platform, as its release archives are named.
release_target() {
  local arch os
  arch="$(uname -m)"
  os="$(uname -s)"
  case "$arch" in
    x86_64 | amd64) arch=x86_64 ;;
    aarch64 | arm64) arch=aarch64 ;;
    *) return 1 ;;
  esac
  case "$os" in
    Linux) echo "$arch-unknown-linux-musl" ;;
    Darwin) echo "$arch-apple-darwin" ;;
    *) return 1 ;;
  esac
}

sha256_of() {
  if command -v sha256sum >/dev/null; then
    sha256sum "$1" | cut -d' ' -f1
  else
    shasum -a 256 "$1" | cut -d' ' -f1
  fi
}

# Download and install typst's release archive. Returns 3 when the download is impossible
# (then cargo install is tried); a checksum mismatch ends the script: never installed, never
# run, and nothing is left behind.
install_release() {
  local target asset want tmp got
  target="$(release_target)" || { echo "setup: typst publishes no archive for $(uname -s) $(uname -m)" >&2; return 3; }
  asset="typst-$target.tar.xz"
  want="$(awk -v f="$asset" '$2 == f { print $1 }' "$sums")"
  if [ -z "$want" ]; then
    echo "setup: no SHA-256 pinned for $asset in $sums" >&2
    return 3
  fi
  if ! command -v curl >/dev/null || ! command -v xz >/dev/null; then
    echo "setup: curl and xz are needed to download typst" >&2
    return 3
  fi
  tmp="$(mktemp -d)"
  echo "setup: downloading $asset from $mirror" >&2
  if ! curl --fail --silent --show-error --location --retry 2 --connect-timeout 15 \
    --output "$tmp/$asset" "$mirror/$asset"; then
    rm -rf "$tmp"
    echo "setup: could not download $mirror/$asset" >&2
    return 3
  fi
  got="$(sha256_of "$tmp/$asset")"
  if [ "$got" != "$want" ]; then
    rm -rf "$tmp"
    {
      echo "setup: refused $asset: its SHA-256 is not the one pinned in scripts/typst-$TYPST_VERSION.sha256"
      echo "  expected $want"
      echo "  received $got"
      echo "  nothing was installed and nothing from it was run; the download was altered or is not typst $TYPST_VERSION"
    } >&2
    exit 1
  fi
  mkdir "$tmp/x"
  if ! tar -xJf "$tmp/$asset" -C "$tmp/x" "typst-$target/typst"; then
    rm -rf "$tmp"
    echo "setup: $asset matched its pinned SHA-256 but holds no typst-$target/typst" >&2
    exit 1
  fi
  mkdir -p "$cache/bin"
  # Into place in one rename: a run stopped half-way never leaves a half-written typst.
  cp "$tmp/x/typst-$target/typst" "$cache/bin/.typst.partial"
  chmod 755 "$cache/bin/.typst.partial"
  mv -f "$cache/bin/.typst.partial" "$cache/bin/typst"
  rm -rf "$tmp"
  echo "setup: typst $TYPST_VERSION installed from its release archive (SHA-256 checked) into $cache" >&2
}

install_from_source() {
  if ! command -v cargo >/dev/null; then
    echo "setup: typst $TYPST_VERSION could not be downloaded, and cargo (Rust) is not installed to compile it" >&2
    echo "  help: download typst-<platform> $TYPST_VERSION from https://github.com/typst/typst/releases and set SESSIONPACK_TYPST to its typst, or install Rust (https://rustup.rs) and run this again" >&2
    exit 1
  fi
  echo "setup: compiling typst $TYPST_VERSION into $cache (once per machine; about 12 minutes on 2 cores)" >&2
  cargo install typst-cli --locked --version "$TYPST_VERSION" --root "$cache"
}

# The order the tool itself uses: SESSIONPACK_TYPST, then the cache, then PATH.
if [ -n "${SESSIONPACK_TYPST:-}" ]; then
  if ! is_pinned_typst "$SESSIONPACK_TYPST"; then
    echo "setup: SESSIONPACK_TYPST=$SESSIONPACK_TYPST is not typst $TYPST_VERSION; unset it or point it at typst $TYPST_VERSION" >&2
    exit 1
  fi
  echo "setup: using typst $TYPST_VERSION from SESSIONPACK_TYPST" >&2
elif is_pinned_typst "$cache/bin/typst"; then
  echo "setup: using typst $TYPST_VERSION from $cache" >&2
elif is_pinned_typst "$(command -v typst || true)"; then
  echo "setup: using typst $TYPST_VERSION from PATH" >&2
else
  status=0
  install_release || status=$?
  if [ "$status" -ne 0 ]; then
    install_from_source
  fi
  is_pinned_typst "$cache/bin/typst" || { echo "setup: typst $TYPST_VERSION did not install" >&2; exit 1; }
fi

if [ "$typst_only" = true ]; then
  exit 0
fi
cd "$here/.."
if [ ! -f Cargo.toml ]; then
  # From a release archive: the sessionpack binary is beside this folder, already built.
  echo "setup: ready" >&2
  exit 0
fi
cargo build --release --locked
echo "setup: ready: target/release/sessionpack" >&2
