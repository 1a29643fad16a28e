/*
 * web_request.js - Request (WHATWG Fetch): an absolute URL without
 * credentials, the method checked and the standard six uppercased,
 * headers, a body (never for GET and HEAD; taken over from a Request
 * input, which is then used), redirect ('follow', 'manual', 'error'), a
 * signal that follows the init's or the input's, clone(), and the fixed
 * fields a worker has no use for (mode, credentials, cache...), with
 * Node 20's errors.
 *
 * A lazy Web module (webmod.c); it also exports parts(), what
 * web_fetch.js reads of a Request.
 */
(function (global, native, internal) {
'use strict';

var define = internal.define, hide = define.hide, getter = define.getter, tag = define.tag, isObject = define.isObject;
var H = native.webModule('web_headers'), B = native.webModule('web_body');
var Headers = H.Headers, AbortController = global.AbortController, AbortSignal = global.AbortSignal;

var kState = Symbol('state');
var TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
var NORMAL = { DELETE: true, GET: true, HEAD: true, OPTIONS: true, POST: true, PUT: true };
var FORBIDDEN = { CONNECT: true, TRACE: true, TRACK: true };
var REDIRECTS = ['follow', 'manual', 'error'];

function check(r) {
	if (!isObject(r) || !r[kState])
		throw new TypeError('Illegal invocation');
}

function state(r) {
	check(r);
	return r[kState];
}

function method(m) {
	m = String(m);
	if (!TOKEN.test(m))
		throw new TypeError("'" + m + "' is not a valid HTTP method.");
	if (FORBIDDEN[m.toUpperCase()])
		throw new TypeError("'" + m + "' HTTP method is unsupported.");
	return NORMAL[m.toUpperCase()] ? m.toUpperCase() : m;
}

function redirectMode(v) {
	v = String(v);
	if (REDIRECTS.indexOf(v) === -1)
		throw new TypeError('Request constructor: ' + v + ' is not an accepted type. Expected one of ' + REDIRECTS.join(', ') + '.');
	return v;
}

/* A signal of the request's own, aborted when the given one is. */
function follow(signal) {
	if (signal === undefined || signal === null)
		return new AbortController().signal;
	if (!(signal instanceof AbortSignal))
		throw new TypeError("Failed to construct 'Request': member signal is not of type AbortSignal.");
	return AbortSignal.any([signal]);
}

function fromInput(input) {
	var u;

	if (isObject(input) && input[kState])
		return Object.assign({}, input[kState]);
	u = B.parseURL(input);
	if (u.userinfo !== '')
		throw new TypeError('Request cannot be constructed from a URL that includes credentials: ' + String(input));
	return { url: u.href, method: 'GET', headers: new Headers(), redirect: 'follow', signal: undefined };
}

function Request(input, init) {
	var st, body, inputBody = null, fromRequest = isObject(input) && !!input[kState];

	if (!(this instanceof Request))
		throw new TypeError("Class constructor Request cannot be invoked without 'new'");
	if (arguments.length < 1)
		throw new TypeError('Request constructor: 1 argument required, but only 0 present.');
	if (init !== undefined && init !== null && !isObject(init))
		throw new TypeError("Request constructor: Expected init to be an object.");
	init = init || {};
	st = fromInput(input);
	if (fromRequest) {
		inputBody = B.get(input);
		if (B.used(input))
			throw new TypeError('Cannot construct a Request with a Request object that has already been used.');
	}
	if (init.method !== undefined)
		st.method = method(init.method);
	if (init.redirect !== undefined)
		st.redirect = redirectMode(init.redirect);
	st.signal = follow(init.signal !== undefined ? init.signal : st.signal);
	st.headers = init.headers !== undefined ? new Headers(init.headers) : H.copy(st.headers);
	body = init.body !== undefined ? B.extract(init.body) : inputBody;
	if (body !== null && (st.method === 'GET' || st.method === 'HEAD'))
		throw new TypeError('Request with GET/HEAD method cannot have body.');
	if (init.body !== undefined && body !== null && body.stream && init.duplex !== 'half')
		throw new TypeError('RequestInit: duplex option is required when sending a body.');
	/* only a body of the init brings its type */
	if (init.body !== undefined && body !== null && body.type !== null && !st.headers.has('content-type'))
		st.headers.append('content-type', body.type);
	hide(this, kState, st);
	B.init(this, body);
	if (fromRequest && inputBody !== null)
		B.take(input);
}

var QP = Request.prototype;
getter(QP, 'method', function () { return state(this).method; });
getter(QP, 'url', function () { return state(this).url; });
getter(QP, 'headers', function () { return state(this).headers; });
getter(QP, 'redirect', function () { return state(this).redirect; });
getter(QP, 'signal', function () { return state(this).signal; });
[['mode', 'cors'], ['credentials', 'same-origin'], ['cache', 'default'], ['destination', ''],
    ['referrer', 'about:client'], ['referrerPolicy', ''], ['integrity', ''], ['keepalive', false],
    ['duplex', 'half']].forEach(function (f) {
	getter(QP, f[0], function () { state(this); return f[1]; });
});
B.mixin(QP, check, function (r) { return r[kState].headers.get('content-type'); });

/* A clone shares the body's bytes (never written) or tees its stream. */
hide(QP, 'clone', function clone() {
	var st = state(this), c;

	if (B.used(this))
		throw new TypeError('unusable');
	c = Object.create(QP);
	hide(c, kState, Object.assign({}, st, { headers: H.copy(st.headers), signal: follow(st.signal) }));
	B.init(c, B.cloneOf(this));
	return c;
});
tag(QP, 'Request');

return {
	Request: Request,
	/* { url, method, headers, redirect, signal, body (web_body's record or null) } */
	parts: function (r) {
		var st = state(r);

		return { url: st.url, method: st.method, headers: st.headers, redirect: st.redirect, signal: st.signal, body: B.get(r) };
	},
	isRequest: function (v) { return isObject(v) && !!v[kState]; },
	used: B.used
};
})
