/**
 * `npx verdicts` in a checkout runs the project's own command from node_modules/.bin (linked by
 * scripts/link-bin.js at npm install), never an install of the project into npm's npx cache: that
 * install is what made a new user's first call take ~17 s and every later one read the cache's
 * whole tree, and a cut-short one broke the command for good.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { copyFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const LINK_SCRIPT = path.join(ROOT, 'scripts', 'link-bin.js');

let scratch: string;
beforeEach(() => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'verdicts-npx-'));
});
afterEach(() => rmSync(scratch, { recursive: true, force: true }));

test('npx verdicts runs the checkout’s command and leaves npm’s npx cache empty', () => {
  const cache = path.join(scratch, 'npm-cache');
  const run = spawnSync('npx', ['verdicts', '--help'], {
    cwd: ROOT,
    encoding: 'utf8',
    // A fresh cache: an install into it would show as its _npx folder. Offline: nothing to fetch.
    env: { ...process.env, npm_config_cache: cache, npm_config_offline: 'true' },
  });
  expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
  expect(run.stdout).toContain('Usage: verdicts <command>');
  expect(existsSync(path.join(cache, '_npx'))).toBe(false);
});

describe('scripts/link-bin.js', () => {
  function project(): string {
    mkdirSync(path.join(scratch, 'scripts'));
    mkdirSync(path.join(scratch, 'bin'));
    copyFileSync(LINK_SCRIPT, path.join(scratch, 'scripts', 'link-bin.js'));
    writeFileSync(path.join(scratch, 'bin', 'verdicts.js'), '#!/usr/bin/env node\n');
    return path.join(scratch, 'node_modules', '.bin', 'verdicts');
  }
  const link = () =>
    spawnSync(process.execPath, [path.join(scratch, 'scripts', 'link-bin.js')], {
      encoding: 'utf8',
    });

  test('links node_modules/.bin/verdicts to bin/verdicts.js, creating the folder', () => {
    const bin = project();
    expect(link().status).toBe(0);
    expect(readlinkSync(bin)).toBe(path.join('..', '..', 'bin', 'verdicts.js'));
  });

  test('replaces a stale file or link in its place, and a second run changes nothing', () => {
    const bin = project();
    mkdirSync(path.dirname(bin), { recursive: true });
    writeFileSync(bin, 'an old shim\n');
    expect(link().status).toBe(0);
    expect(link().status).toBe(0);
    expect(readlinkSync(bin)).toBe(path.join('..', '..', 'bin', 'verdicts.js'));
  });
});
