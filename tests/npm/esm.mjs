// Popular npm packages through `import`, as modern code loads them: the
// `import` conditions of their exports maps pick their ES module builds
// (uuid's wrapper.mjs over its Babel-built CommonJS, js-yaml's .mjs,
// parse5's and entities' ESM, bcryptjs' ESM index with top-level await
// after it); the CommonJS ones come in as Node's default imports.
// esm.out is what Node 20 printed (tests/npm/layout.sh says how both run
// it).  Not here: htmlparser2 and cheerio, whose ESM builds import
// Debian's dom-serializer 2.0.0 by its "import" condition, a
// lib/esm/index.js Debian does not ship (Node fails the same way).
import { v4, v5, validate, version } from 'uuid';
import yaml from 'js-yaml';
import { parse as yamlParse, stringify as yamlStringify } from 'yaml';
import { parse, serialize } from 'parse5';
import { decodeHTML, encodeHTML } from 'entities';
import bcrypt from 'bcryptjs';
import qs from 'qs';
import nacl from 'tweetnacl';
import createHash from 'create-hash';
import signature from 'cookie-signature';

const out = {
  uuid: [validate(v4()), version(v4()), v5('hello', v5.DNS)],
  'js-yaml': yaml.dump(yaml.load('a: [1, {b: c}]')),
  yaml: yamlStringify(yamlParse('x: &a [1, 2]\ny: *a\n')),
  parse5: serialize(parse('<p>a<b>b')),
  entities: [decodeHTML('&lt;&eacute;&gt;'), encodeHTML('<é>')],
  bcryptjs: bcrypt.hashSync('pw', '$2a$04$abcdefghijklmnopqrstuu'),
  qs: qs.stringify({ a: { b: [1, 2] } }, { encode: false }),
  tweetnacl: Buffer.from(nacl.hash(new Uint8Array([1]))).toString('hex').slice(0, 16),
  'create-hash': createHash('sha256').update('x').digest('hex').slice(0, 16),
  'cookie-signature': signature.sign('v', 's'),
};
for (const [k, v] of Object.entries(out)) console.log(`${k}: ${JSON.stringify(v)}`);
const h = await bcrypt.hash('top-level await', '$2a$04$abcdefghijklmnopqrstuu');
console.log('await:', await bcrypt.compare('top-level await', h));
