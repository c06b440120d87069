/** Jest runs TypeScript through ts-jest in transpile-only mode; `npm test` type-checks first with tsc. */
const os = require('node:os');

module.exports = {
  // Jest's default (cores − 1) is one worker on a two-core machine, which leaves a core idle while
  // a test waits on its database, server or browser; at least two keep both busy (the suite waits
  // for conditions, never for time, so it holds on busy cores).
  maxWorkers: Math.max(2, os.availableParallelism() - 1),
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  setupFiles: ['reflect-metadata'],
  testTimeout: 60000,
};
