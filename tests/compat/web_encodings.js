// TextDecoder's encodings besides UTF-8: labels, every byte of each
// single-byte and multi-byte table (as a hash), streaming across a split
// character, fatal, the UTF-16 BOM.  windows-1252 (and its labels latin1,
// ascii...) and x-user-defined are left out: Node 20 decodes the first as
// ISO-8859-1 and lacks the second, where the standard says otherwise
// (tests/host/test_host_web.c checks both against the standard).
function show(l, v) { console.log(l + ' ' + JSON.stringify(v)); }
function codes(s) { return Array.from(s, function (c) { return c.codePointAt(0).toString(16); }).join(' '); }
function hash(s) { var h = 0; for (var i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) >>> 0; return s.length + ':' + h.toString(16); }
var all = new Uint8Array(256);
for (var i = 0; i < 256; i++) all[i] = i;
show('labels', [' Latin2 ', 'CP866', 'csShiftJIS', 'unicode', 'utf-16', 'koi', 'x-gbk', 'chinese', 'dos-874', 'logical', 'mac'].map(function (l) { return new TextDecoder(l).encoding; }));
['replacement', 'iso-2022-kr', 'latin9x', ' utf-9'].forEach(function (l) {
	try { new TextDecoder(l); show('unknown', l); } catch (e) { show('unknown', [e.name, e.code, e.message]); }
});
['ibm866', 'iso-8859-2', 'iso-8859-3', 'iso-8859-4', 'iso-8859-5', 'iso-8859-6', 'iso-8859-7', 'iso-8859-8', 'iso-8859-8-i',
 'iso-8859-10', 'iso-8859-13', 'iso-8859-14', 'iso-8859-15', 'koi8-r', 'koi8-u', 'macintosh', 'windows-874', 'windows-1250',
 'windows-1251', 'windows-1253', 'windows-1254', 'windows-1255', 'windows-1256', 'windows-1257', 'windows-1258', 'x-mac-cyrillic',
 'gbk', 'big5', 'euc-jp', 'iso-2022-jp', 'shift_jis', 'euc-kr', 'utf-16be', 'utf-16le'].forEach(function (n) {
	show(n, hash(new TextDecoder(n).decode(all)));
});
show('multi', [['shift_jis', [0x82, 0xa0, 0x93, 0xfa]], ['euc-jp', [0xa4, 0xa2, 0x8e, 0xb1]], ['gbk', [0xc4, 0xe3, 0x80]],
	['gb18030', [0x81, 0x30, 0x81, 0x30, 0x80, 0xc4, 0xe3, 0x94, 0x39, 0xda, 0x33]], ['big5', [0xa4, 0x40, 0x88, 0x62]],
	['euc-kr', [0xb0, 0xa1, 0xc7, 0xd1]], ['iso-2022-jp', [0x1b, 0x24, 0x42, 0x24, 0x22, 0x1b, 0x28, 0x42, 0x41]]].map(function (c) {
	return c[0] + ': ' + codes(new TextDecoder(c[0]).decode(Uint8Array.from(c[1])));
}));
var sj = new TextDecoder('shift_jis');
show('stream', [sj.decode(Uint8Array.of(0x41, 0x82), { stream: true }), sj.decode(Uint8Array.of(0xa0, 0x93), { stream: true }),
	sj.decode(Uint8Array.of(0xfa)), sj.decode(Uint8Array.of(0x82))].map(codes));
var u16 = new TextDecoder('utf-16le');
show('stream16', [u16.decode(Uint8Array.of(0x3d), { stream: true }), u16.decode(Uint8Array.of(0xd8, 0x00), { stream: true }),
	u16.decode(Uint8Array.of(0xde, 0x41)), u16.decode(Uint8Array.of(0x00, 0xd8))].map(codes));
show('bom', [new TextDecoder('utf-16le').decode(Uint8Array.of(0xff, 0xfe, 0x41, 0, 0xff, 0xfe)),
	new TextDecoder('utf-16be').decode(Uint8Array.of(0xfe, 0xff, 0, 0x41)),
	new TextDecoder('utf-16le', { ignoreBOM: true }).decode(Uint8Array.of(0xff, 0xfe, 0x41, 0)),
	new TextDecoder('koi8-r').decode(Uint8Array.of(0xef, 0xbb, 0xbf))].map(codes));
// each decoder is still usable after its error: the last input decodes afresh
[['shift_jis', [0x41, 0x82], [0x41]], ['euc-kr', [0xff], [0x41]], ['utf-16le', [0x00, 0xdc], [0x41, 0]],
 ['iso-8859-6', [0xa1], [0x41]], ['big5', [0x80], [0x41]]].forEach(function (c) {
	var d = new TextDecoder(c[0], { fatal: true });
	try { show('fatal', d.decode(Uint8Array.from(c[1]))); } catch (e) { show('fatal', [e.name, e.code, e.message, codes(d.decode(Uint8Array.from(c[2])))]); }
});
show('replaced', [new TextDecoder('shift_jis').decode(Uint8Array.of(0x81, 0x20)), new TextDecoder('iso-8859-3').decode(Uint8Array.of(0xa5)),
	new TextDecoder('euc-kr').decode(Uint8Array.of(0xb0, 0xa1, 0xff))].map(codes));
var d = new TextDecoder('iso-8859-5', { fatal: true, ignoreBOM: true });
show('props', [d.encoding, d.fatal, d.ignoreBOM, Object.prototype.toString.call(d), d.decode(), d.decode(new Uint8Array(0)), d.decode(new Uint8Array([0xb0, 0xb1]).buffer)]);
var big = new Uint8Array(300001).fill(0xc1);
big[300000] = 0x82;
show('big', [hash(new TextDecoder('koi8-r').decode(big)), hash(new TextDecoder('shift_jis').decode(big.subarray(1)))]);
