/*
 * tsc-driver.js - the compile server's use of TypeScript (typescript.js is
 * already evaluated in this heap; `ts` is its namespace).
 *
 * Returns compile(fileName, source, jsxFactory): {code, map} with ES5
 * CommonJS and its source map, or {message, line, column} (1-based) for
 * the first syntax error.  Besides transpileModule it does two things:
 * top-level await is refused with a message that says so (CommonJS output
 * cannot hold it), and a constructor's super(...) call goes through
 * __wsdSuperCall/__wsdSuperApply (lower-rt.js), which construct built-ins
 * such as Error, Array and Map for real and give the result the subclass's
 * prototype; TypeScript's own ES5 form loses it.  And import.meta, which
 * TypeScript leaves as it is, becomes __wsdImportMeta(): the module
 * wrapper's function that gives the module's object (require.c,
 * require.js); in a .cjs or .cts file it is refused as Node refuses it.
 */
(function (ts) {
'use strict';

var TLA = 'top-level await is not supported: the module is lowered to ES5 CommonJS; ' +
    'move the code into an async function';

function options(jsxFactory) {
	var o = {
		target: ts.ScriptTarget.ES5,
		module: ts.ModuleKind.CommonJS,
		downlevelIteration: true,
		esModuleInterop: true,
		jsx: ts.JsxEmit.React,
		jsxFactory: jsxFactory,
		sourceMap: true,
		newLine: ts.NewLineKind.LineFeed
	};

	if (jsxFactory === 'React.createElement')
		o.jsxFragmentFactory = 'React.Fragment';
	return o;
}

function at(file, pos, message) {
	var lc = file.getLineAndCharacterOfPosition(pos);

	return { message: message, line: lc.line + 1, column: lc.character + 1 };
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

function superCalls(code) {
	return code.replace(/\b(_super(?:_\d+)?)\.(call|apply)\(this\b/g, function (m, sup, how) {
		return (how === 'call' ? '__wsdSuperCall(' : '__wsdSuperApply(') + sup + ', this';
	});
}

return function compile(fileName, source, jsxFactory) {
	var tla = null, meta = null, out, d, i;

	function check(ctx) {
		return function (file) {
			if (/\bawait\b/.test(source))
				tla = topLevelAwait(file);
			if (/\.c[jt]s$/.test(fileName) && /\bimport\s*\.\s*meta\b/.test(source))
				meta = firstImportMeta(file);
			return file;
		};
	}
	out = ts.transpileModule(source, {
		compilerOptions: options(jsxFactory),
		fileName: fileName,
		reportDiagnostics: true,
		transformers: { before: [check, importMeta, __wsdRegexLower] }
	});
	for (i = 0; out.diagnostics && i < out.diagnostics.length; i++) {
		d = out.diagnostics[i];
		if (d.category === ts.DiagnosticCategory.Error && d.file)
			return at(d.file, d.start, ts.flattenDiagnosticMessageText(d.messageText, '\n'));
	}
	if (tla)
		return at(tla.getSourceFile(), tla.getStart(), TLA);
	if (meta)
		return at(meta.getSourceFile(), meta.getStart(), META_OUTSIDE);
	return {
		code: superCalls(out.outputText.replace(/\n\/\/# sourceMappingURL=[^\n]*\n?$/, '\n')),
		map: out.sourceMapText || ''
	};
};
})
