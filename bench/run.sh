#!/usr/bin/env bash
# Speed benchmark: stream a synthetic extract of ROWS rows (1,000,000 by
# default) into a pack with `mipack render --format json`, run the same two
# aggregations with DuckDB, cross-check the figures, and print a table and
# one machine-readable line (BENCH {...}). See bench/README.md.
#
#   bench/run.sh [ROWS]
#
# Environment:
#   BENCH_DIR  where the extract, recipe, binaries and pack go
#              (default: $TMPDIR/mipack-bench-ROWS, i.e. /tmp/mipack-bench-ROWS)
#   REPEAT     timed runs of each side; the fastest counts (default 3)
#   DUCKDB     0 skips the DuckDB side (default 1; skipped anyway without cgo)
#   THREADS    DuckDB threads (default: DuckDB's own, all cores)
set -euo pipefail

rows=${1:-1000000}
case $rows in
'' | *[!0-9]*) echo "usage: bench/run.sh [ROWS]" >&2; exit 2 ;;
esac
root=$(cd "$(dirname "$0")/.." && pwd)
work=${BENCH_DIR:-${TMPDIR:-/tmp}/mipack-bench-$rows}
repeat=${REPEAT:-3}
duck=${DUCKDB:-1}
threads=${THREADS:-0}

if [ ! -x /usr/bin/time ]; then
	echo "bench/run.sh: /usr/bin/time is missing (Debian: apt-get install -y time)" >&2
	exit 1
fi
mkdir -p "$work"
cd "$root"
# The figures belong to the tree built: its commit, and whether the engine's
# files had changes not yet committed.
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
dirty=false
if [ -n "$(git status --porcelain -- go.mod go.sum cmd recipes render templates 2>/dev/null)" ]; then
	dirty=true
fi

# Build first, so compile time is not counted.
echo "building mipack ..." >&2
pack="$work/out/bench-2026-10.json"
engine_note=""
if go build -o "$work/mipack" ./cmd/mipack 2>"$work/mipack-build.log"; then
	runner=("$work/mipack" render "$work/bench.yaml" --format json --out "$work/out")
	runner_name="mipack render --format json"
else
	# The command line does not build (a renderer it links is missing or
	# broken): time the same engine calls in-process instead, and say so.
	go build -o "$work/mipack-profile" ./bench/profile
	mkdir -p "$work/out"
	runner=("$work/mipack-profile" -recipe "$work/bench.yaml" -out "$pack")
	runner_name="bench/profile (Load, Check, Run, pack.Encode)"
	engine_note="cmd/mipack did not build (see $work/mipack-build.log): timed bench/profile, the same engine calls in-process"
fi
duck_note=""
if [ "$duck" = 1 ]; then
	echo "building the DuckDB side (cgo; the first build takes a minute) ..." >&2
	if [ "$(go env CGO_ENABLED)" != 1 ]; then
		duck_note="DuckDB side skipped: cgo is off (CGO_ENABLED=0)"
	elif ! command -v "$(go env CC)" >/dev/null || ! command -v "$(go env CXX)" >/dev/null; then
		duck_note="DuckDB side skipped: no C/C++ compiler ($(go env CC), $(go env CXX)); Debian: apt-get install -y build-essential"
	elif ! (cd bench/duckdb && go build -o "$work/duckbench" .) >"$work/duckbench-build.log" 2>&1; then
		duck_note="DuckDB side skipped: it did not build, see $work/duckbench-build.log"
	fi
else
	duck_note="DuckDB side skipped: DUCKDB=0"
fi

echo "writing $rows rows ..." >&2
go run ./bench/gen -rows "$rows" -out "$work" >&2
csv="$work/extracts/payments.csv"
bytes=$(stat -c %s "$csv")
cat "$csv" >/dev/null # the same warm page cache for both sides
# Other work on the machine skews the figures: the highest load average
# seen before a run is printed with them, and the two sides take turns so
# that a change in load falls on both.
load=0
loadavg() { cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo 0; }
higher() { awk -v a="$1" -v b="$2" 'BEGIN { print (a > b ? a : b) }'; }
seconds() { awk -v n="$1" 'BEGIN { printf "%.3f", n / 1e9 }'; }

best_m="" rss_m=0 best_d="" rss_d=0 check="skipped"
for i in $(seq "$repeat"); do
	load=$(higher "$load" "$(loadavg)")
	t0=$(date +%s%N)
	/usr/bin/time -f %M -o "$work/mipack.rss" \
		"${runner[@]}" >"$work/mipack.log" 2>&1 ||
		{ cat "$work/mipack.log" >&2; exit 1; }
	t1=$(date +%s%N)
	ns=$((t1 - t0))
	kb=$(tail -n 1 "$work/mipack.rss")
	if [ -z "$best_m" ] || [ "$ns" -lt "$best_m" ]; then best_m=$ns; fi
	if [ "$kb" -gt "$rss_m" ]; then rss_m=$kb; fi
	echo "mipack run $i: $(seconds "$ns") s, peak RSS $((kb / 1024)) MiB" >&2

	[ -z "$duck_note" ] || continue
	load=$(higher "$load" "$(loadavg)")
	if ! /usr/bin/time -f %M -o "$work/duckdb.rss" \
		"$work/duckbench" -csv "$csv" -pack "$pack" -threads "$threads" >"$work/duckdb.log" 2>&1; then
		cat "$work/duckdb.log" >&2
		check="FAILED"
		break
	fi
	line=$(tail -n 1 "$work/duckdb.log")
	ns=$(echo "$line" | sed -n 's/.*seconds=\([0-9.]*\).*/\1/p' | awk '{ printf "%.0f", $1 * 1e9 }')
	check=$(echo "$line" | sed -n 's/.*check=\([A-Za-z]*\).*/\1/p')
	kb=$(tail -n 1 "$work/duckdb.rss")
	if [ -z "$best_d" ] || [ "$ns" -lt "$best_d" ]; then best_d=$ns; fi
	if [ "$kb" -gt "$rss_d" ]; then rss_d=$kb; fi
	echo "duckdb run $i: $(seconds "$ns") s, peak RSS $((kb / 1024)) MiB" >&2
done

awk -v rows="$rows" -v bytes="$bytes" -v repeat="$repeat" -v cpus="$(nproc)" \
	-v m="$best_m" -v mrss="$rss_m" -v d="${best_d:-0}" -v drss="$rss_d" \
	-v check="$check" -v note="$duck_note" -v runner="$runner_name" -v enote="$engine_note" -v go="$(go env GOVERSION)" -v load="$load" -v commit="$commit" -v dirty="$dirty" -v cli="$([ -z "$engine_note" ] && echo true || echo false)" 'BEGIN {
	ms = m / 1e9; ds = d / 1e9
	printf "\nmipack speed benchmark: %d rows, %.1f MB, 2 sections, fastest of %d runs, %d CPUs, %s\n", rows, bytes / 1e6, repeat, cpus, go
	printf "mipack: %s at %s%s; highest load average before a run: %s\n", runner, commit, dirty == "true" ? " with uncommitted changes" : "", load
	if (enote != "") print enote
	printf "%-8s %9s %12s %8s %14s\n", "", "wall s", "rows/s", "MB/s", "peak RSS MiB"
	printf "%-8s %9.3f %12.0f %8.1f %14.1f\n", "mipack", ms, rows / ms, bytes / 1e6 / ms, mrss / 1024
	if (note == "") {
		printf "%-8s %9.3f %12.0f %8.1f %14.1f\n", "duckdb", ds, rows / ds, bytes / 1e6 / ds, drss / 1024
		ratio = ms / ds
		printf "wall time mipack / duckdb: %.2f (target: at most 1.00) %s\n", ratio, ratio <= 1 ? "met" : "NOT met"
		printf "cross-check against DuckDB (counts exact, sums to the cent, means to half a cent): %s\n", check
	} else {
		ratio = "null"; ds = "null"
		print note
	}
	printf "peak RSS target (< 200 MiB): %s\n", mrss / 1024 < 200 ? "met" : "NOT met"
	printf "BENCH {\"rows\":%d,\"bytes\":%d,\"repeat\":%d,\"cpus\":%d,\"commit\":\"%s\",\"dirty\":%s,\"load\":\"%s\",\"cli\":%s,\"mipack_seconds\":%.3f,\"mipack_rows_per_second\":%.0f,\"mipack_mb_per_second\":%.1f,\"mipack_peak_rss_mib\":%.1f,", rows, bytes, repeat, cpus, commit, dirty, load, cli, ms, rows / ms, bytes / 1e6 / ms, mrss / 1024
	if (note == "")
		printf "\"duckdb_seconds\":%.3f,\"duckdb_peak_rss_mib\":%.1f,\"ratio\":%.3f,\"check\":\"%s\"}\n", ds, drss / 1024, ratio, check
	else
		printf "\"duckdb_seconds\":null,\"duckdb_peak_rss_mib\":null,\"ratio\":null,\"check\":\"skipped\"}\n"
}'
[ "$check" != FAILED ]
