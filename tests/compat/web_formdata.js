// FormData, and FormData bodies both ways (multipart/form-data and
// application/x-www-form-urlencoded), as Node 20 has them.  The random
// boundary is replaced by B before printing.
'use strict';

function err(e) {
  return e.name + ': ' + e.message;
}
function unbound(s) {
  return s.replace(/formdata-undici-0[0-9]+/g, 'B');
}

async function main() {
  const shown = new FormData();
  shown.append('a', '1'); shown.append('a', '2'); shown.append('b', 'x');
  console.log(shown, new FormData());
  const fd = new FormData();
  fd.append('a', '1');
  fd.append('b', new Blob(['xyz'], { type: 'text/plain' }));
  fd.append('a', 2);
  fd.append('f', new File(['q'], 'q.txt'), 'renamed.txt');
  console.log(fd.get('a'), fd.getAll('a'), fd.has('b'), fd.has('zz'), fd.get('zz'), fd.getAll('zz'));
  const b = fd.get('b');
  console.log(b instanceof File, b.name, b.type, b.size, fd.get('f').name, await fd.get('f').text());
  const keys = fd.keys();
  fd.append('late', 'seen');
  console.log([...keys], [...fd.entries()].map(e => [e[0], typeof e[1]]));
  fd.set('a', 'x');
  console.log([...fd.keys()], fd.getAll('a'));
  fd.set('new', 'at end');
  fd.delete('b');
  fd.delete('nothing');
  console.log([...fd].map(e => e[0]), [...fd.values()].length);
  fd.forEach(function (v, k, o) { console.log('forEach', k, typeof v, o === fd, this.t); }, { t: 'this' });
  for (const bad of [() => new FormData(1), () => fd.append('x'), () => fd.append('x', 'y', 'z'),
    () => fd.get(), () => FormData.prototype.get.call({}, 'a')]) {
    try { bad(); console.log('no error'); } catch (e) { console.log(err(e)); }
  }
  fd.append('lone\ud800', 'v\r\nw\nz\rq');
  console.log(JSON.stringify([...fd.keys()].pop()), JSON.stringify(fd.get('lone\ufffd')));
  console.log(Object.prototype.toString.call(fd), Object.prototype.toString.call(fd.keys()));
  console.log(new URLSearchParams(fd).toString());

  // serialized
  const r = new Response(fd);
  console.log(unbound(r.headers.get('content-type')));
  console.log(JSON.stringify(unbound(await r.text())));
  const req = new Request('http://localhost/', { method: 'POST', body: fd });
  console.log(unbound(req.headers.get('content-type')));
  // and parsed back
  const back = await new Response(fd).formData();
  console.log([...back].map(e => [e[0], typeof e[1] === 'string' ? e[1] : 'File ' + e[1].name + ' ' + e[1].type + ' ' + e[1].size]));
  const form = await new Response('a=1&b=%20x&a=2&c=%E2%82%AC+y', {
    headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' }
  }).formData();
  console.log([...form]);
  const hand = '--XX\r\nContent-Disposition: form-data; name="t"\r\n\r\nhello\r\n' +
    '--XX\r\nContent-Disposition: form-data; name="file"; filename="a.bin"\r\nContent-Type: application/x-thing\r\n\r\n\u0001\u0002\r\n--XX--\r\n';
  const parsed = await new Response(hand, { headers: { 'content-type': 'multipart/form-data; boundary=XX' } }).formData();
  console.log(parsed.get('t'), parsed.get('file').name, parsed.get('file').type, [...new Uint8Array(await parsed.get('file').arrayBuffer())]);
  try {
    await new Response('x', { headers: { 'content-type': 'text/plain' } }).formData();
  } catch (e) { console.log(err(e)); }
  try {
    await new Response('no parts here', { headers: { 'content-type': 'multipart/form-data; boundary=XX' } }).formData();
  } catch (e) { console.log(e.name); }
}

main().catch(e => console.log('FAILED', e));
