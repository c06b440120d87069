/**
 * One query repeated by N concurrent clients for a fixed time, with autocannon (programmatic API,
 * in this process). Every response is compared with the one the warm-up request got (or, for
 * varied requests, checked for GraphQL errors), so an error hidden in a 200 response counts as a
 * mismatch.
 */
import autocannon from 'autocannon';

export interface ConcurrentFigure {
  connections: number;
  durationSeconds: number;
  completed: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  mismatches: number;
}

export async function hammer(
  url: string,
  body: string,
  expectBody: string,
  connections: number,
  durationSeconds: number,
): Promise<ConcurrentFigure> {
  return summarise(
    await autocannon({ ...common(url, connections, durationSeconds), body, expectBody }),
    connections,
  );
}

/**
 * Like `hammer`, but every request gets a new body from `nextBody` (so no two requests are alike),
 * and a response counts as a mismatch when it carries GraphQL errors.
 */
export async function hammerVaried(
  url: string,
  nextBody: () => string,
  connections: number,
  durationSeconds: number,
): Promise<ConcurrentFigure> {
  return summarise(
    await autocannon({
      ...common(url, connections, durationSeconds),
      requests: [{ setupRequest: (request) => ({ ...request, body: nextBody() }) }],
      verifyBody: (text) => !text.includes('"errors"'),
    }),
    connections,
  );
}

function common(url: string, connections: number, durationSeconds: number) {
  return {
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    connections,
    duration: durationSeconds,
    timeout: 60,
  };
}

function summarise(
  result: Awaited<ReturnType<typeof autocannon>>,
  connections: number,
): ConcurrentFigure {
  const ok = result['2xx'] - result.mismatches;
  return {
    connections,
    durationSeconds: result.duration,
    completed: result['2xx'],
    requestsPerSecond: ok / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    mismatches: result.mismatches,
  };
}
