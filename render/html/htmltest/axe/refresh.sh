#!/usr/bin/env bash
# Refresh the embedded axe-core accessibility engine from the npm registry and
# check it against the pinned sha256:
#
#   render/html/htmltest/axe/refresh.sh                  # the pinned version
#   render/html/htmltest/axe/refresh.sh 4.10.4 <sha256>  # move the pin
#
# axe-core is MPL-2.0 (LICENSE; bundled parts in LICENSE-3RD-PARTY.txt). It is
# used by the browser checks only and is never part of a rendered pack.
set -euo pipefail
version="${1:-4.10.3}"
want="${2:-880970c081707360e64f34cea25ff91892f5bc95675b0776925b9709dd8a68bb}"
here="$(cd "$(dirname "$0")" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

(cd "$tmp" && npm pack --silent "axe-core@${version}" >/dev/null)
tar -xzf "$tmp/axe-core-${version}.tgz" -C "$tmp" package/axe.min.js package/LICENSE package/LICENSE-3RD-PARTY.txt

got="$(sha256sum "$tmp/package/axe.min.js" | cut -d' ' -f1)"
if [ "$got" != "$want" ]; then
  echo "axe-core@${version} axe.min.js: sha256 $got, want $want" >&2
  exit 1
fi
cp "$tmp/package/axe.min.js" "$tmp/package/LICENSE" "$tmp/package/LICENSE-3RD-PARTY.txt" "$here/"
echo "render/html/htmltest/axe: axe-core@${version} ($got)"
