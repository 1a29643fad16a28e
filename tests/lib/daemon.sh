# daemon.sh - sourced by tests/e2e/*.sh: start_daemon SOCK LOG [FLAG...]
# starts $build/workersd on SOCK (the suite may run as root, so
# --allow-root-workers), logging to LOG, sets $pid and waits until it
# answers `ls`; it stops the test (exit 1, the log shown) if the daemon
# dies or does not answer within 10 s.  stop_daemon ends it.
# wait_daemon SOCK PID is that wait alone, for a test that starts its
# daemon its own way: status 0 once it answers, 1 if process PID ends or
# 10 s pass first.
start_daemon() {
	sock_=$1 log_=$2
	shift 2
	"$build/workersd" --socket "$sock_" --host-path "$build/worker-host" --allow-root-workers "$@" \
		2>"$log_" &
	pid=$!
	wait_daemon "$sock_" "$pid" || { cat "$log_"; exit 1; }
}

wait_daemon() {
	tries_=0
	until "$build/workerctl" --socket "$1" --timeout 1 ls >/dev/null 2>&1; do
		tries_=$((tries_ + 1))
		[ "$tries_" -lt 200 ] && kill -0 "$2" 2>/dev/null || return 1
		sleep 0.05
	done
}

stop_daemon() {
	[ -z "${pid:-}" ] || { kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true; }
	pid=
}
