// URL.createObjectURL/revokeObjectURL and buffer's resolveObjectURL: Node's
// blob:nodedata: URLs, their errors, and what they resolve to.
const b = new Blob(['hi'], {type:'text/plain'});
const u = URL.createObjectURL(b); console.log(typeof u, /^blob:nodedata:[0-9a-f-]{36}$/.test(u));
const { resolveObjectURL } = require('buffer');
const r = resolveObjectURL(u); console.log(r instanceof Blob, r.size, r.type, r === b, resolveObjectURL(u + '?q#h') instanceof Blob);
r.text().then(t => console.log(t));
URL.revokeObjectURL(u); console.log(resolveObjectURL(u));
try { URL.createObjectURL('x') } catch (e) { console.log(e.name, e.code, e.message) }
try { URL.createObjectURL() } catch (e) { console.log(e.name, e.code, e.message) }
console.log(URL.revokeObjectURL('nope'), resolveObjectURL('blob:nodedata:zzz'), resolveObjectURL('http://x'), resolveObjectURL('blob:other:' + u.slice(14)));
try { URL.revokeObjectURL() } catch (e) { console.log(e.name, e.code, e.message) }
console.log(URL.createObjectURL.length, URL.revokeObjectURL.length, Object.keys(URL), require('buffer').Blob === Blob, require('buffer').File === File);
