/**
 * New PGlite databases come from the pre-initialised template that `npm run build` writes
 * (src/db/pglite-template.ts), not from initdb, and the migrations still apply on top. A data
 * directory whose creation was interrupted is created again; a caller's own files are kept.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { openDatabase, type DatabaseHandle } from '../../src/db/client';
import { MIGRATIONS_FOLDER, migrateDatabase } from '../../src/db/migrate';
import { CREATION_MARKER } from '../../src/db/pglite-open';
import { queryRows } from '../../src/db/rows';
import { pgliteTemplateDirectory } from '../../src/db/pglite-template';

const MIGRATION_COUNT = (
  JSON.parse(readFileSync(path.join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as {
    entries: unknown[];
  }
).entries.length;

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'verdicts-template-'));
});
afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

async function open(directory: string): Promise<DatabaseHandle> {
  const database = await openDatabase({ databaseUrl: null, dataDir: directory });
  await migrateDatabase(database);
  return database;
}

async function appliedMigrations(database: DatabaseHandle): Promise<number> {
  const [{ count }] = await queryRows<{ count: number }>(
    database.db,
    sql`SELECT count(*)::int AS count FROM drizzle.__drizzle_migrations`,
  );
  return count;
}

async function modelNames(database: DatabaseHandle): Promise<string[]> {
  const rows = await queryRows<{ name: string }>(
    database.db,
    sql`SELECT name FROM models ORDER BY name`,
  );
  return rows.map((row) => row.name);
}

test('the build has written the template for this PGlite version and these migrations', () => {
  expect(pgliteTemplateDirectory()).not.toBeNull();
});

test('a new data directory is a copy of the migrated template and keeps its data across opens', async () => {
  const first = await open(dataDir);
  expect(first.pgliteOrigin).toBe('template');
  expect(await appliedMigrations(first)).toBe(MIGRATION_COUNT);
  await first.db.execute(sql`INSERT INTO models (name) VALUES ('gpt-4-0314')`);
  await first.close();
  expect(existsSync(path.join(dataDir, CREATION_MARKER))).toBe(false);

  const second = await open(dataDir);
  expect(second.pgliteOrigin).toBe('existing');
  expect(await modelNames(second)).toEqual(['gpt-4-0314']);
  await second.close();
});

test('an in-memory database is loaded from the template too', async () => {
  const database = await open('memory://');
  expect(database.pgliteOrigin).toBe('template');
  expect(await appliedMigrations(database)).toBe(MIGRATION_COUNT);
  expect(await modelNames(database)).toEqual([]);
  await database.close();
});

test('a directory holding other files but no database gets one beside them', async () => {
  writeFileSync(path.join(dataDir, 'notes.txt'), 'mine');
  const database = await open(dataDir);
  expect(database.pgliteOrigin).toBe('template');
  await database.close();
  expect(readFileSync(path.join(dataDir, 'notes.txt'), 'utf8')).toBe('mine');
});

test('a creation killed half-way is undone and done again, keeping what the directory held before', async () => {
  // What a process killed while copying leaves: the marker, the caller's file, part of a cluster
  // (PostgreSQL's mark among it, so without the marker it would pass for a database).
  writeFileSync(path.join(dataDir, 'notes.txt'), 'mine');
  writeFileSync(path.join(dataDir, CREATION_MARKER), JSON.stringify({ keep: ['notes.txt'] }));
  writeFileSync(path.join(dataDir, 'PG_VERSION'), '17\n');
  mkdirSync(path.join(dataDir, 'base', '1'), { recursive: true });
  writeFileSync(path.join(dataDir, 'base', '1', '1259'), 'half a page');

  const database = await open(dataDir);
  expect(database.pgliteOrigin).toBe('template');
  expect(await appliedMigrations(database)).toBe(MIGRATION_COUNT);
  expect(await modelNames(database)).toEqual([]);
  await database.close();
  expect(readFileSync(path.join(dataDir, 'notes.txt'), 'utf8')).toBe('mine');
  expect(readdirSync(dataDir)).not.toContain(CREATION_MARKER);
});
