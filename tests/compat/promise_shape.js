// Promise's own shape: `length` right before `name`, a read-only `prototype`.
var names = Object.getOwnPropertyNames(Promise);
console.log(names.indexOf('name') === names.indexOf('length') + 1);
console.log(Promise.length, Promise.name);
var d = Object.getOwnPropertyDescriptor(Promise, 'prototype');
console.log(d.writable, d.enumerable, d.configurable);
