#!/bin/sh
# cgroup.sh - a cgroup per worker (daemon/cgroup.c) on a real cgroup2
# hierarchy: with --cgroup DIR, and with --cgroup auto as systemd starts a
# service with Delegate=yes (INVOCATION_ID set, the daemon already inside
# its own writable cgroup).  Each worker's process is in DIR/worker-ID while
# it runs, the daemon and its template in DIR/supervisor, and the worker's
# directory is gone once it has closed.  Needs root and a cgroup2 mount:
# skipped otherwise.
set -eu

[ "$(id -u)" = 0 ] || { echo "cgroup: not root: skipped"; exit 0; }
mnt=$(awk '$0 ~ / - cgroup2 / { print $5; exit }' /proc/self/mountinfo)
[ -n "$mnt" ] && [ -w "$mnt" ] || { echo "cgroup: no writable cgroup2 mount: skipped"; exit 0; }
build=${WORKERSD_BUILD:-$(pwd)/build}
. "$(cd "$(dirname "$0")/.." && pwd)/lib/daemon.sh"
ctl="$build/workerctl"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/workersd-cgroup.XXXXXX")
cg="$mnt/workersd-test-$$"
sock="$tmp/workersd.sock"
pid=
stop() {
	[ -z "$pid" ] || { kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true; }
	pid=
}
# A cgroup is busy until its last process has gone (the template may
# still be exiting after the daemon), so each removal is retried a while;
# under set -e a failed rmdir here made a passing run exit 1.
cleanup() {
	stop
	for d in "$cg"/*/ "$cg"; do
		[ -d "$d" ] || continue
		tries=0
		until rmdir "$d" 2>/dev/null || [ "$tries" -ge 100 ]; do
			tries=$((tries + 1))
			sleep 0.05
		done
	done
	rm -rf "$tmp"
}
trap cleanup EXIT
fail() { echo "cgroup: $*" >&2; cat "$tmp/log" >&2; exit 1; }
printf 'setInterval(function () {}, 1000);\n' > "$tmp/idle.js"

wait_up() {
	wait_daemon "$sock" "$pid" || fail "the daemon did not start"
}
cgroup_of() { sed -n 's/^0:://p' "/proc/$1/cgroup"; }
pid_of() { "$ctl" --socket "$sock" status --json "$1" | sed -n 's/.*"pid": *\([0-9]*\).*/\1/p'; }

# One daemon's worth of checks; $1 names the mode for the messages.
check() {
	id=$("$ctl" --socket "$sock" spawn "$tmp/idle.js") || fail "$1: spawn"
	wpid=$(pid_of "$id")
	[ "$(cgroup_of "$wpid")" = "${cg#"$mnt"}/worker-$id" ] ||
		fail "$1: worker $id is in $(cgroup_of "$wpid")"
	[ "$(cgroup_of "$pid")" = "${cg#"$mnt"}/supervisor" ] || fail "$1: the daemon is in $(cgroup_of "$pid")"
	"$ctl" --socket "$sock" terminate "$id" >/dev/null || fail "$1: terminate"
	"$ctl" --socket "$sock" wait "$id" >/dev/null 2>&1 || true
	[ ! -d "$cg/worker-$id" ] || fail "$1: $cg/worker-$id outlives its worker"
	stop
}

mkdir "$cg"
"$build/workersd" --socket "$sock" --cgroup "$cg" --host-path "$build/worker-host" --allow-root-workers 2>"$tmp/log" &
pid=$!
wait_up
check "--cgroup DIR"

rm -f "$sock"
(echo 0 > "$cg/cgroup.procs" && exec env INVOCATION_ID=cgroup-test "$build/workersd" --socket "$sock" \
	--host-path "$build/worker-host" --allow-root-workers 2>"$tmp/log") &
pid=$!
wait_up
check "--cgroup auto under systemd"

# Asked for a directory it cannot use, the daemon refuses to start.
if "$build/workersd" --socket "$tmp/other.sock" --cgroup "$tmp/not-a-cgroup/x" 2>"$tmp/log"; then
	fail "started with an unusable --cgroup"
fi
grep -q "cgroup $tmp/not-a-cgroup/x" "$tmp/log" || fail "no line naming the cgroup"
echo "cgroup: ok"
