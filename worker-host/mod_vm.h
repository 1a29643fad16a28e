/*
 * mod_vm.h - the compiler behind Node's `vm` (js/node_vm.js).
 *
 * vm_natives() adds to the host's `native` object:
 *   compileScript(code, filename)  the script's code as a function that
 *             runs it in the global scope and returns its completion
 *             value: Duktape's own compile when it takes the text as
 *             ES2015 means it, otherwise the text lowered by the compile
 *             servers first (lower_script(): as JavaScript, whatever the
 *             filename's extension).  Throws the SyntaxError of the text
 *             (positions in the original), or Duktape's own when the text
 *             could not be lowered, saying why.
 * vm_compile_script is that function, for lower-rt.js's GeneratorFunction
 * and the other constructors of function kinds (lower.c).
 */
#ifndef WH_MOD_VM_H
#define WH_MOD_VM_H

#include <duktape.h>

void vm_natives(duk_context *ctx, duk_idx_t native);
duk_ret_t vm_compile_script(duk_context *ctx);

#endif
