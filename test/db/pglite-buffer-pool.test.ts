/**
 * Which PGlite databases get the small 32 MB buffer pool (src/db/pglite-open.ts): in-memory ones
 * and short-lived commands, which open faster with it; the server and bulk-writing commands keep
 * PostgreSQL's default 128 MB.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { openMigratedDatabase } from '../../src/cli/database';
import { loadConfig } from '../../src/config';
import { openDatabase, type DatabaseHandle } from '../../src/db/client';
import { queryRows } from '../../src/db/rows';

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'verdicts-buffers-'));
});
afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

async function sharedBuffers(database: DatabaseHandle): Promise<string> {
  try {
    const [row] = await queryRows<{ shared_buffers: string }>(
      database.db,
      sql`SHOW shared_buffers`,
    );
    return row.shared_buffers;
  } finally {
    await database.close();
  }
}

const config = () => ({ ...loadConfig({}), dataDir });

test('an in-memory database has the small pool', async () => {
  expect(await sharedBuffers(await openDatabase({ databaseUrl: null, dataDir: 'memory://' }))).toBe(
    '32MB',
  );
});

test('a data directory keeps the default pool unless the small one is asked for', async () => {
  expect(await sharedBuffers(await openDatabase({ databaseUrl: null, dataDir }))).toBe('128MB');
  expect(
    await sharedBuffers(
      await openDatabase({ databaseUrl: null, dataDir, pgliteSmallBufferPool: true }),
    ),
  ).toBe('32MB');
});

test('short-lived commands open with the small pool; the server, import and demo with the default', async () => {
  const pools: Record<string, string> = {};
  for (const name of ['leaderboard', 'keys', 'migrate', 'import', 'demo'])
    pools[name] = await sharedBuffers(
      await openMigratedDatabase(config(), { name, whileServed: 'stop the server' }),
    );
  pools.serve = await sharedBuffers(await openMigratedDatabase(config()));
  expect(pools).toEqual({
    leaderboard: '32MB',
    keys: '32MB',
    migrate: '32MB',
    import: '128MB',
    demo: '128MB',
    serve: '128MB',
  });
});
