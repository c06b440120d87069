/**
 * How fresh the data are, for clients that follow them (the dashboard polls this): the data
 * version and when the most recently stored verdict was recorded. The time is read once per data
 * version and kept, so polling costs one indexed read only when something changed.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { queryRows } from '../db/rows';

export interface Freshness {
  version: number;
  lastRecordedAt: Date | null;
}

export class FreshnessReader {
  private known: { version: number; lastRecordedAt: Promise<Date | null> } | null = null;

  async read(db: Database, version: number): Promise<Freshness> {
    if (this.known?.version !== version)
      this.known = { version, lastRecordedAt: latestRecordedAt(db) };
    const known = this.known;
    try {
      return { version, lastRecordedAt: await known.lastRecordedAt };
    } catch (error) {
      if (this.known === known) this.known = null;
      throw error;
    }
  }
}

/** The newest id is the latest stored verdict; its primary key makes this one index probe. */
async function latestRecordedAt(db: Database): Promise<Date | null> {
  const [row] = await queryRows<{ recorded_at: string | Date }>(
    db,
    sql`SELECT recorded_at FROM verdicts ORDER BY id DESC LIMIT 1`,
  );
  return row ? new Date(row.recorded_at) : null;
}
