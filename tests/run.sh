#!/bin/sh
# Runs every Check test binary given, then every tests/e2e/*.sh and
# tests/lint/*.sh script, and
# ends with the failing binaries (each with its failed test cases) and one
# aggregate line "N passed, N failed".  A binary that prints no
# Check summary, or runs no test at all, counts as a failure: a typo in a
# suite filter must not pass.
build=$1; shift
export WORKERSD_BUILD="$build"
[ "${SANITIZE:-0}" = 1 ] && export CK_TIMEOUT_MULTIPLIER=${CK_TIMEOUT_MULTIPLIER:-4}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
passed=0; failed=0; broken=""
log=$(mktemp); trap 'rm -f "$log"' EXIT

for t in "$@"; do
	name=${t#"$build"/tests/}
	"$t" >"$log" 2>&1; rc=$?
	line=$(grep -E '^[0-9]+%: Checks: [0-9]+' "$log" | tail -n 1)
	if [ -z "$line" ]; then
		cat "$log"; echo "$name: no Check summary (exit $rc)"
		failed=$((failed + 1)); broken="$broken $name"; continue
	fi
	n=$(echo "$line" | sed -E 's/.*Checks: ([0-9]+).*/\1/')
	f=$(echo "$line" | sed -E 's/.*Failures: ([0-9]+).*/\1/')
	e=$(echo "$line" | sed -E 's/.*Errors: ([0-9]+).*/\1/')
	if [ "$f" -ne 0 ] || [ "$e" -ne 0 ] || [ "$rc" -ne 0 ] || [ "$n" -eq 0 ]; then
		grep -vE '^Running suite' "$log"
		cases=$(sed -nE 's/^[^:]+:[0-9]+:[FE]:[^:]*:([^:]+):.*/\1/p' "$log" | sort -u | paste -sd, -)
		broken="$broken $name${cases:+($cases)}"
	fi
	[ "$n" -eq 0 ] && { echo "$name: ran no test"; failed=$((failed + 1)); }
	echo "$name: $line"
	passed=$((passed + n - f - e)); failed=$((failed + f + e))
	[ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && [ "$e" -eq 0 ] && failed=$((failed + 1))
done

for s in tests/e2e/*.sh tests/lint/*.sh; do
	[ -f "$s" ] || continue
	name=${s#tests/}
	if sh "$s" >"$log" 2>&1; then
		passed=$((passed + 1)); echo "$name: ok"
	else
		cat "$log"; echo "$name: FAILED"
		failed=$((failed + 1)); broken="$broken $name"
	fi
done

[ -n "$broken" ] && echo "failing:$broken"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
