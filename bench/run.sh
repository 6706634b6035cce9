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
#   AUDIENCE   internal, council or both (default): the recipe's audience;
#              a council pack also runs disclosure control
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
case ${AUDIENCE:-both} in
internal) audiences=(internal) ;;
council) audiences=(council) ;;
both) audiences=(internal council) ;;
*) echo "bench/run.sh: AUDIENCE must be internal, council or both" >&2; exit 2 ;;
esac

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
engine_note=""
cli=true
if go build -o "$work/mipack" ./cmd/mipack 2>"$work/mipack-build.log"; then
	runner_name="mipack render --format json"
else
	# The command line does not build (a renderer it links is missing or
	# broken): time the same engine calls in-process instead, and say so.
	go build -o "$work/mipack-profile" ./bench/profile
	mkdir -p "$work/out"
	cli=false
	runner_name="bench/profile (Load, Check, Run, pack.Encode)"
	engine_note="cmd/mipack did not build (see $work/mipack-build.log): timed bench/profile, the same engine calls in-process"
fi
# recipe AUDIENCE: the benchmark's recipe for that audience; pack AUDIENCE:
# the pack it writes; runner AUDIENCE sets the command that makes it.
recipe() { [ "$1" = internal ] && echo "$work/bench.yaml" || echo "$work/bench-$1.yaml"; }
pack() { [ "$1" = internal ] && echo "$work/out/bench-2026-10.json" || echo "$work/out/bench-$1-2026-10.json"; }
runner() {
	if [ "$cli" = true ]; then
		runner=("$work/mipack" render "$(recipe "$1")" --format json --out "$work/out")
	else
		runner=("$work/mipack-profile" -recipe "$(recipe "$1")" -out "$(pack "$1")")
	fi
}
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
sed 's/^audience: internal$/audience: council/' "$work/bench.yaml" >"$work/bench-council.yaml"
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

declare -A best_m rss_m
best_d="" rss_d=0 check="skipped"
for a in "${audiences[@]}"; do best_m[$a]="" rss_m[$a]=0; done
for i in $(seq "$repeat"); do
	for a in "${audiences[@]}"; do
		runner "$a"
		load=$(higher "$load" "$(loadavg)")
		t0=$(date +%s%N)
		/usr/bin/time -f %M -o "$work/mipack.rss" \
			"${runner[@]}" >"$work/mipack.log" 2>&1 ||
			{ cat "$work/mipack.log" >&2; exit 1; }
		t1=$(date +%s%N)
		ns=$((t1 - t0))
		kb=$(tail -n 1 "$work/mipack.rss")
		if [ -z "${best_m[$a]}" ] || [ "$ns" -lt "${best_m[$a]}" ]; then best_m[$a]=$ns; fi
		if [ "$kb" -gt "${rss_m[$a]}" ]; then rss_m[$a]=$kb; fi
		echo "mipack ($a) run $i: $(seconds "$ns") s, peak RSS $((kb / 1024)) MiB" >&2
	done

	[ -z "$duck_note" ] || continue
	load=$(higher "$load" "$(loadavg)")
	# DuckDB's figures are checked against every pack: the bench extract's
	# groups are large, so a council pack withholds nothing.
	for a in "${audiences[@]}"; do
		if ! /usr/bin/time -f %M -o "$work/duckdb.rss" \
			"$work/duckbench" -csv "$csv" -pack "$(pack "$a")" -threads "$threads" >"$work/duckdb.log" 2>&1; then
			cat "$work/duckdb.log" >&2
			check="FAILED"
			break 2
		fi
		line=$(tail -n 1 "$work/duckdb.log")
		c=$(echo "$line" | sed -n 's/.*check=\([A-Za-z]*\).*/\1/p')
		if [ "$check" = skipped ] || [ "$check" = ok ]; then check=$c; fi
	done
	ns=$(echo "$line" | sed -n 's/.*seconds=\([0-9.]*\).*/\1/p' | awk '{ printf "%.0f", $1 * 1e9 }')
	kb=$(tail -n 1 "$work/duckdb.rss")
	if [ -z "$best_d" ] || [ "$ns" -lt "$best_d" ]; then best_d=$ns; fi
	if [ "$kb" -gt "$rss_d" ]; then rss_d=$kb; fi
	echo "duckdb run $i: $(seconds "$ns") s, peak RSS $((kb / 1024)) MiB" >&2
done

# One awk program prints the report; each audience measured is a row and a
# ratio, and the BENCH line names the internal pack's figures as before and
# the council pack's with a council_ prefix.
figures=""
for a in "${audiences[@]}"; do figures="$figures $a ${best_m[$a]} ${rss_m[$a]}"; done
awk -v rows="$rows" -v bytes="$bytes" -v repeat="$repeat" -v cpus="$(nproc)" -v figures="$figures" \
	-v d="${best_d:-0}" -v drss="$rss_d" \
	-v check="$check" -v note="$duck_note" -v runner="$runner_name" -v enote="$engine_note" -v go="$(go env GOVERSION)" -v load="$load" -v commit="$commit" -v dirty="$dirty" -v cli="$cli" 'BEGIN {
	n = split(figures, f, " ")
	target["internal"] = 0.6; target["council"] = 0.8
	ds = d / 1e9
	printf "\nmipack speed benchmark: %d rows, %.1f MB, 2 sections, fastest of %d runs, %d CPUs, %s\n", rows, bytes / 1e6, repeat, cpus, go
	printf "mipack: %s at %s%s; highest load average before a run: %s\n", runner, commit, dirty == "true" ? " with uncommitted changes" : "", load
	if (enote != "") print enote
	printf "%-17s %9s %12s %8s %14s\n", "", "wall s", "rows/s", "MB/s", "peak RSS MiB"
	for (i = 1; i <= n; i += 3) {
		ms = f[i + 1] / 1e9
		printf "%-17s %9.3f %12.0f %8.1f %14.1f\n", "mipack " f[i], ms, rows / ms, bytes / 1e6 / ms, f[i + 2] / 1024
	}
	if (note == "")
		printf "%-17s %9.3f %12.0f %8.1f %14.1f\n", "duckdb", ds, rows / ds, bytes / 1e6 / ds, drss / 1024
	else
		print note
	bench = sprintf("{\"rows\":%d,\"bytes\":%d,\"repeat\":%d,\"cpus\":%d,\"commit\":\"%s\",\"dirty\":%s,\"load\":\"%s\",\"cli\":%s", rows, bytes, repeat, cpus, commit, dirty, load, cli)
	for (i = 1; i <= n; i += 3) {
		a = f[i]; ms = f[i + 1] / 1e9; mib = f[i + 2] / 1024
		prefix = a == "internal" ? "" : a "_"
		ratio = "null"
		if (note == "") {
			ratio = sprintf("%.3f", ms / ds)
			printf "wall time mipack (%s) / duckdb: %.2f (target: at most %.2f) %s\n", a, ms / ds, target[a], ms / ds <= target[a] ? "met" : "NOT met"
		}
		if (a == "council")
			printf "council peak RSS: %.1f MiB (target at 10M rows: at most 100 MiB)\n", mib
		bench = bench sprintf(",\"%smipack_seconds\":%.3f,\"%smipack_rows_per_second\":%.0f,\"%smipack_mb_per_second\":%.1f,\"%smipack_peak_rss_mib\":%.1f,\"%sratio\":%s", prefix, ms, prefix, rows / ms, prefix, bytes / 1e6 / ms, prefix, mib, prefix, ratio)
	}
	if (note == "") {
		printf "cross-check against DuckDB (counts exact, sums to the cent, means to half a cent): %s\n", check
		bench = bench sprintf(",\"duckdb_seconds\":%.3f,\"duckdb_peak_rss_mib\":%.1f,\"check\":\"%s\"}", ds, drss / 1024, check)
	} else
		bench = bench ",\"duckdb_seconds\":null,\"duckdb_peak_rss_mib\":null,\"check\":\"skipped\"}"
	print "BENCH " bench
}'
[ "$check" != FAILED ]
