/**
 * Judge quality over real data: LLMFAO's crowd, GPT-4 and GPT-3.5 judges on the same pairs
 * (CC BY 4.0, demo/llmfao), and Arena-Hard-style judgments imported with the `arena-hard` format.
 */
import path from 'node:path';
import { FORMATS } from '../../src/ingest/formats';
import { readSourceLines } from '../../src/ingest/read-lines';
import { Importer } from '../../src/services/importer';
import { readCsv } from '../ratings/llmfao-fixture';
import { recordAll } from '../support/record';
import { startTestServer, type TestServer } from '../support/test-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  const files = {
    crowd: ['crowd-comparisons.csv', 'HUMAN'],
    gpt4: ['gpt4-crowd-comparisons.csv', 'LLM'],
    gpt3: ['gpt3-crowd-comparisons.csv', 'LLM'],
  } as const;
  for (const [judge, [file, kind]] of Object.entries(files)) {
    await recordAll(
      server,
      readCsv(file).map((row, line) => ({
        judge,
        judgeKind: kind,
        prompt: { externalId: `llmfao:${row.prompt}` },
        modelA: row.left,
        modelB: row.right,
        outcome: { left: 'A_BETTER', right: 'B_BETTER', tie: 'TIE' }[row.winner],
        idempotencyKey: `${judge}:${line}`,
      })),
    );
  }
  const judgments = path.join(
    __dirname,
    '..',
    'fixtures',
    'judge-quality',
    'arena-hard-judgments.jsonl',
  );
  const importer = new Importer(server.database.db);
  await importer.importItems(
    'arena-hard-judgments.jsonl',
    FORMATS['arena-hard'].parse(
      readSourceLines(judgments),
      { sourceName: 'arena-hard-judgments.jsonl' },
      {},
    ),
  );
  expect(importer.finish()).toMatchObject({ accepted: 15, rejected: 0, skipped: 1 });
}, 120_000);
afterAll(async () => {
  await server.close();
});

describe('rankingAgreement', () => {
  test.each([
    ['crowd', 'gpt4', 0.7309],
    ['crowd', 'gpt3', 0.7166],
    ['gpt4', 'gpt3', 0.7171],
  ])(
    '%s and %s leaderboards correlate as published (Spearman %d ± 0.002)',
    async (judgeA, judgeB, published) => {
      const result = await server.graphql(
        `query ($a: String!, $b: String!) {
      rankingAgreement(judgeA: $a, judgeB: $b) { models spearman kendall movers { model rankA rankB change } } }`,
        { a: judgeA, b: judgeB },
      );
      expect(result.errors).toBeUndefined();
      const agreement = result.data.rankingAgreement;
      expect(agreement.models).toBe(59);
      expect(Math.abs(agreement.spearman - published)).toBeLessThan(0.002);
      expect(agreement.kendall).toBeGreaterThan(0.4);
      expect(agreement.kendall).toBeLessThan(agreement.spearman);
      const moves = agreement.movers.map((m: any) => Math.abs(m.change));
      expect(moves).toEqual([...moves].sort((x: number, y: number) => y - x));
    },
  );

  test('HUMAN pools every human verdict', async () => {
    const result = await server.graphql(
      '{ rankingAgreement(judgeA: "HUMAN", judgeB: "crowd") { models spearman } }',
    );
    expect(result.data.rankingAgreement).toEqual({ models: 59, spearman: 1 });
  });
});

describe('judgeAgreement', () => {
  // Code Llama Instruct (13B) and command-light met on three prompts. From Code Llama's side:
  //   prompt 8:  crowd tie, B, tie, tie, B  → majority TIE;   gpt4 B
  //   prompt 20: crowd A, A, tie, A, B      → majority A;     gpt4 TIE
  //   prompt 7:  crowd B, tie               → a tied vote, TIE; gpt4 A
  const sample = { models: ['Code Llama Instruct (13B)', 'command-light'] };
  const AGREEMENT = `query ($a: String!, $b: String!, $filter: VerdictFilterInput) {
    judgeAgreement(judgeA: $a, judgeB: $b, filter: $filter) { pairs agreement kappa confusion pairsWithoutTies agreementWithoutTies } }`;

  test('gpt4 against the human majority on a sample counted by hand', async () => {
    const result = await server.graphql(AGREEMENT, {
      a: 'gpt4',
      b: 'HUMAN_MAJORITY',
      filter: sample,
    });
    expect(result.errors).toBeUndefined();
    const agreement = result.data.judgeAgreement;
    expect(agreement).toMatchObject({
      pairs: 3,
      agreement: 0,
      pairsWithoutTies: 0,
      agreementWithoutTies: null,
    });
    // p_o = 0; gpt4 says A, TIE, B once each; the majority says A once and TIE twice: p_e = 1/9 + 2/9.
    expect(agreement.kappa).toBeCloseTo((0 - 1 / 3) / (1 - 1 / 3), 12);
    expect(agreement.confusion.flat().reduce((s: number, n: number) => s + n, 0)).toBe(3);
  });

  test('HUMAN compares every human vote with the judge, as FastChat does', async () => {
    const result = await server.graphql(AGREEMENT, { a: 'gpt4', b: 'HUMAN', filter: sample });
    // 12 votes: prompt 8 agrees twice (the two B votes), prompt 20 once (the tie), prompt 7 never.
    // Without ties: prompt 8's two B votes agree, prompt 7's B vote does not.
    expect(result.data.judgeAgreement).toMatchObject({
      pairs: 12,
      agreement: 3 / 12,
      pairsWithoutTies: 3,
      agreementWithoutTies: 2 / 3,
    });
  });

  test('over all shared pairs, the two LLM judges agree more with each other than chance', async () => {
    const result = await server.graphql(AGREEMENT, { a: 'gpt4', b: 'gpt3' });
    const agreement = result.data.judgeAgreement;
    expect(agreement.pairs).toBe(2139);
    expect(agreement.kappa).toBeGreaterThan(0);
    expect(agreement.confusion.flat().reduce((s: number, n: number) => s + n, 0)).toBe(2139);
  });

  test('an unknown judge is NOT_FOUND, and a judge against itself is refused', async () => {
    const unknown = await server.graphql(AGREEMENT, { a: 'gpt5', b: 'crowd' });
    expect(unknown.errors![0].extensions).toMatchObject({ code: 'NOT_FOUND' });
    expect(unknown.errors![0].message).toContain('judge "gpt5" is unknown');
    const same = await server.graphql(AGREEMENT, { a: 'crowd', b: 'crowd' });
    expect(same.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'judgeB' });
  });
});

describe('judgeDisagreements', () => {
  const DISAGREEMENTS = `query ($a: String!, $b: String!, $first: Int, $after: String, $filter: VerdictFilterInput) {
    judgeDisagreements(judgeA: $a, judgeB: $b, first: $first, after: $after, filter: $filter) {
      pageInfo { hasNextPage endCursor }
      nodes { preferenceA preferenceB votesA votesB prompt { externalId }
        verdictA { id judge { name } modelA { name } modelB { name } prompt { externalId } }
        verdictB { id judge { name kind } modelA { name } modelB { name } prompt { externalId } } } } }`;
  type Found = {
    preferenceA: string;
    preferenceB: string;
    votesA: number;
    votesB: number;
    prompt: { externalId: string };
    verdictA: {
      id: string;
      judge: { name: string };
      modelA: { name: string };
      modelB: { name: string };
      prompt: { externalId: string };
    };
    verdictB: {
      id: string;
      judge: { name: string; kind: string };
      modelA: { name: string };
      modelB: { name: string };
      prompt: { externalId: string };
    };
  };

  async function allPages(a: string, b: string, first: number): Promise<Found[]> {
    const found: Found[] = [];
    let after: string | null = null;
    for (;;) {
      const result = await server.graphql(DISAGREEMENTS, { a, b, first, after });
      expect(result.errors).toBeUndefined();
      const page: { nodes: Found[]; pageInfo: { hasNextPage: boolean; endCursor: string } } =
        result.data.judgeDisagreements;
      found.push(...page.nodes);
      if (!page.pageInfo.hasNextPage) return found;
      after = page.pageInfo.endCursor;
    }
  }

  test('the hand-counted sample: gpt4 and the human majority differ on all three prompts', async () => {
    const result = await server.graphql(DISAGREEMENTS, {
      a: 'gpt4',
      b: 'HUMAN_MAJORITY',
      filter: { models: ['Code Llama Instruct (13B)', 'command-light'] },
    });
    expect(result.errors).toBeUndefined();
    const nodes: Found[] = result.data.judgeDisagreements.nodes;
    // From Code Llama's side (see judgeAgreement above): 8 → gpt4 B, crowd TIE (5 votes);
    // 20 → gpt4 TIE, crowd A (5); 7 → gpt4 A, crowd split B and tie (2), a TIE.
    const fromCodeLlama = (found: Found, preference: string) =>
      found.verdictA.modelA.name === 'Code Llama Instruct (13B)'
        ? preference
        : ({ A: 'B', B: 'A', TIE: 'TIE' } as Record<string, string>)[preference];
    const byPrompt = Object.fromEntries(
      nodes.map((found) => [
        found.prompt.externalId,
        [
          fromCodeLlama(found, found.preferenceA),
          fromCodeLlama(found, found.preferenceB),
          found.votesB,
        ],
      ]),
    );
    expect(byPrompt).toEqual({
      'llmfao:8': ['B', 'TIE', 5],
      'llmfao:20': ['TIE', 'A', 5],
      'llmfao:7': ['A', 'TIE', 2],
    });
    for (const found of nodes) {
      expect(found.verdictA.judge.name).toBe('gpt4');
      expect(found.verdictB.judge.kind).toBe('HUMAN');
      expect(found.verdictA.prompt.externalId).toBe(found.prompt.externalId);
      expect(found.verdictB.prompt.externalId).toBe(found.prompt.externalId);
      expect(found.votesA).toBe(1);
    }
  });

  test('over every shared pair, as many as judgeAgreement counts disagreeing, page after page', async () => {
    const agreement = await server.graphql(
      `{ judgeAgreement(judgeA: "gpt4", judgeB: "gpt3") { pairs agreement } }`,
    );
    const { pairs, agreement: share } = agreement.data.judgeAgreement;
    const found = await allPages('gpt4', 'gpt3', 500);
    expect(found.length).toBe(Math.round(pairs * (1 - share)));
    expect(found.every((item) => item.preferenceA !== item.preferenceB)).toBe(true);
    const ids = found.map((item) => Number(item.verdictA.id));
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
    expect(new Set(ids).size).toBe(ids.length);
    // Smaller pages walk the same list.
    const paged = await allPages('gpt4', 'gpt3', 97);
    expect(paged.map((item) => item.verdictA.id)).toEqual(ids.map(String));
  });

  test('a page of 100 with nested verdicts costs as many SQL statements as a page of 1', async () => {
    const statements = async (first: number) => {
      const before = server.database.statementCount();
      const result = await server.graphql(DISAGREEMENTS, { a: 'gpt4', b: 'crowd', first });
      expect(result.errors).toBeUndefined();
      expect(result.data.judgeDisagreements.nodes).toHaveLength(first);
      return server.database.statementCount() - before;
    };
    expect(await statements(100)).toBe(await statements(1));
  });

  test('unknown judges, the same judge twice and a bad page are coded errors', async () => {
    const unknown = await server.graphql(DISAGREEMENTS, { a: 'gpt4', b: 'gpt5' });
    expect(unknown.errors![0].extensions).toMatchObject({ code: 'NOT_FOUND' });
    expect(unknown.errors![0].message).toContain('judge "gpt5" is unknown');
    const same = await server.graphql(DISAGREEMENTS, { a: 'gpt4', b: 'gpt4' });
    expect(same.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'judgeB' });
    const negative = await server.graphql(DISAGREEMENTS, { a: 'gpt4', b: 'gpt3', first: -1 });
    expect(negative.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    const badCursor = await server.graphql(DISAGREEMENTS, { a: 'gpt4', b: 'gpt3', after: 'x' });
    expect(badCursor.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});

describe('judgeReport on Arena-Hard judgments (two games per question, game 2 swapped)', () => {
  // By hand from test/fixtures/judge-quality/arena-hard-judgments.jsonl (game 1 / game 2, A shown first):
  //   q1 A>B / B>A consistent · q2 B>A / A>B consistent · q3 A>B / A>B inconsistent · q4 A>>B / A>B inconsistent
  //   q5 A=B / A=B consistent · q6 A=B / B>A one-sided tie · q7 B>>A / A>>B consistent · q8 A>B / (null game)
  test('counts labels, position bias and swap consistency', async () => {
    const result = await server.graphql(`{ judgeReport(judge: "gpt-4-1106-preview") {
      judge verdicts strongShare outcomes { outcome count }
      positionBias { decisive firstShownWins firstShownWinRate lower upper }
      swapConsistency { pairs consistent inconsistent oneSidedTie rate unpaired }
      versions { name version kind verdicts }
    } }`);
    expect(result.errors).toBeUndefined();
    const report = result.data.judgeReport;
    expect(report).toMatchObject({
      judge: 'gpt-4-1106-preview',
      verdicts: 15,
      strongShare: 3 / 15,
    });
    expect(report.outcomes).toEqual([
      { outcome: 'A_MUCH_BETTER', count: 2 },
      { outcome: 'A_BETTER', count: 6 },
      { outcome: 'TIE', count: 3 },
      { outcome: 'B_BETTER', count: 3 },
      { outcome: 'B_MUCH_BETTER', count: 1 },
      { outcome: 'BOTH_BAD', count: 0 },
    ]);
    // 12 decisive verdicts, 8 won by Assistant A; Wilson 95% interval of 8/12.
    expect(report.positionBias).toMatchObject({ decisive: 12, firstShownWins: 8 });
    expect(report.positionBias.firstShownWinRate).toBeCloseTo(8 / 12, 12);
    expect(report.positionBias.lower).toBeCloseTo(0.390622, 5);
    expect(report.positionBias.upper).toBeCloseTo(0.86188, 5);
    expect(report.swapConsistency).toEqual({
      pairs: 7,
      consistent: 4,
      inconsistent: 2,
      oneSidedTie: 1,
      rate: 4 / 7,
      unpaired: 1,
    });
    expect(report.versions).toEqual([
      { name: 'gpt-4-1106-preview', version: '', kind: 'LLM', verdicts: 15 },
    ]);
  });

  test('the leaderboard keeps both games, merges them, or drops contradictory pairs', async () => {
    const counts: Record<string, number> = {};
    for (const swapPolicy of ['KEEP_BOTH', 'MERGE', 'DROP_INCONSISTENT']) {
      const result = await server.graphql(
        `query ($policy: SwapPolicy) {
        leaderboard(input: { judges: ["gpt-4-1106-preview"], swapPolicy: $policy, bootstrapRounds: 0 }) { swapPolicy verdictCount entries { model { name } wins losses ties } } }`,
        { policy: swapPolicy },
      );
      expect(result.errors).toBeUndefined();
      expect(result.data.leaderboard.swapPolicy).toBe(swapPolicy);
      counts[swapPolicy] = result.data.leaderboard.verdictCount;
    }
    // MERGE: 7 pairs become 7 verdicts, plus q8's lone game; DROP_INCONSISTENT leaves out q3 and q4.
    expect(counts).toEqual({ KEEP_BOTH: 15, MERGE: 8, DROP_INCONSISTENT: 11 });
    const merged =
      await server.graphql(`{ leaderboard(input: { judges: ["gpt-4-1106-preview"], swapPolicy: MERGE, bootstrapRounds: 0 }) {
      entries { model { name } wins losses ties } } }`);
    // Merged: q1 baseline, q2 model, q3–q6 ties, q7 model, q8 baseline.
    expect(
      merged.data.leaderboard.entries.find((e: any) => e.model.name === 'gpt-4-0613'),
    ).toMatchObject({ wins: 2, losses: 2, ties: 4 });
  });

  test('a swap policy with Elo is refused with a coded error', async () => {
    const result = await server.graphql(
      '{ leaderboard(input: { method: ELO, swapPolicy: MERGE }) { verdictCount } }',
    );
    expect(result.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.swapPolicy',
    });
  });
});

describe('position bias where the order of presentation is unknown', () => {
  const POSITION = `query ($judge: String!) { judgeReport(judge: $judge) {
    verdicts positionBias { decisive firstShownWins firstShownWinRate lower upper unknownOrder unavailableReason }
  } }`;

  test('is unavailable, with the reason, for a judge whose verdicts never say which answer came first', async () => {
    // The LLMFAO crowd votes above were recorded without shownFirst.
    const result = await server.graphql(POSITION, { judge: 'crowd' });
    expect(result.errors).toBeUndefined();
    expect(result.data.judgeReport).toEqual({
      verdicts: 8931,
      positionBias: {
        decisive: 0,
        firstShownWins: 0,
        firstShownWinRate: null,
        lower: null,
        upper: null,
        unknownOrder: 8931,
        unavailableReason:
          'the order of presentation is unknown for all 8931 verdicts: their source did not say which answer was shown first',
      },
    });
  });

  test('is computed over the verdicts whose order is known, saying how many were not', async () => {
    const verdict = (key: string, shownFirst: 'A' | 'B' | null, outcome: string) => ({
      judge: 'mixed-order-judge',
      prompt: { externalId: `mixed:${key}` },
      modelA: 'm1',
      modelB: 'm2',
      outcome,
      shownFirst,
      idempotencyKey: key,
    });
    await recordAll(server, [
      verdict('1', 'A', 'A_BETTER'),
      verdict('2', 'B', 'A_BETTER'),
      verdict('3', 'A', 'A_BETTER'),
      verdict('4', null, 'A_BETTER'),
      verdict('5', null, 'B_BETTER'),
    ]);
    const result = await server.graphql(POSITION, { judge: 'mixed-order-judge' });
    expect(result.data.judgeReport.positionBias).toMatchObject({
      decisive: 3,
      firstShownWins: 2,
      firstShownWinRate: 2 / 3,
      unknownOrder: 2,
      unavailableReason: null,
    });
  });
});
