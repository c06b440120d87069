/**
 * The embedded database's lock under a real race: 20 processes try to lock one data directory at
 * the same moment (each waits, ready, for one "go" line written to all of them at once), on a fresh
 * directory and on one holding the stale lock of a dead process. Exactly one wins each time.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const LOCK_MODULE = path.join(__dirname, '..', '..', 'dist', 'db', 'data-dir-lock.js');
const PROCESSES = 20;

// Locks when told to, reports, then holds the lock until its standard input closes.
const CONTENDER = `
const { lockDataDirectory } = require(${JSON.stringify(LOCK_MODULE)});
process.stdout.write('ready\\n');
process.stdin.once('data', () => {
  let result;
  try { lockDataDirectory(process.argv[1]); result = 'locked'; }
  catch (error) { result = error.name === 'DataDirectoryInUse' ? 'in-use' : 'error ' + error.message; }
  process.stdout.write(result + '\\n');
  process.stdin.resume();
  process.stdin.on('end', () => process.exit(0));
});
`;

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'verdicts-lock-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

function contender(): {
  child: ChildProcessWithoutNullStreams;
  lines: string[];
  next(): Promise<string>;
} {
  const child = spawn(process.execPath, ['-e', CONTENDER, dataDir]);
  const lines: string[] = [];
  let buffered = '';
  const waiting: ((line: string) => void)[] = [];
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    for (let end = buffered.indexOf('\n'); end !== -1; end = buffered.indexOf('\n')) {
      const line = buffered.slice(0, end);
      buffered = buffered.slice(end + 1);
      const waiter = waiting.shift();
      if (waiter) waiter(line);
      else lines.push(line);
    }
  });
  return {
    child,
    lines,
    next: () =>
      lines.length > 0
        ? Promise.resolve(lines.shift() as string)
        : new Promise((resolve) => waiting.push(resolve)),
  };
}

async function race(): Promise<string[]> {
  const contenders = Array.from({ length: PROCESSES }, contender);
  try {
    expect(await Promise.all(contenders.map((c) => c.next()))).toEqual(
      Array(PROCESSES).fill('ready'),
    );
    for (const c of contenders) c.child.stdin.write('go\n');
    return await Promise.all(contenders.map((c) => c.next()));
  } finally {
    for (const c of contenders) c.child.stdin.end();
    await Promise.all(
      contenders.map((c) =>
        c.child.exitCode === null ? once(c.child, 'exit') : Promise.resolve(),
      ),
    );
  }
}

function tally(results: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const result of results) counts[result] = (counts[result] ?? 0) + 1;
  return counts;
}

test('20 processes locking one fresh directory at once: exactly one wins', async () => {
  expect(tally(await race())).toEqual({ locked: 1, 'in-use': PROCESSES - 1 });
  // The winner released the lock when it exited.
  await expect(readFile(path.join(dataDir, 'verdicts.lock'))).rejects.toThrow(/ENOENT/);
}, 60_000);

test('20 processes finding the stale lock of a dead process: exactly one takes it over', async () => {
  const dead = spawn(process.execPath, ['-e', '']);
  await once(dead, 'exit');
  await writeFile(path.join(dataDir, 'verdicts.lock'), `${dead.pid}\n`);
  expect(tally(await race())).toEqual({ locked: 1, 'in-use': PROCESSES - 1 });
}, 60_000);
