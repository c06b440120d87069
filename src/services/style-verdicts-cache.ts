/**
 * The style-controllable verdicts of a slice, kept as compact typed arrays (style-verdicts.ts) and
 * carried from one data version to the next: every style-controlled leaderboard of that slice
 * (another interval method, seed, anchor or baseline, or the first one after a write) skips
 * re-reading it, which at a million verdicts is most of a cold request.
 *
 * When the versions since an entry was read only appended verdicts (DataChangeHistory, from every
 * process's commit notices), the entry reads just those and merges them in id order, the same rows
 * as a read from scratch; after any other write (a correction, a deletion, a prompt's new category
 * or tags, answers linked to stored verdicts), or when the history cannot tell, it reads the slice
 * afresh. Bounded by bytes; the least recently used slices go first.
 */
import type { Database } from '../db/client';
import { compareCodePoints } from './code-point-order';
import type { DataChangeHistory } from './data-change-history';
import { readStyleVerdicts, type StyleVerdicts } from './style-verdicts';
import type { VerdictFilter } from './verdict-filter';

interface Entry {
  version: number;
  verdicts: Promise<StyleVerdicts>;
  bytes: number;
}

/** Reads so far, by kind: for tests and the bench, which check the path taken. */
export interface StyleVerdictsReads {
  /** The whole slice read from the database. */
  full: number;
  /** Only the verdicts appended since the cached read. */
  appended: number;
}

export class StyleVerdictsCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  readonly reads: StyleVerdictsReads = { full: 0, appended: 0 };

  /**
   * `maxBytes`: what the cached arrays may hold; default 256 MiB (about five million verdicts).
   * Without `history` an entry serves its own version only, as nothing tells what changed since.
   */
  constructor(
    private readonly maxBytes = 256 * 1024 * 1024,
    private readonly history: Pick<DataChangeHistory, 'appendedBetween'> | null = null,
  ) {}

  async get(db: Database, filter: VerdictFilter, dataVersion: number): Promise<StyleVerdicts> {
    const key = filterKey(filter);
    const held = this.entries.get(key);
    if (held && held.version === dataVersion) {
      this.entries.delete(key);
      this.entries.set(key, held);
      return held.verdicts;
    }
    // A request that read an older version than the entry's reads afresh and caches nothing.
    if (held && held.version > dataVersion) return this.readAll(db, filter);
    const reading =
      held === undefined ? this.readAll(db, filter) : this.extend(db, filter, held, dataVersion);
    this.store(key, { version: dataVersion, verdicts: reading, bytes: 0 }, held);
    return reading;
  }

  /** The held entry's rows plus those appended up to `dataVersion`, or a fresh read. */
  private async extend(
    db: Database,
    filter: VerdictFilter,
    held: Entry,
    dataVersion: number,
  ): Promise<StyleVerdicts> {
    const appendedIds = await this.history?.appendedBetween(held.version, dataVersion);
    const base = await held.verdicts.catch(() => null);
    if (!appendedIds || base === null || appendedIds.length > Math.max(base.size / 2, 10_000))
      return this.readAll(db, filter);
    if (appendedIds.length === 0) return base;
    this.reads.appended += 1;
    return base.withAppended(await readStyleVerdicts(db, filter, appendedIds));
  }

  private readAll(db: Database, filter: VerdictFilter): Promise<StyleVerdicts> {
    this.reads.full += 1;
    return readStyleVerdicts(db, filter);
  }

  private store(key: string, entry: Entry, replaced: Entry | undefined): void {
    if (replaced) this.bytes -= replaced.bytes;
    this.entries.delete(key);
    this.entries.set(key, entry);
    entry.verdicts.then(
      (verdicts) => {
        if (this.entries.get(key) !== entry) return;
        entry.bytes = verdicts.byteLength;
        this.bytes += entry.bytes;
        for (const [other, cached] of this.entries) {
          if (this.bytes <= this.maxBytes) break;
          if (other === key) continue;
          this.entries.delete(other);
          this.bytes -= cached.bytes;
        }
      },
      () => {
        if (this.entries.get(key) !== entry) return;
        this.entries.delete(key);
        this.bytes -= entry.bytes;
      },
    );
  }
}

function filterKey(filter: VerdictFilter): string {
  const entries: [string, unknown][] = Object.entries(filter);
  return JSON.stringify(
    entries
      .filter(([, value]) => value !== undefined && value !== null)
      .map(([name, value]): [string, unknown] => [
        name,
        Array.isArray(value)
          ? (value as unknown[]).map(String).sort(compareCodePoints)
          : value instanceof Date
            ? value.toISOString()
            : value,
      ])
      .sort(([a], [b]) => compareCodePoints(String(a), String(b))),
  );
}
