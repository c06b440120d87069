/**
 * PGlite runs the database inside one process: two processes on the same data directory would each
 * keep their own state and could corrupt it. The first process to open a directory holds this
 * lock; another one (a CLI command while `verdicts serve` runs) is refused with a clear message.
 * A lock left by a process that no longer exists is taken over at once.
 *
 * The lock file appears complete or not at all: its content (owner pid and a random token) is
 * written to a private file first and then hard-linked to the lock's name, and link(2) fails when
 * the name exists. Taking over a stale lock happens under a second, short-lived lock file
 * (`verdicts.lock.takeover`, created the same way) and removes the stale file only if it still
 * holds the content that was judged stale, so two processes that both find a dead owner cannot
 * both win: one removes it and links its own, the other then finds a live owner.
 */
import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const LOCK_FILE = 'verdicts.lock';
const TAKEOVER_FILE = 'verdicts.lock.takeover';
/** A takeover lock is held for microseconds; one this old belongs to a process that died in it. */
const STALE_TAKEOVER_MS = 2000;
const ATTEMPTS = 200;

export class DataDirectoryInUse extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `the embedded database in ${dataDir} is in use by process ${pid} (a running \`verdicts serve\` or another command). ` +
        'Stop it first, use its GraphQL API (e.g. createApiKey), or share a PostgreSQL server between processes with DATABASE_URL.',
    );
    this.name = 'DataDirectoryInUse';
  }
}

export function lockDataDirectory(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE);
  const content = `${process.pid}\n${randomBytes(8).toString('hex')}\n`;
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    if (createComplete(file, content)) {
      const release = () => {
        // Only our own lock: never one another process has taken over meanwhile.
        if (readIfExists(file) === content) rmSync(file, { force: true });
        process.removeListener('exit', release);
      };
      // A process that exits without closing (a closed pipe, say) leaves no lock behind.
      process.on('exit', release);
      return release;
    }
    const seen = readIfExists(file);
    if (seen === null) continue; // released meanwhile: try again
    const owner = ownerPid(seen);
    if (owner !== null && owner !== process.pid && isAlive(owner))
      throw new DataDirectoryInUse(dataDir, owner);
    removeIfStill(dataDir, file, seen);
  }
  throw new Error(`could not lock ${file}; remove it if no Verdicts process uses ${dataDir}.`);
}

/** Creates `file` holding `content`, atomically; false when it already exists. */
function createComplete(file: string, content: string): boolean {
  const draft = `${file}.${process.pid}.${randomBytes(6).toString('hex')}`;
  writeFileSync(draft, content, { flag: 'wx' });
  try {
    linkSync(draft, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    rmSync(draft, { force: true });
  }
}

/** Removes a stale lock, under the takeover lock, if it still holds what was judged stale. */
function removeIfStill(dataDir: string, file: string, stale: string): void {
  const takeover = path.join(dataDir, TAKEOVER_FILE);
  if (!createComplete(takeover, `${process.pid}\n`)) {
    try {
      if (Date.now() - statSync(takeover).mtimeMs > STALE_TAKEOVER_MS)
        rmSync(takeover, { force: true });
    } catch {
      // Released meanwhile.
    }
    pause(5);
    return;
  }
  try {
    if (readIfExists(file) === stale) rmSync(file, { force: true });
  } finally {
    rmSync(takeover, { force: true });
  }
}

function readIfExists(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** The first line is the owner's pid (older versions wrote only that). */
function ownerPid(content: string): number | null {
  const pid = Number(content.split('\n')[0].trim());
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Opening a database is synchronous here; a few milliseconds' wait between attempts. */
function pause(milliseconds: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, milliseconds);
}
