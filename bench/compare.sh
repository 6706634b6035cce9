#!/usr/bin/env bash
# Compare the Go benchmarks of the CSV reader and the renderers between a
# base git ref and the working tree, with benchstat, in one run. See
# bench/README.md.
#
#   bench/compare.sh [BASE_REF]        # default BASE_REF: HEAD
#
# The base is checked out in a temporary git worktree (removed afterwards);
# the working tree is measured as it is, uncommitted changes included.
#
# Environment:
#   PKGS       packages to measure (default: "./recipes/csvx/... ./render/...")
#   COUNT      runs of each benchmark, for benchstat's statistics (default 6)
#   BENCH      the -bench pattern (default ".")
#   BENCHTIME  passed as -benchtime when set (e.g. 2s or 100x)
#   OUT        where base.txt, head.txt and benchstat.txt go (default: a temporary directory)
set -euo pipefail

base=${1:-HEAD}
root=$(cd "$(dirname "$0")/.." && pwd)
pkgs=${PKGS:-./recipes/csvx/... ./render/...}
count=${COUNT:-6}
bench=${BENCH:-.}
out=${OUT:-$(mktemp -d "${TMPDIR:-/tmp}/mipack-compare.XXXXXX")}
mkdir -p "$out"

cd "$root"
rev=$(git rev-parse --verify --quiet "$base^{commit}") ||
	{ echo "bench/compare.sh: $base is not a commit" >&2; exit 2; }

tree=$(mktemp -d "${TMPDIR:-/tmp}/mipack-base.XXXXXX")
rmdir "$tree"
cleanup() { git -C "$root" worktree remove --force "$tree" >/dev/null 2>&1 || rm -rf "$tree"; }
trap cleanup EXIT
git worktree add --detach --quiet "$tree" "$rev"

# measure DIR FILE runs the benchmarks in DIR; packages missing there are
# left out with a note, a package that does not build is reported.
measure() {
	local dir=$1 file=$2 list=()
	# shellcheck disable=SC2086 # PKGS is a list of patterns
	mapfile -t list < <(cd "$dir" && go list $pkgs 2>/dev/null || true)
	if [ ${#list[@]} -eq 0 ]; then
		echo "  no packages matching $pkgs in $dir" >&2
		: >"$file"
		return
	fi
	local args=(test -run '^$' -bench "$bench" -benchmem -count "$count")
	[ -n "${BENCHTIME:-}" ] && args+=(-benchtime "$BENCHTIME")
	(cd "$dir" && go "${args[@]}" "${list[@]}") >"$file" 2>&1 ||
		echo "  some packages failed in $dir; see $file" >&2
}

echo "base $base ($(git rev-parse --short "$rev")): measuring $pkgs, count $count ..." >&2
measure "$tree" "$out/base.txt"
echo "working tree: measuring ..." >&2
measure "$root" "$out/head.txt"

if ! grep -q '^Benchmark' "$out/base.txt" "$out/head.txt"; then
	echo "no benchmark results in $out/base.txt or $out/head.txt: the packages have no Benchmark functions yet" >&2
	exit 1
fi
if command -v benchstat >/dev/null; then
	benchstat=(benchstat)
else
	benchstat=(go run golang.org/x/perf/cmd/benchstat@latest)
fi
"${benchstat[@]}" base="$out/base.txt" head="$out/head.txt" | tee "$out/benchstat.txt"
echo "raw results: $out/base.txt, $out/head.txt" >&2
