/**
 * The source stream of `verdictsRecorded`: for each committed batch, its new verdicts that match
 * the filter, in commit order. Subscribers with the same filter share the one query per batch.
 */
import { GraphQLError } from 'graphql';
import type { VerdictRow } from '../../services/catalog';
import type { DataChange } from '../../services/data-changes';
import { recordedVerdicts } from '../../services/recorded-verdicts';
import type { VerdictFilter } from '../../services/verdict-filter';
import type { Context } from '../context';
import { EventQueue } from './event-queue';
import { liveUpdates } from './live-updates';

export interface RecordedBatch {
  version: number;
  verdicts: VerdictRow[];
  /** True when the server lost its database connection and batches may have gone unlisted. */
  missedBatches: boolean;
}

/** Batches a slow client may have unread before its subscription ends with SUBSCRIBER_TOO_SLOW. */
const MAX_UNREAD_BATCHES = 100;

export function verdictFeed(
  context: Context,
  filter: VerdictFilter,
): AsyncIterableIterator<RecordedBatch> {
  const { changes } = liveUpdates(context);
  const filterKey = `verdictsRecorded:${JSON.stringify(filter)}`;
  // One batch's query finishes before the next one's result is pushed: events keep commit order.
  let previous: Promise<void> = Promise.resolve();

  const queue = new EventQueue<RecordedBatch>({
    capacity: MAX_UNREAD_BATCHES,
    overflow: 'fail',
    overflowError: () =>
      new GraphQLError(
        `This subscriber left more than ${MAX_UNREAD_BATCHES} batches unread; subscribe again to resume.`,
        {
          extensions: { code: 'SUBSCRIBER_TOO_SLOW' },
        },
      ),
    cleanup: () => unsubscribe(),
  });

  const batchOf = async (change: DataChange): Promise<RecordedBatch | null> => {
    if (change.recordedVerdictIds === null)
      return { version: change.version, verdicts: [], missedBatches: true };
    if (change.recordedVerdictIds.length === 0) return null;
    const ids = change.recordedVerdictIds;
    let rows = change.shared.get(filterKey) as Promise<VerdictRow[]> | undefined;
    if (rows === undefined) {
      rows = recordedVerdicts(context.db, ids, filter);
      change.shared.set(filterKey, rows);
    }
    const verdicts = await rows;
    return verdicts.length === 0
      ? null
      : { version: change.version, verdicts, missedBatches: false };
  };

  const unsubscribe = changes.subscribe((change) => {
    const batch = batchOf(change);
    batch.catch(() => undefined); // handled below, once the earlier batches are out
    previous = previous
      .then(() => batch)
      .then((event) => {
        if (event !== null) queue.push(event);
      })
      .catch((error: unknown) => queue.fail(error));
  });
  return queue;
}
