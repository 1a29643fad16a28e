// readline over streams: lines split on \n, \r\n and a lone \r (a \r\n split
// across chunks is one ending), the unfinished last line at the end, the
// events in order, question() with a prompt written to the output, the
// promises API, async iteration with events.on, the cursor functions,
// and readline/promises' Readline.
const readline = require('readline');
const rlp = require('readline/promises');
const events = require('events');
const { PassThrough, Writable } = require('stream');
const fs = require('fs');
const path = require('path');

console.log(Object.keys(readline).filter((k) => k !== 'emitKeypressEvents').join(), Object.keys(rlp).join());

function sink() {
  const out = [];
  const w = new Writable({ write(c, e, cb) { out.push(String(c)); cb(); } });
  w.text = () => out.join('');
  return w;
}

async function lines() {
  const input = new PassThrough();
  const rl = readline.createInterface({ input });
  const seen = [];
  rl.on('line', (l) => seen.push(JSON.stringify(l)));
  rl.on('pause', () => seen.push('pause'));
  rl.on('close', () => seen.push('close'));
  input.write('one\ntwo\r\nthr');
  input.write('ee\rfour\r');
  input.write('\nfive\n\nsix é');
  input.end(Buffer.from([0xc3, 0xa9]));
  await events.once(rl, 'close');
  console.log(seen.join(' '), rl.terminal, rl.closed, rl.getPrompt());
}

async function questions() {
  const input = new PassThrough();
  const output = sink();
  const rl = readline.createInterface({ input, output, prompt: '$ ' });
  const got = [];
  rl.question('name? ', (a) => {
    got.push('answer ' + a);
    rl.prompt();
  });
  rl.on('line', (l) => got.push('line ' + l));
  input.write('bob\nafter\n');
  const q = require('util').promisify(rl.question).bind(rl);
  const p = q('age? ');
  input.write('42\n');
  got.push('promised ' + await p);
  const ac = new AbortController();
  let answered = false;
  rl.question('never? ', { signal: ac.signal }, () => { answered = true; });
  ac.abort();
  input.write('later\n');
  rl.close();
  try { rl.question('x', () => {}); } catch (e) { got.push(e.code); }
  console.log(got.join(' | '), JSON.stringify(output.text()), answered);
}

async function promises() {
  const input = new PassThrough();
  const output = sink();
  const rl = rlp.createInterface({ input, output });
  const a = rl.question('q1 ');
  input.write('yes\n');
  console.log(await a, rl instanceof readline.Interface, rl instanceof rlp.Interface);
  const ac = new AbortController();
  const b = rl.question('q2 ', { signal: ac.signal });
  ac.abort();
  try { await b; } catch (e) { console.log(e.name, e.code); }
  rl.close();
  try { await rl.question('q3 '); } catch (e) { console.log(e.code, e.message); }
  console.log(JSON.stringify(output.text()));
}

async function iterate() {
  const file = path.join(__dirname, 'lines.txt');
  fs.writeFileSync(file, Array.from({ length: 2000 }, (_, i) => 'row ' + i).join('\n') + '\n');
  const rl = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
  let n = 0, last;
  for await (const line of rl) { n++; last = line; }
  console.log(n, last, rl.closed);
  const rl2 = readline.createInterface({ input: fs.createReadStream(file) });
  const firsts = [];
  for await (const line of rl2) { firsts.push(line); if (firsts.length === 3) break; }
  console.log(firsts.join(','), rl2.closed);
  fs.unlinkSync(file);
}

async function eventsOn() {
  const ee = new events.EventEmitter();
  const it = events.on(ee, 'x', { close: ['done'] });
  ee.emit('x', 1, 2);
  ee.emit('x', 3);
  setTimeout(() => { ee.emit('x', 4); ee.emit('done'); ee.emit('x', 5); }, 5);
  const vals = [];
  for await (const v of it) vals.push(JSON.stringify(v));
  console.log(vals.join(' '), ee.listenerCount('x'), ee.listenerCount('error'));
  const it2 = events.on(ee, 'y');
  setTimeout(() => ee.emit('error', new Error('boom')), 5);
  try { for await (const v of it2) console.log(v); } catch (e) { console.log('caught', e.message, ee.listenerCount('y')); }
  const ac = new AbortController();
  const it3 = events.on(ee, 'z', { signal: ac.signal });
  setTimeout(() => ac.abort(), 5);
  try { await it3.next(); } catch (e) { console.log(e.name); }
  try { events.on(ee, 'z', { highWaterMark: 0 }); } catch (e) { console.log(e.code); }
}

function cursor() {
  const out = [];
  const s = new Writable({ write(c, e, cb) { out.push(JSON.stringify(String(c))); cb(); } });
  readline.cursorTo(s, 2); readline.cursorTo(s, 2, 3); readline.moveCursor(s, -1, 2); readline.moveCursor(s, 0, 0);
  readline.clearLine(s, 0); readline.clearLine(s, -1); readline.clearScreenDown(s);
  console.log(out.join(' '), readline.cursorTo(null, 1), readline.moveCursor(s, 0, 0));
  const r = new rlp.Readline(s);
  r.cursorTo(0, 0).moveCursor(1, 1).clearLine(1).clearScreenDown();
  const before = out.length;
  return r.commit().then(() => console.log(out.length - before, out[out.length - 1]));
}

(async () => {
  await lines();
  await questions();
  await promises();
  await iterate();
  await eventsOn();
  await cursor();
})();
