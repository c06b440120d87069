/**
 * Who votes in the Vote view: an API key with the write scope, or, on a server running without
 * keys (VERDICTS_AUTH=off), a reviewer name. Kept for this tab only (sessionStorage), like the
 * read key (read-key.ts), and sent only to this server.
 */
const KEY = 'verdicts.writeKey';
const NAME = 'verdicts.reviewerName';

export interface Reviewer {
  /** Sent as the bearer token on votes; null on a server without keys. */
  writeKey: string | null;
  /** Sent as `reviewer` when there is no key. */
  name: string | null;
}

function read(item: string): string | null {
  try {
    return sessionStorage.getItem(item);
  } catch {
    return null;
  }
}

function write(item: string, value: string | null): void {
  try {
    if (value === null || value.trim() === '') sessionStorage.removeItem(item);
    else sessionStorage.setItem(item, value.trim());
  } catch {
    // Storage refused: the reviewer is asked again after a reload.
  }
}

export function storedReviewer(): Reviewer | null {
  const writeKey = read(KEY);
  const name = read(NAME);
  return writeKey === null && name === null ? null : { writeKey, name };
}

export function rememberReviewer(reviewer: Reviewer | null): void {
  write(KEY, reviewer?.writeKey ?? null);
  write(NAME, reviewer?.name ?? null);
}
