#!/bin/sh
# The test262 runner (tests/test262/run.py, behind `make test262`) judged
# against a fixture whose outcome is known by construction: tests that pass,
# fail, expect a parse error, complete asynchronously, import a module
# fixture, run strict only, and one skipped for its feature.  The module
# test starts the compile server: a loaded machine needs the long timeout.
set -e
build=${WORKERSD_BUILD:?}
here=$(cd "$(dirname "$0")/.." && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
python3 "$here/test262/run.py" "$here/test262/fixture" --build "$build" -j 2 --timeout 120 \
	--failures "$out/failures" Demo > "$out/table"
grep -qx '| Demo | 11 | 8 | 3 | 1 | 72.7% |' "$out/table" || { cat "$out/table"; exit 1; }
grep -q 'skipped     1  feature BigInt' "$out/table" || { cat "$out/table"; exit 1; }
sed 's/ .*//' "$out/failures" | sort > "$out/got"
printf '%s\n' test/built-ins/Demo/fail-plain.js test/built-ins/Demo/fail-plain.js \
	test/built-ins/Demo/negative-wrong.js > "$out/want"
diff -u "$out/want" "$out/got"
