/*
 * test_web.c - the Web globals end to end: scripts run with `workerctl run`
 * against a real daemon, so in workers forked from the template's heap,
 * where the globals were installed once.  Each expected stderr is what
 * `node SCRIPT.js` (Node 20) printed for the same script, pasted whole;
 * the scripts are those of tests/host/test_host_web.c that wait on
 * promises (Web Crypto, Blob), so a worker's task loop is in the path.
 */
#include <check.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "ctl_fixture.h"
#include "daemon_util.h"
#include "tsuite.h"

static const char idle_js[] = "onmessage = function () {};\n";
static struct daemon_fixture d;
static char idle_path[PATH_MAX];

static void
setup(void)
{
	du_start_with(&d, "idle.js", idle_js, idle_path, sizeof idle_path);
}

static void
teardown(void)
{
	du_finish(&d);
}

static const char crypto_js[] =
	    "function show(l, v) { console.log(l + ' ' + JSON.stringify(v)); }\n"
	    "function hex(b) { return Array.prototype.map.call(new Uint8Array(b), function (x) { return (x < 16 ? '0' : '') + x.toString(16); }).join(''); }\n"
	    "function err(f) { try { f(); return 'no error'; } catch (e) { return e.name + ': ' + e.message + ' ' + e.code + ' ' + (e instanceof DOMException); } }\n"
	    "show('btoa', [btoa(''), btoa('a'), btoa('ab'), btoa('abc'), btoa('\\xff\\xfe\\x00'), btoa(123), btoa(null)]);\n"
	    "show('atob', [atob(''), atob('YQ'), atob(' Y W\\nJ j\\t'), atob('YWJj'), atob('//79'), atob('YR==')]);\n"
	    "show('atobErr', [err(function () { atob('Y'); }), err(function () { atob('YQ=a'); }), err(function () { atob('Y==='); }), err(function () { atob('Y$=='); }), err(function () { atob('$'); }), err(function () { atob('YQ='); }), err(function () { btoa('\\u0100'); }), err(function () { atob(); })]);\n"
	    "var big = ''; for (var i = 0; i < 20000; i++) big += String.fromCharCode(i % 256);\n"
	    "show('roundTrip', [atob(btoa(big)) === big, btoa(big).length]);\n"
	    "var u = new Uint8Array(16);\n"
	    "show('grv', [crypto.getRandomValues(u) === u, u.some(function (x) { return x !== 0; }), crypto.getRandomValues(new Uint8Array(0)).length]);\n"
	    "show('grvErr', [err(function () { crypto.getRandomValues(new Uint8Array(65537)); }), err(function () { crypto.getRandomValues(new Float32Array(4)); }), err(function () { crypto.getRandomValues(new Uint32Array(16384)); }), err(function () { crypto.getRandomValues(); }), err(function () { crypto.getRandomValues([1]); }), err(function () { crypto.getRandomValues(new DataView(new ArrayBuffer(2))); })]);\n"
	    "var id = crypto.randomUUID();\n"
	    "show('uuid', [/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id), id === crypto.randomUUID()]);\n"
	    "var te = new TextEncoder();\n"
	    "Promise.all(['SHA-1', 'sha-256', { name: 'SHA-384' }, 'SHA-512'].map(function (a) { return crypto.subtle.digest(a, te.encode('abc')); })).then(function (r) {\n"
	    "  show('digest', r.map(hex));\n"
	    "  return crypto.subtle.digest('SHA-256', new ArrayBuffer(0));\n"
	    "}).then(function (r) {\n"
	    "  show('empty', [hex(r), r instanceof ArrayBuffer]);\n"
	    "  return crypto.subtle.digest('SHA-1', new DataView(te.encode('xabcx').buffer, 1, 3));\n"
	    "}).then(function (r) {\n"
	    "  show('view', hex(r));\n"
	    "  return crypto.subtle.digest('MD5', te.encode('x')).catch(function (e) { show('md5', [e.name, e.message]); });\n"
	    "}).then(function () {\n"
	    "  return crypto.subtle.importKey('raw', te.encode('key'), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);\n"
	    "}).then(function (k) {\n"
	    "  show('key', [String(k), k.type, k.extractable, k.algorithm, k.usages, k instanceof CryptoKey]);\n"
	    "  return crypto.subtle.sign('HMAC', k, te.encode('The quick brown fox jumps over the lazy dog')).then(function (sig) {\n"
	    "    show('sign', hex(sig));\n"
	    "    return Promise.all([crypto.subtle.verify('HMAC', k, sig, te.encode('The quick brown fox jumps over the lazy dog')), crypto.subtle.verify({ name: 'HMAC' }, k, sig, te.encode('x')), crypto.subtle.verify('HMAC', k, sig.slice(1), te.encode('x')), crypto.subtle.exportKey('raw', k).then(function () { return 'exported'; }, function () { return 'refused'; })]);\n"
	    "  });\n"
	    "}).then(function (v) {\n"
	    "  show('verify', v);\n"
	    "  return crypto.subtle.importKey('raw', te.encode('k'), { name: 'HMAC', hash: { name: 'SHA-1' } }, true, ['sign']);\n"
	    "}).then(function (k) {\n"
	    "  show('key2', [k.algorithm, k.usages, k.extractable]);\n"
	    "  return Promise.all([crypto.subtle.sign('HMAC', k, new Uint8Array(0)).then(hex), crypto.subtle.exportKey('raw', k).then(hex), crypto.subtle.verify('HMAC', k, new Uint8Array(20), te.encode('x')).catch(function (e) { return [e.name, e.message]; })]);\n"
	    "}).then(function (v) {\n"
	    "  show('key2ops', v);\n"
	    "  return crypto.subtle.importKey('raw', te.encode('k'), { name: 'HMAC', hash: 'SHA-256' }, false, ['encrypt']).catch(function (e) { show('badUsage', [e.name, e.message]); });\n"
	    "}).then(function () {\n"
	    "  return crypto.subtle.importKey('raw', new Uint8Array(0), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']).catch(function (e) { show('emptyKey', [e.name, e.message]); });\n"
	    "}).then(function () {\n"
	    "  return crypto.subtle.importKey('raw', new Uint8Array(64), { name: 'HMAC', hash: 'SHA-512' }, false, ['sign']).then(function (k) { return crypto.subtle.sign('HMAC', k, te.encode('abc')); }).then(function (s) { show('sha512mac', hex(s)); });\n"
	    "});\n";

/* node crypto.js */
static const char crypto_node[] =
	    "btoa [\"\",\"YQ==\",\"YWI=\",\"YWJj\",\"//4A\",\"MTIz\",\"bnVsbA==\"]\n"
	    "atob [\"\",\"a\",\"abc\",\"abc\",\"ÿþý\",\"a\"]\n"
	    "atobErr [\"InvalidCharacterError: The string to be decoded is not correctly encoded. 5 true\",\"InvalidCharacterError: Invalid character 5 true\",\"InvalidCharacterError: Invalid character 5 true\",\"InvalidCharacterError: Invalid character 5 true\",\"InvalidCharacterError: Invalid character 5 true\",\"InvalidCharacterError: Invalid character 5 true\",\"InvalidCharacterError: Invalid character 5 true\",\"TypeError: The \\\"input\\\" argument must be specified ERR_MISSING_ARGS false\"]\n"
	    "roundTrip [true,26668]\n"
	    "grv [true,true,0]\n"
	    "grvErr [\"QuotaExceededError: The requested length exceeds 65,536 bytes 22 true\",\"TypeMismatchError: The data argument must be an integer-type TypedArray 17 true\",\"no error\",\"TypeError: Failed to execute 'getRandomValues' on 'Crypto': 1 argument required, but only 0 present. ERR_MISSING_ARGS false\",\"TypeMismatchError: The data argument must be an integer-type TypedArray 17 true\",\"TypeMismatchError: The data argument must be an integer-type TypedArray 17 true\"]\n"
	    "uuid [true,false]\n"
	    "digest [\"a9993e364706816aba3e25717850c26c9cd0d89d\",\"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\",\"cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7\",\"ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f\"]\n"
	    "empty [\"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\",true]\n"
	    "view \"a9993e364706816aba3e25717850c26c9cd0d89d\"\n"
	    "md5 [\"NotSupportedError\",\"Unrecognized algorithm name\"]\n"
	    "key [\"[object CryptoKey]\",\"secret\",false,{\"name\":\"HMAC\",\"hash\":{\"name\":\"SHA-256\"},\"length\":24},[\"sign\",\"verify\"],true]\n"
	    "sign \"f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8\"\n"
	    "verify [true,false,false,\"refused\"]\n"
	    "key2 [{\"name\":\"HMAC\",\"hash\":{\"name\":\"SHA-1\"},\"length\":8},[\"sign\"],true]\n"
	    "key2ops [\"3a84a218ee6665209bb70e84525dd837645a1965\",\"6b\",[\"InvalidAccessError\",\"Unable to use this key to verify\"]]\n"
	    "badUsage [\"SyntaxError\",\"Unsupported key usage for an HMAC key\"]\n"
	    "emptyKey [\"DataError\",\"Zero-length key is not supported\"]\n"
	    "sha512mac \"29689f6b79a8dd686068c2eeae97fd8769ad3ba65cb5381f838358a8045a358ee3ba1739c689c7805e31734fb6072f87261d1256995370d55725cba00d10bdd0\"\n";

static const char blob_js[] =
	    "function show(l, v) { console.log(l + ' ' + JSON.stringify(v)); }\n"
	    "var b = new Blob(['héllo', new Uint8Array([33, 34]), new Blob(['<x>']), new Uint16Array([0x4241]).buffer, new DataView(new Uint8Array([67]).buffer)], { type: 'Text/Plain;Charset=UTF-8' });\n"
	    "show('blob', [b.size, b.type, String(b), b instanceof Blob]);\n"
	    "show('types', [new Blob([], { type: 'a\\u00e9' }).type, new Blob([], { type: 'x\\u0001' }).type, new Blob().type, new Blob().size, new Blob([], {}).type, new Blob(['a', 'b']).size, new Blob([123, null]).size]);\n"
	    "var s = b.slice(-5, -1, 'APPLICATION/json');\n"
	    "show('slice', [s.size, s.type, b.slice().size, b.slice(2).size, b.slice(100).size, b.slice(3, 1).size, b.slice(0, 2).type]);\n"
	    "try { new Blob('abc'); } catch (e) { show('ctorErr', e.name + ': ' + e.message); }\n"
	    "try { Blob(); } catch (e) { show('callErr', e.name); }\n"
	    "var f = new File(['ab', 'c'], 'a.txt', { type: 'TEXT/plain', lastModified: 42 });\n"
	    "show('file', [f.name, f.size, f.type, f.lastModified, f instanceof Blob, f instanceof File, String(f), typeof new File([], 'x').lastModified, new File([], 3).name]);\n"
	    "try { new File(['x']); } catch (e) { show('fileErr', e.name + ': ' + e.message); }\n"
	    "b.text().then(function (t) {\n"
	    "  show('text', t);\n"
	    "  return s.arrayBuffer();\n"
	    "}).then(function (ab) {\n"
	    "  show('ab', [ab instanceof ArrayBuffer, Array.from(new Uint8Array(ab))]);\n"
	    "  return b.slice(0, 3).bytes ? b.slice(0, 3).bytes() : null;\n"
	    "}).then(function (u) {\n"
	    "  show('bytes', u ? [u instanceof Uint8Array, Array.from(u)] : 'none');\n"
	    "  return new Blob([new Uint8Array([0xe2, 0x82]), new Uint8Array([0xac, 0xff])]).text();\n"
	    "}).then(function (t) {\n"
	    "  show('textUtf8', t);\n"
	    "  return f.slice(1).text();\n"
	    "}).then(function (t) { show('fileSlice', [t, f.slice(1) instanceof File]); });\n";

/* node blob.js */
static const char blob_node[] =
	    "blob [14,\"text/plain;charset=utf-8\",\"[object Blob]\",true]\n"
	    "types [\"\",\"\",\"\",0,\"\",2,7]\n"
	    "slice [4,\"application/json\",14,12,0,0,\"\"]\n"
	    "ctorErr \"TypeError: The \\\"sources\\\" argument must be a sequence. Received type string ('abc')\"\n"
	    "callErr \"TypeError\"\n"
	    "file [\"a.txt\",3,\"text/plain\",42,true,true,\"[object File]\",\"number\",\"3\"]\n"
	    "fileErr \"TypeError: The \\\"fileBits\\\" and \\\"fileName\\\" arguments must be specified\"\n"
	    "text \"héllo!\\\"<x>ABC\"\n"
	    "ab [true,[120,62,65,66]]\n"
	    "bytes [true,[104,195,169]]\n"
	    "textUtf8 \"€�\"\n"
	    "fileSlice [\"bc\",false]\n";

/* Runs src as `name` and checks its console output against Node's. */
static void
runs_as_node(const char *name, const char *src, const char *node)
{
	char path[PATH_MAX];
	struct ctl_result r;

	df_script(&d, name, src, path, sizeof path);
	ctl_run(d.sock, NULL, df_slow(20), &r, "run", path, (const char *)NULL);
	ck_assert_int_eq(r.status, 0);
	ck_assert_str_eq(r.err, node);
	ck_assert_str_eq(r.out, "");
	ctl_result_free(&r);
}

START_TEST(t_crypto_as_node)
{
	runs_as_node("crypto.js", crypto_js, crypto_node);
}
END_TEST

START_TEST(t_blob_as_node)
{
	runs_as_node("blob.js", blob_js, blob_node);
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("web");
	TCase *tc = tcase_create("web");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, t_crypto_as_node);
	tcase_add_test(tc, t_blob_as_node);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return tsuite_run(suite());
}
