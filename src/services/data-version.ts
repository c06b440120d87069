/**
 * The database's data version (verdict-count-maintenance.ts), read fresh for each request that
 * needs it, with concurrent requests sharing reads.
 *
 * A read serves a caller only if it was sent after the caller asked: it then sees every write
 * committed before the request arrived, whichever process made it. So a caller arriving while a
 * read is under way waits for the next one, which all such callers share; at most one read is in
 * flight and one queued, however many requests arrive.
 */
import type { Database } from '../db/client';
import { readDataVersion } from './verdict-count-maintenance';

export class DataVersionReader {
  private inFlight: Promise<number> | null = null;
  private queued: Promise<number> | null = null;

  constructor(private readonly db: Pick<Database, 'execute'>) {}

  read(): Promise<number> {
    if (this.inFlight === null) return this.send();
    // The read under way may have been sent before this call: take the next one.
    this.queued ??= this.inFlight.then(
      () => this.sendQueued(),
      () => this.sendQueued(),
    );
    return this.queued;
  }

  private sendQueued(): Promise<number> {
    this.queued = null;
    return this.send();
  }

  private send(): Promise<number> {
    const reading = readDataVersion(this.db).finally(() => {
      if (this.inFlight === reading) this.inFlight = null;
    });
    this.inFlight = reading;
    return reading;
  }
}
