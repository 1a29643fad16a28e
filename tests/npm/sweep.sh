#!/bin/sh
# sweep.sh SOCKET [OUT]: every package under /usr/share/nodejs (scoped ones
# too) that Node can require, required in a worker of the daemon at SOCKET,
# two at a time; prints "ok NAME" or "fail CODE MESSAGE NAME" per package
# into OUT (default sweep.txt), then the count.  Not part of `make check`:
# it takes minutes, and more on a cold lowering cache (docs/worker-api.md,
# "npm packages as they are published").
set -eu
sock=$1; out=${2:-sweep.txt}
ctl=$(cd "$(dirname "$0")/../.." && pwd)/build/workerctl
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for d in /usr/share/nodejs/*; do
	case $(basename "$d") in
	@*) for s in "$d"/*; do echo "$(basename "$d")/$(basename "$s")"; done ;;
	*) basename "$d" ;;
	esac
done | while read -r n; do
	NODE_PATH=/usr/share/nodejs timeout 20 node -e "require('$n')" >/dev/null 2>&1 </dev/null && echo "$n"
done > "$work/names"
cat > "$work/one.sh" <<'ONE'
n=$1; f=$2/$(echo "$n" | tr '/@' '__').js
printf "try { require('%s'); console.log('ok'); } catch (e) { console.log('fail', e.code || e.name, String(e.message).split('\\\\n')[0].slice(0, 160)); }\n" "$n" > "$f"
r=$(cd /tmp && NODE_PATH=/usr/share/nodejs timeout 90 "$3" --socket "$4" run "$f" 2>&1 </dev/null | grep -E '^(ok|fail)' | tail -1)
case $r in
ok*) echo "ok $n" ;;
"") echo "fail none (no answer in 90 s) $n" ;;
*) echo "$r $n" ;;
esac
ONE
xargs -P2 -I{} sh "$work/one.sh" {} "$work" "$ctl" "$sock" < "$work/names" > "$out"
echo "$(grep -c '^ok' "$out") of $(wc -l < "$out") load; the rest in $out"
