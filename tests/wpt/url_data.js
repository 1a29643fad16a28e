/*
 * url_data.js - WPT's URL data files as url-constructor.any.js,
 * url-origin.any.js, url-setters.any.js and toascii.window.js read them,
 * run on the global URL of whatever engine runs this (a workersd worker,
 * or node).  run.py puts `var WPT = "<dir of wpt/url/resources>";` before
 * it.  Prints one "FAIL suite: case: why" line per failure, then one
 * "RESULT suite passed total" line per suite.  ES5, so it runs unlowered.
 */
var fs = require('fs');

function load(name) {
	return JSON.parse(fs.readFileSync(WPT + '/' + name, 'utf8')).filter(function (c) { return typeof c === 'object'; });
}

function show(v) {
	return JSON.stringify(v);
}

/* Runs each check over cases; a check returns null or why it failed. */
function suite(name, cases, checks) {
	var passed = 0, total = 0;

	cases.forEach(function (c) {
		checks.forEach(function (check) {
			var why;

			total++;
			try {
				why = check.run(c);
			} catch (e) {
				why = 'threw ' + e;
			}
			if (why === null)
				passed++;
			else
				console.log('FAIL ' + name + ': ' + check.label(c) + ': ' + why);
		});
	});
	console.log('RESULT ' + name + ' ' + passed + ' ' + total);
}

function compare(url, expected, keys) {
	var i, k;

	for (i = 0; i < keys.length; i++) {
		k = keys[i];
		if (url[k] !== expected[k])
			return k + ' is ' + show(url[k]) + ', expected ' + show(expected[k]);
	}
	return null;
}

var PARTS = ['href', 'protocol', 'username', 'password', 'host', 'hostname', 'port', 'pathname', 'search', 'hash'];

function make(c) {
	return c.base === null || c.base === undefined ? new URL(c.input) : new URL(c.input, c.base);
}

var data = load('urltestdata.json');

suite('urltestdata', data, [{
	label: function (c) { return show(c.input) + ' against ' + show(c.base); },
	run: function (c) {
		var u;

		if (c.failure) {
			try {
				u = make(c);
			} catch (e) {
				return e instanceof TypeError ? null : 'threw ' + e.name;
			}
			return 'parsed as ' + show(u.href) + ', expected a TypeError';
		}
		u = make(c);
		return compare(u, c, PARTS) || (c.searchParams !== undefined && String(u.searchParams) !== c.searchParams ?
		    'searchParams is ' + show(String(u.searchParams)) : null);
	}
}]);

suite('urltestdata origin', data.filter(function (c) { return c.origin !== undefined; }), [{
	label: function (c) { return show(c.input) + ' against ' + show(c.base); },
	run: function (c) { return compare(make(c), c, ['origin']); }
}]);

suite('urltestdata canParse', data, [{
	label: function (c) { return show(c.input) + ' against ' + show(c.base); },
	run: function (c) {
		var ok = c.base === null || c.base === undefined ? URL.canParse(c.input) : URL.canParse(c.input, c.base);

		return ok === !c.failure ? null : 'canParse gave ' + ok;
	}
}]);

var setters = JSON.parse(fs.readFileSync(WPT + '/setters_tests.json', 'utf8')), cases = [];

Object.keys(setters).forEach(function (prop) {
	if (prop !== 'comment')
		setters[prop].forEach(function (c) { c.prop = prop; cases.push(c); });
});
suite('setters_tests', cases, [{
	label: function (c) { return c.prop + ' = ' + show(c.new_value) + ' on ' + show(c.href); },
	run: function (c) {
		var u = new URL(c.href);

		u[c.prop] = c.new_value;
		return compare(u, c.expected, Object.keys(c.expected));
	}
}]);

suite('toascii', load('toascii.json'), [{
	label: function (c) { return 'new URL(' + show(c.input) + ')'; },
	run: function (c) {
		var u;

		if (c.output === null) {
			try {
				u = new URL('https://' + c.input + '/x');
			} catch (e) {
				return e instanceof TypeError ? null : 'threw ' + e.name;
			}
			return 'parsed as ' + show(u.href);
		}
		u = new URL('https://' + c.input + '/x');
		return compare(u, { host: c.output, hostname: c.output, pathname: '/x', href: 'https://' + c.output + '/x' },
		    ['host', 'hostname', 'pathname', 'href']);
	}
}].concat(['host', 'hostname'].map(function (prop) {
	return {
		label: function (c) { return '.' + prop + ' = ' + show(c.input); },
		run: function (c) {
			var u = new URL('https://x/x');

			u[prop] = c.input;
			return u[prop] === (c.output === null ? 'x' : c.output) ? null : prop + ' is ' + show(u[prop]);
		}
	};
})));
