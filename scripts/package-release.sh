#!/usr/bin/env bash
# Pack a built sessionpack into its release archive, with a SHA-256 sum beside it:
#   scripts/package-release.sh BINARY TARGET VERSION OUTDIR
# makes OUTDIR/sessionpack-VERSION-TARGET.tar.xz (.zip for Windows) and its .sha256, holding
# the binary, the README, and the set-up scripts that fetch typst with its pinned sums.
# Run by .github/workflows/release.yml for each platform; tests run it for this machine.
set -euo pipefail
if [ "$#" -ne 4 ]; then
  echo "usage: scripts/package-release.sh BINARY TARGET VERSION OUTDIR" >&2
  exit 2
fi
binary="$1" target="$2" version="$3" outdir="$4"
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/.."
name="sessionpack-$version-$target"
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/$name/scripts" "$outdir"
cp "$binary" "$stage/$name/"
cp "$root/README.md" "$stage/$name/"
cp "$here/setup.sh" "$here/setup.ps1" "$here"/typst-*.sha256 "$stage/$name/scripts/"
outdir="$(cd "$outdir" && pwd)"
case "$target" in
  *windows*)
    archive="$name.zip"
    rm -f "$outdir/$archive"
    if command -v zip >/dev/null; then
      (cd "$stage" && zip -qr "$outdir/$archive" "$name")
    else
      (cd "$stage" && 7z a -tzip -bd "$outdir/$archive" "$name" >/dev/null)
    fi
    ;;
  *)
    archive="$name.tar.xz"
    tar -cJf "$outdir/$archive" -C "$stage" "$name"
    ;;
esac
cd "$outdir"
if command -v sha256sum >/dev/null; then
  sha256sum "$archive" >"$archive.sha256"
else
  shasum -a 256 "$archive" >"$archive.sha256"
fi
echo "$outdir/$archive"
