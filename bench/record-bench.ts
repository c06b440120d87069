/**
 * `recordVerdicts` over HTTP: the scale's seeded verdicts in batches of 5,000, sent by one client
 * in sequence (or by several clients taking the next batch as each finishes). The clock runs
 * from the first request to the last response, so it includes building and serialising the
 * batches; the next batch is built while the previous one is in flight.
 */
import { postGraphql, RECORD_VERDICTS_MUTATION, requestBody } from './graphql';
import { generateVerdicts, type BenchVerdict } from './workload';

export const BATCH_SIZE = 5000;

const OUTCOMES: Record<BenchVerdict['outcome'], string> = {
  'A>>B': 'A_MUCH_BETTER',
  'A>B': 'A_BETTER',
  'A=B': 'TIE',
  'B>A': 'B_BETTER',
  'B>>A': 'B_MUCH_BETTER',
  BOTH_BAD: 'BOTH_BAD',
};

/** One generated verdict as the mutation's VerdictInput. */
export function verdictInput(verdict: BenchVerdict, index: number): Record<string, unknown> {
  return {
    judge: verdict.judge,
    judgeKind: verdict.judgeKind,
    prompt: { externalId: verdict.promptId, category: verdict.category },
    modelA: verdict.modelA,
    modelB: verdict.modelB,
    outcome: OUTCOMES[verdict.outcome],
    preferenceA: verdict.preferenceA,
    shownFirst: index % 2 === 0 ? 'A' : 'B',
    createdAt: new Date(verdict.createdAt).toISOString(),
    idempotencyKey: `bench-${index}`,
  };
}

function* batchBodies(count: number): Generator<{ body: string; size: number }> {
  let batch: Record<string, unknown>[] = [];
  let index = 0;
  for (const verdict of generateVerdicts(count)) {
    batch.push(verdictInput(verdict, index));
    index += 1;
    if (batch.length === BATCH_SIZE) {
      yield {
        body: requestBody(RECORD_VERDICTS_MUTATION, { verdicts: batch }),
        size: batch.length,
      };
      batch = [];
    }
  }
  if (batch.length > 0)
    yield { body: requestBody(RECORD_VERDICTS_MUTATION, { verdicts: batch }), size: batch.length };
}

export interface LoadFigure {
  verdicts: number;
  clients: number;
  batches: number;
  seconds: number;
  verdictsPerSecond: number;
  /** Latency of one batch: median and max, ms. */
  batchMedianMs: number;
  batchMaxMs: number;
}

interface RecordData {
  recordVerdicts: { accepted: number; duplicates: number; rejected: number };
}

export async function loadOverHttp(
  url: string,
  count: number,
  clients: number,
  onProgress?: (done: number) => void,
): Promise<LoadFigure> {
  const bodies = batchBodies(count);
  let next = bodies.next();
  const take = () => {
    if (next.done) return null;
    const current = next.value;
    return current;
  };
  const advance = () => {
    next = bodies.next();
  };
  let accepted = 0;
  let batches = 0;
  const latencies: number[] = [];
  const started = performance.now();
  const worker = async () => {
    for (;;) {
      const batch = take();
      if (!batch) return;
      const pending = postGraphql<RecordData>(url, batch.body);
      // Build the following batch while this one is on the wire.
      advance();
      const { ms, data } = await pending;
      const result = data.recordVerdicts;
      if (result.rejected > 0 || result.duplicates > 0 || result.accepted !== batch.size) {
        throw new Error(
          `recordVerdicts stored ${result.accepted} of ${batch.size} (duplicates ${result.duplicates}, rejected ${result.rejected})`,
        );
      }
      accepted += result.accepted;
      batches += 1;
      latencies.push(ms);
      onProgress?.(accepted);
    }
  };
  await Promise.all(Array.from({ length: clients }, worker));
  const seconds = (performance.now() - started) / 1000;
  if (accepted !== count) throw new Error(`stored ${accepted} verdicts, expected ${count}`);
  latencies.sort((a, b) => a - b);
  return {
    verdicts: count,
    clients,
    batches,
    seconds,
    verdictsPerSecond: count / seconds,
    batchMedianMs: latencies[Math.floor(latencies.length / 2)],
    batchMaxMs: latencies[latencies.length - 1],
  };
}
