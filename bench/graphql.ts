/**
 * The GraphQL documents the benchmark sends, and a client that posts them to the real endpoint
 * (content-type application/json) and fails on any GraphQL error.
 */

export const LEADERBOARD_QUERY = `query BenchLeaderboard($input: LeaderboardInput) {
  leaderboard(input: $input) {
    method verdictCount modelCount mleExists problem bootstrapRounds intervalMethod
    entries { rank model { name } rating ciLower ciUpper wins losses ties battles }
  }
}`;

/** Bradley–Terry with 100 bootstrap rounds (the defaults, spelled out) over every verdict. */
export const BT_ALL = { method: 'BRADLEY_TERRY', bootstrapRounds: 100, seed: 0 };
/** The same over one judge and one category. */
export const BT_FILTERED = { ...BT_ALL, judges: ['bench-gpt-4'], categories: ['coding'] };
/** Online Elo over every verdict. */
export const ELO_ALL = { method: 'ELO' };
/** Profile-likelihood intervals (issue 21): model-based by verdict, CR3-scaled by prompt. */
export const PROFILE_ALL = { method: 'BRADLEY_TERRY', intervalMethod: 'PROFILE' };
export const PROFILE_BY_PROMPT = { ...PROFILE_ALL, clusterBy: 'PROMPT' };

const MODEL_FIELDS = 'id name createdAt stats { wins losses ties battles }';
const RESPONSE_FIELDS = `id text tokenLength tokenLengthEstimated charLength headerCount listItemCount boldCount createdAt model { id name } prompt { id externalId }`;

/** A page of verdicts with every nested object: judge, prompt, both models with stats, both answers. */
export const VERDICT_PAGE_QUERY = `query BenchVerdictPage($first: Int) {
  verdicts(first: $first) {
    edges {
      cursor
      node {
        id outcome preferenceA shownFirst createdAt recordedAt idempotencyKey provenance judgment
        judge { id name version kind model createdAt }
        prompt { id externalId text category tags createdAt }
        modelA { ${MODEL_FIELDS} }
        modelB { ${MODEL_FIELDS} }
        responseA { ${RESPONSE_FIELDS} }
        responseB { ${RESPONSE_FIELDS} }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** The same page query from a cursor: each request a different page, so no cached answer applies. */
export const VERDICT_PAGE_AFTER_QUERY = VERDICT_PAGE_QUERY.replace(
  '($first: Int)',
  '($first: Int, $after: String)',
).replace('verdicts(first: $first)', 'verdicts(first: $first, after: $after)');

export const RECORD_VERDICTS_MUTATION = `mutation BenchRecord($verdicts: [VerdictInput!]!) {
  recordVerdicts(input: { verdicts: $verdicts }) { accepted duplicates rejected }
}`;

export function requestBody(query: string, variables?: Record<string, unknown>): string {
  return JSON.stringify(variables === undefined ? { query } : { query, variables });
}

export interface Timed<T> {
  ms: number;
  data: T;
  text: string;
}

/** POSTs a body; the time runs until the whole response has been read. */
export async function postGraphql<T>(
  url: string,
  body: string,
  timeoutMs = 30 * 60_000,
): Promise<Timed<T>> {
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body,
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  const ms = performance.now() - started;
  let parsed: { data?: T; errors?: unknown[] };
  try {
    parsed = JSON.parse(text) as { data?: T; errors?: unknown[] };
  } catch {
    throw new Error(`HTTP ${response.status}, not JSON: ${text.slice(0, 500)}`);
  }
  if (response.status !== 200 || parsed.errors || !parsed.data) {
    throw new Error(
      `GraphQL request failed (HTTP ${response.status}): ${JSON.stringify(parsed.errors ?? parsed).slice(0, 2000)}`,
    );
  }
  return { ms, data: parsed.data, text };
}

export async function waitHealthy(url: string): Promise<void> {
  const health = url.replace(/\/graphql$/, '/healthz');
  for (let attempt = 0; attempt < 600; attempt += 1) {
    try {
      const response = await fetch(health, { signal: AbortSignal.timeout(60_000) });
      await response.text();
      if (response.status === 200) return;
    } catch {
      // not yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${health} never answered 200`);
}

export interface LeaderboardData {
  leaderboard: { method: string; verdictCount: number; modelCount: number; entries: unknown[] };
}
