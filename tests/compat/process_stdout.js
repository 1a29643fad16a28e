// process.stdout as scripts use it: whole lines written, the Writable's
// flags, events and callbacks (what follows end() depends on what stdout
// is, a pipe here: not compared)
var out = process.stdout, order = [];
console.log(typeof out.on, typeof out.once, typeof out.write, typeof out.end, out.writable, out.writableEnded,
  out.writableLength, out.writableHighWaterMark, !out.isTTY, out.fd, process.stderr.fd);
console.log(out.write('line one\n'), out.write(Buffer.from('bytes line\n')), out.write(new Uint8Array([104, 105, 10])));
out.write('with callback\n', function (err) { order.push('write cb ' + err); });
out.write('with encoding\n', 'utf8', function (err) { order.push('write cb 2 ' + err); });
function onError(e) { order.push('error ' + e.code); }
out.on('error', onError);
console.log(out.listenerCount('error'), out.eventNames().join());
try { out.write(42); } catch (e) { console.log(e.name, e.code); }
setTimeout(function () {
  console.log(order.join(' | '));
  console.log(out.listenerCount('error'));
  out.off('error', onError);
  console.log(out.listenerCount('error'), typeof process.on, process.listenerCount('exit'));
}, 20);
