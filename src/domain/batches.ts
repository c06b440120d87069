/**
 * A stream read one item at a time or a batch at a time. An async step costs about a microsecond
 * and a generator hand-off more, which was a large part of the importer's time per row (README,
 * "Ingestion"), so the line reader, the JSON record reader, the parsers that can and the importer
 * pass whole batches (one per chunk read) and only flatten them for consumers that want items.
 */
export interface Batched<T> extends AsyncIterable<T> {
  /** The same items, a batch at a time; the stream is read once, as items or as batches. */
  batches(): AsyncIterable<readonly T[]>;
}

/** Items over a stream of batches, which may be read once, as items or as batches. */
export function batchedOf<T>(
  batchStream: AsyncIterable<readonly T[]>,
  /** What the stream is, for the error of a second read. */
  name = 'a batched stream',
): Batched<T> {
  let started = false;
  const batches = (): AsyncIterable<readonly T[]> => {
    if (started) throw new Error(`${name} can be read only once.`);
    started = true;
    return batchStream;
  };
  return {
    batches,
    async *[Symbol.asyncIterator]() {
      for await (const batch of batches()) yield* batch;
    },
  };
}

/** Batches of any item stream: its own batches when it has them, else one item at a time. */
export async function* batchesOf<T>(items: AsyncIterable<T>): AsyncGenerator<readonly T[]> {
  const batched = items as Partial<Batched<T>>;
  if (typeof batched.batches === 'function') {
    yield* batched.batches();
    return;
  }
  for await (const item of items) yield [item];
}
