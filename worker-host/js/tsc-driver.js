/*
 * tsc-driver.js - the compile server's use of TypeScript (typescript.js is
 * already evaluated in this heap; `ts` is its namespace).
 *
 * Returns compile(fileName, source, jsxFactory, legacyDecorators): {code, map} with ES5
 * CommonJS and its source map, or {message, line, column} (1-based) for
 * the first syntax error.  Besides transpileModule it does these things:
 * a constructor's super(...) call goes through
 * __wsdSuperCall/__wsdSuperApply (lower-rt.js), which construct built-ins
 * such as Error, Array and Map for real and give the result the subclass's
 * prototype; TypeScript's own ES5 form loses it.  Class methods are
 * defined by __wsdMethod, non-enumerable and named, and a function a
 * variable or property is initialised with is named for it
 * (es2015Functions).
 * import.meta, which
 * TypeScript leaves as it is, becomes __wsdImportMeta(), and import(x)
 * becomes __wsdImport(x): the module wrapper's functions that give the
 * module's object and load a module in ES order (require.c, require.js);
 * in a .cjs or .cts file import.meta is refused as Node refuses it.
 *
 * An ES module (import/export, .mjs/.mts, or top-level await) becomes
 * `return {__wsdEsm: [its static imports, in order], tla: bool, body:
 * function () { <the CommonJS code> }}`, so the loader can evaluate its
 * imports first and run the body only once their top-level awaits have
 * settled; with top-level await the body returns a promise (see
 * topLevelAwaitBody).  TypeScript is given .js/.ts for .mjs/.cjs/.mts/.cts:
 * TypeScript 5 keeps import/export in those whatever the module option.
 */
(function (ts) {
'use strict';

function options(jsxFactory, legacyDecorators) {
	var o = {
		target: ts.ScriptTarget.ES5,
		module: ts.ModuleKind.CommonJS,
		downlevelIteration: true,
		esModuleInterop: true,
		jsx: ts.JsxEmit.React,
		jsxFactory: jsxFactory,
		sourceMap: true,
		newLine: ts.NewLineKind.LineFeed,
		experimentalDecorators: !!legacyDecorators
	};

	if (jsxFactory === 'React.createElement')
		o.jsxFragmentFactory = 'React.Fragment';
	return o;
}

function at(file, pos, message) {
	var lc = file.getLineAndCharacterOfPosition(pos);

	return { message: message, line: lc.line + 1, column: lc.character + 1 };
}

/* The name TypeScript compiles fileName as (see the head comment). */
function tsName(fileName) {
	return fileName.replace(/\.[mc]([jt]s)$/, '.$1');
}

/* The first await outside any function, or null. */
function topLevelAwait(file) {
	var found = null;

	function visit(node) {
		if (found || ts.isFunctionLike(node))
			return;
		if (node.kind === ts.SyntaxKind.AwaitExpression ||
		    (node.kind === ts.SyntaxKind.ForOfStatement && node.awaitModifier)) {
			found = node;
			return;
		}
		ts.forEachChild(node, visit);
	}
	ts.forEachChild(file, visit);
	return found;
}

var META_OUTSIDE = "Cannot use 'import.meta' outside a module";
/* Node's words for await at the top of a CommonJS file */
var TLA_CJS = 'await is only valid in async functions and the top level bodies of modules';

function isImportMeta(node) {
	return node.kind === ts.SyntaxKind.MetaProperty && node.keywordToken === ts.SyntaxKind.ImportKeyword;
}

/* The first import.meta, or null. */
function firstImportMeta(file) {
	var found = null;

	function visit(node) {
		if (found)
			return;
		if (isImportMeta(node))
			found = node;
		else
			ts.forEachChild(node, visit);
	}
	ts.forEachChild(file, visit);
	return found;
}

function importMeta(ctx) {
	function visit(node) {
		if (isImportMeta(node))
			return ts.factory.createCallExpression(ts.factory.createIdentifier('__wsdImportMeta'), undefined, []);
		return ts.visitEachChild(node, visit, ctx);
	}
	return function (file) {
		return /\bimport\s*\.\s*meta\b/.test(file.text) ? ts.visitEachChild(file, visit, ctx) : file;
	};
}

var f = ts.factory, K = ts.SyntaxKind;

/* After TypeScript's own passes a module with top-level await is ES5
 * CommonJS with `await` still in it: its statements become one async
 * function, lowered by TypeScript's own async and generator passes, whose
 * promise the module body returns.  All of CommonJS's module scope is that
 * function's scope, so names, exports and hoisting mean what they meant. */
function topLevelAwaitBody(ctx) {
	var es2017 = ts.transformES2017(ctx), es2015 = ts.transformES2015(ctx), gen = ts.transformGenerators(ctx);

	return function (file) {
		var fn;

		if (!file.__wsdTopLevelAwait)
			return file;
		fn = f.createUniqueName('__wsdTopLevel');
		file = f.updateSourceFile(file, [
			f.createFunctionDeclaration([f.createModifier(K.AsyncKeyword)], undefined, fn, undefined, [],
			    undefined, f.createBlock(file.statements.slice(), true)),
			f.createReturnStatement(f.createCallExpression(fn, undefined, []))
		]);
		return gen(es2015(es2017(file)));
	};
}

/* Two things ES2015 does that TypeScript's ES5 output does not, both
 * mended in one pass over the lowered file (es2015Functions):
 *
 * A class method is assigned (`C.prototype.m = function () {...}`, `C.s
 * = ...` for a static one), which makes it enumerable, so for-in over an
 * instance lists the methods, and nameless.  ES2015 defines them
 * non-enumerable and named for their key: each such statement, which
 * keeps its method as its original node, becomes __wsdMethod(target,
 * key, function) (lower-rt.js).
 *
 * An anonymous function or arrow is named by the variable or the
 * property it initialises (`const f = () => {}`: f.name is 'f'), where
 * `var f = function () {}` leaves it nameless, and Duktape infers no
 * names.  The function expression takes the name, which inside it is
 * the same binding for a const (it cannot be reassigned) and harmless
 * where the function never mentions the name; others stay nameless. */
var RESERVED = /^(?:break|case|catch|class|const|continue|debugger|default|delete|do|else|enum|export|extends|false|finally|for|function|if|import|in|instanceof|new|null|return|super|switch|this|throw|true|try|typeof|var|void|while|with|yield|let|static|implements|interface|package|private|protected|public|await|eval|arguments)$/;

/* __wsdMethod(target, key, fn) for a method's assignment, or undefined */
function methodDefinition(node) {
	var o = ts.getOriginalNode(node), e = node.expression, left;

	if (o === node || o.kind !== K.MethodDeclaration || e.kind !== K.BinaryExpression ||
	    e.operatorToken.kind !== K.EqualsToken ||
	    (e.left.kind !== K.PropertyAccessExpression && e.left.kind !== K.ElementAccessExpression))
		return undefined;
	left = e.left;
	return f.updateExpressionStatement(node, f.createCallExpression(f.createIdentifier('__wsdMethod'), undefined,
	    [left.expression, left.kind === K.PropertyAccessExpression ? f.createStringLiteral(ts.idText(left.name)) :
	    left.argumentExpression, e.right]));
}

function mentions(node, name) {
	return node.kind === K.Identifier ? ts.idText(node) === name :
	    !!ts.forEachChild(node, function (c) { return mentions(c, name) || undefined; });
}

function anonymousSource(o) {
	var oi = o && o.initializer && ts.skipOuterExpressions(o.initializer);

	return !!oi && (oi.kind === K.ArrowFunction || (oi.kind === K.FunctionExpression && !oi.name));
}

/* the name node's function may take, or undefined */
function nameFor(node) {
	var o = ts.getOriginalNode(node), fn = node.initializer && unwrapKind(ts.skipOuterExpressions(node.initializer)), name;

	if (!fn || fn.kind !== K.FunctionExpression || fn.name || !anonymousSource(o))
		return undefined;
	if (node.kind === K.VariableDeclaration && o.kind === K.VariableDeclaration && node.name.kind === K.Identifier)
		name = ts.idText(node.name);
	else if (node.kind === K.PropertyAssignment && o.kind === K.PropertyAssignment &&
	    (node.name.kind === K.Identifier || node.name.kind === K.StringLiteral))
		name = node.name.kind === K.Identifier ? ts.idText(node.name) : node.name.text;
	if (name === undefined || !/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) || RESERVED.test(name))
		return undefined;
	if (node.kind === K.VariableDeclaration && o.parent && (ts.getCombinedNodeFlags(o.parent) & ts.NodeFlags.Const))
		return name;
	return mentions(fn, name) ? undefined : name;
}

/* the declaration or property with its function named, or undefined */
function namedFunction(node) {
	var name = nameFor(node), init, inner, fn;

	if (name === undefined)
		return undefined;
	init = ts.skipOuterExpressions(node.initializer);
	inner = unwrapKind(init);
	fn = f.updateFunctionExpression(inner, inner.modifiers, inner.asteriskToken, f.createIdentifier(name),
	    inner.typeParameters, inner.parameters, inner.type, inner.body);
	if (inner !== init)
		fn = f.updateCallExpression(init, init.expression, undefined, [fn, init.arguments[1]]);
	return node.kind === K.VariableDeclaration ?
	    f.updateVariableDeclaration(node, node.name, node.exclamationToken, node.type, fn) :
	    f.updatePropertyAssignment(node, node.name, fn);
}

function es2015Functions(ctx) {
	function visit(node) {
		var done;

		node = ts.visitEachChild(node, visit, ctx);
		if (node.kind === K.ExpressionStatement)
			done = methodDefinition(node);
		else if (node.kind === K.VariableDeclaration || node.kind === K.PropertyAssignment)
			done = namedFunction(node);
		return done || node;
	}
	return function (file) {
		return /\bclass\b|=>|function\s*\(/.test(file.text) ? ts.visitEachChild(file, visit, ctx) : file;
	};
}

/* An arrow and an object literal's method are not constructors and have
 * no `prototype` in ES2015; TypeScript's ES5 form of both is a function
 * expression, which is both, and pays a prototype object (a cycle only a
 * full collection frees) every time it is made.  Duktape's shorthand
 * methods are what ES2015's are, so both become one again (arrowMethods,
 * after es2015Functions has named them): an arrow is taken from a literal
 * of its own, `({ f(a) {...} }).f`, or `({ ''(a) {...} })['']` when
 * nameless (Duktape names a quoted key's method nothing, as an anonymous
 * arrow is); a method stays in its literal.  TypeScript has already put
 * `this` and `arguments` of an arrow in variables of the enclosing
 * function, so the method's own are never read. */
/* Duktape reads `get(` and `set(` in a literal as the start of an
 * accessor, so methods of those names stay functions. */
function shorthandKey(key) {
	return key.kind === K.StringLiteral || (key.kind === K.Identifier && !/^[gs]et$/.test(ts.idText(key)));
}

/* Duktape takes no reserved word (`return`, `delete`, `default`, and in
 * strict code `let`, `static`...) as a shorthand method's key, which ES5
 * takes as a property name: such a key is quoted (and the method, as any
 * quoted key's, nameless). */
function methodKey(key) {
	return key.kind === K.Identifier && RESERVED.test(ts.idText(key)) ? f.createStringLiteral(ts.idText(key)) : key;
}

/* The method takes the function's emit flags and original: the printer
 * substitutes an arrow's `this` (TypeScript's _this) by them. */
function shorthand(key, fn) {
	var m = f.createMethodDeclaration(undefined, fn.asteriskToken, methodKey(key), undefined, undefined, fn.parameters,
	    undefined, fn.body);

	ts.setOriginalNode(m, fn);
	ts.setEmitFlags(m, ts.getEmitFlags(fn));
	return ts.setTextRange(m, fn);
}

function arrowMethods(ctx) {
	function visit(node) {
		var o, key;

		node = ts.visitEachChild(node, visit, ctx);
		/* TypeScript's property keeps the method as its function's original;
		 * es2015Functions named the function for its key (only where the
		 * body does not mention the name), as the method's key names it */
		if (node.kind === K.PropertyAssignment && node.initializer.kind === K.FunctionExpression &&
		    ts.getOriginalNode(node.initializer).kind === K.MethodDeclaration && shorthandKey(node.name) &&
		    (!node.initializer.name || (node.name.kind === K.Identifier &&
		    ts.idText(node.name) === ts.idText(node.initializer.name))))
			return shorthand(node.name, node.initializer);
		if (node.kind !== K.FunctionExpression)
			return node;
		o = ts.getOriginalNode(node);
		if (o.kind !== K.ArrowFunction)
			return node;
		key = node.name ? f.createIdentifier(ts.idText(node.name)) : f.createStringLiteral('');
		if (!shorthandKey(key))
			return node;
		return ts.setTextRange(f.createElementAccessExpression(f.createParenthesizedExpression(
		    f.createObjectLiteralExpression([shorthand(key, node)])),
		    node.name ? f.createStringLiteral(ts.idText(node.name)) : f.createStringLiteral('')), node);
	}
	return function (file) {
		return /=>|\(\s*[^)]*\)\s*\{/.test(file.text) ? ts.visitEachChild(file, visit, ctx) : file;
	};
}

/* A generator, async or async generator function's prototype is
 * %GeneratorFunction.prototype%, %AsyncFunction.prototype% or
 * %AsyncGeneratorFunction.prototype%, which packages reach for
 * (`Object.getPrototypeOf(async function* () {}).prototype`); TypeScript's
 * ES5 form is a plain function.  Each such function expression becomes
 * __wsdFnKind(fn, kind) (lower-rt.js), and each such declaration gets
 * `__wsdFnKind(name, kind);` at the head of its statement list (it is
 * hoisted there).  Methods and arrows are left as they are. */
function fnKind(node) {
	var async = !!node.modifiers && node.modifiers.some(function (m) { return m.kind === K.AsyncKeyword; });

	return (node.asteriskToken ? 1 : 0) + (async ? 2 : 0);
}

function kindCall(target, kind) {
	return f.createCallExpression(f.createIdentifier('__wsdFnKind'), undefined, [target, f.createNumericLiteral(kind)]);
}

/* the function a __wsdFnKind call wraps, or e */
function unwrapKind(e) {
	return e && e.kind === K.CallExpression && e.expression.kind === K.Identifier &&
	    ts.idText(e.expression) === '__wsdFnKind' ? e.arguments[0] : e;
}

function withKinds(statements) {
	var head = [], rest = [], s, kind, i;

	for (i = 0; i < statements.length; i++) {
		s = statements[i];
		if (rest.length === 0 && ts.isPrologueDirective(s))
			head.push(s);
		else
			rest.push(s);
		if (s.kind === K.FunctionDeclaration && s.name && s.body && (kind = fnKind(s)))
			head.push(f.createExpressionStatement(kindCall(f.createIdentifier(ts.idText(s.name)), kind)));
	}
	return head.length + rest.length === statements.length ? null : head.concat(rest);
}

function functionKinds(ctx) {
	function visit(node) {
		var list;

		node = ts.visitEachChild(node, visit, ctx);
		if (node.kind === K.FunctionExpression && fnKind(node))
			return ts.setTextRange(kindCall(node, fnKind(node)), node);
		if (!node.statements || !(list = withKinds(node.statements)))
			return node;
		switch (node.kind) {
		case K.Block: return f.updateBlock(node, list);
		case K.SourceFile: return f.updateSourceFile(node, list);
		case K.ModuleBlock: return f.updateModuleBlock(node, list);
		case K.CaseClause: return f.updateCaseClause(node, node.expression, list);
		case K.DefaultClause: return f.updateDefaultClause(node, list);
		default: return node;
		}
	}
	return function (file) {
		return /\basync\b|function\s*\*/.test(file.text) ? visit(file) : file;
	};
}

/* `__proto__: p` in an object literal gives the literal its prototype
 * (ES2015, Annex B), a quoted key as well; Duktape makes an own property
 * of it.  The literal becomes __wsdProtoLiteral(p, {the rest}) (lower-rt.js),
 * p evaluated first: where it was not the first property, before the ones
 * ahead of it. */
function isProtoProperty(p) {
	return p.kind === K.PropertyAssignment && ((p.name.kind === K.Identifier && ts.idText(p.name) === '__proto__') ||
	    (p.name.kind === K.StringLiteral && p.name.text === '__proto__'));
}

function protoLiterals(ctx) {
	function visit(node) {
		var proto;

		node = ts.visitEachChild(node, visit, ctx);
		if (node.kind !== K.ObjectLiteralExpression || !(proto = node.properties.filter(isProtoProperty)[0]))
			return node;
		return ts.setTextRange(f.createCallExpression(f.createIdentifier('__wsdProtoLiteral'), undefined,
		    [proto.initializer, f.updateObjectLiteralExpression(node,
		    node.properties.filter(function (p) { return p !== proto; }))]), node);
	}
	return function (file) {
		return /__proto__/.test(file.text) ? ts.visitEachChild(file, visit, ctx) : file;
	};
}

function dynamicImport(ctx) {
	function visit(node) {
		if (ts.isImportCall(node))
			return ts.setTextRange(f.createCallExpression(f.createIdentifier('__wsdImport'), undefined,
			    [ts.visitNode(node.arguments[0], visit) || f.createVoidZero()]), node);
		return ts.visitEachChild(node, visit, ctx);
	}
	return function (file) {
		return /\bimport\s*\(/.test(file.text) ? ts.visitEachChild(file, visit, ctx) : file;
	};
}

/* The specifiers of the import/export declarations that survived
 * TypeScript's elision of type-only imports, in order. */
function staticImports(file, out) {
	var i, o;

	for (i = 0; i < file.statements.length; i++) {
		o = ts.getOriginalNode(file.statements[i]);
		if ((o.kind === K.ImportDeclaration || o.kind === K.ExportDeclaration) && o.moduleSpecifier &&
		    ts.isStringLiteral(o.moduleSpecifier) && out.indexOf(o.moduleSpecifier.text) < 0)
			out.push(o.moduleSpecifier.text);
	}
}

/* TypeScript's __extends helper gives a subclass's prototype an
 * enumerable `constructor` (Object.keys(B.prototype) is ['constructor']);
 * ES2015's is not.  The helper's text is that of the pinned TypeScript,
 * rewritten on the same line so the source map holds. */
var EXTENDS_CTOR = 'function __() { this.constructor = d; }';

function extendsHelper(code) {
	return code.indexOf(EXTENDS_CTOR) < 0 ? code : code.replace(EXTENDS_CTOR,
	    'function __() { Object.defineProperty(this, "constructor", { value: d, writable: true, configurable: true }); }');
}

/* TypeScript's __await helper ends without a semicolon, so a module whose
 * first statement begins with ( or [ would call the helper's function with
 * it (ASI does not end a line before a parenthesis). */
function awaitHelperEnd(code) {
	return code.replace(/^var __await = \(this && this\.__await\) \|\| function \(v\) \{.*\}$/m, '$&;');
}

function superCalls(code) {
	return code.replace(/\b(_super(?:_\d+)?)\.(call|apply)\(this\b/g, function (m, sup, how) {
		return (how === 'call' ? '__wsdSuperCall(' : '__wsdSuperApply(') + sup + ', this';
	});
}

return function compile(fileName, source, jsxFactory, legacyDecorators) {
	var tla = null, meta = null, esm = false, imports = [], out, d, i, code;
	var cjs = /\.c[jt]s$/.test(fileName);

	function check(ctx) {
		return function (file) {
			if (/\bawait\b/.test(source))
				tla = topLevelAwait(file);
			if (cjs && /\bimport\s*\.\s*meta\b/.test(source))
				meta = firstImportMeta(file);
			esm = !cjs && (ts.isExternalModule(file) || /\.m[jt]s$/.test(fileName) || !!tla);
			return file;
		};
	}
	function collect(ctx) {
		return function (file) {
			if (esm)
				staticImports(file, imports);
			if (esm && tla)
				file.__wsdTopLevelAwait = true;
			return file;
		};
	}
	try {
		out = ts.transpileModule(source, {
			compilerOptions: options(jsxFactory, legacyDecorators),
			fileName: tsName(fileName),
			reportDiagnostics: true,
			transformers: { before: [check, importMeta, dynamicImport, protoLiterals, functionKinds, __wsdRegexLower], after: [collect, topLevelAwaitBody, es2015Functions, arrowMethods] }
		});
	} catch (e) {
		if (e && e.regexLiteralError)
			return at(e.node.getSourceFile(), e.node.getStart(), e.regexLiteralError);
		throw e;
	}
	for (i = 0; out.diagnostics && i < out.diagnostics.length; i++) {
		d = out.diagnostics[i];
		if (d.category === ts.DiagnosticCategory.Error && d.file)
			return at(d.file, d.start, ts.flattenDiagnosticMessageText(d.messageText, '\n'));
	}
	if (meta)
		return at(meta.getSourceFile(), meta.getStart(), META_OUTSIDE);
	if (tla && cjs)
		return at(tla.getSourceFile(), tla.getStart(), TLA_CJS);
	code = awaitHelperEnd(extendsHelper(superCalls(out.outputText.replace(/\n\/\/# sourceMappingURL=[^\n]*\n?$/, '\n'))));
	/* on the first line, so every line keeps its number for the map */
	if (esm)
		code = 'return { __wsdEsm: ' + JSON.stringify(imports) + ', tla: ' + !!tla +
		    ', body: function () {' + code + '\n} };\n';
	return { code: code, map: out.sourceMapText || '' };
};
})
