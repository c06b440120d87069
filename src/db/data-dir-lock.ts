/**
 * PGlite runs the database inside one process: two processes on the same data directory would each
 * keep their own state and could corrupt it. The first process to open a directory holds this
 * lock; another one (a CLI command while `verdicts serve` runs) is refused with a clear message.
 * A lock left by a process that no longer exists is taken over.
 */
import { openSync, closeSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

const LOCK_FILE = 'verdicts.lock';

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
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      // 'wx' fails when the file exists: creation is the atomic test-and-set.
      const fd = openSync(file, 'wx');
      writeFileSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner)) throw new DataDirectoryInUse(dataDir, owner);
      rmSync(file, { force: true });
    }
  }
  throw new Error(`could not lock ${file}; remove it if no Verdicts process uses ${dataDir}.`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
