/*
 * test_host_web.c - the Web globals of a worker (docs/builtins.md): events
 * and EventTarget, DOMException, AbortController/AbortSignal, atob/btoa,
 * crypto, TextEncoder/TextDecoder, Blob/File, performance, setImmediate,
 * and the global scope as an EventTarget, in a plain .js worker.
 *
 * The scripts of the first group run unchanged under Node 20: each
 * expected text is what `node SCRIPT.js` printed for it, pasted whole
 * (console.log here is "log " + the line).  The second group covers what
 * Node 20 lacks or does otherwise (self, onmessage, ErrorEvent, navigator,
 * reportError, capture order, passive listeners): those expectations are
 * the DOM and HTML standards' and say so where they are.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host_fixture.h"
#include "tsuite.h"

static struct hostfx fx;
static struct hostfx_result res;

static void
setup(void)
{
	hostfx_case_setup(&fx, &res);
}

static void
teardown(void)
{
	hostfx_case_teardown(&fx, &res);
}

/* A plain script logs what Node 20 logs for it, and ends cleanly. */
static void
prints_as_node(const char *script, const char *node)
{
	ck_assert_int_eq(hostfx_run_script(&fx, script, NULL, NULL, &res), 0);
	ck_assert_str_eq(hostfx_nz(res.errors), "");
	ck_assert_str_eq(hostfx_nz(res.logs), node);
	ck_assert_str_eq(res.reason, "exit");
}

static const char events_script[] =
	    "function show(l, v) { console.log(l + ' ' + JSON.stringify(v)); }\n"
	    "function err(f) { try { f(); return 'no error'; } catch (x) { return x.name + ': ' + x.message; } }\n"
	    "var t = new EventTarget(), log = [];\n"
	    "function a(e) { log.push('a' + e.eventPhase + (this === t)); }\n"
	    "var obj = { handleEvent: function (e) { log.push('obj:' + (this === obj) + ':' + (e.target === t)); } };\n"
	    "t.addEventListener('x', a);\n"
	    "t.addEventListener('x', a);\n"
	    "t.addEventListener('x', obj);\n"
	    "t.addEventListener('x', function () { log.push('once'); }, { once: true });\n"
	    "var e1 = new Event('x');\n"
	    "show('dispatch', [t.dispatchEvent(e1), log, e1.target === t, e1.currentTarget, e1.eventPhase, e1.isTrusted, e1.bubbles, e1.cancelable, e1.defaultPrevented, e1.type, typeof e1.timeStamp]);\n"
	    "log = []; t.dispatchEvent(new Event('x')); show('onceGone', log);\n"
	    "t.removeEventListener('x', a); log = []; t.dispatchEvent(new Event('x')); show('removed', log);\n"
	    "var c = new EventTarget();\n"
	    "c.addEventListener('c', function (e) { e.preventDefault(); });\n"
	    "var ev = new Event('c', { cancelable: true });\n"
	    "show('cancel', [c.dispatchEvent(ev), ev.defaultPrevented, ev.returnValue, c.dispatchEvent(new Event('c'))]);\n"
	    "var s = new EventTarget(), sl = [];\n"
	    "s.addEventListener('s', function (e) { sl.push(1); e.stopImmediatePropagation(); });\n"
	    "s.addEventListener('s', function () { sl.push(2); });\n"
	    "s.dispatchEvent(new Event('s'));\n"
	    "show('stopImmediate', sl);\n"
	    "var ac = new AbortController(), n = 0;\n"
	    "s.addEventListener('y', function () { n++; }, { signal: ac.signal });\n"
	    "s.dispatchEvent(new Event('y')); ac.abort(); s.dispatchEvent(new Event('y'));\n"
	    "s.addEventListener('y', function () { n += 100; }, { signal: ac.signal });\n"
	    "s.dispatchEvent(new Event('y'));\n"
	    "show('signal', n);\n"
	    "var r = new EventTarget(), rl = [];\n"
	    "function f() { rl.push('f'); }\n"
	    "r.addEventListener('r', f, true); r.addEventListener('r', f); r.removeEventListener('r', f, { capture: true });\n"
	    "r.dispatchEvent(new Event('r'));\n"
	    "show('captureKey', rl);\n"
	    "var add = new EventTarget(), al = [];\n"
	    "add.addEventListener('z', function () { al.push(1); add.addEventListener('z', function () { al.push('late'); }); });\n"
	    "add.dispatchEvent(new Event('z'));\n"
	    "show('addedDuring', al);\n"
	    "var ce = new CustomEvent('c', { detail: { a: 1 } });\n"
	    "show('custom', [ce.detail, ce.type, ce instanceof Event, new CustomEvent('q').detail]);\n"
	    "var me = new MessageEvent('message', { data: [1, 2] });\n"
	    "show('messageEvent', [me.data, me.origin, me.lastEventId, me.source, me.ports.length, me instanceof Event]);\n"
	    "show('errors', [err(function () { new Event(); }), err(function () { t.dispatchEvent({}); }), err(function () { Event('x'); })]);\n"
	    "var d = new DOMException('m', 'AbortError');\n"
	    "show('domexception', [d.name, d.message, d.code, d instanceof Error, d instanceof DOMException, String(d), Object.prototype.toString.call(d), new DOMException().name, new DOMException().message, new DOMException('q', 'Foo').code, typeof d.stack]);\n"
	    "show('codes', ['IndexSizeError', 'HierarchyRequestError', 'WrongDocumentError', 'InvalidCharacterError', 'NoModificationAllowedError', 'NotFoundError', 'NotSupportedError', 'InvalidStateError', 'SyntaxError', 'InvalidModificationError', 'NamespaceError', 'InvalidAccessError', 'TypeMismatchError', 'SecurityError', 'NetworkError', 'AbortError', 'URLMismatchError', 'QuotaExceededError', 'TimeoutError', 'InvalidNodeTypeError', 'DataCloneError', 'EncodingError', 'NotReadableError', 'DataError', 'OperationError'].map(function (n) { return new DOMException('', n).code; }));\n"
	    "show('constants', [DOMException.INDEX_SIZE_ERR, DOMException.DATA_CLONE_ERR, DOMException.QUOTA_EXCEEDED_ERR, DOMException.INVALID_CHARACTER_ERR, DOMException.TIMEOUT_ERR, Event.AT_TARGET, Event.NONE]);\n"
	    "show('tags', [String(new Event('z')), String(new EventTarget()), String(ce)]);\n";

/* node events.js */
static const char events_node[] =
	    "log dispatch [true,[\"a2true\",\"obj:true:true\",\"once\"],true,null,0,false,false,false,false,\"x\",\"number\"]\n"
	    "log onceGone [\"a2true\",\"obj:true:true\"]\n"
	    "log removed [\"obj:true:true\"]\n"
	    "log cancel [false,true,false,true]\n"
	    "log stopImmediate [1]\n"
	    "log signal 1\n"
	    "log captureKey [\"f\"]\n"
	    "log addedDuring [1]\n"
	    "log custom [{\"a\":1},\"c\",true,null]\n"
	    "log messageEvent [[1,2],\"\",\"\",null,0,true]\n"
	    "log errors [\"TypeError: The \\\"type\\\" argument must be specified\",\"TypeError: The \\\"event\\\" argument must be an instance of Event. Received an instance of Object\",\"TypeError: Class constructor Event cannot be invoked without 'new'\"]\n"
	    "log domexception [\"AbortError\",\"m\",20,true,true,\"AbortError: m\",\"[object DOMException]\",\"Error\",\"\",0,\"string\"]\n"
	    "log codes [1,3,4,5,7,8,9,11,12,13,14,15,17,18,19,20,21,22,23,24,25,0,0,0,0]\n"
	    "log constants [1,25,22,5,23,2,0]\n"
	    "log tags [\"[object Event]\",\"[object EventTarget]\",\"[object CustomEvent]\"]\n";

static const char abort_script[] =
	    "function show(l, v) { console.log(l + ' ' + JSON.stringify(v)); }\n"
	    "function err(f) { try { f(); return 'no error'; } catch (x) { return x.name + ': ' + x.message; } }\n"
	    "var ac = new AbortController(), s = ac.signal, seen = [];\n"
	    "s.onabort = function (e) { seen.push('onabort:' + e.type + ':' + (e.target === s)); };\n"
	    "s.addEventListener('abort', function () { seen.push('listener'); });\n"
	    "show('before', [s.aborted, s.reason, String(s), String(ac), s instanceof EventTarget, typeof s.onabort, ac.signal === s]);\n"
	    "ac.abort(); ac.abort('again');\n"
	    "show('after', [s.aborted, s.reason.name, s.reason.message, s.reason.code, s.reason instanceof DOMException, seen]);\n"
	    "show('throwIfAborted', [err(function () { s.throwIfAborted(); }), err(function () { new AbortController().signal.throwIfAborted(); })]);\n"
	    "var r = new AbortController(); r.abort({ why: 1 });\n"
	    "show('reason', r.signal.reason);\n"
	    "show('static', [AbortSignal.abort().reason.name, AbortSignal.abort('x').reason, AbortSignal.abort().aborted]);\n"
	    "show('illegal', err(function () { new AbortSignal(); }));\n"
	    "var a1 = new AbortController(), a2 = new AbortController(), any = AbortSignal.any([a1.signal, a2.signal]);\n"
	    "any.addEventListener('abort', function () { show('any', [any.reason, a2.signal.aborted]); });\n"
	    "a1.abort(42); a2.abort(43);\n"
	    "show('anyAborted', [AbortSignal.any([AbortSignal.abort(7)]).reason, AbortSignal.any([]).aborted]);\n"
	    "var forever = AbortSignal.timeout(1e7);\n"
	    "var t0 = Date.now(), ts = AbortSignal.timeout(20);\n"
	    "var keep = setTimeout(function () { show('timeout', 'never fired'); }, 5000);\n"
	    "ts.addEventListener('abort', function () {\n"
	    "  show('timeout', [ts.reason.name, ts.reason.message, ts.reason.code, Date.now() - t0 >= 10, forever.aborted]);\n"
	    "  clearTimeout(keep);\n"
	    "});\n";

/* node abort.js */
static const char abort_node[] =
	    "log before [false,null,\"[object AbortSignal]\",\"[object AbortController]\",true,\"function\",true]\n"
	    "log after [true,\"AbortError\",\"This operation was aborted\",20,true,[\"onabort:abort:true\",\"listener\"]]\n"
	    "log throwIfAborted [\"AbortError: This operation was aborted\",\"no error\"]\n"
	    "log reason {\"why\":1}\n"
	    "log static [\"AbortError\",\"x\",true]\n"
	    "log illegal \"TypeError: Illegal constructor\"\n"
	    "log any [42,false]\n"
	    "log anyAborted [7,false]\n"
	    "log timeout [\"TimeoutError\",\"The operation was aborted due to timeout\",23,true,false]\n";

static const char crypto_script[] =
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
	    "log btoa [\"\",\"YQ==\",\"YWI=\",\"YWJj\",\"//4A\",\"MTIz\",\"bnVsbA==\"]\n"
	    "log atob [\"\",\"a\",\"abc\",\"abc\",\"ÿþý\",\"a\"]\n"
	    "log atobErr [\"InvalidCharacterError: The string to be decoded is not correctly encoded. 5 true\",\"InvalidCharacterError: Invalid character 5 true\",\"InvalidCharacterError: Invalid character 5 true\",\"InvalidCharacterError: Invalid character 5 true\",\"InvalidCharacterError: Invalid character 5 true\",\"InvalidCharacterError: Invalid character 5 true\",\"InvalidCharacterError: Invalid character 5 true\",\"TypeError: The \\\"input\\\" argument must be specified ERR_MISSING_ARGS false\"]\n"
	    "log roundTrip [true,26668]\n"
	    "log grv [true,true,0]\n"
	    "log grvErr [\"QuotaExceededError: The requested length exceeds 65,536 bytes 22 true\",\"TypeMismatchError: The data argument must be an integer-type TypedArray 17 true\",\"no error\",\"TypeError: Failed to execute 'getRandomValues' on 'Crypto': 1 argument required, but only 0 present. ERR_MISSING_ARGS false\",\"TypeMismatchError: The data argument must be an integer-type TypedArray 17 true\",\"TypeMismatchError: The data argument must be an integer-type TypedArray 17 true\"]\n"
	    "log uuid [true,false]\n"
	    "log digest [\"a9993e364706816aba3e25717850c26c9cd0d89d\",\"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\",\"cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7\",\"ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f\"]\n"
	    "log empty [\"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\",true]\n"
	    "log view \"a9993e364706816aba3e25717850c26c9cd0d89d\"\n"
	    "log md5 [\"NotSupportedError\",\"Unrecognized algorithm name\"]\n"
	    "log key [\"[object CryptoKey]\",\"secret\",false,{\"name\":\"HMAC\",\"hash\":{\"name\":\"SHA-256\"},\"length\":24},[\"sign\",\"verify\"],true]\n"
	    "log sign \"f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8\"\n"
	    "log verify [true,false,false,\"refused\"]\n"
	    "log key2 [{\"name\":\"HMAC\",\"hash\":{\"name\":\"SHA-1\"},\"length\":8},[\"sign\"],true]\n"
	    "log key2ops [\"3a84a218ee6665209bb70e84525dd837645a1965\",\"6b\",[\"InvalidAccessError\",\"Unable to use this key to verify\"]]\n"
	    "log badUsage [\"SyntaxError\",\"Unsupported key usage for an HMAC key\"]\n"
	    "log emptyKey [\"DataError\",\"Zero-length key is not supported\"]\n"
	    "log sha512mac \"29689f6b79a8dd686068c2eeae97fd8769ad3ba65cb5381f838358a8045a358ee3ba1739c689c7805e31734fb6072f87261d1256995370d55725cba00d10bdd0\"\n";

static const char text_script[] =
	    "function show(l, v) { console.log(l + ' ' + JSON.stringify(v)); }\n"
	    "var d = new TextDecoder('utf-8', { fatal: true });\n"
	    "show('flags', [d.fatal, d.ignoreBOM, d.encoding, new TextDecoder(' UTF8 ').encoding, new TextDecoder('utf-8', { ignoreBOM: true }).ignoreBOM]);\n"
	    "try { d.decode(new Uint8Array([0x61, 0xff])); } catch (e) { show('fatal', [e.name, e.message, e.code]); }\n"
	    "var s = new TextDecoder(), parts = [[0xef, 0xbb], [0xbf, 0xe2], [0x82], [0xac, 0xf0, 0x9f], [0x98, 0x80]];\n"
	    "show('stream', parts.map(function (p) { return s.decode(new Uint8Array(p), { stream: true }); }).concat([s.decode()]));\n"
	    "var s2 = new TextDecoder('utf-8', { ignoreBOM: true });\n"
	    "show('keepBOM', [s2.decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x41])).length, new TextDecoder().decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]))]);\n"
	    "var s3 = new TextDecoder();\n"
	    "show('tail', [s3.decode(new Uint8Array([0xe2, 0x82]), { stream: true }), s3.decode(), s3.decode(new Uint8Array([0x41]))]);\n"
	    "var s4 = new TextDecoder('utf-8', { fatal: true });\n"
	    "s4.decode(new Uint8Array([0xf0]), { stream: true });\n"
	    "try { s4.decode(); } catch (e) { show('fatalEnd', e.name); }\n"
	    "show('afterFatal', s4.decode(new Uint8Array([0x42])));\n"
	    "show('replace', new TextDecoder().decode(new Uint8Array([0xc0, 0x80, 0xed, 0xa0, 0x80, 0xf4, 0x90, 0x80, 0x80, 0x41])));\n"
	    "var te = new TextEncoder(), buf = new Uint8Array(5);\n"
	    "show('encodeInto', [te.encodeInto('a€😀', buf), Array.from(buf), te.encodeInto('', new Uint8Array(0)), te.encodeInto('ab', buf.subarray(4))]);\n"
	    "show('encodeLone', Array.from(te.encode('\\ud800x')));\n"
	    "show('views', [new TextDecoder().decode(new DataView(new Uint8Array([104, 105]).buffer)), new TextDecoder().decode(new Uint8Array([104, 105, 33]).buffer), new TextDecoder().decode(new Uint8Array([0, 104, 105, 0]).subarray(1, 3))]);\n";

/* node text.js */
static const char text_node[] =
	    "log flags [true,false,\"utf-8\",\"utf-8\",true]\n"
	    "log fatal [\"TypeError\",\"The encoded data was not valid for encoding utf-8\",\"ERR_ENCODING_INVALID_ENCODED_DATA\"]\n"
	    "log stream [\"\",\"\",\"\",\"€\",\"😀\",\"\"]\n"
	    "log keepBOM [2,\"A\"]\n"
	    "log tail [\"\",\"�\",\"A\"]\n"
	    "log fatalEnd \"TypeError\"\n"
	    "log afterFatal \"B\"\n"
	    "log replace \"���������A\"\n"
	    "log encodeInto [{\"read\":2,\"written\":4},[97,226,130,172,0],{\"read\":0,\"written\":0},{\"read\":1,\"written\":1}]\n"
	    "log encodeLone [239,191,189,120]\n"
	    "log views [\"hi\",\"hi!\",\"hi\"]\n";

static const char blob_script[] =
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
	    "log blob [14,\"text/plain;charset=utf-8\",\"[object Blob]\",true]\n"
	    "log types [\"\",\"\",\"\",0,\"\",2,7]\n"
	    "log slice [4,\"application/json\",14,12,0,0,\"\"]\n"
	    "log ctorErr \"TypeError: The \\\"sources\\\" argument must be a sequence. Received type string ('abc')\"\n"
	    "log callErr \"TypeError\"\n"
	    "log file [\"a.txt\",3,\"text/plain\",42,true,true,\"[object File]\",\"number\",\"3\"]\n"
	    "log fileErr \"TypeError: The \\\"fileBits\\\" and \\\"fileName\\\" arguments must be specified\"\n"
	    "log text \"héllo!\\\"<x>ABC\"\n"
	    "log ab [true,[120,62,65,66]]\n"
	    "log bytes [true,[104,195,169]]\n"
	    "log textUtf8 \"€�\"\n"
	    "log fileSlice [\"bc\",false]\n";

static const char perf_script[] =
	    "function show(l, v) { console.log(l + ' ' + JSON.stringify(v)); }\n"
	    "performance.mark('a', { startTime: 5, detail: { x: 1 } }); performance.mark('b', { startTime: 12 });\n"
	    "var m = performance.measure('ab', 'a', 'b');\n"
	    "show('measure', [m.name, m.entryType, m.startTime, m.duration, m.detail, String(m), m.toJSON()]);\n"
	    "show('options', performance.measure('o', { start: 1, end: 4, detail: 'd' }).toJSON());\n"
	    "show('duration', [performance.measure('o2', { start: 'a', duration: 2 }).duration, performance.measure('o3', { end: 'b', duration: 3 }).startTime]);\n"
	    "show('entries', performance.getEntries().map(function (e) { return e.name + ':' + e.entryType + ':' + e.startTime; }));\n"
	    "show('by', [performance.getEntriesByType('mark').length, performance.getEntriesByName('ab').length, performance.getEntriesByName('a', 'measure').length, performance.getEntriesByType('nothing').length]);\n"
	    "try { performance.measure('z', 'nope'); } catch (e) { show('noMark', [e.name, e.message, e instanceof DOMException]); }\n"
	    "try { performance.mark(); } catch (e) { show('markErr', [e.name, e.message]); }\n"
	    "try { performance.mark('neg', { startTime: -1 }); } catch (e) { show('negErr', [e.name, e.message]); }\n"
	    "performance.clearMarks('a');\n"
	    "show('clearA', performance.getEntriesByType('mark').map(function (e) { return e.name; }));\n"
	    "performance.clearMarks(); performance.clearMeasures('ab');\n"
	    "show('cleared', performance.getEntries().map(function (e) { return e.name; }));\n"
	    "performance.clearMeasures();\n"
	    "var mk = performance.mark('n');\n"
	    "show('mark', [typeof mk.startTime, mk.startTime >= 0, mk.duration, mk.detail, mk instanceof PerformanceEntry, mk instanceof PerformanceMark, typeof PerformanceMeasure, String(mk), typeof performance.timeOrigin, performance.timeOrigin > 1.6e12, performance.now() >= mk.startTime]);\n"
	    "var live = performance.measure('live', 'n'); show('toNow', [live.startTime === mk.startTime, live.duration >= 0]);\n"
	    "var order = [];\n"
	    "setImmediate(function (a, b) { order.push('imm:' + a + b); }, 1, 2);\n"
	    "clearImmediate(setImmediate(function () { order.push('cleared'); }));\n"
	    "Promise.resolve().then(function () { order.push('micro'); });\n"
	    "setImmediate(function () { show('immediate', order); });\n";

/* node perf.js */
static const char perf_node[] =
	    "log measure [\"ab\",\"measure\",5,7,null,\"[object PerformanceMeasure]\",{\"name\":\"ab\",\"entryType\":\"measure\",\"startTime\":5,\"duration\":7,\"detail\":null}]\n"
	    "log options {\"name\":\"o\",\"entryType\":\"measure\",\"startTime\":1,\"duration\":3,\"detail\":\"d\"}\n"
	    "log duration [2,9]\n"
	    "log entries [\"o:measure:1\",\"a:mark:5\",\"ab:measure:5\",\"o2:measure:5\",\"o3:measure:9\",\"b:mark:12\"]\n"
	    "log by [2,1,0,0]\n"
	    "log noMark [\"SyntaxError\",\"The \\\"nope\\\" performance mark has not been set\",true]\n"
	    "log markErr [\"TypeError\",\"The \\\"name\\\" argument must be specified\"]\n"
	    "log negErr [\"TypeError\",\"-1 is not a valid timestamp\"]\n"
	    "log clearA [\"b\"]\n"
	    "log cleared [\"o\",\"o2\",\"o3\"]\n"
	    "log mark [\"number\",true,0,null,true,true,\"function\",\"[object PerformanceMark]\",\"number\",true,true]\n"
	    "log toNow [true,true]\n"
	    "log immediate [\"micro\",\"imm:12\"]\n";


START_TEST(events_as_node)
{
	prints_as_node(events_script, events_node);
}
END_TEST

START_TEST(abort_as_node)
{
	prints_as_node(abort_script, abort_node);
}
END_TEST

START_TEST(crypto_as_node)
{
	prints_as_node(crypto_script, crypto_node);
}
END_TEST

START_TEST(text_as_node)
{
	prints_as_node(text_script, text_node);
}
END_TEST

START_TEST(blob_as_node)
{
	prints_as_node(blob_script, blob_node);
}
END_TEST

START_TEST(perf_as_node)
{
	prints_as_node(perf_script, perf_node);
}
END_TEST

/* node clone.js: what structuredClone() throws is a DOMException. */
START_TEST(data_clone_error_is_a_domexception)
{
	prints_as_node(
	    "function show(l, v) { console.log(l + ' ' + JSON.stringify(v)); }\n"
	    "try { structuredClone(function () {}); } catch (e) { show('clone', [e instanceof DOMException, e instanceof Error, e.name, e.code, Object.prototype.toString.call(e)]); }\n",
	    "log clone [true,true,\"DataCloneError\",25,\"[object DOMException]\"]\n");
}
END_TEST

/* ---- where Node 20 has nothing to compare with, or differs ---- */

/* HTML: the handler attribute is one listener, placed where it was first
 * set; setting it again replaces the function in place, null removes it.
 * Host message events are trusted MessageEvents at the global scope. */
static const char self_script[] =
	    "var order = [];\n"
	    "addEventListener('message', function (e) { order.push('first' + e.data); });\n"
	    "onmessage = function () { order.push('h1'); };\n"
	    "addEventListener('message', { handleEvent: function (e) { order.push('obj' + e.data); if (e.data === 3) { postMessage(order); close(); } } });\n"
	    "onmessage = function (e) { order.push('h2:' + [this === self, e.target === self, e.currentTarget === self, e.isTrusted, e instanceof MessageEvent, e.origin, e.ports.length, e.source, e.eventPhase].join()); };\n"
	    "function last(e) { order.push('last' + e.data); if (e.data === 2) { onmessage = null; removeEventListener('message', last); } }\n"
	    "addEventListener('message', last);\n"
	    "var seen = [];\n"
	    "self.addEventListener('custom', function (e) { seen.push(e.detail); });\n"
	    "seen.push(self.dispatchEvent(new CustomEvent('custom', { detail: 'd' })));\n"
	    "postMessage([self instanceof EventTarget, typeof self.dispatchEvent, onmessage !== null, Object.prototype.hasOwnProperty.call(self, 'onmessage'), seen]);\n";

START_TEST(self_is_an_event_target)
{
	static const char *const posts[] = { "1", "2", "3", NULL };

	ck_assert_int_eq(hostfx_run_script(&fx, self_script, NULL, posts, &res), 0);
	ck_assert_str_eq(hostfx_nz(res.errors), "");
	ck_assert_str_eq(hostfx_nz(res.messages),
	    "[true,\"function\",true,true,[\"d\",true]]\n"
	    "[\"first1\",\"h2:true,true,true,true,true,,0,,2\",\"obj1\",\"last1\","
	    "\"first2\",\"h2:true,true,true,true,true,,0,,2\",\"obj2\",\"last2\","
	    "\"first3\",\"obj3\"]\n");
}
END_TEST

/* A lone `onmessage` takes the fast path (web_events.js dispatchData):
 * the event must be the one dispatch() gives, during the call and after
 * it, and a handler returning false cancels nothing (message events are
 * not cancelable). */
static const char lone_script[] =
	    "var kept;\n"
	    "onmessage = function (e) {\n"
	    "  kept = e;\n"
	    "  postMessage([this === self, e.target === self, e.currentTarget === self, e.eventPhase, e.isTrusted,\n"
	    "    e instanceof MessageEvent, e.type, e.cancelable, typeof e.timeStamp, e.data, e.composedPath().length]);\n"
	    "  setTimeout(function () { postMessage([kept.target === self, kept.currentTarget, kept.eventPhase, kept.defaultPrevented, kept.composedPath().length]); close(); });\n"
	    "  return false;\n"
	    "};\n";

START_TEST(lone_handler_event)
{
	static const char *const posts[] = { "7", NULL };

	ck_assert_int_eq(hostfx_run_script(&fx, lone_script, NULL, posts, &res), 0);
	ck_assert_str_eq(hostfx_nz(res.errors), "");
	ck_assert_str_eq(hostfx_nz(res.messages),
	    "[true,true,true,2,true,true,\"message\",false,\"number\",7,1]\n"
	    "[true,null,0,false,0]\n");
}
END_TEST

/* DOM: at the target, capture listeners run first; preventDefault() in a
 * passive listener does nothing; the phase constants are on the prototype
 * too.  (Node 20 prints ["bubble","capture","passive:true",false,0,null].) */
static const char order_script[] =
	    "var t = new EventTarget(), o = [];\n"
	    "t.addEventListener('x', function () { o.push('bubble'); });\n"
	    "t.addEventListener('x', function () { o.push('capture'); }, { capture: true });\n"
	    "t.addEventListener('x', function (e) { e.preventDefault(); o.push('passive:' + e.defaultPrevented); }, { passive: true });\n"
	    "var e = new Event('x', { cancelable: true });\n"
	    "o.push(t.dispatchEvent(e), e.eventPhase, e.AT_TARGET);\n"
	    "postMessage(o);\n";

START_TEST(capture_first_and_passive)
{
	ck_assert_int_eq(hostfx_run_script(&fx, order_script, NULL, NULL, &res), 0);
	ck_assert_str_eq(hostfx_nz(res.messages), "[\"capture\",\"bubble\",\"passive:false\",true,0,2]\n");
}
END_TEST

/* HTML: reportError() fires a trusted, cancelable ErrorEvent at the global
 * scope; cancelled, the worker goes on. */
static const char report_script[] =
	    "var got = [];\n"
	    "addEventListener('error', function (e) { got.push([e instanceof ErrorEvent, e.message, e.error.message, e.isTrusted, e.cancelable].join()); e.preventDefault(); });\n"
	    "reportError(new TypeError('handled'));\n"
	    "var ee = new ErrorEvent('error', { message: 'm', lineno: 3, error: 7 });\n"
	    "got.push([ee.message, ee.filename, ee.lineno, ee.colno, ee.error, String(ee)].join());\n"
	    "try { reportError(); } catch (x) { got.push(x.name); }\n"
	    "postMessage(got);\n";

START_TEST(report_error_handled)
{
	ck_assert_int_eq(hostfx_run_script(&fx, report_script, NULL, NULL, &res), 0);
	ck_assert_str_eq(hostfx_nz(res.errors), "");
	ck_assert_str_eq(hostfx_nz(res.messages),
	    "[\"true,TypeError: handled,handled,true,true\",\"m,,3,0,7,[object ErrorEvent]\",\"TypeError\"]\n");
}
END_TEST

/* Not cancelled, it is an uncaught exception: the error frame, exit 1. */
START_TEST(report_error_unhandled_ends_the_worker)
{
	ck_assert_int_eq(hostfx_run_script(&fx,
	    "reportError(new RangeError('late'));\n"
	    "postMessage('not reached');\n", NULL, NULL, &res), 1);
	ck_assert_str_eq(hostfx_nz(res.messages), "");
	ck_assert_msg(strstr(hostfx_nz(res.errors), "\"late\"") != NULL, "%s", hostfx_nz(res.errors));
	ck_assert_msg(strstr(hostfx_nz(res.errors), "RangeError") != NULL, "%s", hostfx_nz(res.errors));
	ck_assert_str_eq(res.reason, "error");
}
END_TEST

/* HTML's WorkerNavigator (Node 20 has no navigator). */
START_TEST(navigator_values)
{
	ck_assert_int_eq(hostfx_run_script(&fx,
	    "postMessage([navigator.hardwareConcurrency >= 1, navigator.hardwareConcurrency === Math.floor(navigator.hardwareConcurrency),\n"
	    "  navigator.userAgent === 'workersd/' + process.versions.workersd, /^workersd\\/\\d+\\.\\d+\\.\\d+$/.test(navigator.userAgent),\n"
	    "  navigator.platform, navigator.language, navigator.languages, String(navigator), typeof WorkerNavigator]);\n",
	    NULL, NULL, &res), 0);
	ck_assert_str_eq(hostfx_nz(res.messages),
	    "[true,true,true,true,\"linux\",\"en-US\",[\"en-US\"],\"[object WorkerNavigator]\",\"function\"]\n");
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("host_web");
	TCase *tc = tcase_create("web");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, events_as_node);
	tcase_add_test(tc, abort_as_node);
	tcase_add_test(tc, crypto_as_node);
	tcase_add_test(tc, text_as_node);
	tcase_add_test(tc, blob_as_node);
	tcase_add_test(tc, perf_as_node);
	tcase_add_test(tc, data_clone_error_is_a_domexception);
	tcase_add_test(tc, self_is_an_event_target);
	tcase_add_test(tc, lone_handler_event);
	tcase_add_test(tc, capture_first_and_passive);
	tcase_add_test(tc, report_error_handled);
	tcase_add_test(tc, report_error_unhandled_ends_the_worker);
	tcase_add_test(tc, navigator_values);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return tsuite_run(suite());
}
