// RegExp.prototype's accessors and symbol methods named as the spec names them,
// the names configurable.
const P = RegExp.prototype, desc = (o, k) => Object.getOwnPropertyDescriptor(o, k);
console.log(['global', 'ignoreCase', 'multiline', 'dotAll', 'unicode', 'sticky', 'hasIndices', 'source', 'flags'].map(k => {
	const g = desc(P, k).get, n = desc(g, 'name');
	return n.value + ':' + n.configurable + ':' + n.writable;
}).join(' '));
console.log([Symbol.match, Symbol.matchAll, Symbol.replace, Symbol.search, Symbol.split].map(s => { const n = desc(P[s], 'name'); return n.value + ':' + n.configurable; }).join(' '));
console.log(/a/gi.flags, /x/.source, P.source, P.global, String(/a+/y));
