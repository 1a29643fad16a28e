#!/bin/sh
# demo.sh - the main job, start to end (`make demo` runs it with the build
# directory as $1): start a daemon on a private socket in a temp directory,
# drive docs/examples/echo.js through workerctl (spawn, post, recv, ls,
# terminate), run a worker attached to the terminal, say what happened and
# stop the daemon.  Every command is printed before it runs.
set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$top/build}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/workersd-demo.XXXXXX")
daemon_pid=
export WORKERSD_SOCKET="$tmp/workersd.sock"
PATH="$build:$PATH"
export PATH

stop_daemon() {
	[ -n "$daemon_pid" ] || return 0
	kill "$daemon_pid" 2>/dev/null || true
	wait "$daemon_pid" 2>/dev/null || true
	daemon_pid=
}
trap 'stop_daemon; rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM HUP

show() {
	printf '\n$ %s\n' "$*"
}

cd "$top"
echo "== workersd demo: private daemon on $WORKERSD_SOCKET"
# A root daemon runs root's workers only when told to (workersd(8)); the
# demo's client is whoever runs it, so it says so when that is root.
root=
[ "$(id -u)" = 0 ] && root=--allow-root-workers
show workersd --socket "$WORKERSD_SOCKET" --host-path "$build/worker-host" $root "&"
workersd --socket "$WORKERSD_SOCKET" --host-path "$build/worker-host" $root 2>"$tmp/workersd.log" &
daemon_pid=$!
# Wait (up to 10 s) until the daemon answers; it only takes a moment.
tries=0
until workerctl --timeout 1 ls >/dev/null 2>&1; do
	tries=$((tries + 1))
	if [ "$tries" -ge 200 ] || ! kill -0 "$daemon_pid" 2>/dev/null; then
		echo "demo: the daemon did not start; its log:" >&2
		cat "$tmp/workersd.log" >&2
		exit 1
	fi
	sleep 0.05
done

show workerctl spawn --name demo-echo docs/examples/echo.js
id=$(workerctl spawn --name demo-echo docs/examples/echo.js)
echo "$id"

show workerctl post "$id" "'{\"hello\":\"world\"}'" "'[1,2.5,null]'" \
	"'{\"\$type\":\"Date\",\"value\":\"2024-01-02T03:04:05.678Z\"}'"
workerctl post "$id" '{"hello":"world"}' '[1,2.5,null]' \
	'{"$type":"Date","value":"2024-01-02T03:04:05.678Z"}'

show workerctl recv "$id" -n 3 --timeout 10
echoed=$(workerctl recv "$id" -n 3 --timeout 10)
printf '%s\n' "$echoed"

show workerctl ls
workerctl ls

show workerctl terminate demo-echo
workerctl terminate demo-echo

show workerctl status demo-echo
workerctl status demo-echo | grep -E '^(id|name|state|code|reason):'

show "printf '\"world\"\\n\"again\"\\nnull\\n' | workerctl run docs/examples/cjs/main.js"
set +e
answers=$(printf '"world"\n"again"\nnull\n' | workerctl --timeout 20 run docs/examples/cjs/main.js)
run_status=$?
set -e
printf '%s\n' "$answers"
echo "(exit status $run_status)"

stop_daemon
echo
echo "== what happened"
echo "- a daemon ran on a private socket in $tmp (now removed)"
echo "- worker $id (docs/examples/echo.js) echoed $(printf '%s\n' "$echoed" | grep -c .) messages back, then was terminated"
echo "- 'workerctl run' answered $(printf '%s\n' "$answers" | grep -c .) lines through a CommonJS module and exited with status $run_status"
echo "- the daemon was stopped"
[ "$run_status" -eq 0 ] && [ "$(printf '%s\n' "$echoed" | grep -c .)" -eq 3 ]
