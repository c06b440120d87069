/**
 * The source stream of `leaderboardChanged`: the leaderboard at subscribe time, then again after
 * each write that changes it, at most one event per `coalesceMs` (a burst of batches gives one
 * event with all of them). Every computation goes through the process's LeaderboardCache at the
 * data version the write committed, so subscribers asking the same input share one computation.
 */
import type { Leaderboard } from '../../services/leaderboard';
import type { LeaderboardRequest } from '../../services/leaderboard-request';
import type { Context } from '../context';
import { EventQueue } from './event-queue';
import { liveUpdates } from './live-updates';

export interface LeaderboardEvent {
  version: number;
  leaderboard: Leaderboard;
  cached: boolean;
}

/** Computed once per leaderboard object, which the cache shares between subscribers. */
const fingerprints = new WeakMap<Leaderboard, string>();

function fingerprint(leaderboard: Leaderboard): string {
  let text = fingerprints.get(leaderboard);
  if (text === undefined) {
    text = JSON.stringify(leaderboard); // winRates() is a function and left out: it follows entries
    fingerprints.set(leaderboard, text);
  }
  return text;
}

/**
 * Resolves once the first leaderboard is computed, so that a bad input (an unknown anchor model,
 * say) is the subscription's error at once rather than a stream that never starts.
 */
export async function leaderboardChanges(
  context: Context,
  request: LeaderboardRequest,
): Promise<AsyncIterableIterator<LeaderboardEvent>> {
  const { changes, coalesceMs, computations } = liveUpdates(context);
  const compute = async (version: number): Promise<LeaderboardEvent> => ({
    version,
    ...(await computations.run(() => context.leaderboards.get(context.db, request, version))),
  });

  let last = await compute(await context.dataVersion());
  let lastSent = performance.now();
  let pendingVersion: number | null = null;
  let timer: NodeJS.Timeout | null = null;
  let computing = false;

  const queue: EventQueue<LeaderboardEvent> = new EventQueue<LeaderboardEvent>({
    capacity: 1,
    overflow: 'latest',
    cleanup: () => {
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
    },
  });

  const schedule = (): void => {
    if (timer !== null || computing || queue.ended || pendingVersion === null) return;
    const wait = Math.max(0, lastSent + coalesceMs - performance.now());
    timer = setTimeout(() => void run(), wait);
  };

  const run = async (): Promise<void> => {
    timer = null;
    const version = pendingVersion as number;
    pendingVersion = null;
    computing = true;
    try {
      const next = await compute(version);
      // A write elsewhere in the data (another slice) leaves this leaderboard as it was.
      if (fingerprint(next.leaderboard) !== fingerprint(last.leaderboard)) {
        queue.push(next);
        lastSent = performance.now();
      }
      last = next;
    } catch (error) {
      queue.fail(error);
    } finally {
      computing = false;
      schedule();
    }
  };

  const unsubscribe = changes.subscribe((change) => {
    if (change.version <= last.version) return;
    pendingVersion = Math.max(pendingVersion ?? 0, change.version);
    schedule();
  });
  queue.push(last);
  return queue;
}
