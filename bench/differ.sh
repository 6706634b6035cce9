#!/usr/bin/env bash
# Differential check of council packs: N random council recipes (bench/differ),
# each over an extract of its own, rendered to pack.json by mipack built at
# BASE_REF and by mipack built from this tree; every pair must be
# byte-identical (or fail alike, with the same message; a render that
# takes over a minute counts as failed, exit 124). A speed-up that
# changes which figures are withheld fails here. See bench/README.md.
#
#   bench/differ.sh [BASE_REF] [N]
#
# BASE_REF defaults to where this branch left main (git merge-base HEAD
# main), so that changes merged into main since, such as new words in a
# pack, do not count; N defaults to 250.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
base=${1:-$(git -C "$root" merge-base HEAD main)}
n=${2:-250}
work=$(mktemp -d)
trap 'git -C "$root" worktree remove --force "$work/base" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
cd "$root"
git worktree add --detach "$work/base" "$base" >/dev/null 2>&1
(cd "$work/base" && go build -o "$work/mipack-base" ./cmd/mipack)
go build -o "$work/mipack-tree" ./cmd/mipack
go run ./bench/differ -n "$n" -out "$work/r"
export SOURCE_DATE_EPOCH=1700000000
same=0 withheld=0 failed=0
for d in "$work"/r/*/; do
	for side in base tree; do
		rm -rf "$d/out"
		set +e
		(cd "$d" && timeout -k 5 60 "$work/mipack-$side" render pack.yaml --format json --out out >"$work/$side.log" 2>&1)
		echo "exit $?" >>"$work/$side.log"
		set -e
		cat "$d"/out/*.json >"$work/$side.json" 2>/dev/null || : >"$work/$side.json"
	done
	if cmp -s "$work/base.json" "$work/tree.json" && cmp -s "$work/base.log" "$work/tree.log"; then
		same=$((same + 1))
	else
		echo "differ: $(basename "$d") gives another pack:" >&2
		diff "$work/base.json" "$work/tree.json" | head -20 >&2 || true
		diff "$work/base.log" "$work/tree.log" >&2 || true
	fi
	if tr -d ' \n' <"$work/tree.json" | grep -q '"suppressed":\[\['; then withheld=$((withheld + 1)); fi
	if ! grep -q '^exit 0$' "$work/tree.log"; then failed=$((failed + 1)); fi
done
echo "differ: $same of $n council packs byte-identical between $base ($(git rev-parse --short "$base")) and this tree; $withheld withheld figures, $failed refused alike by both"
[ "$same" = "$n" ]
