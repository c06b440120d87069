/**
 * The board nextComparisons keeps across data versions: after a judge appends verdicts the next
 * call reads only those and answers exactly as a read from scratch; after a correction or a
 * deletion it reads the slice afresh. Writes and calls go through the real server over HTTP.
 */
import { boardReads, forgetPreparedBoards } from '../../src/services/next-comparisons-board';
import { modelNames, storeAnswers } from '../support/review-fixtures';
import { recordAll } from '../support/record';
import { startTestServer, type TestServer } from '../support/test-server';

const NEXT = `query Next($input: NextComparisonsInput!) {
  nextComparisons(input: $input) {
    modelA { name } modelB { name } shownFirst kind reason prompt { externalId }
  }
}`;
const JUDGE = 'board-judge';
const MODELS = modelNames(6);
const PROMPTS = 8;
// Every suggestion's reason gives the loss it cuts, so one more verdict on any pair shows.
const INPUT = { leaderboard: { judges: [JUDGE] }, count: 40, seed: 11 };

let server: TestServer;
let written = 0;
beforeAll(async () => {
  server = await startTestServer();
  await storeAnswers(server.database.db, MODELS, PROMPTS);
  await recordAll(server, verdicts(45));
});
afterAll(async () => {
  await server.close();
});

/** `count` verdicts of JUDGE over the stored answers, cycling through pairs, outcomes and prompts. */
function verdicts(count: number): Record<string, unknown>[] {
  return Array.from({ length: count }, () => {
    const n = written++;
    const a = n % MODELS.length;
    const b = (a + 1 + (Math.floor(n / MODELS.length) % (MODELS.length - 1))) % MODELS.length;
    const prompt = n % PROMPTS;
    return {
      judge: JUDGE,
      prompt: { externalId: `general-q${prompt}`, text: `Question ${prompt} of general?` },
      modelA: MODELS[a],
      modelB: MODELS[b],
      outcome: ['A_BETTER', 'B_BETTER', 'TIE', 'A_MUCH_BETTER', 'B_BETTER'][n % 5],
      idempotencyKey: `board-${n}`,
    };
  });
}

async function next() {
  const result = await server.graphql(NEXT, { input: INPUT });
  expect(result.errors).toBeUndefined();
  return result.data.nextComparisons as unknown[];
}

/** The answer of the kept board, then the answer of a fresh read at the same data version. */
async function keptAndFresh() {
  const kept = await next();
  forgetPreparedBoards(server.database.db);
  return { kept, fresh: await next() };
}

async function graphql(query: string, variables: Record<string, unknown>) {
  const result = await server.graphql(query, variables);
  expect(result.errors).toBeUndefined();
  return result.data;
}

test('appended verdicts carry the board forward, read alone, and it answers as a fresh read', async () => {
  const before = await next();
  for (const batch of [1, 3]) {
    await recordAll(server, verdicts(batch));
    const reads = { ...boardReads };
    const { kept, fresh } = await keptAndFresh();
    expect(boardReads.extended).toBe(reads.extended + 1);
    expect(boardReads.full).toBe(reads.full + 1); // the fresh read only
    expect(kept).toEqual(fresh);
    expect(kept).not.toEqual(before);
  }
});

test('a correction and a deletion make the next call read the slice afresh', async () => {
  await next();
  const recorded = await graphql(
    `
      mutation ($input: RecordVerdictsInput!) {
        recordVerdicts(input: $input) {
          accepted
          results {
            verdict {
              id
            }
          }
        }
      }
    `,
    { input: { verdicts: verdicts(1) } },
  );
  const [{ verdict }] = recorded.recordVerdicts.results;
  const id = verdict.id as string;
  await graphql(
    `
      mutation ($input: RecordVerdictsInput!) {
        recordVerdicts(input: $input) {
          accepted
        }
      }
    `,
    { input: { verdicts: [{ ...verdicts(1)[0], supersedes: String(id), outcome: 'B_BETTER' }] } },
  );
  let reads = { ...boardReads };
  let { kept, fresh } = await keptAndFresh();
  expect(boardReads.extended).toBe(reads.extended);
  expect(kept).toEqual(fresh);

  await graphql(
    `
      mutation ($filter: VerdictFilterInput!) {
        deleteVerdicts(filter: $filter) {
          deleted
        }
      }
    `,
    { filter: { judges: [JUDGE], models: [MODELS[0], MODELS[1]] } },
  );
  reads = { ...boardReads };
  ({ kept, fresh } = await keptAndFresh());
  expect(boardReads.extended).toBe(reads.extended);
  expect(boardReads.full).toBe(reads.full + 2);
  expect(kept).toEqual(fresh);
});
