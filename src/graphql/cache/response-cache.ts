/**
 * Whole HTTP responses to cacheable queries (cacheable-document.ts), kept per server process and
 * keyed by everything the answer depends on: the caller's scope, the Accept header (Apollo's
 * content negotiation), the operation name, the document text and the variables, each entry
 * tagged with the data version it was computed at.
 *
 * A response is stored only when Apollo answered 200 without errors, that is after the operation
 * guard let this scope run this document with these variables: the guard's answer depends on
 * nothing else, so a later identical request under the same scope would be let through too.
 * Errors, including every refusal, are never stored and always come from Apollo.
 *
 * An entry is served only at the version it was stored at, read fresh for the request
 * (DataVersionReader), so no process's write is ever followed by an older answer. The version is
 * read before executing, so an entry may hold data newer than its tag, never older.
 * Identical requests at the same version share one execution.
 */
import type { HTTPGraphQLResponse } from '@apollo/server';

export interface StoredResponse {
  headers: [string, string][];
  body: string;
}

/** Either a stored response or Apollo's own, for the caller to send. */
export type Served = { stored: StoredResponse; cached: boolean } | { live: HTTPGraphQLResponse };

export interface ResponseCacheLimits {
  maxEntries: number;
  maxBytes: number;
  /** Larger responses are sent but not kept. */
  maxEntryBytes: number;
}

const DEFAULT_LIMITS: ResponseCacheLimits = {
  maxEntries: 512,
  maxBytes: 64 << 20,
  maxEntryBytes: 4 << 20,
};

export class ResponseCache {
  private readonly entries = new Map<string, { version: number; response: StoredResponse }>();
  private readonly executing = new Map<string, Promise<StoredResponse | null>>();
  private bytes = 0;

  constructor(private readonly limits: ResponseCacheLimits = DEFAULT_LIMITS) {}

  async serve(
    key: string,
    version: number,
    execute: () => Promise<HTTPGraphQLResponse>,
  ): Promise<Served> {
    const entry = this.entries.get(key);
    if (entry && entry.version === version) {
      // Most recently used goes last; the first entry is the one to evict.
      this.entries.delete(key);
      this.entries.set(key, entry);
      return { stored: entry.response, cached: true };
    }
    const executionKey = `${version}\u0000${key}`;
    const shared = this.executing.get(executionKey);
    if (shared) {
      const response = await shared;
      // Not storable (an error, say): this request runs on its own and gets its own answer.
      if (response) return { stored: response, cached: true };
      return { live: await execute() };
    }
    let settle!: (response: StoredResponse | null) => void;
    this.executing.set(executionKey, new Promise((resolve) => (settle = resolve)));
    let stored: StoredResponse | null = null;
    try {
      const live = await execute();
      stored = storable(live, this.limits.maxEntryBytes);
      if (stored) this.store(key, version, stored);
      return stored ? { stored, cached: false } : { live };
    } finally {
      this.executing.delete(executionKey);
      settle(stored);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  private store(key: string, version: number, response: StoredResponse): void {
    const existing = this.entries.get(key);
    // A slower request that read an older version must not replace a newer answer.
    if (existing && existing.version > version) return;
    if (existing) this.bytes -= existing.response.body.length;
    this.entries.delete(key);
    this.entries.set(key, { version, response });
    this.bytes += response.body.length;
    while (this.entries.size > this.limits.maxEntries || this.bytes > this.limits.maxBytes) {
      const [oldestKey, oldest] = this.entries.entries().next().value as [
        string,
        { response: StoredResponse },
      ];
      this.entries.delete(oldestKey);
      this.bytes -= oldest.response.body.length;
    }
  }
}

/** A complete 200 answer without errors, as text; null for anything else. */
function storable(response: HTTPGraphQLResponse, maxBytes: number): StoredResponse | null {
  if (
    (response.status ?? 200) !== 200 ||
    response.body.kind !== 'complete' ||
    response.body.string.length > maxBytes ||
    !answeredWithoutErrors(response.body.string)
  )
    return null;
  return { headers: [...response.headers], body: response.body.string };
}

/**
 * Apollo writes a result's keys in the order errors, data, extensions (its
 * `orderExecutionResultFields`), so a body that opens with `{"data":` has no top-level errors:
 * no need to parse a page of verdicts again only to look for them. Any other opening is parsed.
 */
function answeredWithoutErrors(body: string): boolean {
  if (body.startsWith('{"data":')) return true;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return false;
  }
  return typeof parsed === 'object' && parsed !== null && !('errors' in parsed) && 'data' in parsed;
}
