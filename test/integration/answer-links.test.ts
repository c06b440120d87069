/**
 * A verdict points at the answers it judged: where the source gives no text, at the model's one
 * stored answer to that prompt, whichever arrived first (issue #18, item 1). Reproduced with the
 * official Arena-Hard battle file (2,658 battles, no answer text) and its questions and answers.
 */
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/rows';
import { linkAnswersOfPairs } from '../../src/services/answer-links';
import type { Executor } from '../../src/services/entity-upsert';
import {
  ARENA_HARD_JUDGE as JUDGE,
  importBattles,
  importQuestionsAndAnswers,
} from '../support/arena-hard-files';
import { Recorder, subscriptionClient } from '../support/subscription-client';
import { startTestServer, type GraphQLResult, type TestServer } from '../support/test-server';

// Thousands of rows through the real importer, on a machine shared with other work.
jest.setTimeout(240_000);

const STYLED_BOARD = `query ($judges: [String!]) {
  leaderboard(input: { method: BRADLEY_TERRY, styleControl: true, bootstrapRounds: 0, judges: $judges }) {
    verdictCount entries { model { name } battles }
  }
}`;
const LIVE_STYLED_BOARD = `subscription ($judges: [String!]) {
  leaderboardChanged(input: { method: BRADLEY_TERRY, styleControl: true, bootstrapRounds: 0, judges: $judges }) {
    verdictCount
  }
}`;
const LINKED_PAGE = `query ($after: String) {
  verdicts(first: 500, after: $after) {
    nodes { id responseA { id model { name } } responseB { id model { name } } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const RECORD = `mutation ($input: RecordVerdictsInput!) {
  recordVerdicts(input: $input) { accepted ambiguousAnswers results { status verdict { id responseA { text } responseB { text } } userErrors { code } } }
}`;

/** Every verdict's two answers, paged through the API. */
async function linkedSides(server: TestServer): Promise<{ verdicts: number; bothLinked: number }> {
  let after: string | null = null;
  let verdicts = 0;
  let bothLinked = 0;
  for (;;) {
    const page: GraphQLResult = await server.graphql(LINKED_PAGE, { after });
    expect(page.errors).toBeUndefined();
    for (const node of page.data.verdicts.nodes) {
      verdicts += 1;
      if (node.responseA && node.responseB) bothLinked += 1;
    }
    if (!page.data.verdicts.pageInfo.hasNextPage) break;
    after = page.data.verdicts.pageInfo.endCursor;
  }
  return { verdicts, bothLinked };
}

describe.each([
  ['answers before battles', true],
  ['answers after battles', false],
])('the Arena-Hard battle file with %s', (_, answersFirst) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('links every battle to both stored answers, and style control uses all of them', async () => {
    if (answersFirst) await importQuestionsAndAnswers(server);
    const battles = await importBattles(server);
    expect(battles).toMatchObject({ accepted: 2658, rejected: 0, ambiguousAnswers: 0 });
    if (!answersFirst) {
      const before = await server.graphql('{ dataVersion { version } }');
      const versionBeforeAnswers = Number(before.data.dataVersion.version);
      const unstyled = await server.graphql(STYLED_BOARD, { judges: [JUDGE] });
      expect(unstyled.data.leaderboard.verdictCount).toBe(0);
      // A subscriber to the style-controlled board sees the answers' arrival.
      const client = subscriptionClient(server.url);
      try {
        const live = new Recorder(client, LIVE_STYLED_BOARD, { judges: [JUDGE] });
        expect((await live.next()).data.leaderboardChanged.verdictCount).toBe(0);
        const summaries = await importQuestionsAndAnswers(server);
        expect(summaries.map((summary) => summary.ambiguousAnswers)).toEqual([0, 0, 0, 0]);
        const after = await server.graphql('{ dataVersion { version } }');
        expect(Number(after.data.dataVersion.version)).toBeGreaterThan(versionBeforeAnswers);
        let event = await live.next(120_000);
        while (event.data.leaderboardChanged.verdictCount !== 2658)
          event = await live.next(120_000);
        live.stop();
      } finally {
        await client.dispose();
      }
    }

    expect(await linkedSides(server)).toMatchObject({ verdicts: 2658, bothLinked: 2658 });
    const one = await server.graphql(
      `{ verdicts(first: 1) { nodes { modelA { name } modelB { name } prompt { externalId }
          responseA { model { name } prompt { externalId } } responseB { model { name } prompt { externalId } } } } }`,
    );
    const [node] = one.data.verdicts.nodes;
    expect(node.responseA.model.name).toBe(node.modelA.name);
    expect(node.responseB.model.name).toBe(node.modelB.name);
    expect(node.responseA.prompt.externalId).toBe(node.prompt.externalId);
    expect(node.responseB.prompt.externalId).toBe(node.prompt.externalId);

    const styled = await server.graphql(STYLED_BOARD, { judges: [JUDGE] });
    expect(styled.errors).toBeUndefined();
    expect(styled.data.leaderboard.verdictCount).toBe(2658);
  });
});

describe('linking answers recorded through recordVerdicts', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  const verdict = (key: string, extra: Record<string, unknown> = {}) => ({
    judge: 'j',
    prompt: { externalId: 'p1', text: 'Write a haiku.' },
    modelA: 'alpha',
    modelB: 'beta',
    outcome: 'A_BETTER',
    idempotencyKey: key,
    ...extra,
  });

  it('links a verdict without texts to answers stored earlier, and earlier verdicts to answers given later', async () => {
    const bare = await server.graphql(RECORD, { input: { verdicts: [verdict('bare')] } });
    expect(bare.data.recordVerdicts.results[0].verdict).toEqual({
      id: expect.any(String),
      responseA: null,
      responseB: null,
    });
    const withTexts = await server.graphql(RECORD, {
      input: { verdicts: [verdict('texts', { responseA: 'alpha says', responseB: 'beta says' })] },
    });
    expect(withTexts.data.recordVerdicts.ambiguousAnswers).toBe(0);
    const earlier = await server.graphql(
      'query ($id: ID!) { verdict(id: $id) { responseA { text } responseB { text } } }',
      {
        id: bare.data.recordVerdicts.results[0].verdict.id,
      },
    );
    expect(earlier.data.verdict).toEqual({
      responseA: { text: 'alpha says' },
      responseB: { text: 'beta says' },
    });
    const later = await server.graphql(RECORD, { input: { verdicts: [verdict('later')] } });
    expect(later.data.recordVerdicts.results[0].verdict).toMatchObject({
      responseA: { text: 'alpha says' },
      responseB: { text: 'beta says' },
    });
  });

  it('undoes inferred links when a second answer arrives, keeps named ones, and counts what stays unlinked', async () => {
    const ids = async () =>
      (
        await server.graphql(
          `{ verdicts(first: 10) { nodes { idempotencyKey id responseA { text } } } }`,
        )
      ).data.verdicts.nodes as { idempotencyKey: string; responseA: { text: string } | null }[];
    const second = await server.graphql(RECORD, {
      input: {
        verdicts: [verdict('second-alpha', { responseA: 'alpha says it again, differently' })],
      },
    });
    expect(second.data.recordVerdicts.results[0].verdict.responseA).toEqual({
      text: 'alpha says it again, differently',
    });
    const sides = Object.fromEntries(
      (await ids()).map((node) => [node.idempotencyKey, node.responseA]),
    );
    // "bare" and "later" named no answer: which of alpha's two they judged is unknown now.
    expect(sides).toEqual({
      bare: null,
      texts: { text: 'alpha says' },
      later: null,
      'second-alpha': { text: 'alpha says it again, differently' },
    });
    const ambiguous = await server.graphql(RECORD, { input: { verdicts: [verdict('which-one')] } });
    expect(ambiguous.errors).toBeUndefined();
    expect(ambiguous.data.recordVerdicts.ambiguousAnswers).toBe(1);
    expect(ambiguous.data.recordVerdicts.results[0].verdict).toMatchObject({
      responseA: null,
      responseB: { text: 'beta says' },
    });
  });

  // An import with answers on a small prompt pool: each batch brings new answers to prompts that
  // already hold many verdicts, all of which name their answers. Reading those verdicts made every
  // batch cost more than the one before (a 1M-row import with answers did not end in 40 min).
  it('reads only the verdicts that are unlinked or linked by inference, not every verdict on the prompt', async () => {
    const pool = { externalId: 'pool-1', text: 'Name a prime.' };
    const named = Array.from({ length: 2000 }, (_, i) =>
      verdict(`named-${i}`, {
        prompt: pool,
        responseA: `alpha answer ${i}`,
        responseB: `beta answer ${i}`,
      }),
    );
    const stored = await server.graphql(RECORD, { input: { verdicts: named } });
    expect(stored.errors).toBeUndefined();
    expect(stored.data.recordVerdicts.accepted).toBe(2000);
    const bare = await server.graphql(RECORD, {
      input: { verdicts: [verdict('pool-bare', { prompt: pool, responseB: 'beta answer 0' })] },
    });
    expect(bare.data.recordVerdicts.ambiguousAnswers).toBe(1);
    // The planner's statistics, as an import leaves them (planner-statistics.ts).
    await server.database.db.execute(sql`ANALYZE verdicts`);
    const [pair] = await queryRows<{ prompt_id: number; model_id: number }>(
      server.database.db,
      sql`SELECT p.id AS prompt_id, m.id AS model_id FROM prompts p, models m
          WHERE p.external_id = 'pool-1' AND m.name = 'alpha'`,
    );
    const verdictRowsRead = async (tx: Executor) => {
      const [row] = await queryRows<{ n: string | number }>(
        tx,
        sql`SELECT pg_stat_get_xact_tuples_fetched('verdicts'::regclass)
                 + pg_stat_get_xact_tuples_returned('verdicts'::regclass) AS n`,
      );
      return Number(row.n);
    };
    const { links, read } = await server.database.db.transaction(async (tx) => {
      const before = await verdictRowsRead(tx);
      const links = await linkAnswersOfPairs(tx, [
        { promptId: pair.prompt_id, modelId: pair.model_id },
      ]);
      return { links, read: (await verdictRowsRead(tx)) - before };
    });
    // The one bare verdict is the only one to look at: still ambiguous, nothing to (un)link.
    expect(links).toEqual({ linked: 0, unlinked: 0, ambiguous: 1 });
    expect(read).toBeLessThan(50);
  });
});
