/**
 * Opens PGlite in memory or on a data directory, creating a new database from the template
 * (pglite-template.ts) when there is none yet: in memory from its tarball, on disk by copying
 * its data directory.
 *
 * Creating a data directory writes ~40 MB of files; a process killed meanwhile must not leave a
 * directory that looks like a database but is not one. So a marker file is written first, naming
 * what the directory held before (a caller's own files, say), and removed once PGlite has opened
 * the new cluster. A directory that still has the marker is a creation that did not finish: what
 * it wrote is removed and the creation starts again. No verdict can be lost that way, since the
 * migrations, and so any write, run only after the marker is gone.
 */
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pgliteTemplateDirectory, readPgliteTemplateTarball } from './pglite-template';

export const CREATION_MARKER = 'verdicts-creating-database.json';
/** PostgreSQL's own mark of a data directory (initdb writes it; PGlite looks for it). */
const CLUSTER_MARK = 'PG_VERSION';
/** The data-directory lock (data-dir-lock.ts) and its drafts are not the database's files. */
const isLockFile = (name: string) => name.startsWith('verdicts.lock');

export type PgliteOrigin = 'template' | 'initdb' | 'existing';

export interface OpenedPglite {
  client: PGlite;
  /** How the database came to be: loaded from the template, made by initdb, or already there. */
  origin: PgliteOrigin;
}

/**
 * Zeroing PostgreSQL's default 128 MB buffer pool is most of what starting the engine costs. A
 * 32 MB pool opens a database in ~0.7 s instead of ~1.0 s in memory, ~0.25 s instead of ~0.6 s on
 * a data directory (measured). An in-memory database's pages already live in the JS heap, so a
 * large pool would only hold a second copy; a short-lived command starts with an empty pool and
 * reads most pages once (scans of large tables use a small ring anyway), so it gains little
 * from one. The server and bulk imports keep the default.
 */
const SMALL_POOL_START_PARAMS = [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB'];

export async function openPgliteInMemory(useTemplate = true): Promise<OpenedPglite> {
  const template = useTemplate ? await readPgliteTemplateTarball() : null;
  const startParams = SMALL_POOL_START_PARAMS;
  if (template === null) return { client: await PGlite.create({ startParams }), origin: 'initdb' };
  return {
    client: await PGlite.create({ loadDataDir: template, startParams }),
    origin: 'template',
  };
}

export async function openPgliteDirectory(
  dataDir: string,
  useTemplate = true,
  smallBufferPool = false,
): Promise<OpenedPglite> {
  const options = smallBufferPool ? { startParams: SMALL_POOL_START_PARAMS } : {};
  const before = readdirSync(dataDir).filter((name) => !isLockFile(name));
  let kept = before;
  if (before.includes(CREATION_MARKER)) kept = undoUnfinishedCreation(dataDir);
  else if (before.includes(CLUSTER_MARK))
    return { client: await PGlite.create(dataDir, options), origin: 'existing' };

  writeFileSync(path.join(dataDir, CREATION_MARKER), JSON.stringify({ keep: kept }));
  const template = useTemplate ? pgliteTemplateDirectory() : null;
  if (template !== null) copyCluster(template, dataDir);
  const client = await PGlite.create(dataDir, options);
  rmSync(path.join(dataDir, CREATION_MARKER), { force: true });
  return { client, origin: template === null ? 'initdb' : 'template' };
}

/** Copies the template's files into the directory, PostgreSQL's mark of a cluster last. */
function copyCluster(template: string, dataDir: string): void {
  const names = readdirSync(template).sort(
    (a, b) => Number(a === CLUSTER_MARK) - Number(b === CLUSTER_MARK),
  );
  for (const name of names)
    cpSync(path.join(template, name), path.join(dataDir, name), { recursive: true });
}

/** Removes what an interrupted creation wrote; returns the names the directory held before it. */
function undoUnfinishedCreation(dataDir: string): string[] {
  const marker = JSON.parse(readFileSync(path.join(dataDir, CREATION_MARKER), 'utf8')) as {
    keep?: unknown;
  };
  const keep = Array.isArray(marker.keep) ? marker.keep.map(String) : [];
  for (const name of readdirSync(dataDir)) {
    if (isLockFile(name) || name === CREATION_MARKER || keep.includes(name)) continue;
    rmSync(path.join(dataDir, name), { recursive: true, force: true });
  }
  return keep;
}
