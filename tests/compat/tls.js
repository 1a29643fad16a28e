// tls's constants, and what an environment check sees of process and the
// client modules (axios looks for '[object process]')
var tls = require('tls'), http = require('http'), https = require('https'), url = require('url');
console.log(tls.DEFAULT_MIN_VERSION, tls.DEFAULT_MAX_VERSION, tls.DEFAULT_ECDH_CURVE, tls.CLIENT_RENEG_LIMIT, tls.CLIENT_RENEG_WINDOW);
console.log(typeof tls.connect, typeof tls.createServer, typeof tls.TLSSocket);
console.log(Object.prototype.toString.call(process), Object.keys(process).indexOf(Symbol.toStringTag));
console.log(typeof http.request, typeof https.request, https.Agent.prototype instanceof http.Agent, http.IncomingMessage.prototype instanceof require('stream').Readable);
console.log(JSON.stringify(url.urlToHttpOptions(new URL('http://a:b%20c@[::1]:81/p?q=1#h'))));
console.log(JSON.stringify(url.urlToHttpOptions(new URL('https://example.com/'))));
var req = http.request({ host: 'example.com', port: 8080, path: '/x', method: 'post', headers: { 'X-A': 1 }, auth: 'u:p' });
req.on('error', function () {});
console.log(req.method, req.path, req.host, req.protocol, JSON.stringify(req.getHeaders()), req.getRawHeaderNames());
req.destroy();
