#!/usr/bin/env bash
# Set up sessionpack on this machine: install the pinned typst once per machine (into a
# per-user cache, reused by every later run and every clone), then build the tool.
# Safe to run again: a second run finds typst and only rebuilds what changed.
set -euo pipefail

TYPST_VERSION=0.15.1
# The cache folder the tool looks in: XDG_CACHE_HOME, else the platform's own.
if [ -n "${XDG_CACHE_HOME:-}" ]; then
  base="$XDG_CACHE_HOME"
elif [ "$(uname -s)" = Darwin ]; then
  base="$HOME/Library/Caches"
else
  base="$HOME/.cache"
fi
cache="$base/sessionpack/typst-$TYPST_VERSION"
cd "$(dirname "$0")/.."

is_pinned_typst() {
  [ -n "$1" ] && [ -x "$1" ] && "$1" --version 2>/dev/null | grep -q "^typst $TYPST_VERSION "
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
  echo "setup: installing typst $TYPST_VERSION into $cache (once per machine; about 12 minutes on 2 cores)" >&2
  cargo install typst-cli --locked --version "$TYPST_VERSION" --root "$cache"
  is_pinned_typst "$cache/bin/typst" || { echo "setup: typst $TYPST_VERSION did not install" >&2; exit 1; }
fi

cargo build --release --locked
echo "setup: ready: target/release/sessionpack" >&2
