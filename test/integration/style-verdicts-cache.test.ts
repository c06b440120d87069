/**
 * The style-controllable verdicts a server keeps across data versions: after appends it reads only
 * the new verdicts, after corrections, deletions and re-categorisations it reads the slice afresh,
 * and either way holds exactly the rows a read from scratch returns. Writes go through the real
 * mutations over HTTP; the cache under test hears their commit notices like the server's does.
 */
import { DataChangeHistory } from '../../src/services/data-change-history';
import { DataChanges } from '../../src/services/data-changes';
import { ModelIndex } from '../../src/services/leaderboard-slice';
import { readStyleVerdicts, type StyleVerdicts } from '../../src/services/style-verdicts';
import { StyleVerdictsCache } from '../../src/services/style-verdicts-cache';
import { readDataVersion } from '../../src/services/verdict-count-maintenance';
import type { VerdictFilter } from '../../src/services/verdict-filter';
import { recordAll } from '../support/record';
import { startTestServer, type TestServer } from '../support/test-server';

let server: TestServer;
let changes: DataChanges;
let history: DataChangeHistory;
beforeAll(async () => {
  server = await startTestServer();
  changes = await DataChanges.start(server.database);
  history = new DataChangeHistory(changes);
});
afterAll(async () => {
  history.close();
  await changes.close();
  await server.close();
});

const JUDGE = 'style-cache-judge';
const SLICES: VerdictFilter[] = [{ judges: [JUDGE] }, { judges: [JUDGE], categories: ['math'] }];

let written = 0;
/** `count` styled verdicts on prompts p0…p5 (p5 stored without a category), answers varying in length and markdown. */
function styled(count: number): Record<string, unknown>[] {
  return Array.from({ length: count }, () => {
    const n = written++;
    const prompt = n % 6;
    return {
      judge: JUDGE,
      prompt:
        prompt === 5
          ? { externalId: 'p5' }
          : { externalId: `p${prompt}`, category: prompt % 2 === 0 ? 'math' : 'code' },
      modelA: `m${n % 4}`,
      modelB: `m${(n % 4) + 1}`,
      outcome: ['A_BETTER', 'B_BETTER', 'TIE', 'A_MUCH_BETTER'][n % 4],
      responseA: `${'# head\n'.repeat(n % 3)}answer ${n} a ${'word '.repeat(n % 11)}`,
      responseB: `${'- item\n'.repeat(n % 5)}answer ${n} b **bold**`,
      idempotencyKey: `style-cache-${n}`,
    };
  });
}

/** Everything the fits read of a slice: ids, counts and the rows over one model numbering. */
function contents(verdicts: StyleVerdicts) {
  const index = new ModelIndex();
  return { ids: verdicts.verdictIds(), counts: verdicts.counts(), rows: verdicts.rows(index, 3) };
}

/** For each slice: the cache's rows at the current version equal a read from scratch. */
async function expectCacheMatchesScratch(cache: StyleVerdictsCache): Promise<void> {
  const version = await readDataVersion(server.database.db);
  for (const filter of SLICES) {
    const cached = await cache.get(server.database.db, filter, version);
    const scratch = await readStyleVerdicts(server.database.db, filter);
    expect(contents(cached)).toEqual(contents(scratch));
  }
}

async function graphql(query: string, variables: Record<string, unknown>) {
  const result = await server.graphql(query, variables);
  expect(result.errors).toBeUndefined();
  return result.data;
}

test('after appends only the new verdicts are read, and the rows equal a read from scratch', async () => {
  const cache = new StyleVerdictsCache(undefined, history);
  await recordAll(server, styled(60));
  await expectCacheMatchesScratch(cache);
  expect(cache.reads).toEqual({ full: 2, appended: 0 });

  // Three writes before the next read, one of them of verdicts outside the category slice.
  await recordAll(server, styled(7));
  await recordAll(server, styled(1));
  await recordAll(server, styled(12));
  await expectCacheMatchesScratch(cache);
  expect(cache.reads).toEqual({ full: 2, appended: 2 });
  expect((await readStyleVerdicts(server.database.db, SLICES[0])).size).toBe(80);
});

test('verdicts committed while a slice was being read are kept once when their notice arrives', async () => {
  const cache = new StyleVerdictsCache(undefined, history);
  const before = await readDataVersion(server.database.db);
  await recordAll(server, styled(8));
  // Read under the earlier version, as a request that read the version just before a commit does.
  const early = await cache.get(server.database.db, SLICES[0], before);
  const now = await readDataVersion(server.database.db);
  const later = await cache.get(server.database.db, SLICES[0], now);
  const scratch = await readStyleVerdicts(server.database.db, SLICES[0]);
  expect(early.size).toBe(scratch.size);
  expect(contents(later)).toEqual(contents(scratch));
  expect(cache.reads).toEqual({ full: 1, appended: 1 });
});

test('a correction, a deletion and a re-categorisation each make the slice be read afresh', async () => {
  const cache = new StyleVerdictsCache(undefined, history);
  await recordAll(server, styled(30));
  await expectCacheMatchesScratch(cache);
  const fullReads = () => cache.reads.full;
  let before = fullReads();

  const [target] = (await readStyleVerdicts(server.database.db, SLICES[0])).verdictIds();
  const corrected = await graphql(
    `
      mutation ($input: RecordVerdictsInput!) {
        recordVerdicts(input: $input) {
          accepted
        }
      }
    `,
    { input: { verdicts: [{ ...styled(1)[0], supersedes: String(target), outcome: 'B_BETTER' }] } },
  );
  expect(corrected.recordVerdicts.accepted).toBe(1);
  await expectCacheMatchesScratch(cache);
  expect(fullReads()).toBe(before + SLICES.length);
  expect(cache.reads.appended).toBe(0);

  before = fullReads();
  const deleted = await graphql(
    `
      mutation ($filter: VerdictFilterInput!) {
        deleteVerdicts(filter: $filter) {
          deleted
        }
      }
    `,
    { filter: { judges: [JUDGE], models: ['m1', 'm2'] } },
  );
  expect(deleted.deleteVerdicts.deleted).toBeGreaterThan(0);
  await expectCacheMatchesScratch(cache);
  expect(fullReads()).toBe(before + SLICES.length);

  // p5 was stored without a category: naming one moves its verdicts into the `math` slice.
  before = fullReads();
  const inMath = (await readStyleVerdicts(server.database.db, SLICES[1])).size;
  await recordAll(server, [
    { ...styled(1)[0], prompt: { externalId: 'p5', category: 'math' }, modelA: 'm0', modelB: 'm3' },
  ]);
  await expectCacheMatchesScratch(cache);
  expect(fullReads()).toBe(before + SLICES.length);
  expect((await readStyleVerdicts(server.database.db, SLICES[1])).size).toBeGreaterThan(inMath + 1);
});

test('a version whose notice has not been heard is read afresh, never guessed', async () => {
  const silent = { appendedBetween: async () => null };
  const cache = new StyleVerdictsCache(undefined, silent);
  await expectCacheMatchesScratch(cache);
  await recordAll(server, styled(5));
  await expectCacheMatchesScratch(cache);
  expect(cache.reads).toEqual({ full: 2 * SLICES.length, appended: 0 });
});

test("the server's style-controlled leaderboard after an append equals a fresh server's", async () => {
  const BOARD = `query ($seed: Int) { leaderboard(input: { judges: ["${JUDGE}"], styleControl: true, intervalMethod: SANDWICH, seed: $seed }) {
    verdictCount styleCoefficients { feature coefficient } entries { model { name } rating ciLower ciUpper } } }`;
  await graphql(BOARD, { seed: 1 });
  await recordAll(server, styled(9));
  const warm = await graphql(BOARD, { seed: 2 });
  const fresh = await startTestServerOnSameDatabase();
  try {
    const result = await fresh.graphql(BOARD, { seed: 2 });
    expect(result.errors).toBeUndefined();
    expect(warm).toEqual(result.data);
  } finally {
    await fresh.stop();
  }
});

async function startTestServerOnSameDatabase() {
  const { startServer } = await import('../../src/server');
  const { DEFAULT_LIMITS } = await import('../../src/config');
  const { postGraphQL } = await import('../support/test-server');
  const running = await startServer({
    database: server.database,
    port: 0,
    host: '127.0.0.1',
    production: false,
    maxRequestBytes: 1 << 20,
    auth: false,
    publicRead: true,
    limits: DEFAULT_LIMITS,
  });
  return {
    graphql: (query: string, variables: Record<string, unknown>) =>
      postGraphQL(running.url, query, variables),
    stop: () => running.stop(),
  };
}
