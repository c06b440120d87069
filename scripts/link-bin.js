#!/usr/bin/env node
/**
 * Links the `verdicts` command into node_modules/.bin (npm install's prepare), so that `npx
 * verdicts` in a checkout runs bin/verdicts.js directly.
 *
 * Why not package.json's `bin`: npm 11's `npx <name>` treats a name that the project's own `bin`
 * declares as "self-execution" and installs the project into its npx cache (~/.npm/_npx/<hash>)
 * to get a bin link there, then reads that cache's whole tree on every call: 16.8 s on the first
 * call of a new checkout, ~1.5 s of CPU on each later one, and an error for good when an earlier
 * such install was cut short (the cache holds the link but no package.json). A command found in
 * node_modules/.bin is run at once. The project is private (never published), so the `bin` field
 * served only this.
 */
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const TARGET = path.join('..', '..', 'bin', 'verdicts.js');
const LINK = path.join(ROOT, 'node_modules', '.bin', 'verdicts');

fs.mkdirSync(path.dirname(LINK), { recursive: true });
fs.chmodSync(path.join(ROOT, 'bin', 'verdicts.js'), 0o755);
let current = null;
try {
  current = fs.readlinkSync(LINK);
} catch {
  // missing, or a plain file: replaced below
}
if (current !== TARGET) {
  fs.rmSync(LINK, { force: true });
  try {
    fs.symlinkSync(TARGET, LINK);
  } catch (error) {
    // Symbolic links can be refused (Windows without developer mode): say so, keep installing.
    console.warn(
      `link-bin: could not link ${LINK} -> ${TARGET} (${error.code}); ` +
        'run the CLI with `npm run verdicts -- <command>` instead of `npx verdicts`',
    );
  }
}
