#!/bin/sh
# run_host_fails.sh - `workerctl run` of a worker whose host ends before it
# can report anything (it could not start: exec failed, a library is
# missing) says so in one line instead of exiting silently with the code:
# the daemon is given a host that exits 127 at once, without a frame.
# Runs as any user.
set -eu

build=${WORKERSD_BUILD:-$(pwd)/build}
. "$(cd "$(dirname "$0")/.." && pwd)/lib/daemon.sh"
ctl="$build/workerctl"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/workersd-hostfail.XXXXXX")
sock="$tmp/workersd.sock"
pid=
trap '[ -z "$pid" ] || { kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; }; rm -rf "$tmp"' EXIT
fail() { echo "run_host_fails: $*" >&2; cat "$tmp/log" >&2; exit 1; }
printf '#!/bin/sh\nexit 127\n' > "$tmp/host"
chmod +x "$tmp/host"
echo 'postMessage(1);' > "$tmp/one.js"

"$build/workersd" --socket "$sock" --host-path "$tmp/host" --allow-root-workers 2>"$tmp/log" &
pid=$!
wait_daemon "$sock" "$pid" || fail "the daemon did not start"

rc=0
"$ctl" --socket "$sock" --timeout 20 run "$tmp/one.js" >"$tmp/out" 2>"$tmp/err" || rc=$?
[ "$rc" -eq 127 ] || fail "exit status $rc, not the host's 127"
grep -q "^workerctl: worker [0-9]*: ended with code 127 and no error event (see the daemon's log)$" "$tmp/err" ||
	fail "stderr: $(cat "$tmp/err")"
[ ! -s "$tmp/out" ] || fail "stdout: $(cat "$tmp/out")"
echo "run_host_fails: ok"
