/**
 * Model stats (wins, losses, ties) kept per server process for the current data version. A
 * model's stats sum its cells of the counts table, which at a million verdicts means tens of
 * thousands of rows: asked for on every page of verdicts, that sum was the page's largest cost.
 * They change only with a write, and every write bumps the data version, so they are summed once
 * per model and version. The caller reads the version before asking (DataVersionReader), so the
 * stats it gets are never older than the data it saw.
 */
import type { Database } from '../db/client';
import { modelStatsByIds, type ModelStats } from './catalog';
import { mustGet } from '../domain/invariant';

export class ModelStatsCache {
  private version: number | null = null;
  private readonly byModel = new Map<number, Promise<ModelStats>>();

  /** Stats in the order of `ids`; one statement for the ids not yet known at this version. */
  async get(db: Database, version: number, ids: readonly number[]): Promise<ModelStats[]> {
    if (version !== this.version) {
      // A request that read an older version than another's gets fresh sums, not cached ones.
      if (this.version !== null && version < this.version) return modelStatsByIds(db, ids);
      this.version = version;
      this.byModel.clear();
    }
    const missing = [...new Set(ids.filter((id) => !this.byModel.has(id)))];
    if (missing.length > 0) {
      const summing = modelStatsByIds(db, missing);
      missing.forEach((id, i) => {
        const one = summing.then((stats) => stats[i]);
        // A failed sum is forgotten, so the next request tries again; this one sees the failure.
        one.catch(() => {
          if (this.byModel.get(id) === one) this.byModel.delete(id);
        });
        this.byModel.set(id, one);
      });
    }
    return Promise.all(ids.map((id) => mustGet(this.byModel, id, 'model stats')));
  }
}
