/**
 * Jest transformer: TypeScript through ts-jest (transpile only), every module (ours and
 * node_modules') then given local aliases of the built-in globals it names.
 *
 * Why: Jest runs each test file in a `vm` context, and on Node 20 a global looked up by name in
 * such a context (`Object`, `Array`, `Math`…) goes through the context's interceptors: ~240 ns a
 * lookup inside a test file against well under 1 ns in plain Node (a loop of 10^6 iterations
 * with three lookups: 730 ms against 17 ms when the three names are locals, measured). Drizzle,
 * graphql-js, pg and PGlite's glue look such names up on every row and every field, so the
 * server under test ran several times slower than in production. A `var Object =
 * globalThis.Object, …` at the top of each module makes those names locals of the module's
 * function: the same objects, found without the interceptor.
 *
 * Left out: the timer functions, which Jest's fake timers replace on the global (a module holding
 * the originals would not see the fakes), and any name the module declares itself with `let`,
 * `const`, `class` or `import` (a `var` of the same name would not compile) or as a `function`
 * (the `var`'s assignment would replace the module's own function, as in the `buffer` package). `Date` is aliased:
 * fake timers would not reach a module's `Date` either, and no test here uses them (tests wait
 * for conditions, never for time, and read no clock they do not own).
 */
const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');
const path = require('node:path');
const tsJest = require('ts-jest').default;

const ALIASED_GLOBALS = [
  'Object',
  'Array',
  'Math',
  'JSON',
  'Number',
  'String',
  'Boolean',
  'Symbol',
  'BigInt',
  'Function',
  'RegExp',
  'Date',
  'Error',
  'TypeError',
  'RangeError',
  'SyntaxError',
  'Promise',
  'Map',
  'Set',
  'WeakMap',
  'WeakSet',
  'Reflect',
  'Proxy',
  'ArrayBuffer',
  'SharedArrayBuffer',
  'DataView',
  'Uint8Array',
  'Int8Array',
  'Uint16Array',
  'Int16Array',
  'Uint32Array',
  'Int32Array',
  'Float32Array',
  'Float64Array',
  'BigInt64Array',
  'BigUint64Array',
  'Uint8ClampedArray',
  'Atomics',
  'WebAssembly',
  'Intl',
  'parseInt',
  'parseFloat',
  'isNaN',
  'isFinite',
  'encodeURIComponent',
  'decodeURIComponent',
  'Buffer',
  'process',
  'TextEncoder',
  'TextDecoder',
];

/** A "use strict" (or other) directive must stay first, so the aliases go right after it. */
const DIRECTIVES = /^(?:#![^\n]*\n)?(?:\s*(?:'[^'\n]*'|"[^"\n]*")\s*;?)*/;

/** A declaration and what it declares: one name, or a destructuring pattern's contents. */
const DECLARATION =
  /\b(?:let|const|class|import|function)\s*\*?\s*([{[][^}\]]*|\b[A-Za-z_$][\w$]*)/g;
const IDENTIFIER = /[A-Za-z_$][\w$]*/g;

/** One pass over the source, not one per aliased name: node_modules holds files of megabytes. */
function declaredNames(source) {
  const names = new Set();
  for (const [, declared] of source.matchAll(DECLARATION))
    for (const name of declared.match(IDENTIFIER) ?? []) names.add(name);
  return names;
}

function aliasPrologue(source) {
  const declared = declaredNames(source);
  const names = ALIASED_GLOBALS.filter((name) => !declared.has(name));
  return `var ${names.map((name) => `${name} = globalThis.${name}`).join(', ')};`;
}

function withAliases(code) {
  const directives = DIRECTIVES.exec(code)[0];
  // On the directives' line, so that every line number (and source map) stays as it was.
  return directives + aliasPrologue(code) + code.slice(directives.length);
}

// A change to this file must not reuse modules it transformed before.
const VERSION = createHash('sha256')
  .update(readFileSync(path.join(__dirname, 'jest-global-aliases.js')))
  .digest('hex');

module.exports = {
  createTransformer(options) {
    const typescript = tsJest.createTransformer(options);
    const isTypeScript = (file) => /\.tsx?$/.test(file);
    return {
      canInstrument: false,
      getCacheKey(source, file, transformOptions) {
        const inner = isTypeScript(file)
          ? typescript.getCacheKey(source, file, transformOptions)
          : createHash('sha256').update(source).update(file).digest('hex');
        return createHash('sha256').update(inner).update(VERSION).digest('hex');
      },
      process(source, file, transformOptions) {
        if (!isTypeScript(file)) return { code: withAliases(source) };
        const result = typescript.process(source, file, transformOptions);
        return { ...result, code: withAliases(result.code) };
      },
    };
  },
};
