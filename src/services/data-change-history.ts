/**
 * What each recent data version changed, as heard from every process's commits (DataChanges):
 * the verdicts it appended, or that it rewrote stored ones. A cache holding a slice's verdicts at
 * version V asks `appendedBetween(V, W)`: the verdicts inserted since, when inserts are all that
 * happened, else null and the cache reads afresh.
 *
 * Versions are consecutive (each write transaction adds one in its last statement, and a rollback
 * adds none), so a version not heard yet is one whose notice is still on its way: the caller waits
 * for it, up to `noticeWaitMs`, then gives up (null). A version missed while the listener was
 * disconnected, or forgotten to stay within bounds, counts as rewritten.
 */
import type { DataChange, DataChanges } from './data-changes';

/** Versions remembered; an older one counts as unknown. */
const MAX_VERSIONS = 10_000;
/** Appended ids remembered across those versions (8 bytes each in the arrays, plus the map). */
const MAX_IDS = 2_000_000;

type Heard = { kind: 'appended'; ids: number[] } | { kind: 'rewritten' };

export class DataChangeHistory {
  private readonly heard = new Map<number, Heard>();
  private heardIds = 0;
  /** Every version up to this one that is not in `heard` is unknown. */
  private unknownThrough = 0;
  private waiters: { version: number; wake: () => void }[] = [];
  private readonly stop: () => void;

  constructor(
    changes: Pick<DataChanges, 'observe'>,
    private readonly noticeWaitMs = 1000,
  ) {
    this.stop = changes.observe((change) => this.record(change));
  }

  close(): void {
    this.stop();
    for (const waiter of this.waiters) waiter.wake();
    this.waiters = [];
  }

  /**
   * The ids of the verdicts versions `from`+1 … `to` appended, in ascending order; null when any
   * of them rewrote stored verdicts or is unknown.
   */
  async appendedBetween(from: number, to: number): Promise<number[] | null> {
    if (to - from > MAX_VERSIONS) return null;
    const ids: number[] = [];
    for (let version = from + 1; version <= to; version += 1) {
      let heard = this.heard.get(version);
      if (heard === undefined && version > this.unknownThrough) {
        await this.waitFor(version);
        heard = this.heard.get(version);
      }
      if (heard === undefined || heard.kind === 'rewritten') return null;
      for (const id of heard.ids) ids.push(id);
    }
    return ids.sort((a, b) => a - b);
  }

  private record(change: DataChange): void {
    if (change.recordedVerdictIds === null) {
      // Heard after a reconnect: what committed meanwhile is unknown.
      this.unknownThrough = Math.max(this.unknownThrough, change.version);
    } else if (change.kind === 'appended') {
      this.heard.set(change.version, { kind: 'appended', ids: change.recordedVerdictIds });
      this.heardIds += change.recordedVerdictIds.length;
    } else {
      this.heard.set(change.version, { kind: 'rewritten' });
    }
    this.forgetOldest(change.version);
    const woken = this.waiters.filter(
      (waiter) => this.heard.has(waiter.version) || waiter.version <= this.unknownThrough,
    );
    this.waiters = this.waiters.filter((waiter) => !woken.includes(waiter));
    for (const waiter of woken) waiter.wake();
  }

  private forgetOldest(latest: number): void {
    // Map order is insertion order, which is (nearly) version order.
    for (const [version, heard] of this.heard) {
      if (version > latest - MAX_VERSIONS && this.heardIds <= MAX_IDS) break;
      this.heard.delete(version);
      if (heard.kind === 'appended') this.heardIds -= heard.ids.length;
      this.unknownThrough = Math.max(this.unknownThrough, version);
    }
  }

  private waitFor(version: number): Promise<void> {
    return new Promise((resolve) => {
      const waiter = {
        version,
        wake: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      // The notice of a committed version is normally heard within milliseconds; past the
      // bound the caller reads afresh instead (a lost listener must not stall requests).
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((other) => other !== waiter);
        resolve();
      }, this.noticeWaitMs);
      timer.unref();
      this.waiters.push(waiter);
    });
  }
}
