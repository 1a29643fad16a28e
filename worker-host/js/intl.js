/*
 * intl.js - an English-only Intl: NumberFormat, DateTimeFormat, Collator
 * and PluralRules with en-US conventions, plus the locale-sensitive
 * methods that use them (Number/Date/String.prototype.toLocale*,
 * localeCompare).  Output matches Node 20 (ICU) for the en locales; any
 * other locale resolves to en-US (docs/builtins.md says what is partial).
 *
 * Evaluates to a function that rt_intl.c calls once per heap with the
 * global object.  Numbers are rounded on their shortest decimal form,
 * as ICU does, so 1.005 with two fraction digits is 1.01.  The collator
 * is a three-level comparison (letters, then accents, then case) over
 * the canonical decomposition, with ICU's order for ASCII punctuation.
 * Needs String.prototype.normalize (rt_lang).  ES5 syntax only.
 */
(function (global) {
	'use strict';

	var defineProperty = Object.defineProperty;
	var hasOwn = Object.prototype.hasOwnProperty;

	function define(obj, key, value) {
		defineProperty(obj, key, { value: value, writable: true, enumerable: false, configurable: true });
	}

	function defineAll(obj, fns) {
		for (var i = 0; i < fns.length; i++)
			define(obj, fns[i].name, fns[i]);
	}

	/* ---- locales and options ---- */

	var TAG = /^[a-zA-Z]{2,8}(-[a-zA-Z0-9]{1,8})*$/;

	function canonicalTag(tag) {
		var parts, i;

		if (typeof tag !== 'string' && (typeof tag !== 'object' || tag === null))
			throw new TypeError('Language ID should be string or object.');
		tag = String(tag);
		if (!TAG.test(tag))
			throw new RangeError('Incorrect locale information provided');
		parts = tag.split('-');
		parts[0] = parts[0].toLowerCase();
		for (i = 1; i < parts.length; i++) {
			if (parts[i].length === 2)
				parts[i] = parts[i].toUpperCase();
			else if (parts[i].length === 4)
				parts[i] = parts[i].charAt(0).toUpperCase() + parts[i].slice(1).toLowerCase();
			else
				parts[i] = parts[i].toLowerCase();
		}
		return parts.join('-');
	}

	function localeList(locales) {
		var list = [], i, t;

		if (locales === undefined)
			return list;
		if (typeof locales === 'string')
			locales = [locales];
		for (i = 0; i < locales.length; i++) {
			t = canonicalTag(locales[i]);
			if (list.indexOf(t) < 0)
				list.push(t);
		}
		return list;
	}

	function isEnglish(tag) {
		return tag === 'en' || tag.slice(0, 3) === 'en-';
	}

	/* The first English tag asked for (Unicode extensions dropped), else
	 * en-US, the default locale. */
	function resolveLocale(locales) {
		var list = localeList(locales), i;

		for (i = 0; i < list.length; i++) {
			if (isEnglish(list[i]))
				return list[i].replace(/-u(-[a-zA-Z0-9]+)*$/, '');
		}
		return 'en-US';
	}

	function supportedLocalesOf(locales) {
		return localeList(locales).filter(isEnglish);
	}

	function toOptions(options) {
		if (options === undefined)
			return {};
		if (options === null)
			throw new TypeError('Cannot convert undefined or null to object');
		return Object(options);
	}

	function getOption(o, what, name, allowed, dflt) {
		var v = o[name];

		if (v === undefined)
			return dflt;
		if (typeof allowed === 'boolean')
			return Boolean(v);
		v = String(v);
		if (allowed !== undefined && allowed.indexOf(v) < 0)
			throw new RangeError('Value ' + v + ' out of range for Intl.' + what + ' options property ' + name);
		return v;
	}

	function getNumber(o, name, lo, hi, dflt) {
		var v = o[name];

		if (v === undefined)
			return dflt;
		v = +v;
		if (v !== v || v < lo || v > hi)
			throw new RangeError(name + ' value is out of range.');
		return Math.floor(v);
	}

	function requireInstance(x, slot, what) {
		if (x === null || typeof x !== 'object' || !hasOwn.call(x, slot))
			throw new TypeError('Method Intl.' + what + ' called on incompatible receiver ' + String(x));
		return x[slot];
	}

	/* Makes a constructor that also works when called without new, as
	 * the Intl constructors do. */
	function intlClass(name, init) {
		var C = function (locales, options) {
			var self = this instanceof C ? this : Object.create(C.prototype);

			init(self, locales, options);
			return self;
		};

		defineProperty(C, 'name', { value: name, configurable: true });
		define(C, 'supportedLocalesOf', function supportedLocalesOf_(locales) {
			return supportedLocalesOf(locales);
		});
		defineProperty(C.prototype, Symbol.toStringTag, { value: 'Intl.' + name, configurable: true });
		return C;
	}

	/* ---- digits ---- */

	/* The shortest decimal form of a finite x >= 0: its digits without
	 * leading zeros and the exponent e, so that x = 0.d1d2... * 10^e. */
	function decimalOf(x) {
		var s = String(x), m = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(s), digits, e, lead;

		digits = m[1] + (m[2] || '');
		e = m[1].length + (m[3] ? +m[3] : 0);
		lead = /^0*/.exec(digits)[0].length;
		digits = digits.slice(lead).replace(/0+$/, '');
		return { digits: digits, e: digits === '' ? 1 : e - lead };
	}

	/* Rounds d to `keep` digits (half away from zero), in place. */
	function roundDigits(d, keep) {
		var ds = d.digits, i, carry;

		if (keep >= ds.length)
			return d;
		if (keep < 0) {
			d.digits = '';
			d.e = 1;
			return d;
		}
		carry = ds.charAt(keep) >= '5';
		ds = ds.slice(0, keep).split('');
		for (i = ds.length - 1; carry && i >= 0; i--) {
			if (ds[i] === '9') {
				ds[i] = '0';
			} else {
				ds[i] = String.fromCharCode(ds[i].charCodeAt(0) + 1);
				carry = false;
			}
		}
		ds = ds.join('');
		if (carry) {
			ds = '1' + ds;
			d.e++;
		}
		d.digits = ds.replace(/0+$/, '');
		if (d.digits === '')
			d.e = 1;
		return d;
	}

	function zeros(n) {
		return n > 0 ? new Array(n + 1).join('0') : '';
	}

	/* Integer and fraction digit strings of d under the digit options. */
	function layout(d, o) {
		var intDigits, frac, all;

		if (o.minSig !== undefined) {
			roundDigits(d, o.maxSig);
			all = d.digits + zeros(o.minSig - d.digits.length);
		} else {
			roundDigits(d, d.e + o.maxFrac);
			all = d.digits;
		}
		if (d.digits === '')
			d.e = 1;
		if (d.e <= 0) {
			intDigits = '0';
			frac = zeros(-d.e) + all;
		} else {
			intDigits = (all + zeros(d.e - all.length)).slice(0, d.e);
			frac = all.slice(d.e);
		}
		if (o.minSig === undefined)
			frac += zeros(o.minFrac - frac.length);
		intDigits = intDigits.replace(/^0+(?=\d)/, '');
		intDigits = zeros(o.minInt - intDigits.length) + intDigits;
		return { int: intDigits, frac: frac, zero: d.digits === '' };
	}

	function grouped(s, parts) {
		var first = s.length % 3 || 3, i;

		parts.push({ type: 'integer', value: s.slice(0, first) });
		for (i = first; i < s.length; i += 3) {
			parts.push({ type: 'group', value: ',' });
			parts.push({ type: 'integer', value: s.slice(i, i + 3) });
		}
	}

	/* ---- NumberFormat ---- */

	var CURRENCY_SYMBOLS = { USD: '$', EUR: '\u20ac', GBP: '\u00a3', JPY: '\u00a5', INR: '\u20b9',
	    CNY: 'CN\u00a5', KRW: '\u20a9', CAD: 'CA$', AUD: 'A$', ILS: '\u20aa', BRL: 'R$', MXN: 'MX$',
	    NZD: 'NZ$', HKD: 'HK$', TWD: 'NT$', VND: '\u20ab', PHP: '\u20b1' };
	var ZERO_DIGIT_CURRENCIES = ['JPY', 'KRW', 'VND', 'CLP', 'ISK', 'UGX', 'PYG', 'XAF', 'XOF'];
	var COMPACT = [['K', 'thousand'], ['M', 'million'], ['B', 'billion'], ['T', 'trillion']];

	function initNumberFormat(self, locales, options) {
		var W = 'NumberFormat';
		var o = toOptions(options), r = {}, cd, dMin, dMax;

		r.locale = resolveLocale(locales);
		r.style = getOption(o, W, 'style', ['decimal', 'percent', 'currency'], 'decimal');
		r.currency = o.currency === undefined ? undefined : String(o.currency).toUpperCase();
		if (r.currency !== undefined && !/^[A-Z]{3}$/.test(r.currency))
			throw new RangeError('Invalid currency code : ' + String(o.currency));
		if (r.style === 'currency' && r.currency === undefined)
			throw new TypeError('Currency code is required with currency style.');
		r.currencyDisplay = getOption(o, W, 'currencyDisplay', ['symbol', 'narrowSymbol', 'code', 'name'], 'symbol');
		r.notation = getOption(o, W, 'notation', ['standard', 'compact'], 'standard');
		r.compactDisplay = getOption(o, W, 'compactDisplay', ['short', 'long'], 'short');
		r.signDisplay = getOption(o, W, 'signDisplay', ['auto', 'never', 'always', 'exceptZero', 'negative'], 'auto');
		r.useGrouping = o.useGrouping === undefined ? 'auto' : o.useGrouping === false ? false :
		    o.useGrouping === true ? 'always' : getOption(o, W, 'useGrouping', ['auto', 'always', 'min2'], 'auto');
		cd = ZERO_DIGIT_CURRENCIES.indexOf(r.currency) >= 0 ? 0 : 2;
		dMin = r.style === 'currency' ? cd : 0;
		dMax = r.style === 'currency' ? cd : r.style === 'percent' ? 0 : 3;
		r.minimumIntegerDigits = getNumber(o, 'minimumIntegerDigits', 1, 21, 1);
		if (o.minimumSignificantDigits !== undefined || o.maximumSignificantDigits !== undefined) {
			r.minimumSignificantDigits = getNumber(o, 'minimumSignificantDigits', 1, 21, 1);
			r.maximumSignificantDigits = getNumber(o, 'maximumSignificantDigits',
			    r.minimumSignificantDigits, 21, 21);
		} else {
			r.minimumFractionDigits = getNumber(o, 'minimumFractionDigits', 0, 20, undefined);
			r.maximumFractionDigits = getNumber(o, 'maximumFractionDigits', 0, 20, undefined);
			if (r.minimumFractionDigits === undefined)
				r.minimumFractionDigits = Math.min(dMin, r.maximumFractionDigits === undefined ? dMin :
				    r.maximumFractionDigits);
			if (r.maximumFractionDigits === undefined)
				r.maximumFractionDigits = Math.max(dMax, r.minimumFractionDigits);
			else if (r.maximumFractionDigits < r.minimumFractionDigits)
				throw new RangeError('maximumFractionDigits value is out of range.');
		}
		define(self, '__nf', r);
	}

	function digitOptions(r, compact) {
		if (r.minimumSignificantDigits !== undefined)
			return { minInt: r.minimumIntegerDigits, minSig: r.minimumSignificantDigits,
			    maxSig: r.maximumSignificantDigits };
		return { minInt: r.minimumIntegerDigits, minFrac: r.minimumFractionDigits,
		    maxFrac: compact ? 0 : r.maximumFractionDigits };
	}

	function currencyParts(r, parts, before) {
		var sym = r.currencyDisplay === 'code' || r.currencyDisplay === 'name' ||
		    !hasOwn.call(CURRENCY_SYMBOLS, r.currency) ? r.currency : CURRENCY_SYMBOLS[r.currency];

		if (r.currencyDisplay === 'narrowSymbol' && sym.length > 1 && sym.charAt(sym.length - 1) === '$')
			sym = '$';
		if (before) {
			parts.push({ type: 'currency', value: sym });
			if (/[A-Z]$/.test(sym))
				parts.push({ type: 'literal', value: '\u00a0' });
		}
	}

	/* The compact form scales by 10^(3k); under 10 of the unit it keeps
	 * two significant digits, else none after the point, as ICU does. */
	function compactScale(d) {
		var k = Math.min(Math.floor((d.e - 1) / 3), COMPACT.length);

		return d.digits === '' || k < 1 ? 0 : k;
	}

	function numberParts(r, x) {
		var parts = [], neg, d, lay, o, k = 0, sign, compact = r.notation === 'compact';

		x = Number(x);
		neg = x < 0 || (x === 0 && 1 / x < 0);
		if (x !== x) {
			parts.push({ type: 'nan', value: 'NaN' });
			return parts;
		}
		if (r.style === 'percent')
			x *= 100;
		o = digitOptions(r, compact);
		if (Math.abs(x) === Infinity) {
			lay = null;
		} else {
			d = decimalOf(Math.abs(x));
			if (compact) {
				k = compactScale(d);
				d.e -= 3 * k;
				if (o.minSig === undefined)
					o = d.e < 2 ? { minInt: o.minInt, minSig: 1, maxSig: 2 } :
					    { minInt: o.minInt, minFrac: 0, maxFrac: 0 };
				roundDigits(d, o.minSig === undefined ? d.e : o.maxSig);
				if (d.e > 3 && k < COMPACT.length) {
					d.e -= 3;
					k++;
				}
			}
			lay = layout(d, o);
		}
		sign = r.signDisplay === 'never' ? '' :
		    r.signDisplay === 'always' ? (neg ? '-' : '+') :
		    r.signDisplay === 'exceptZero' ? (lay && lay.zero ? '' : neg ? '-' : '+') :
		    r.signDisplay === 'negative' ? (neg && !(lay && lay.zero) ? '-' : '') : (neg ? '-' : '');
		if (sign !== '')
			parts.push({ type: sign === '-' ? 'minusSign' : 'plusSign', value: sign });
		if (r.style === 'currency')
			currencyParts(r, parts, true);
		if (lay === null) {
			parts.push({ type: 'infinity', value: '\u221e' });
		} else {
			if (r.useGrouping !== false && lay.int.length >= (r.useGrouping === 'min2' ||
			    (compact && r.useGrouping === 'auto') ? 5 : 4))
				grouped(lay.int, parts);
			else
				parts.push({ type: 'integer', value: lay.int });
			if (lay.frac !== '') {
				parts.push({ type: 'decimal', value: '.' });
				parts.push({ type: 'fraction', value: lay.frac });
			}
		}
		if (k > 0) {
			if (r.compactDisplay === 'long')
				parts.push({ type: 'literal', value: ' ' });
			parts.push({ type: 'compact', value: COMPACT[k - 1][r.compactDisplay === 'long' ? 1 : 0] });
		}
		if (r.style === 'percent')
			parts.push({ type: 'percentSign', value: '%' });
		return parts;
	}

	function joinParts(parts) {
		var s = '';

		for (var i = 0; i < parts.length; i++)
			s += parts[i].value;
		return s;
	}

	function copyResolved(r, keys) {
		var out = {}, i;

		for (i = 0; i < keys.length; i++) {
			if (r[keys[i]] !== undefined)
				out[keys[i]] = r[keys[i]];
		}
		return out;
	}

	/* A format getter returns one function per formatter, bound to it. */
	function boundGetter(C, slot, what, fn) {
		defineProperty(C.prototype, what, {
			get: function () {
				var self = this, r = requireInstance(this, slot, C.name + '.prototype.' + what);

				if (!hasOwn.call(self, '__bound_' + what))
					define(self, '__bound_' + what, function (a, b) {
						return fn(r, a, b);
					});
				return self['__bound_' + what];
			},
			enumerable: false,
			configurable: true
		});
	}

	var NumberFormat = intlClass('NumberFormat', initNumberFormat);

	boundGetter(NumberFormat, '__nf', 'format', function (r, x) {
		return joinParts(numberParts(r, x));
	});
	defineAll(NumberFormat.prototype, [
		function formatToParts(x) {
			return numberParts(requireInstance(this, '__nf', 'NumberFormat.prototype.formatToParts'), x);
		},
		function resolvedOptions() {
			var r = requireInstance(this, '__nf', 'NumberFormat.prototype.resolvedOptions');
			var out = copyResolved(r, ['locale']);

			out.numberingSystem = 'latn';
			return copyResolvedInto(out, r, ['style', 'currency', 'currencyDisplay',
			    'minimumIntegerDigits', 'minimumFractionDigits', 'maximumFractionDigits',
			    'minimumSignificantDigits', 'maximumSignificantDigits', 'useGrouping', 'notation',
			    'compactDisplay', 'signDisplay']);
		}
	]);

	function copyResolvedInto(out, r, keys) {
		var i;

		for (i = 0; i < keys.length; i++) {
			if (r[keys[i]] !== undefined && !(keys[i] === 'compactDisplay' && r.notation !== 'compact') &&
			    !(keys[i] === 'currencyDisplay' && r.style !== 'currency'))
				out[keys[i]] = r[keys[i]];
		}
		return out;
	}

	/* ---- PluralRules ---- */

	function initPluralRules(self, locales, options) {
		var W = 'PluralRules';
		var o = toOptions(options), r = {};

		r.locale = resolveLocale(locales);
		r.type = getOption(o, W, 'type', ['cardinal', 'ordinal'], 'cardinal');
		r.minimumIntegerDigits = getNumber(o, 'minimumIntegerDigits', 1, 21, 1);
		r.minimumFractionDigits = getNumber(o, 'minimumFractionDigits', 0, 20, 0);
		r.maximumFractionDigits = getNumber(o, 'maximumFractionDigits', r.minimumFractionDigits, 20,
		    Math.max(3, r.minimumFractionDigits));
		define(self, '__pr', r);
	}

	var PluralRules = intlClass('PluralRules', initPluralRules);

	defineAll(PluralRules.prototype, [
		function select(n) {
			var r = requireInstance(this, '__pr', 'PluralRules.prototype.select'), lay, i, i10, i100;

			n = Number(n);
			if (n !== n || Math.abs(n) === Infinity)
				return 'other';
			lay = layout(decimalOf(Math.abs(n)), { minInt: 1, minFrac: r.minimumFractionDigits,
			    maxFrac: r.maximumFractionDigits });
			if (r.type === 'cardinal')
				return lay.int === '1' && lay.frac === '' ? 'one' : 'other';
			i = lay.int;
			i10 = +i.slice(-1);
			i100 = +i.slice(-2);
			if (i10 === 1 && i100 !== 11)
				return 'one';
			if (i10 === 2 && i100 !== 12)
				return 'two';
			if (i10 === 3 && i100 !== 13)
				return 'few';
			return 'other';
		},
		function resolvedOptions() {
			var r = requireInstance(this, '__pr', 'PluralRules.prototype.resolvedOptions');
			var out = copyResolved(r, ['locale', 'type', 'minimumIntegerDigits', 'minimumFractionDigits',
			    'maximumFractionDigits']);

			out.pluralCategories = r.type === 'cardinal' ? ['one', 'other'] : ['few', 'one', 'two', 'other'];
			return out;
		}
	]);

	/* ---- Collator ---- */

	/* ICU's root order of the ASCII characters that are neither letters
	 * nor digits; they sort before digits, and digits before letters. */
	var PUNCT = ' _-,;:!?.\'"()[]{}@*/\\&#%`^+<=>|~$';
	var SPACES = '\u0085\u00a0\u2028\u2029';
	var PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

	/* Primary weights are single UTF-16 units, so that native string
	 * comparison orders keys: punctuation 1-33, digits 0x60-0x69, a digit
	 * run in numeric mode 0x6a + its length + its digits, a-z 0x80-0x99,
	 * and any other character its lower-case unit (all above 0xa0). */
	var W_DIGIT = 0x60, W_NUMBER = 0x6a, W_A = 0x80;

	function isMark(c) {
		return (c >= 0x300 && c <= 0x36f) || (c >= 0x1ab0 && c <= 0x1aff) ||
		    (c >= 0x1dc0 && c <= 0x1dff) || (c >= 0x20d0 && c <= 0x20ff) || (c >= 0xfe20 && c <= 0xfe2f);
	}

	/* WEIGHT[c] is the primary weight of ASCII character c, 0 when it
	 * is ignored (controls), -1 for digits. */
	var WEIGHT = (function () {
		var w = [], c;

		for (c = 0; c < 0x80; c++) {
			if (c >= 0x30 && c <= 0x39)
				w.push(-1);
			else if (c >= 0x61 && c <= 0x7a)
				w.push(W_A + c - 0x61);
			else if (c >= 0x41 && c <= 0x5a)
				w.push(W_A + c - 0x41);
			else
				w.push(PUNCT.indexOf(String.fromCharCode(c)) + 1);
		}
		return w;
	})();

	function fromCodes(codes) {
		var out = '', i;

		for (i = 0; i < codes.length; i += 4096)
			out += String.fromCharCode.apply(null, codes.slice(i, i + 4096));
		return out;
	}

	/* The three keys of a string: primary (base characters), secondary
	 * (each element's accents, then \u0001) and tertiary (each element's
	 * case: 0 lower, 1 upper). */
	function sortKey(str, r) {
		var s = String(str), p = [], sec = [], ter = [], i, c, ch, lower, w, run;

		if (!PRINTABLE_ASCII.test(s))
			s = s.normalize('NFD');
		for (i = 0; i < s.length; i++) {
			c = s.charCodeAt(i);
			if (c < 0x80) {
				w = WEIGHT[c];
				if (w === 0 || (w <= 33 && w > 0 && r.ignorePunctuation))
					continue;
				if (w > 0) {
					p.push(w);
					ter.push(c >= 0x41 && c <= 0x5a ? 0x31 : 0x30);
				} else if (r.numeric) {
					run = /^\d+/.exec(s.slice(i))[0];
					i += run.length - 1;
					run = run.replace(/^0+(?=\d)/, '');
					p.push(W_NUMBER, Math.min(run.length, 0xffff));
					for (w = 0; w < run.length; w++)
						p.push(run.charCodeAt(w));
					ter.push(0x30);
				} else {
					p.push(W_DIGIT + c - 0x30);
					ter.push(0x30);
				}
				sec.push('\u0001');
				continue;
			}
			ch = s.charAt(i);
			if (isMark(c)) {
				if (sec.length > 0)
					sec[sec.length - 1] = sec[sec.length - 1].slice(0, -1) + ch + '\u0001';
				continue;
			}
			if (SPACES.indexOf(ch) >= 0) {
				if (r.ignorePunctuation)
					continue;
				/* ICU tells these from a space at the third level. */
				p.push(1);
				ter.push(0x31);
			} else {
				lower = ch.toLowerCase();
				if (lower.length !== 1)
					lower = ch;
				p.push(lower.charCodeAt(0));
				ter.push(lower === ch ? 0x30 : 0x31);
			}
			sec.push('\u0001');
		}
		return { p: fromCodes(p), s: sec.join(''), t: fromCodes(ter) };
	}

	function cmp(a, b) {
		return a < b ? -1 : a > b ? 1 : 0;
	}

	/* A sort compares each string many times, so each collator keeps
	 * keys in two generations of up to KEY_CACHE_MAX strings (of up to
	 * KEY_CACHE_LEN units): when the young one is full it becomes the old
	 * one and the old one is dropped; a key found in the old one moves up. */
	var KEY_CACHE_MAX = 4096, KEY_CACHE_LEN = 256;

	function cachedKey(r, s) {
		var k;

		if (s.length > KEY_CACHE_LEN)
			return sortKey(s, r);
		if (r.young === undefined || r.youngCount >= KEY_CACHE_MAX) {
			r.old = r.young;
			r.young = Object.create(null);
			r.youngCount = 0;
		}
		k = r.young[s];
		if (k !== undefined)
			return k;
		k = r.old !== undefined ? r.old[s] : undefined;
		if (k === undefined)
			k = sortKey(s, r);
		r.young[s] = k;
		r.youngCount++;
		return k;
	}

	function collate(r, a, b) {
		var x, y, d;

		a = String(a);
		b = String(b);
		if (a === b)
			return 0;
		x = cachedKey(r, a);
		y = cachedKey(r, b);
		d = cmp(x.p, y.p);
		if (d !== 0 || r.sensitivity === 'base')
			return d;
		if (r.sensitivity !== 'case' && (d = cmp(x.s, y.s)) !== 0)
			return d;
		if (r.sensitivity === 'accent')
			return 0;
		d = cmp(x.t, y.t);
		return r.caseFirst === 'upper' ? -d : d;
	}

	function initCollator(self, locales, options) {
		var W = 'Collator';
		var o = toOptions(options), r = {};

		r.locale = resolveLocale(locales);
		r.usage = getOption(o, W, 'usage', ['sort', 'search'], 'sort');
		r.sensitivity = getOption(o, W, 'sensitivity', ['base', 'accent', 'case', 'variant'], 'variant');
		r.ignorePunctuation = getOption(o, W, 'ignorePunctuation', false, false);
		r.collation = 'default';
		r.numeric = getOption(o, W, 'numeric', false, false);
		r.caseFirst = getOption(o, W, 'caseFirst', ['upper', 'lower', 'false'], 'false');
		define(self, '__co', r);
	}

	var Collator = intlClass('Collator', initCollator);

	boundGetter(Collator, '__co', 'compare', collate);
	define(Collator.prototype, 'resolvedOptions', function resolvedOptions() {
		return copyResolved(requireInstance(this, '__co', 'Collator.prototype.resolvedOptions'),
		    ['locale', 'usage', 'sensitivity', 'ignorePunctuation', 'collation', 'numeric', 'caseFirst']);
	});

	/* ---- DateTimeFormat ---- */

	var MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
	    'September', 'October', 'November', 'December'];
	var DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
	var FIELDS = ['weekday', 'year', 'month', 'day', 'hour', 'minute', 'second'];
	var STYLES = {
		full: { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' },
		long: { year: 'numeric', month: 'long', day: 'numeric' },
		medium: { year: 'numeric', month: 'short', day: 'numeric' },
		short: { year: '2-digit', month: 'numeric', day: 'numeric' }
	};

	function isUTC(tz) {
		return /^(utc|gmt|etc\/utc|etc\/gmt|etc\/universal|universal|zulu|etc\/zulu|etc\/uct|uct)$/i.test(tz);
	}

	function localZone() {
		var j = new Date(2000, 0, 1).getTimezoneOffset(), u = new Date(2000, 6, 1).getTimezoneOffset();

		return j === 0 && u === 0 ? 'UTC' : undefined;
	}

	/* `needs` is 'date', 'time' or 'any' (the fields format() falls back
	 * to); `defaults` 'date', 'time' or 'all' (what it then shows). */
	function initDateTimeFormat(self, locales, options, needs, defaults) {
		var W = 'DateTimeFormat';
		var o = toOptions(options), r = {}, i, any = false, tz;

		r.locale = resolveLocale(locales);
		r.calendar = 'gregory';
		r.numberingSystem = 'latn';
		tz = o.timeZone;
		if (tz === undefined) {
			r.timeZone = localZone();
			r.utc = r.timeZone === 'UTC';
		} else {
			tz = String(tz);
			if (!isUTC(tz))
				throw new RangeError('Invalid time zone specified: ' + tz);
			r.timeZone = 'UTC';
			r.utc = true;
		}
		r.weekday = getOption(o, W, 'weekday', ['narrow', 'short', 'long'], undefined);
		r.year = getOption(o, W, 'year', ['2-digit', 'numeric'], undefined);
		r.month = getOption(o, W, 'month', ['2-digit', 'numeric', 'narrow', 'short', 'long'], undefined);
		r.day = getOption(o, W, 'day', ['2-digit', 'numeric'], undefined);
		r.hour = getOption(o, W, 'hour', ['2-digit', 'numeric'], undefined);
		r.minute = getOption(o, W, 'minute', ['2-digit', 'numeric'], undefined);
		r.second = getOption(o, W, 'second', ['2-digit', 'numeric'], undefined);
		r.timeZoneName = getOption(o, W, 'timeZoneName', ['short', 'long', 'shortOffset', 'longOffset'], undefined);
		r.dateStyle = getOption(o, W, 'dateStyle', ['full', 'long', 'medium', 'short'], undefined);
		r.timeStyle = getOption(o, W, 'timeStyle', ['full', 'long', 'medium', 'short'], undefined);
		r.hour12 = o.hour12 === undefined ? undefined : Boolean(o.hour12);
		r.hourCycle = r.hour12 === undefined ? getOption(o, W, 'hourCycle', ['h11', 'h12', 'h23', 'h24'], 'h12') :
		    r.hour12 ? 'h12' : 'h23';
		for (i = 0; i < FIELDS.length; i++)
			any = any || r[FIELDS[i]] !== undefined;
		if (r.dateStyle !== undefined || r.timeStyle !== undefined) {
			if (any || r.timeZoneName !== undefined)
				throw new TypeError('Can\'t set option ' + (any ? 'fields' : 'timeZoneName') +
				    ' when dateStyle or timeStyle is used');
			styleFields(r);
		} else if (!any || (needs === 'date' && r.year === undefined && r.month === undefined &&
		    r.day === undefined && r.weekday === undefined) || (needs === 'time' && r.hour === undefined &&
		    r.minute === undefined && r.second === undefined)) {
			if (defaults !== 'time')
				r.year = r.month = r.day = 'numeric';
			if (defaults !== 'date')
				r.hour = r.minute = r.second = 'numeric';
		}
		define(self, '__dtf', r);
	}

	function styleFields(r) {
		var ds = STYLES[r.dateStyle], k;

		for (k in ds)
			r[k] = ds[k];
		if (r.timeStyle !== undefined) {
			r.hour = 'numeric';
			r.minute = '2-digit';
			if (r.timeStyle !== 'short')
				r.second = '2-digit';
			if (r.timeStyle === 'full' || r.timeStyle === 'long')
				r.timeZoneName = r.timeStyle === 'full' ? 'long' : 'short';
		}
	}

	function two(n) {
		return n < 10 ? '0' + n : String(n);
	}

	function fields(r, t) {
		var d = new Date(t), u = r.utc;

		return {
			year: u ? d.getUTCFullYear() : d.getFullYear(),
			month: u ? d.getUTCMonth() : d.getMonth(),
			day: u ? d.getUTCDate() : d.getDate(),
			weekday: u ? d.getUTCDay() : d.getDay(),
			hour: u ? d.getUTCHours() : d.getHours(),
			minute: u ? d.getUTCMinutes() : d.getMinutes(),
			second: u ? d.getUTCSeconds() : d.getSeconds(),
			offset: u ? 0 : -d.getTimezoneOffset()
		};
	}

	function textual(style, names, i) {
		return style === 'long' ? names[i] : style === 'short' ? names[i].slice(0, 3) : names[i].charAt(0);
	}

	function dateParts(r, f, parts) {
		var lit = function (v) { parts.push({ type: 'literal', value: v }); };
		var put = function (type, v) { parts.push({ type: type, value: v }); };
		var year = r.year === '2-digit' ? two(f.year % 100) : String(f.year);
		var textMonth = r.month === 'long' || r.month === 'short' || r.month === 'narrow';

		if (r.weekday !== undefined) {
			put('weekday', textual(r.weekday, DAYS, f.weekday));
			if (r.year !== undefined || r.month !== undefined || r.day !== undefined)
				lit(', ');
		}
		if (textMonth) {
			put('month', textual(r.month, MONTHS, f.month));
			if (r.day !== undefined) {
				lit(' ');
				put('day', r.day === '2-digit' ? two(f.day) : String(f.day));
			}
			if (r.year !== undefined) {
				lit(r.day !== undefined ? ', ' : ' ');
				put('year', year);
			}
			return;
		}
		if (r.month !== undefined) {
			put('month', r.month === '2-digit' ? two(f.month + 1) : String(f.month + 1));
			if (r.day !== undefined || r.year !== undefined)
				lit('/');
		}
		if (r.day !== undefined) {
			put('day', r.day === '2-digit' ? two(f.day) : String(f.day));
			if (r.year !== undefined)
				lit('/');
		}
		if (r.year !== undefined)
			put('year', year);
	}

	function zoneName(r, f) {
		var off = f.offset, a = Math.abs(off), h = Math.floor(a / 60), m = a % 60;

		if (off === 0)
			return r.timeZoneName === 'long' ? 'Coordinated Universal Time' :
			    r.timeZoneName === 'short' ? 'UTC' : 'GMT';
		return 'GMT' + (off < 0 ? '-' : '+') + (r.timeZoneName === 'longOffset' ? two(h) + ':' + two(m) :
		    String(h) + (m ? ':' + two(m) : ''));
	}

	function timeParts(r, f, parts) {
		var lit = function (v) { parts.push({ type: 'literal', value: v }); };
		var put = function (type, v) { parts.push({ type: type, value: v }); };
		var h12 = r.hourCycle === 'h12' || r.hourCycle === 'h11', h = f.hour;

		if (r.hour !== undefined) {
			if (r.hourCycle === 'h12')
				h = h % 12 || 12;
			else if (r.hourCycle === 'h11')
				h %= 12;
			else if (r.hourCycle === 'h24')
				h = h || 24;
			put('hour', r.hour === '2-digit' || (!h12 && r.minute !== undefined) ? two(h) : String(h));
		}
		if (r.minute !== undefined) {
			if (r.hour !== undefined)
				lit(':');
			put('minute', r.hour !== undefined || r.minute === '2-digit' ? two(f.minute) : String(f.minute));
		}
		if (r.second !== undefined) {
			if (r.hour !== undefined || r.minute !== undefined)
				lit(':');
			put('second', r.hour !== undefined || r.minute !== undefined || r.second === '2-digit' ?
			    two(f.second) : String(f.second));
		}
		if (r.hour !== undefined && h12) {
			lit('\u202f');
			put('dayPeriod', f.hour < 12 ? 'AM' : 'PM');
		}
		if (r.timeZoneName !== undefined) {
			lit(' ');
			put('timeZoneName', zoneName(r, f));
		}
	}

	function dateTimeParts(r, date) {
		var t = date === undefined ? Date.now() : Number(date instanceof Date ? date.getTime() : date);
		var parts = [], f, hasDate, hasTime, mark;

		if (t !== t || Math.abs(t) > 8.64e15)
			throw new RangeError('Invalid time value');
		f = fields(r, t);
		hasDate = r.weekday !== undefined || r.year !== undefined || r.month !== undefined || r.day !== undefined;
		hasTime = r.hour !== undefined || r.minute !== undefined || r.second !== undefined;
		if (hasDate)
			dateParts(r, f, parts);
		if (hasDate && (hasTime || r.timeZoneName !== undefined)) {
			mark = r.month === 'long' && (r.dateStyle === undefined || r.dateStyle === 'full' ||
			    r.dateStyle === 'long') ? ' at ' : ', ';
			parts.push({ type: 'literal', value: mark });
		}
		timeParts(r, f, parts);
		return parts;
	}

	var DateTimeFormat = intlClass('DateTimeFormat', function (self, locales, options) {
		initDateTimeFormat(self, locales, options, 'any', 'date');
	});

	/* ICU puts U+202F before AM/PM; V8's format() (not formatToParts)
	 * turns it back into a space, for the code that parses its output. */
	function formatDate(r, date) {
		return joinParts(dateTimeParts(r, date)).replace(/\u202f/g, ' ');
	}

	boundGetter(DateTimeFormat, '__dtf', 'format', formatDate);
	defineAll(DateTimeFormat.prototype, [
		function formatToParts(date) {
			return dateTimeParts(requireInstance(this, '__dtf', 'DateTimeFormat.prototype.formatToParts'), date);
		},
		function resolvedOptions() {
			var r = requireInstance(this, '__dtf', 'DateTimeFormat.prototype.resolvedOptions');
			var out = copyResolved(r, ['locale', 'calendar', 'numberingSystem', 'timeZone']), i;

			if (r.hour !== undefined) {
				out.hourCycle = r.hourCycle;
				out.hour12 = r.hourCycle === 'h12' || r.hourCycle === 'h11';
			}
			if (r.dateStyle !== undefined || r.timeStyle !== undefined)
				return copyResolvedInto(out, r, ['dateStyle', 'timeStyle']);
			for (i = 0; i < FIELDS.length; i++) {
				if (r[FIELDS[i]] !== undefined)
					out[FIELDS[i]] = r[FIELDS[i]];
			}
			return copyResolvedInto(out, r, ['timeZoneName']);
		}
	]);

	/* ---- the Intl object and the locale-sensitive methods ---- */

	var Intl = {};

	defineAll(Intl, [
		function getCanonicalLocales(locales) {
			return localeList(locales);
		}
	]);
	define(Intl, 'NumberFormat', NumberFormat);
	define(Intl, 'DateTimeFormat', DateTimeFormat);
	define(Intl, 'Collator', Collator);
	define(Intl, 'PluralRules', PluralRules);
	defineProperty(Intl, Symbol.toStringTag, { value: 'Intl', configurable: true });
	define(global, 'Intl', Intl);

	/* Calls without locales or options, by far the most common, share
	 * one formatter each. */
	var plain = {};

	function formatter(key, make, locales, options) {
		if (locales !== undefined || options !== undefined)
			return make();
		if (!hasOwn.call(plain, key))
			plain[key] = make();
		return plain[key];
	}

	function thisTime(d, what) {
		if (!(d instanceof Date))
			throw new TypeError('this is not a Date object.');
		return d.getTime();
	}

	function dateMethod(name, needs, defaults) {
		define(Date.prototype, name, function (locales, options) {
			var t = thisTime(this, name), f;

			if (t !== t)
				return 'Invalid Date';
			f = formatter(name, function () {
				var self = Object.create(DateTimeFormat.prototype);

				initDateTimeFormat(self, locales, options, needs, defaults);
				return self;
			}, locales, options);
			return formatDate(f.__dtf, t);
		});
		defineProperty(Date.prototype[name], 'name', { value: name, configurable: true });
	}

	dateMethod('toLocaleString', 'any', 'all');
	dateMethod('toLocaleDateString', 'date', 'date');
	dateMethod('toLocaleTimeString', 'time', 'time');

	define(Number.prototype, 'toLocaleString', function toLocaleString(locales, options) {
		var x = Number.prototype.valueOf.call(this);

		return joinParts(numberParts(formatter('number', function () {
			return new NumberFormat(locales, options);
		}, locales, options).__nf, x));
	});

	/* ECMA-402 passes the arguments on to each element (Duktape's own
	 * version calls element.toLocaleString() without them).  A shorthand
	 * method, as the spec's is: `length` 0, not a constructor. */
	define(Array.prototype, 'toLocaleString', { toLocaleString() {
		var locales = arguments.length > 0 ? arguments[0] : undefined;
		var options = arguments.length > 1 ? arguments[1] : undefined;
		var O, len, out = '', i, e;

		if (this === null || this === undefined)
			throw new TypeError('Array.prototype.toLocaleString called on null or undefined');
		O = Object(this);
		len = O.length >>> 0;
		for (i = 0; i < len; i++) {
			if (i > 0)
				out += ',';
			e = O[i];
			if (e !== null && e !== undefined)
				out += String(Object(e).toLocaleString(locales, options));
		}
		return out;
	} }.toLocaleString);

	define(String.prototype, 'localeCompare', function localeCompare(that, locales, options) {
		if (this === null || this === undefined)
			throw new TypeError('String.prototype.localeCompare called on null or undefined');
		return collate(formatter('collator', function () {
			return new Collator(locales, options);
		}, locales, options).__co, this, that);
	});
});
