/**
 * The Jest transformer that turns built-in globals into module locals
 * (scripts/jest-global-aliases.js): the code it emits must behave as the module it was given.
 */
import vm from 'node:vm';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const aliases = require('../../scripts/jest-global-aliases.js') as {
  createTransformer(options: object): {
    process(source: string, file: string, options: object): { code: string };
  };
};
const transformer = aliases.createTransformer({ diagnostics: false });
const transform = (source: string) => transformer.process(source, '/module.js', {}).code;

/** Runs CommonJS code in a context of its own, as Jest does, and returns its exports. */
function load(code: string, context = vm.createContext({})): unknown {
  const module = { exports: {} as unknown };
  vm.runInContext(`(function (module) {${code}\n})`, context)(module);
  return module.exports;
}

test('a directive stays first, so the module is still strict', () => {
  const code = transform('"use strict";\nmodule.exports = (function () { return this; })();');
  expect(code.startsWith('"use strict";var Object = globalThis.Object')).toBe(true);
  expect(load(code)).toBeUndefined();
});

test('no line moves: the aliases share the first line', () => {
  const source = '"use strict";\nconst a = 1;\nmodule.exports = new Error("x").stack;';
  expect(transform(source).split('\n')).toHaveLength(source.split('\n').length);
});

test('a module that declares a built-in name keeps its own', () => {
  const own = transform('function Buffer() { return "own"; }\nmodule.exports = Buffer();');
  expect(load(own)).toBe('own');
  const destructured = transform('const { Map } = { Map: "own" };\nmodule.exports = Map;');
  expect(load(destructured)).toBe('own');
  const klass = transform('class Promise {}\nmodule.exports = Promise.name;');
  expect(load(klass)).toBe('Promise');
});

test('the aliases are the context’s own built-ins', () => {
  const context = vm.createContext({});
  const exported = load(transform('module.exports = [Object, Array, Math, Date];'), context);
  expect(exported).toEqual(vm.runInContext('[Object, Array, Math, Date]', context));
  expect((exported as unknown[])[0]).not.toBe(Object);
});
