// Web streams (WHATWG Streams, Encoding and Compression streams) and the
// streams of Blob, Request and Response, as Node 20 has them.  Each step
// awaits the last, so the order of the lines is the order of the steps.
'use strict';

function err(e) {
  return e.name + (e.code ? ' ' + e.code : '') + ': ' + e.message;
}
async function readAll(stream) {
  const out = [];
  for await (const c of stream) out.push(c);
  return out;
}
function bytes(s) {
  return new TextEncoder().encode(s);
}

async function main() {
  // a pull source with backpressure: pull runs while desiredSize > 0
  let pulls = 0;
  const counted = new ReadableStream({
    pull(c) {
      pulls++;
      c.enqueue(pulls);
      if (pulls === 4) c.close();
    }
  }, new CountQueuingStrategy({ highWaterMark: 2 }));
  await new Promise(r => setTimeout(r, 10));
  console.log('pulled before reading', pulls);
  console.log('chunks', await readAll(counted), 'pulls', pulls);

  // readers: lock, release, read after release, cancel with a reason
  const rs = new ReadableStream({
    start(c) { c.enqueue('a'); c.enqueue('b'); },
    cancel(reason) { console.log('cancel called with', reason); }
  });
  const reader = rs.getReader();
  console.log('locked', rs.locked);
  try { rs.getReader(); } catch (e) { console.log(err(e)); }
  console.log(await reader.read());
  reader.releaseLock();
  try { await reader.read(); } catch (e) { console.log('read after release:', err(e)); }
  try { await reader.closed; } catch (e) { console.log('closed after release:', err(e)); }
  await rs.cancel('enough');
  console.log(await rs.getReader().read());

  // errors: a source's error reaches read() and closed
  const broken = new ReadableStream({ start(c) { c.error(new RangeError('bad source')); } });
  const br = broken.getReader();
  try { await br.read(); } catch (e) { console.log('errored read:', err(e)); }
  try { await br.closed; } catch (e) { console.log('errored closed:', err(e)); }

  // constructor checks
  for (const args of [[null], [{ type: 'nope' }], [{}, { highWaterMark: -1 }], [{}, { size: 1 }], [{ start() { throw new SyntaxError('in start'); } }]]) {
    try { new ReadableStream(...args); console.log('made'); } catch (e) { console.log(err(e)); }
  }
  try { ReadableStream.prototype.getReader.call({}); } catch (e) { console.log(err(e)); }

  // tee: both branches see every chunk; cancel of both cancels the source
  const [t1, t2] = new ReadableStream({
    start(c) { c.enqueue(1); c.enqueue(2); c.close(); }
  }).tee();
  console.log('tee', await readAll(t1), await readAll(t2));

  // async iteration: break cancels the stream unless preventCancel
  const iterated = new ReadableStream({
    start(c) { c.enqueue('x'); c.enqueue('y'); c.enqueue('z'); },
    cancel() { console.log('iteration cancelled the source'); }
  });
  for await (const c of iterated) { console.log('first', c); break; }
  console.log('locked after break', iterated.locked);
  const kept = new ReadableStream({ start(c) { c.enqueue('k1'); c.enqueue('k2'); c.close(); } });
  for await (const c of kept.values({ preventCancel: true })) { console.log('kept', c); break; }
  console.log('rest', await readAll(kept));

  // ReadableStream.from: sync and async iterables
  console.log('from', await readAll(ReadableStream.from([1, Promise.resolve(2), 3])));
  console.log('from async', await readAll(ReadableStream.from((async function* () { yield 'p'; yield 'q'; })())));

  // byte streams: BYOB reads, respond, autoAllocateChunkSize, enqueue
  let n = 0;
  const bs = new ReadableStream({
    type: 'bytes',
    pull(c) {
      const v = c.byobRequest.view;
      v[0] = ++n; v[1] = n * 10;
      c.byobRequest.respond(2);
      if (n === 2) c.close();
    }
  });
  const byob = bs.getReader({ mode: 'byob' });
  console.log(await byob.read(new Uint8Array(4)));
  console.log(await byob.read(new Uint8Array(4)));
  console.log(await byob.read(new Uint8Array(4)));
  const auto = new ReadableStream({
    type: 'bytes', autoAllocateChunkSize: 3,
    pull(c) { const v = c.byobRequest.view; v.set([7, 8, 9]); c.byobRequest.respond(3); c.close(); }
  });
  console.log(await auto.getReader().read());
  const queued = new ReadableStream({
    type: 'bytes', start(c) { c.enqueue(new Uint8Array([1, 2, 3, 4, 5])); c.close(); }
  });
  const qr = queued.getReader({ mode: 'byob' });
  console.log(await qr.read(new Uint16Array(1)), await qr.read(new Uint8Array(8)));
  try { new ReadableStream().getReader({ mode: 'byob' }); } catch (e) { console.log(err(e)); }

  // writable streams: backpressure, close, abort, errors
  const log = [];
  const ws = new WritableStream({
    write(chunk) { log.push('write ' + chunk); return new Promise(r => setTimeout(r, 1)); },
    close() { log.push('close'); }
  }, { highWaterMark: 2 });
  const w = ws.getWriter();
  console.log('desiredSize', w.desiredSize);
  w.write('a'); w.write('b');
  console.log('desiredSize', w.desiredSize);
  await w.ready;
  await w.close();
  console.log(log, 'closed', await w.closed);
  const aborted = new WritableStream({ abort(reason) { console.log('sink abort', reason); } });
  await aborted.abort('stop');
  try { await aborted.getWriter().write(1); } catch (e) { console.log('write after abort:', e); }
  const failing = new WritableStream({ write() { throw new TypeError('sink refuses'); } });
  const fw = failing.getWriter();
  try { await fw.write(1); } catch (e) { console.log('write:', err(e)); }
  try { await fw.closed; } catch (e) { console.log('closed:', err(e)); }

  // transforms and pipes
  const upper = new TransformStream({
    transform(chunk, c) { c.enqueue(String(chunk).toUpperCase()); },
    flush(c) { c.enqueue('!'); }
  });
  console.log('piped', await readAll(ReadableStream.from(['a', 'b']).pipeThrough(upper)));
  const sink = [];
  await ReadableStream.from([1, 2, 3]).pipeTo(new WritableStream({ write(c) { sink.push(c); } }));
  console.log('pipeTo', sink);
  const ac = new AbortController();
  const slow = new ReadableStream({ pull(c) { c.enqueue('tick'); return new Promise(r => setTimeout(r, 5)); } });
  const done = slow.pipeTo(new WritableStream(), { signal: ac.signal });
  ac.abort(new Error('pipe aborted'));
  try { await done; } catch (e) { console.log('pipe:', err(e)); }
  try { await ReadableStream.from([1]).pipeTo({}); } catch (e) { console.log(err(e)); }
  const erroring = new ReadableStream({ start(c) { c.error(new Error('source broke')); } });
  const target = new WritableStream({ abort(r) { console.log('dest aborted with', r.message); } });
  try { await erroring.pipeTo(target); } catch (e) { console.log('pipeTo:', err(e)); }

  // queuing strategies
  const bl = new ByteLengthQueuingStrategy({ highWaterMark: 16 });
  console.log(bl.highWaterMark, bl.size(new Uint8Array(5)), new CountQueuingStrategy({ highWaterMark: 1 }).size());
  try { new CountQueuingStrategy({}); } catch (e) { console.log(err(e)); }

  // text and compression streams
  const text = await readAll(ReadableStream.from(['h\u00e9', 'llo \ud83d', '\ude00'])
    .pipeThrough(new TextEncoderStream()).pipeThrough(new TextDecoderStream()));
  console.log('text', text.join(''));
  const split = await readAll(ReadableStream.from([new Uint8Array([0xe2, 0x82]), new Uint8Array([0xac])])
    .pipeThrough(new TextDecoderStream()));
  console.log('split', split);
  const lone = await readAll(ReadableStream.from(['\ud83d']).pipeThrough(new TextEncoderStream()));
  console.log('lone surrogate', lone);
  for (const format of ['gzip', 'deflate', 'deflate-raw']) {
    const z = await readAll(ReadableStream.from([bytes('hello '), bytes('world')])
      .pipeThrough(new CompressionStream(format)).pipeThrough(new DecompressionStream(format))
      .pipeThrough(new TextDecoderStream()));
    console.log(format, z.join(''));
  }
  try { new CompressionStream('brotli'); } catch (e) { console.log(err(e)); }
  try {
    await readAll(ReadableStream.from([bytes('not gzip')]).pipeThrough(new DecompressionStream('gzip')));
  } catch (e) { console.log('bad gzip:', e.code); }

  // bodies
  const res = new Response(ReadableStream.from([bytes('streamed '), bytes('body')]));
  const copy = res.clone();
  console.log('response', await res.text(), res.bodyUsed, await copy.text());
  const r2 = new Response('abc');
  const r2reader = r2.body.getReader();
  console.log('bodyUsed while locked', r2.bodyUsed);
  console.log(await r2reader.read(), 'bodyUsed', r2.bodyUsed);
  try { await r2.text(); } catch (e) { console.log(err(e)); }
  console.log('empty body', await new Response('').body.getReader().read(), new Response(null).body);
  // how a Blob's bytes are cut into chunks is the implementation's
  const blobStream = new Blob(['blob ', 'bytes']).stream();
  console.log('blob stream', blobStream.locked, await new Response(blobStream).text());
  try { await new Response(ReadableStream.from(['str'])).text(); } catch (e) { console.log(err(e)); }
  const lockedStream = new ReadableStream();
  lockedStream.getReader();
  try { new Response(lockedStream); } catch (e) { console.log(err(e)); }
  try { new Request('http://localhost/', { method: 'POST', body: new ReadableStream() }); } catch (e) { console.log(err(e)); }
  const req = new Request('http://localhost/', { method: 'POST', body: ReadableStream.from([bytes('req')]), duplex: 'half' });
  console.log('request', await req.text());

  const web = require('stream/web');
  console.log(Object.keys(web).join(' '));
  console.log(web.ReadableStream === ReadableStream, web.CompressionStream === CompressionStream);
  console.log(await require('stream/consumers').text(ReadableStream.from([bytes('consumed')])));
}

main().catch(e => console.log('FAILED', e));
