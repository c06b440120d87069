/**
 * The style-controllable verdicts of a slice, read once per data version and kept as compact
 * typed arrays (style-verdicts.ts), so every style-controlled leaderboard of that slice and version
 * (another interval method, seed, anchor or baseline) skips the read, which at a million verdicts
 * is most of a cold request. Bounded by bytes; a new version of the data replaces the old entries.
 */
import type { Database } from '../db/client';
import { compareCodePoints } from './code-point-order';
import { readStyleVerdicts, type StyleVerdicts } from './style-verdicts';
import type { VerdictFilter } from './verdict-filter';

export class StyleVerdictsCache {
  private version: number | null = null;
  private readonly entries = new Map<string, { verdicts: Promise<StyleVerdicts>; bytes: number }>();
  private bytes = 0;

  /** `maxBytes`: what the cached arrays may hold; default 256 MiB (about five million verdicts). */
  constructor(private readonly maxBytes = 256 * 1024 * 1024) {}

  async get(db: Database, filter: VerdictFilter, dataVersion: number): Promise<StyleVerdicts> {
    if (dataVersion !== this.version) {
      // A request that read an older version than another's reads afresh and caches nothing.
      if (this.version !== null && dataVersion < this.version) return readStyleVerdicts(db, filter);
      this.version = dataVersion;
      this.entries.clear();
      this.bytes = 0;
    }
    const key = filterKey(filter);
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.verdicts;
    }
    const reading = readStyleVerdicts(db, filter);
    const entry = { verdicts: reading, bytes: 0 };
    this.entries.set(key, entry);
    reading.then(
      (verdicts) => {
        if (this.entries.get(key) !== entry) return;
        entry.bytes = verdicts.byteLength;
        this.bytes += entry.bytes;
        for (const [other, held] of this.entries) {
          if (this.bytes <= this.maxBytes) break;
          if (other === key) continue;
          this.entries.delete(other);
          this.bytes -= held.bytes;
        }
      },
      () => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
    return reading;
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
