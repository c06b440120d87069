/**
 * `COPY <table> FROM …` inside an open Drizzle transaction, on either driver: node-postgres streams
 * the rows as COPY data (pg-copy-streams), PGlite reads them from the `/dev/blob` device that its
 * `query(…, { blob })` option provides. Both send the rows as one payload with no per-row round
 * trip and no parameter parsing, which is what makes COPY the fastest way in.
 */
import { once } from 'node:events';
import type { Transaction as PgliteTransaction } from '@electric-sql/pglite';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Transaction } from './client';

/** Copies `rows` (COPY text format, see copy-text.ts) into `table`'s `columns`. */
export async function copyIn(
  tx: Transaction,
  table: string,
  columns: readonly string[],
  rows: string,
): Promise<void> {
  const target = `${table} (${columns.join(', ')})`;
  const client = driverClient(tx);
  if (client instanceof Client) {
    const stream = client.query(copyFrom(`COPY ${target} FROM STDIN`));
    stream.end(rows);
    // 'finish' comes once the server has confirmed the COPY; a server error arrives as 'error'.
    await once(stream, 'finish');
    return;
  }
  if (isPgliteTransaction(client)) {
    await client.query(`COPY ${target} FROM '/dev/blob'`, [], { blob: new Blob([rows]) });
    return;
  }
  throw new TypeError(
    `copyIn needs a transaction of node-postgres or PGlite, but its client is ${describe(client)}.`,
  );
}

/**
 * The connection a Drizzle transaction runs on. Drizzle exposes the session (`tx._.session`) but
 * not its client, so this reads the field both drivers' sessions keep it in.
 */
function driverClient(tx: Transaction): unknown {
  const session: object = tx._.session;
  return 'client' in session ? session.client : undefined;
}

function isPgliteTransaction(client: unknown): client is PgliteTransaction {
  const candidate = client as Partial<PgliteTransaction> | null;
  return typeof candidate?.query === 'function' && typeof candidate.rollback === 'function';
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  return typeof value === 'object'
    ? `a ${value.constructor?.name ?? 'plain object'}`
    : typeof value;
}
