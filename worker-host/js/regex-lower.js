/*
 * regex-lower.js - the lowering's transformer for regular expression
 * literals (the compile server evaluates it with TypeScript's namespace
 * `ts`; tsc-driver.js runs the transformer factory it returns).
 *
 * Duktape compiles a literal when it parses the file and rejects the
 * flags d, s, u, y and the syntax it lacks (named groups, lookbehind,
 * \p{...}), so such a literal never reaches the worker's RegExp
 * (rt_regexp.h).  A literal Duktape's own engine refuses (tried here, in
 * the compile server, whose RegExp is still Duktape's) becomes
 * new RegExp("body", "flags"), which the worker's RegExp compiles when
 * it is evaluated; every evaluation of a literal makes a new object too,
 * so nothing else changes.  A literal that breaks JavaScript's grammar
 * (__wsdRegexCheck, the worker's own translation) is an early error, as
 * in Node: the transformer throws a RegexLiteralError that the driver
 * reports as the file's SyntaxError at the literal.  What is valid but
 * not supported here still throws when the line runs.  Literals Duktape
 * takes are left alone: in a worker they run on the same engine anyway.
 */
(function (ts) {
	'use strict';

	var NativeRegExp = RegExp;

	function duktapeTakes(body, flags) {
		try {
			new NativeRegExp(body, flags);
			return true;
		} catch (e) {
			return false;
		}
	}

	function construct(node) {
		var text = node.text, slash = text.lastIndexOf('/');
		var body = text.slice(1, slash), flags = text.slice(slash + 1), f = ts.factory, why;

		if (duktapeTakes(body, flags))
			return node;
		why = __wsdRegexCheck(body, flags);
		if (why !== undefined)
			throw { regexLiteralError: why, node: ts.getOriginalNode(node) };
		return ts.setTextRange(f.createNewExpression(f.createIdentifier('RegExp'), undefined,
		    [f.createStringLiteral(body), f.createStringLiteral(flags)]), node);
	}

	return function regexLower(ctx) {
		function visit(node) {
			if (node.kind === ts.SyntaxKind.RegularExpressionLiteral)
				return construct(node);
			return ts.visitEachChild(node, visit, ctx);
		}
		return function (file) {
			return ts.visitEachChild(file, visit, ctx);
		};
	};
})
