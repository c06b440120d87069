/**
 * Leaderboards cached per server process, keyed by the request and the database's data version.
 * Every write transaction bumps the version (verdict-count-maintenance.ts), so a cached answer is
 * only ever served for the data it was computed on, whichever process wrote. The caller reads the
 * version (DataVersionReader) before the data, so a write landing mid-computation can only make an
 * entry unreachable, never stale. Identical requests in flight share one computation.
 */
import type { Database } from '../db/client';
import { computeLeaderboard, type Leaderboard } from './leaderboard';
import type { LeaderboardRequest } from './leaderboard-request';
import { compareCodePoints } from './code-point-order';
import type { DataChangeHistory } from './data-change-history';
import { StyleVerdictsCache } from './style-verdicts-cache';
import { IN_PROCESS_RATINGS, type RatingRunner } from './rating-task';

export class LeaderboardCache {
  private readonly entries = new Map<
    string,
    { leaderboard: Promise<Leaderboard>; bytes: number }
  >();
  private bytes = 0;
  readonly styleVerdicts: StyleVerdictsCache;

  /**
   * `maxBytes`: the estimated memory (leaderboard-footprint.ts) the cached boards may hold; default
   * 64 MiB. `history` lets the style-controlled slices follow appends (style-verdicts-cache.ts).
   * `ratings` runs the fits: the server passes its worker threads (rating-workers.ts).
   */
  constructor(
    private readonly maxBytes = 64 * 1024 * 1024,
    readonly history: DataChangeHistory | null = null,
    private readonly ratings: RatingRunner = IN_PROCESS_RATINGS,
  ) {
    this.styleVerdicts = new StyleVerdictsCache(undefined, history);
  }

  async get(
    db: Database,
    request: LeaderboardRequest,
    dataVersion: number,
  ): Promise<{ leaderboard: Leaderboard; cached: boolean }> {
    const key = `${dataVersion}:${requestKey(request)}`;
    const hit = this.entries.get(key);
    if (hit) {
      // Most recently used goes last; the first entry is the one to evict.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return { leaderboard: await hit.leaderboard, cached: true };
    }
    const computing = computeLeaderboard(db, request, {
      styleVerdicts: (database, filter) => this.styleVerdicts.get(database, filter, dataVersion),
      ratings: this.ratings,
    });
    // Charged its key until computed, then its estimated footprint.
    const entry = { leaderboard: computing, bytes: 2 * key.length };
    this.entries.set(key, entry);
    this.bytes += entry.bytes;
    computing.then(
      (leaderboard) => {
        if (this.entries.get(key) !== entry) return;
        this.bytes += leaderboard.footprintBytes;
        entry.bytes += leaderboard.footprintBytes;
        this.evict(key);
      },
      () => this.remove(key, entry),
    );
    return { leaderboard: await computing, cached: false };
  }

  get size(): number {
    return this.entries.size;
  }

  /** Estimated bytes held by the cached leaderboards. */
  get byteSize(): number {
    return this.bytes;
  }

  /** Oldest first until under the bound; the entry just computed stays even if alone it is larger. */
  private evict(keep: string): void {
    for (const [key, entry] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      if (key !== keep) this.remove(key, entry);
    }
  }

  private remove(key: string, entry: { bytes: number }): void {
    if (this.entries.get(key) !== entry) return;
    this.entries.delete(key);
    this.bytes -= entry.bytes;
  }
}

/** The request with list filters sorted, so that `[a, b]` and `[b, a]` share an entry. */
function requestKey(request: LeaderboardRequest): string {
  const filterEntries: [string, unknown][] = Object.entries(request.filter);
  const filter: Record<string, unknown> = Object.fromEntries(
    filterEntries
      .filter(([, value]) => value !== undefined && value !== null)
      .map(([name, value]): [string, unknown] => [
        name,
        Array.isArray(value)
          ? (value as unknown[]).map(String).sort(compareCodePoints)
          : value instanceof Date
            ? value.toISOString()
            : value,
      ])
      .sort(([a], [b]) => compareCodePoints(a, b)),
  );
  const requestEntries: [string, unknown][] = Object.entries({ ...request, filter: undefined });
  const rest: Record<string, unknown> = Object.fromEntries(
    requestEntries
      .filter(([, value]) => value !== undefined && value !== null)
      .sort(([a], [b]) => compareCodePoints(a, b)),
  );
  return JSON.stringify({ filter, ...rest });
}
