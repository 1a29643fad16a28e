#!/bin/sh
# make bench PEERS=1: workersd's benchmark and the peers' harness
# (shared/bench/peers/run-all.sh: Bun's Worker, found or installed as that
# script does, and Node's worker_threads) alternately, BENCH_RUNS times
# each in the same invocation, then one table of medians with the ratios
# to Bun and Node.  Usage: sidebyside.sh BUILD PEERS_DIR
set -eu
build=$1
peers=$2
here=$(cd "$(dirname "$0")" && pwd)
runs=${BENCH_RUNS:-3}
[ -x "$peers/run-all.sh" ] || [ -f "$peers/run-all.sh" ] ||
	{ echo "bench: no peers' harness at $peers (set PEERS_DIR)" >&2; exit 1; }
dir=$(mktemp -d /tmp/workersd-sidebyside.XXXXXX)
trap 'rm -rf "$dir"' EXIT INT TERM
r=1
while [ "$r" -le "$runs" ]; do
	echo "bench: run $r of $runs: workersd" >&2
	OUT="$dir/workersd-$r.json" sh "$here/run.sh" "$build" >/dev/null 2>"$dir/workersd-$r.log" ||
		{ cat "$dir/workersd-$r.log" >&2; exit 1; }
	echo "bench: run $r of $runs: peers" >&2
	RUNS=1 PEERS="${BENCH_PEERS:-bun-worker node-worker_threads}" OUT_DIR="$dir/peers-$r" \
		bash "$peers/run-all.sh" >"$dir/peers-$r.out" 2>"$dir/peers-$r.log" ||
		{ cat "$dir/peers-$r.log" >&2; exit 1; }
	r=$((r + 1))
done
python3 "$here/sidebyside.py" "$dir" "$runs"
