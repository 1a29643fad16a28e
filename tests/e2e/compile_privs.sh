#!/bin/sh
# compile_privs.sh - the compile servers of a root daemon and the cache
# under per-user workers (docs/security.md, "The compile server"): a worker
# of an unprivileged user reaches the servers and has its TypeScript
# lowered and cached; the entries belong to the servers' user (nobody),
# and a worker of another user, which gets the same entry for the same
# source, can neither list the cache, nor write into it, nor replace an
# entry.  Needs root (to make the users): skipped otherwise.
set -eu

[ "$(id -u)" = 0 ] || { echo "compile_privs: not root: skipped"; exit 0; }
build=${WORKERSD_BUILD:-$(pwd)/build}
. "$(cd "$(dirname "$0")/.." && pwd)/lib/daemon.sh"
ctl="$build/workerctl"
tag=$$
grp=wcg$tag
ua=wca$tag
ub=wcb$tag
tmp=$(mktemp -d "${TMPDIR:-/tmp}/workersd-cprivs.XXXXXX")
sock="$tmp/run/workersd.sock"
cache="$tmp/cache"
pid=
cleanup() {
	[ -z "$pid" ] || { kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true; }
	userdel "$ua" 2>/dev/null || true
	userdel "$ub" 2>/dev/null || true
	groupdel "$grp" 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT
groupadd "$grp"
useradd -M -N -g "$grp" -s /usr/sbin/nologin "$ua"
useradd -M -N -g "$grp" -s /usr/sbin/nologin "$ub"
chmod 755 "$tmp"
mkdir "$tmp/run" "$tmp/a" "$tmp/b"
chown "$ua" "$tmp/a"
chown "$ub" "$tmp/b"
src='const n: number = 40 + 2;
postMessage(n);
'
printf '%s' "$src" > "$tmp/a/app.ts"
printf '%s' "$src" > "$tmp/b/app.ts"
chmod 644 "$tmp/a/app.ts" "$tmp/b/app.ts"

as() { u=$1; shift; setpriv --reuid "$u" --regid "$grp" --init-groups -- "$@"; }
fail() { echo "compile_privs: $*" >&2; cat "$tmp/log" >&2; exit 1; }

"$build/workersd" --socket "$sock" --socket-group "$grp" --host-path "$build/worker-host" \
	--cache-dir "$cache" --compilers 1 2>"$tmp/log" &
pid=$!
wait_daemon "$sock" "$pid" || fail "the daemon did not start"

out=$(as "$ua" "$ctl" --socket "$sock" run "$tmp/a/app.ts") || fail "$ua's TypeScript worker failed: $out"
[ "$out" = 42 ] || fail "$ua's worker said $out"
entry=$(ls "$cache"/*.lower)
[ "$(echo "$entry" | wc -l)" = 1 ] || fail "expected one cache entry: $entry"
[ "$(stat -c %U "$entry")" = nobody ] || fail "the entry belongs to $(stat -c %U "$entry")"
[ "$(stat -c %U:%a "$cache")" = nobody:711 ] || fail "the cache directory is $(stat -c %U:%a "$cache")"

# the other user's worker finds the same entry: no second one is made
out=$(as "$ub" "$ctl" --socket "$sock" run "$tmp/b/app.ts") || fail "$ub's TypeScript worker failed: $out"
[ "$out" = 42 ] || fail "$ub's worker said $out"
[ "$(ls "$cache"/*.lower)" = "$entry" ] || fail "a second entry appeared"

# and it cannot touch the cache: no listing, no new entry, no replacement
if as "$ub" ls "$cache" >/dev/null 2>&1; then fail "$ub can list the cache"; fi
if as "$ub" sh -c "echo x > '$cache/x.lower'" 2>/dev/null; then fail "$ub can write into the cache"; fi
if as "$ub" sh -c "echo x > '$entry'" 2>/dev/null; then fail "$ub can overwrite an entry"; fi
as "$ub" cat "$entry" >/dev/null || fail "$ub cannot read an entry it names"
echo "compile_privs: ok"
