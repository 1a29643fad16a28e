/*
 * web_response.js - Response (WHATWG Fetch): status (200-599 when made
 * by a script), statusText, ok, headers, type, url, redirected, the body
 * readers (web_body.js), clone(), and the statics json(), error() and
 * redirect(), with Node 20's errors.
 *
 * A lazy Web module (webmod.c); it also exports make(), with which
 * web_fetch.js builds the responses of the network (any status, a url,
 * redirected, headers immutable).
 */
(function (global, native, internal) {
'use strict';

var define = internal.define, hide = define.hide, getter = define.getter, tag = define.tag, isObject = define.isObject;
var H = native.webModule('web_headers'), B = native.webModule('web_body');
var Headers = H.Headers;

var kState = Symbol('state');
var NULL_BODY = { 101: true, 103: true, 204: true, 205: true, 304: true };
var REDIRECT = { 301: true, 302: true, 303: true, 307: true, 308: true };
var making = false;

function check(r) {
	if (!isObject(r) || !r[kState])
		throw new TypeError('Illegal invocation');
}

function state(r) {
	check(r);
	return r[kState];
}

/* The standard's "initialize a response" for a script's init. */
function initialize(r, init, body) {
	var status = 200, statusText = '', st;

	if (init !== undefined && init !== null && !isObject(init))
		throw new TypeError("Response constructor: Expected init to be an object.");
	if (init && init.status !== undefined) {
		status = Math.trunc(Number(init.status)) || 0;
		if (status < 200 || status > 599)
			throw new RangeError('init["status"] must be in the range of 200 to 599, inclusive.');
	}
	if (init && init.statusText !== undefined) {
		statusText = String(init.statusText);
		if (!/^[\t\x20-\x7e\x80-\xff]*$/.test(statusText))
			throw new TypeError('Invalid statusText');
	}
	st = { status: status, statusText: statusText, type: 'default', url: '', redirected: false, headers: new Headers() };
	hide(r, kState, st);
	if (init && init.headers !== undefined)
		H.fill(st.headers, init.headers);
	if (body !== null) {
		if (NULL_BODY[status])
			throw new TypeError('Response constructor: Invalid response status code ' + status);
		if (body.type !== null && !st.headers.has('content-type'))
			st.headers.append('content-type', body.type);
	}
	B.init(r, body);
}

function Response(body, init) {
	if (!(this instanceof Response))
		throw new TypeError("Class constructor Response cannot be invoked without 'new'");
	if (making)
		return;
	initialize(this, init, B.extract(body));
}

function blank() {
	var r;

	making = true;
	try {
		r = new Response();
	} finally {
		making = false;
	}
	return r;
}

var RP = Response.prototype;
getter(RP, 'type', function () { return state(this).type; });
getter(RP, 'url', function () { return state(this).url; });
getter(RP, 'redirected', function () { return state(this).redirected; });
getter(RP, 'status', function () { return state(this).status; });
getter(RP, 'ok', function () { var s = state(this).status; return s >= 200 && s <= 299; });
getter(RP, 'statusText', function () { return state(this).statusText; });
getter(RP, 'headers', function () { return state(this).headers; });
B.mixin(RP, check, function (r) { return r[kState].headers.get('content-type'); });

hide(RP, 'clone', function clone() {
	var st = state(this), c, cs;

	if (B.used(this))
		throw new TypeError('Response.clone: Body has already been consumed.');
	c = blank();
	cs = Object.assign({}, st);
	cs.headers = H.copy(st.headers);
	H.setGuard(cs.headers, st.guard || 'none');
	hide(c, kState, cs);
	B.init(c, B.cloneOf(this));
	return c;
});
tag(RP, 'Response');

hide(Response, 'json', function json(data, init) {
	var text = JSON.stringify(data), r;

	if (text === undefined)
		throw new TypeError('Value is not JSON serializable');
	r = blank();
	initialize(r, init, { bytes: new global.TextEncoder().encode(text), type: null });
	if (!r[kState].headers.has('content-type'))
		r[kState].headers.append('content-type', 'application/json');
	return r;
});

function make(fields, body, guard) {
	var r = blank(), st = Object.assign({ status: 200, statusText: '', type: 'default', url: '', redirected: false }, fields);

	st.guard = guard;
	H.setGuard(st.headers, guard);
	hide(r, kState, st);
	B.init(r, body);
	return r;
}

hide(Response, 'error', function error() {
	return make({ type: 'error', status: 0, headers: new Headers() }, null, 'immutable');
});

hide(Response, 'redirect', function redirect(url, status) {
	var href = B.parseURL(url).href, h = new Headers();

	status = status === undefined ? 302 : Math.trunc(Number(status)) || 0;
	if (!REDIRECT[status])
		throw new RangeError('Invalid status code ' + status);
	h.append('location', href);
	return make({ status: status, headers: h }, null, 'immutable');
});

return {
	Response: Response,
	/* fields: { status, statusText, headers (a Headers), url, redirected, type };
	 * body: web_body's record or null */
	make: function (fields, body) { return make(fields, body, 'immutable'); }
};
})
