// net's address checks (the part of net a worker has: docs/worker-api.md)
var net = require('net');
var cases = ['127.0.0.1', '0.0.0.0', '255.255.255.255', '256.1.1.1', '01.2.3.4', '1.2.3', '1.2.3.4.5', ' 1.2.3.4',
  '1.2.3.4 ', '', '::', '::1', '1::', 'fe80::1%eth0', 'fe80::1%', '2001:db8::8a2e:370:7334',
  '2001:0db8:0000:0000:0000:ff00:0042:8329', '1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7::',
  '::ffff:192.168.1.1', '::ffff:192.168.1.256', '1:2:3:4:5:6:1.2.3.4', '1:2:3:4:5:6:7:1.2.3.4', '1::2::3',
  ':1', '1:', '12345::', 'g::1', '::1.2.3.4', '1.2.3.4::', 'localhost', null, 42];
cases.forEach(function (c) { console.log(JSON.stringify(c), net.isIP(c), net.isIPv4(c), net.isIPv6(c)); });
console.log(typeof net.Socket, typeof net.connect, typeof net.createServer);
