/**
 * A new PGlite database starts from a copy of a pre-initialised cluster instead of running initdb.
 * initdb inside the process costs ~3.5 s and lifts the process's peak RSS to ~800–900 MB (its
 * WebAssembly heap is never returned), and the first run of the migrations adds ~100 MB more.
 * The template is the cluster as initdb leaves it with the migrations in drizzle/ applied, cleanly
 * shut down, so it is keyed by the PGlite version and a digest of drizzle/: a template of other
 * migrations is never used. The migrations still run on top at every start, as for any database
 * (a no-op when the template is current).
 *
 * It comes in two forms, made from one cluster: a data directory, which a new data directory
 * copies file by file (no engine memory at all: the process peaks at what opening an existing
 * directory costs, ~380 MB), and an uncompressed tarball from `dumpDataDir` for in-memory
 * databases, which PGlite's `loadDataDir` unpacks (that route costs ~70 MB more for a data
 * directory, measured).
 *
 * `npm run build` writes it (scripts/build.js); a process that finds none falls back to initdb.
 */
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  openAsBlob,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { MIGRATIONS_FOLDER } from './migrate';

/** Beside the compiled code: `dist/` is two levels above this file in `src/db/` and `dist/db/`. */
export const TEMPLATE_DIRECTORY = path.resolve(__dirname, '..', '..', 'dist', 'pglite-template');

/** The installed PGlite's version: a template from another version is never loaded. */
function pgliteVersion(): string {
  // package.json is not in the package's exports; the entry point sits in its dist/.
  const entry = require.resolve('@electric-sql/pglite');
  const manifest = path.join(path.dirname(entry), '..', 'package.json');
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
  return version;
}

/** Every file under drizzle/ (SQL, journal, snapshots), by relative path, in code-point order. */
function migrationFiles(directory = MIGRATIONS_FOLDER): string[] {
  return readdirSync(directory, { withFileTypes: true })
    .flatMap((entry) => {
      const file = path.join(directory, entry.name);
      return entry.isDirectory() ? migrationFiles(file) : [file];
    })
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function migrationsDigest(): string {
  const hash = createHash('sha256');
  for (const file of migrationFiles()) {
    hash.update(`${path.relative(MIGRATIONS_FOLDER, file).split(path.sep).join('/')}\0`);
    hash.update(createHash('sha256').update(readFileSync(file)).digest());
  }
  return hash.digest('hex').slice(0, 16);
}

/** Where this PGlite version's template for the current drizzle/ lives (it may not exist). */
export function pgliteTemplate(): { directory: string; tarball: string } {
  const directory = path.join(
    TEMPLATE_DIRECTORY,
    `pglite-${pgliteVersion()}-migrations-${migrationsDigest()}`,
  );
  return { directory, tarball: `${directory}.tar` };
}

/**
 * The template's tarball for an in-memory database, as a Blob backed by the file; null when it
 * has not been built. The tarball is not compressed (40 MB against 4.7 MB gzipped) because every
 * in-memory database of the test suite opens it: gunzipping it took ~130 ms of each ~0.8 s open,
 * and a Blob copied from a Buffer is copied again when PGlite reads it. Opens measured in plain
 * Node, 5 in a row on a 2-core machine: ~800 ms (median) gunzipped into a Blob, ~600 ms from the
 * file. (Given a gzip file, PGlite itself first tries it as a plain tar, then unpacks it through
 * a web DecompressionStream, slower still.)
 */
export async function readPgliteTemplateTarball(): Promise<Blob | null> {
  try {
    return await openAsBlob(pgliteTemplate().tarball);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** The template as a data directory to copy, or null when it has not been built. */
export function pgliteTemplateDirectory(): string | null {
  const { directory } = pgliteTemplate();
  return existsSync(path.join(directory, 'PG_VERSION')) ? directory : null;
}

/**
 * Writes the template unless it exists; returns its directory. Both forms appear complete or not
 * at all (made under a draft name, then renamed), and templates of other keys are removed.
 */
export async function ensurePgliteTemplate(): Promise<string> {
  const { directory, tarball } = pgliteTemplate();
  if (existsSync(directory) && existsSync(tarball)) return directory;
  mkdirSync(TEMPLATE_DIRECTORY, { recursive: true });
  const draft = `${directory}.${process.pid}.draft`;
  rmSync(draft, { recursive: true, force: true });
  const database = await PGlite.create(draft);
  let dump: Blob;
  try {
    await migrate(drizzle({ client: database }), { migrationsFolder: MIGRATIONS_FOLDER });
    dump = await database.dumpDataDir('none');
  } finally {
    await database.close();
  }
  writeFileSync(`${draft}.tar`, Buffer.from(await dump.arrayBuffer()));
  for (const name of readdirSync(TEMPLATE_DIRECTORY)) {
    if (!name.startsWith(path.basename(draft)))
      rmSync(path.join(TEMPLATE_DIRECTORY, name), { recursive: true, force: true });
  }
  renameSync(`${draft}.tar`, tarball);
  renameSync(draft, directory);
  return directory;
}
