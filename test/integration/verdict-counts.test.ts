/**
 * The counts table stays exact: after random inserts, supersessions, deletions and prompts gaining
 * categories, every leaderboard read from the counts equals the one grouped from the raw verdicts.
 */
import { createRandom } from '../../src/ratings';
import { countOutcomes } from '../../src/services/verdict-counts';
import type { VerdictFilter } from '../../src/services/verdict-filter';
import { startTestServer, type TestServer } from '../support/test-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const MODELS = ['m0', 'm1', 'm2', 'm3', 'm4', 'm5'];
const OUTCOMES = ['A_MUCH_BETTER', 'A_BETTER', 'TIE', 'B_BETTER', 'B_MUCH_BETTER', 'BOTH_BAD'];
const FILTERS: VerdictFilter[] = [
  {},
  { judges: ['judge-0'] },
  { judgeKinds: ['HUMAN'] },
  { categories: ['cat-1'] },
  { categories: ['cat-0', 'cat-2'], judges: ['judge-1', 'judge-2'] },
  { models: ['m0', 'm1', 'm2'] },
];

function canonical(
  rows: {
    modelAId: number;
    modelBId: number;
    outcome: string;
    preferenceA: number | null;
    count: number;
  }[],
) {
  return rows
    .map((r) => `${r.modelAId}|${r.modelBId}|${r.outcome}|${r.preferenceA}|${r.count}`)
    .sort();
}

test('random inserts, supersessions, deletions and re-categorisation keep the counts equal to the verdicts', async () => {
  const random = createRandom(42);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random.nextFloat() * list.length)];
  const ids: string[] = [];
  let key = 0;
  for (let round = 0; round < 12; round += 1) {
    // Insert a batch; some prompts arrive without a category and get one later.
    const verdicts = Array.from({ length: 60 }, () => {
      const a = pick(MODELS);
      let b = pick(MODELS);
      while (b === a) b = pick(MODELS);
      const soft = random.nextFloat() < 0.2;
      const promptNumber = Math.floor(random.nextFloat() * 30);
      return {
        judge: `judge-${Math.floor(random.nextFloat() * 3)}`,
        judgeKind: 'LLM',
        prompt: {
          externalId: `p${promptNumber}`,
          category: round > 3 && promptNumber % 2 === 0 ? `cat-${promptNumber % 3}` : null,
        },
        modelA: a,
        modelB: b,
        ...(soft
          ? { preferenceA: Math.round(random.nextFloat() * 4) / 4 }
          : { outcome: pick(OUTCOMES) }),
        idempotencyKey: `k${key++}`,
      };
    });
    const stored = await server.graphql(
      'mutation ($input: RecordVerdictsInput!) { recordVerdicts(input: $input) { results { verdict { id } } } }',
      { input: { verdicts } },
    );
    expect(stored.errors).toBeUndefined();
    ids.push(...stored.data.recordVerdicts.results.map((r: any) => r.verdict.id));

    // A human judge votes too, for the judge-kind filter.
    await server.graphql(
      'mutation { recordVerdicts(input: { verdicts: [{ judge: "person", judgeKind: HUMAN, prompt: { externalId: "p1" }, modelA: "m0", modelB: "m1", outcome: A_BETTER }] }) { accepted } }',
    );

    // Correct a few verdicts, sometimes a correction of a correction.
    for (let i = 0; i < 5; i += 1) {
      const target = pick(ids);
      const fix = await server.graphql(
        `mutation { recordVerdicts(input: { verdicts: [{ judge: "judge-0", prompt: { externalId: "p3" }, modelA: "m2", modelB: "m3", outcome: TIE, supersedes: "${target}" }] }) { results { verdict { id } } } }`,
      );
      const fixed = fix.data.recordVerdicts.results[0].verdict;
      if (fixed) ids.push(fixed.id);
    }
    // Delete a few, which may bring back what a deleted correction had superseded.
    const doomed = Array.from({ length: 4 }, () => pick(ids));
    const deleted = await server.graphql(
      `mutation { deleteVerdicts(filter: { ids: ${JSON.stringify(doomed)} }) { deleted } }`,
    );
    expect(deleted.errors).toBeUndefined();

    for (const filter of FILTERS) {
      const fromCounts = canonical(await countOutcomes(server.database.db, filter));
      const fromVerdicts = canonical(await countOutcomes(server.database.db, filter, 'verdicts'));
      expect(fromCounts).toEqual(fromVerdicts);
    }
  }

  // And through the API: a time filter forces the leaderboard onto the raw verdicts.
  for (const filter of FILTERS.slice(0, 4)) {
    const query =
      'query ($input: LeaderboardInput) { leaderboard(input: $input) { verdictCount entries { model { name } rating ciLower ciUpper wins losses ties } } }';
    const counted = await server.graphql(query, { input: { ...filter, bootstrapRounds: 20 } });
    const raw = await server.graphql(query, {
      input: { ...filter, bootstrapRounds: 20, since: '1970-01-01T00:00:00Z' },
    });
    expect(counted.errors).toBeUndefined();
    expect(counted.data.leaderboard.verdictCount).toBeGreaterThan(0);
    expect(counted.data).toEqual(raw.data);
  }
});
