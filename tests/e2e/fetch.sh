#!/bin/sh
# fetch.sh - fetch, and Node's http and https, against local servers, never
# the internet: makes two
# self-signed certificates with `openssl req`, starts tests/e2e/fetch_server.py
# (HTTP, HTTPS with the trusted one, HTTPS with the other, all on
# 127.0.0.1), runs tests/e2e/fetch.js and http.js under Node 20 (trusting the first
# through NODE_EXTRA_CA_CERTS) and in a worker (through SSL_CERT_FILE, which
# OpenSSL honours; docs/worker-api.md says it is for tests), and the two
# outputs must be the same.  The worker run also ends on its own: idle
# keep-alive connections must not keep it alive.
set -eu
build=${WORKERSD_BUILD:?}
here=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/workersd-fetch.XXXXXX")
sock="$tmp/workersd.sock"
. "$here/lib/daemon.sh"
srv=
trap 'stop_daemon; [ -z "$srv" ] || kill "$srv" 2>/dev/null; rm -rf "$tmp"' EXIT

for n in good bad; do
	openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=127.0.0.1" \
		-addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
		-keyout "$tmp/$n.key" -out "$tmp/$n.pem" 2>/dev/null
done
python3 "$here/e2e/fetch_server.py" "$tmp" 2>"$tmp/server.log" &
srv=$!
tries=0
until [ -s "$tmp/ports" ]; do
	tries=$((tries + 1))
	if [ "$tries" -ge 200 ] || ! kill -0 "$srv" 2>/dev/null; then cat "$tmp/server.log"; exit 1; fi
	sleep 0.05
done
read -r http https bad <"$tmp/ports"
# a port nothing listens on: bound by the kernel, then closed
refused=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

export FETCH_HTTP="http://127.0.0.1:$http" FETCH_HTTPS="https://127.0.0.1:$https" \
	FETCH_BADHTTPS="https://127.0.0.1:$bad" FETCH_REFUSED="$refused"
start_daemon "$sock" "$tmp/log" --cache-dir "$tmp/cache"
# fetch.js, then http.js (Node's http and https clients, and axios over them;
# the first load lowers axios's 17,000 lines: 15 s here, several times that
# under the sanitizers)
export HTTP_AXIOS=1 NODE_PATH=/usr/share/nodejs
limit=$((90 * ${CK_TIMEOUT_MULTIPLIER:-1}))
# lowered ahead, as a deploy would (workerctl compile): a worker's own wait
# for one module is bounded, and axios.cjs alone can pass it under the
# sanitizers
"$build/workerctl" --socket "$sock" compile --timeout "$limit" /usr/share/nodejs/axios/dist/node/axios.cjs >/dev/null
for script in fetch http; do
	NODE_EXTRA_CA_CERTS="$tmp/good.pem" node "$here/e2e/$script.js" >"$tmp/node.out" 2>&1 || { cat "$tmp/node.out"; exit 1; }
	grep -q '^done$' "$tmp/node.out" || { echo "node did not finish $script.js:"; cat "$tmp/node.out"; exit 1; }
	"$build/workerctl" --socket "$sock" run --timeout "$limit" --env FETCH_HTTP="$FETCH_HTTP" --env FETCH_HTTPS="$FETCH_HTTPS" \
		--env FETCH_BADHTTPS="$FETCH_BADHTTPS" --env FETCH_REFUSED="$refused" --env SSL_CERT_FILE="$tmp/good.pem" \
		--env HTTP_AXIOS=1 --env NODE_PATH=/usr/share/nodejs \
		"$here/e2e/$script.js" >"$tmp/worker.out" 2>&1 || { cat "$tmp/worker.out" "$tmp/log"; exit 1; }
	diff -u "$tmp/node.out" "$tmp/worker.out"
done

# Beyond Node: what a worker's http cannot do says so
cat >"$tmp/nohttp.js" <<'JS'
var http = require('http'), https = require('https');
[function () { http.createServer(); }, function () { new http.Server(); }, function () { https.createServer(); },
 function () { https.request(process.env.FETCH_HTTPS, { rejectUnauthorized: false }); },
 function () { https.get({ host: '127.0.0.1', ca: 'PEM' }); },
 function () { http.request({ createConnection: function () {} }); }].forEach(function (f) {
  try { f(); console.log('no error'); } catch (e) { console.log(e.code, e.message); }
});
JS
"$build/workerctl" --socket "$sock" run --timeout 60 --env FETCH_HTTPS="$FETCH_HTTPS" "$tmp/nohttp.js" >"$tmp/nohttp.out" 2>&1 ||
	{ cat "$tmp/nohttp.out"; exit 1; }
diff -u - "$tmp/nohttp.out" <<'OUT'
ERR_WORKERSD_UNSUPPORTED http.createServer() (a worker cannot listen for connections) is not supported in workersd workers
ERR_WORKERSD_UNSUPPORTED http.Server (a worker cannot listen for connections) is not supported in workersd workers
ERR_WORKERSD_UNSUPPORTED http.createServer() (a worker cannot listen for connections) is not supported in workersd workers
ERR_WORKERSD_UNSUPPORTED rejectUnauthorized: false (every certificate is verified) is not supported in workersd workers
ERR_WORKERSD_UNSUPPORTED The https option 'ca' is not supported in workersd workers
ERR_WORKERSD_UNSUPPORTED createConnection is not supported in workersd workers
OUT

# Beyond Node: the response bound of docs/worker-api.md (64 MiB), refused
# from the headers' content-length before the body is read...
cat >"$tmp/limit.js" <<'JS'
fetch(process.env.FETCH_HTTP + '/big?n=67108865').then(function () { console.log('no error'); },
  function (e) { console.log(e.name, e.message, e.cause.code, e.cause.message); });
JS
"$build/workerctl" --socket "$sock" run --timeout 60 --env FETCH_HTTP="$FETCH_HTTP" "$tmp/limit.js" >"$tmp/limit.out" 2>&1 ||
	{ cat "$tmp/limit.out"; exit 1; }
echo "TypeError fetch failed ERR_FETCH_TOO_LARGE the response is larger than 67108864 bytes" | diff -u - "$tmp/limit.out"
# ...and a worker's heap limit when that is smaller (20 MB asked, 16 MiB heap)
sed 's/67108865/20000000/' "$tmp/limit.js" >"$tmp/limit16.js"
"$build/workerctl" --socket "$sock" run --timeout 60 --heap-limit 16M --env FETCH_HTTP="$FETCH_HTTP" "$tmp/limit16.js" \
	>"$tmp/limit16.out" 2>&1 || { cat "$tmp/limit16.out"; exit 1; }
echo "TypeError fetch failed ERR_FETCH_TOO_LARGE the response is larger than 16777216 bytes" | diff -u - "$tmp/limit16.out"
