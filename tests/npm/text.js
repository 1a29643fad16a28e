// Query strings, YAML and HTML with popular npm packages as they are
// published (Debian's node-* builds under /usr/share/nodejs).  text.out is
// what Node 20 printed for this file; tests/e2e/npm_packages.sh runs it in
// a worker, make compat-node re-runs it under node.
var html = '<!DOCTYPE html><html><head><title>T &amp; t</title></head><body>' +
  '<ul id="l"><li class="a" data-n="1">one</li><li>two &lt;2&gt;</li><li class="a b">th&eacute;e</li></ul>' +
  '<p>x<br>y<img src="i.png" alt=\'q"\'></p><!-- c --><script>if (a < b) {}</script></body></html>';
function tree(n, d) {
  // a node of htmlparser2's DOM (domhandler) as nested arrays
  if (n.type === 'text') return JSON.stringify(n.data);
  if (n.type === 'comment') return '<!--' + n.data + '-->';
  return (n.name || n.type) + (n.attribs && Object.keys(n.attribs).length ? JSON.stringify(n.attribs) : '') +
    (n.children && n.children.length && d < 6 ? '[' + n.children.map(function (c) { return tree(c, d + 1); }).join(',') + ']' : '');
}
var cases = {
  'qs': function (qs) {
    var deep = qs.parse('a[b][c][d][e][f][g]=x', { depth: 2 });
    return [qs.stringify({ a: { b: [1, { c: 'd e' }] }, f: 'ü&=', z: null, u: undefined }),
      qs.stringify({ a: ['x', 'y'] }, { arrayFormat: 'brackets', encodeValuesOnly: true }),
      qs.stringify({ a: ['x', 'y'] }, { arrayFormat: 'comma' }), qs.stringify({ a: { b: 1 } }, { allowDots: true }),
      JSON.stringify(qs.parse('user[name]=bo&user[tags][]=a&user[tags][]=b&x=1&x=2&e=%C3%BC&p=a+b')),
      JSON.stringify(qs.parse('?a.b=1&c[1]=y&c[0]=x', { ignoreQueryPrefix: true, allowDots: true })),
      JSON.stringify(deep), JSON.stringify(qs.parse('a[25]=x&b[]=', { arrayLimit: 20 })),
      JSON.stringify(qs.parse('a=1;b=2', { delimiter: ';' })), JSON.stringify(qs.parse('__proto__[x]=1&constructor=2'))].join('\n  ');
  },
  'yaml': function (YAML) {
    var src = 'name: demo\nlist:\n  - 1\n  - two\n  - {k: v}\nnested:\n  deep: &x [true, null, 3.5]\n  again: *x\nmulti: |\n  line 1\n  line 2\ndate: 2024-01-02\n';
    var doc = YAML.parseDocument('# head\nkey: value # side\nn: 1\n');
    doc.set('n', 2); doc.setIn(['added', 'x'], [1, 2]);
    var err; try { YAML.parse('a: [1, 2\nb: c'); } catch (e) { err = e.name + ' ' + e.code; }
    return [JSON.stringify(YAML.parse(src)),
      JSON.stringify(YAML.stringify({ s: 'plain', q: 'needs: quote', n: [1, { a: null }], e: '', t: true, num: '012', ml: 'a\nb\n', c: 'tab\there', lone: 'l\uDFFFone' })),
      JSON.stringify(String(doc)), err, JSON.stringify(YAML.parseAllDocuments('a: 1\n---\nb: 2\n').map(function (d) { return d.toJS(); })),
      JSON.stringify(YAML.parse('x: !!str 12\ny: 0x1f\nz: .inf\nw: ~\n'))].join('\n  ');
  },
  'js-yaml': function (y) {
    var err; try { y.load('a: b: c'); } catch (e) { err = e.name + ' ' + e.reason; }
    return [JSON.stringify(y.load('a: 1\nb: [x, y]\nc: {d: true, e: ~}\nf: 2024-01-02T03:04:05Z\ng: |\n  text\n')),
      JSON.stringify(y.dump({ k: [1, 'two', { x: 'y: z' }], s: 'multi\nline', n: null, u: '123' })),
      JSON.stringify(y.dump({ b: 2, a: 1 }, { sortKeys: true, flowLevel: 0 })), JSON.stringify(y.dump({ lone: 'a\uD800' })), JSON.stringify(y.loadAll('--- 1\n--- [2]\n')), err].join('\n  ');
  },
  'htmlparser2': function (h) {
    var events = [];
    var p = new h.Parser({
      onopentag: function (n, a) { events.push('<' + n + (Object.keys(a).length ? JSON.stringify(a) : '')); },
      ontext: function (t) { if (t.trim()) events.push(JSON.stringify(t)); },
      onclosetag: function (n) { events.push('/' + n); },
      oncomment: function (c) { events.push('#' + c); },
    }, { decodeEntities: true });
    p.write(html.slice(0, 70)); p.write(html.slice(70)); p.end();
    var dom = h.parseDocument(html), du = h.DomUtils;
    var lis = du.getElementsByTagName('li', dom);
    return [events.join(' '), tree(dom, 0), lis.length + ' ' + lis.map(function (e) { return du.textContent(e); }).join('|'),
      du.getAttributeValue(du.getElementById('l', dom.children), 'id'), tree(h.parseDocument('<a><b>c</a>x', { xmlMode: true }), 0)].join('\n  ');
  },
  'parse5': function (p5) {
    var doc = p5.parse(html), frag = p5.parseFragment('<td>cell</td><b>bold<i>both</b>rest');
    var body = doc.childNodes[1].childNodes[1];
    return [p5.serialize(doc), p5.serialize(frag), body.childNodes.map(function (n) { return n.nodeName; }).join(','),
      p5.serialize(p5.parse('<table><tr><td>1<td>2</table><p>unclosed')), p5.serialize(p5.parseFragment('<select><option>a<option>b</select>'))].join('\n  ');
  },
  'entities': function (e) {
    var decode = require('entities/lib/decode.js'), escape = require('entities/lib/escape.js');
    return [e.encodeHTML('<é & ü 𝌆 "q">'), e.encodeNonAsciiHTML('<é 𝌆>'), e.encodeXML('<a href="x">\'&\'</a>'), e.decodeHTML('&lt;&eacute;&#x1D306;&#233;&amp&gt;&notin;&foo;'),
      e.decodeXML('&lt;&apos;&eacute;&#65;'), e.escapeUTF8('<a&"é">'), e.decode('&amp;lt;', 1), e.encode('é', { level: 1, mode: 2 }),
      decode.decodeHTMLStrict('&amp&amp;'), escape.escapeAttribute('"a&b"'), escape.escapeText('<b>&nbsp;\u00a0')].join(' ');
  },
  'cheerio': function (cheerio) {
    var $ = cheerio.load(html);
    $('li').last().after('<li id="new">four</li>');
    $('li.a').addClass('hit').attr('data-x', 'y');
    var texts = $('li').map(function (i, el) { return i + ':' + $(el).text(); }).get();
    return [$('title').text(), $('li.a').length, JSON.stringify(texts), $('#new').prev().attr('class'), $('li[data-n]').data('n'),
      $('ul').html(), $('p img').attr('alt'), $('li').filter(function (i) { return i % 2 === 0; }).text(), $('body').children().map(function (i, el) { return el.tagName; }).get().join(','),
      cheerio.load('<div><span>a</span><span>b</span></div>', null, false)('span').eq(1).text(), $.html($('p'))].join('\n  ');
  },
};
Object.keys(cases).forEach(function (name) {
  var out;
  try { out = cases[name](require(name)); } catch (e) { out = 'ERROR ' + (e && e.message); }
  console.log(name + ': ' + out);
});
