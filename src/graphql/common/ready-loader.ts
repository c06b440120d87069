/**
 * A per-request DataLoader that also answers in the same tick once a key has loaded.
 *
 * graphql-js completes a field whose resolver returns a value at once, but a promise costs it a
 * continuation and turns the parent object, and every object above it, into a promise of its
 * fields. On a page of 100 verdicts with their judge, prompt, models and answers that was ~1,200
 * promises for rows already in memory. The page loads those rows first (`loadMany`), and the
 * nested resolvers take them with `loadReady`, a plain value when loaded and DataLoader's
 * batched promise when not, so the answers and the query count stay the same.
 */
import DataLoader from 'dataloader';

/** Keys are ids: the map of loaded values is keyed as DataLoader's own cache is. */
export class ReadyLoader<K extends number | string, V> extends DataLoader<K, V> {
  private readonly ready: Map<K, V>;

  constructor(batch: DataLoader.BatchLoadFn<K, V>) {
    const ready = new Map<K, V>();
    super(async (keys) => {
      const values = await batch(keys);
      keys.forEach((key, index) => {
        const value = values[index];
        // An Error rejects that key's load; it is not an answer to hand out later.
        if (!(value instanceof Error)) ready.set(key, value);
      });
      return values;
    });
    this.ready = ready;
  }

  /** The value when this request has loaded the key already, else the batched load's promise. */
  loadReady(key: K): V | Promise<V> {
    const value = this.ready.get(key);
    return value !== undefined || this.ready.has(key) ? (value as V) : this.load(key);
  }

  // `prime` leaves the map alone: DataLoader keeps a key's first value, which the map cannot
  // see, so a primed key is answered by DataLoader's promise.

  clear(key: K): this {
    this.ready.delete(key);
    return super.clear(key);
  }

  clearAll(): this {
    this.ready.clear();
    return super.clearAll();
  }
}

/** `then` for a value that may already be there: a plain value stays plain. */
export function thenReady<V, R>(value: V | Promise<V>, next: (value: V) => R): R | Promise<R> {
  return value instanceof Promise ? value.then(next) : next(value);
}
