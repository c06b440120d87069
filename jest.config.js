/**
 * Jest runs TypeScript through ts-jest in transpile-only mode; `npm test` type-checks first with
 * tsc. Every module, node_modules' too, goes through scripts/jest-global-aliases.js, which makes
 * the built-in globals it names locals of the module: looked up by name in Jest's vm context,
 * each cost ~240 ns (see that file).
 */
const transformer = '<rootDir>/scripts/jest-global-aliases.js';

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': [transformer, { diagnostics: false }],
    '^.+\\.[cm]?js$': transformer,
  },
  transformIgnorePatterns: [],
  setupFiles: ['reflect-metadata'],
  testTimeout: 60000,
};
