/**
 * The data changes this server process hears of, from any process: every committed write
 * transaction's NOTIFY (data-change-notice.ts), turned into one `DataChange` per transaction for
 * the subscriptions. After a lost database connection the listener is back, and the data version
 * is read again: if it moved, a change with unknown contents (`recordedVerdictIds: null`) is
 * announced, so nothing that committed meanwhile goes unnoticed.
 */
import type { DatabaseHandle } from '../db/client';
import type { ReconnectBackoff, NotificationListener } from '../db/notification-listener';
import {
  DATA_CHANGE_CHANNEL,
  parseDataChangeNotice,
  type DataChangeKind,
} from './data-change-notice';
import { readDataVersion } from './verdict-count-maintenance';

const CATCH_UP_RETRY_MS = 1000;

export interface DataChange {
  /** The data version the transaction committed (or the one found after a reconnect). */
  version: number;
  /** Verdicts the transaction inserted; null when they are unknown (missed while disconnected). */
  recordedVerdictIds: number[] | null;
  /** `appended` only when the inserts above are all the transaction changed (never after a reconnect). */
  kind: DataChangeKind;
  /**
   * Work shared by every subscriber woken by this change (the same filter's rows, say); it goes
   * when the change does.
   */
  shared: Map<string, Promise<unknown>>;
}

export type DataChangeListener = (change: DataChange) => void;

export class DataChanges {
  private readonly listeners = new Set<DataChangeListener>();
  /** Listeners inside the server (caches), told first and not counted as subscribers. */
  private readonly observers = new Set<DataChangeListener>();
  /** Parts of multi-part notices, by version, until the last one arrives. */
  private readonly assembling = new Map<number, { parts: number; ids: number[][] }>();
  private listener: NotificationListener | null = null;
  private latest = 0;

  private constructor(private readonly database: DatabaseHandle) {}

  /** Listens first, then reads the version: a commit in between is then heard, not missed. */
  static async start(database: DatabaseHandle, backoff?: ReconnectBackoff): Promise<DataChanges> {
    const changes = new DataChanges(database);
    changes.listener = await database.listen(
      DATA_CHANGE_CHANNEL,
      {
        onNotification: (payload) => changes.heard(payload),
        onReconnected: () => void changes.catchUp(),
      },
      backoff,
    );
    changes.latest = await readDataVersion(database.db);
    return changes;
  }

  /** Returns the function that stops listening. */
  subscribe(listener: DataChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Like `subscribe`, for the server's own caches (DataChangeHistory): not a subscriber. */
  observe(listener: DataChangeListener): () => void {
    this.observers.add(listener);
    return () => this.observers.delete(listener);
  }

  get subscriberCount(): number {
    return this.listeners.size;
  }

  async close(): Promise<void> {
    this.listeners.clear();
    this.observers.clear();
    await this.listener?.close();
    this.listener = null;
  }

  private heard(payload: string): void {
    const notice = parseDataChangeNotice(payload);
    if (notice === null) return;
    let ids = [notice.recordedVerdictIds];
    if (notice.parts > 1) {
      const entry = this.assembling.get(notice.version) ?? { parts: notice.parts, ids: [] };
      entry.ids.push(notice.recordedVerdictIds);
      if (entry.ids.length < entry.parts) {
        this.assembling.set(notice.version, entry);
        return;
      }
      this.assembling.delete(notice.version);
      ids = entry.ids;
    }
    this.announce(notice.version, ids.flat(), notice.kind);
  }

  private async catchUp(): Promise<void> {
    // Parts of a transaction arrive together; any left half-assembled were cut off.
    this.assembling.clear();
    let version: number;
    try {
      version = await readDataVersion(this.database.db);
    } catch {
      // The pool's connections may be coming back more slowly than the listener's.
      if (this.listener !== null) setTimeout(() => void this.catchUp(), CATCH_UP_RETRY_MS).unref();
      return;
    }
    if (version > this.latest) this.announce(version, null, 'rewritten');
  }

  private announce(
    version: number,
    recordedVerdictIds: number[] | null,
    kind: DataChangeKind,
  ): void {
    this.latest = Math.max(this.latest, version);
    const change: DataChange = { version, recordedVerdictIds, kind, shared: new Map() };
    for (const observer of this.observers) observer(change);
    for (const listener of this.listeners) listener(change);
  }
}
