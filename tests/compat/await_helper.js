// A file whose first statement begins with a parenthesis, lowered with the
// __await helper before it (TypeScript ends that helper without a semicolon)
(async function* () { yield 1; yield await Promise.resolve(2); })().next().then(function (r) { console.log('first', r.value); });
console.log('after');
