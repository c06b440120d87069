/**
 * scripts/build.js skips a build whose inputs have not changed (npm start, npm test), and rebuilds
 * when any input's content changes, an output is missing or the last build failed. It runs for
 * real in a scratch project whose compilers are stand-ins: `tsc` and `vite` write their outputs
 * and log each run, so the test sees exactly when a build happened.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync } from 'node:fs';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const BUILD_SCRIPT = path.join(__dirname, '..', '..', 'scripts', 'build.js');

// A stand-in tool: logs its name, writes the given outputs, fails when BUILD_FAIL names it.
const tool = (name: string, outputs: Record<string, string>) => `
const fs = require('node:fs');
const path = require('node:path');
const root = process.cwd();
fs.appendFileSync(path.join(root, 'build-log'), '${name}\\n');
if (process.env.BUILD_FAIL === '${name}') process.exit(1);
for (const [file, text] of Object.entries(${JSON.stringify(outputs)})) {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), text);
}
`;

const TEMPLATE_MODULE = `
const fs = require('node:fs');
const path = require('node:path');
exports.ensurePgliteTemplate = async () => {
  const dir = path.join(__dirname, '..', 'pglite-template', 'cluster');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
};
`;

let root: string;

function write(file: string, text: string): void {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
}

function build(mode?: '--if-stale' | '--check', env: Record<string, string> = {}) {
  const result = spawnSync(
    process.execPath,
    [path.join(root, 'scripts', 'build.js'), ...(mode ? [mode] : [])],
    {
      cwd: root,
      env: { ...process.env, ...env },
      encoding: 'utf8',
    },
  );
  return { status: result.status, output: result.stdout + result.stderr };
}

/** How many times the stand-in TypeScript compiler has run. */
function compilations(): number {
  try {
    return readFileSync(path.join(root, 'build-log'), 'utf8')
      .split('\n')
      .filter((line) => line === 'tsc').length;
  } catch {
    return 0;
  }
}

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'verdicts-build-'));
  mkdirSync(path.join(root, 'scripts'));
  copyFileSync(BUILD_SCRIPT, path.join(root, 'scripts', 'build.js'));
  write('package.json', '{"name":"scratch"}');
  write('tsconfig.json', '{}');
  write('src/main.ts', 'export const a = 1;\n');
  write('web/index.html', '<!doctype html>\n');
  write('drizzle/0000_initial.sql', 'CREATE TABLE t (id int);\n');
  write('node_modules/typescript/package.json', '{"name":"typescript","bin":{"tsc":"./bin/tsc"}}');
  write(
    'node_modules/typescript/bin/tsc',
    tool('tsc', { 'dist/main.js': '', 'dist/db/pglite-template.js': TEMPLATE_MODULE }),
  );
  write('node_modules/vite/package.json', '{"name":"vite","bin":{"vite":"bin/vite.js"}}');
  write(
    'node_modules/vite/bin/vite.js',
    tool('vite', { 'web/dist/index.html': '', 'web/dist/graphiql.html': '' }),
  );
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

test('a build whose inputs are unchanged is skipped', () => {
  expect(build('--check')).toEqual({
    status: 1,
    output: expect.stringContaining('no build stamp'),
  });
  expect(build('--if-stale').status).toBe(0);
  expect(compilations()).toBe(1);
  expect(build('--check')).toEqual({ status: 0, output: 'build is up to date\n' });
  expect(build('--if-stale')).toEqual({ status: 0, output: '' });
  expect(compilations()).toBe(1);
});

test('a changed, added or removed input, in any input folder, rebuilds', () => {
  expect(build().status).toBe(0);
  const edits = [
    () => write('src/main.ts', 'export const a = 2;\n'),
    () => write('web/src/app.tsx', 'export {};\n'),
    () => write('drizzle/0001_next.sql', 'ALTER TABLE t ADD b int;\n'),
    () => rmSync(path.join(root, 'src', 'main.ts')),
    () => write('package.json', '{"name":"scratch","version":"2"}'),
  ];
  for (const [index, edit] of edits.entries()) {
    edit();
    expect(build('--check')).toEqual({
      status: 1,
      output: expect.stringContaining('sources changed'),
    });
    expect(build('--if-stale').status).toBe(0);
    expect(compilations()).toBe(index + 2);
  }
});

test('a new modification time with the same content does not rebuild, and outputs do not count as inputs', () => {
  expect(build().status).toBe(0);
  const past = new Date('2001-01-01T00:00:00Z');
  utimesSync(path.join(root, 'src', 'main.ts'), past, past);
  write('web/dist/extra.js', 'built output');
  expect(build('--if-stale')).toEqual({ status: 0, output: '' });
  expect(compilations()).toBe(1);
});

test('a missing output rebuilds', () => {
  expect(build().status).toBe(0);
  rmSync(path.join(root, 'web', 'dist'), { recursive: true });
  expect(build('--check')).toEqual({
    status: 1,
    output: expect.stringContaining('web/dist/index.html is missing'),
  });
  expect(build('--if-stale').status).toBe(0);
  expect(compilations()).toBe(2);
  rmSync(path.join(root, 'dist', 'pglite-template'), { recursive: true });
  expect(build('--check').output).toContain('dist/pglite-template/cluster is missing');
});

test('a failed build leaves no stamp, so the next start builds again', () => {
  expect(build().status).toBe(0);
  write('src/main.ts', 'export const a = 3;\n');
  const failed = build('--if-stale', { BUILD_FAIL: 'vite' });
  expect(failed.status).toBe(2);
  expect(failed.output).toContain('build: vite build web --logLevel warn failed (exit 1)');
  expect(build('--check').output).toContain('no build stamp');
  expect(build('--if-stale').status).toBe(0);
  expect(build('--check').status).toBe(0);
});

test('an unknown option is refused', () => {
  expect(build('--force' as '--check')).toEqual({
    status: 2,
    output: 'usage: node scripts/build.js [--if-stale | --check]; received --force\n',
  });
});
