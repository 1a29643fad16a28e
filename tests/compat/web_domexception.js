// DOMException's name, message and code are branded getters on the prototype,
// as WebIDL makes them: other receivers are refused, and so is a URLSearchParams
// made from the prototype (WPT url/urlsearchparams-constructor).
console.log(Object.keys(DOMException.prototype).slice(0, 5));
try { new URLSearchParams(DOMException.prototype); } catch (e) { console.log(e.name, e.message); }
const d = Object.getOwnPropertyDescriptor(DOMException.prototype, 'name');
try { d.get.call({}); } catch (e) { console.log(e.name, e.message); }
const e = new DOMException('boom', 'AbortError');
console.log(e.name, e.message, e.code, String(e), e instanceof Error, e.stack.split('\n')[0], Object.prototype.toString.call(e));
console.log(new DOMException().name, new DOMException().message === '', new DOMException('x', 'Nope').code);
try { 'use strict'; (function () { 'use strict'; e.message = 'y'; })(); } catch (x) { console.log(x.name); }
try { structuredClone(function () {}); } catch (x) { console.log(x.name, x.code, x instanceof DOMException); }
const ac = new AbortController(); ac.abort(); console.log(ac.signal.reason.name, ac.signal.reason.message);
