import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/rows';
import { startTestServer, type TestServer } from '../support/test-server';

const RECORD = `mutation Record($input: RecordVerdictsInput!) {
  recordVerdicts(input: $input) {
    accepted duplicates rejected
    results { index status verdict { id outcome } userErrors { code field message } }
  }
}`;

const LEADERBOARD = `query Board($input: LeaderboardInput) {
  leaderboard(input: $input) {
    method verdictCount modelCount mleExists problem
    entries { rank model { name } rating wins losses ties battles }
    ratedApart { model { name } reason wins losses ties battles }
  }
}`;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

function verdict(overrides: Record<string, unknown> = {}) {
  return {
    judge: 'gpt-4-judge',
    prompt: { externalId: 'q1', text: 'What is 2+2?', category: 'math' },
    modelA: 'alpha',
    modelB: 'beta',
    outcome: 'A_BETTER',
    ...overrides,
  };
}

async function count(
  table: 'verdicts' | 'models' | 'prompts' | 'responses' | 'judges',
): Promise<number> {
  const [row] = await queryRows<{ n: string }>(
    server.database.db,
    sql.raw(`SELECT count(*) AS n FROM ${table}`),
  );
  return Number(row.n);
}

test('stored verdicts come back as a leaderboard', async () => {
  const verdicts = [
    verdict({ idempotencyKey: 'r1', modelA: 'strong', modelB: 'weak', outcome: 'A_MUCH_BETTER' }),
    verdict({
      idempotencyKey: 'r2',
      modelA: 'weak',
      modelB: 'strong',
      outcome: 'B_BETTER',
      prompt: { externalId: 'q2' },
    }),
    verdict({ idempotencyKey: 'r3', modelA: 'strong', modelB: 'middling', outcome: 'A_BETTER' }),
    verdict({ idempotencyKey: 'r4', modelA: 'middling', modelB: 'weak', outcome: 'A_BETTER' }),
    verdict({ idempotencyKey: 'r5', modelA: 'middling', modelB: 'weak', outcome: 'TIE' }),
    verdict({ idempotencyKey: 'r6', modelA: 'weak', modelB: 'middling', outcome: 'A_BETTER' }),
    verdict({
      idempotencyKey: 'r7',
      modelA: 'middling',
      modelB: 'strong',
      outcome: 'A_BETTER',
      judge: 'annotator-7',
      judgeKind: 'HUMAN',
    }),
  ];
  const stored = await server.graphql(RECORD, { input: { verdicts } });
  expect(stored.errors).toBeUndefined();
  expect(stored.data.recordVerdicts).toMatchObject({ accepted: 7, duplicates: 0, rejected: 0 });
  expect(stored.data.recordVerdicts.results.map((r: any) => r.status)).toEqual(
    Array(7).fill('ACCEPTED'),
  );

  const board = await server.graphql(LEADERBOARD, {
    input: { method: 'BRADLEY_TERRY', judges: ['gpt-4-judge'] },
  });
  expect(board.errors).toBeUndefined();
  const { leaderboard } = board.data;
  expect(leaderboard).toMatchObject({ method: 'BRADLEY_TERRY', verdictCount: 6, modelCount: 3 });
  // "strong" never lost: it has no finite estimate, so it is rated apart and the two others are
  // rated (and centred) on their own verdicts; its record still counts.
  expect(leaderboard.entries.map((e: any) => e.model.name)).toEqual(['middling', 'weak']);
  expect(leaderboard.ratedApart).toEqual([
    { model: { name: 'strong' }, reason: 'NEVER_LOST', wins: 3, losses: 0, ties: 0, battles: 3 },
  ]);
  expect(leaderboard.mleExists).toBe(true);
  expect(leaderboard.problem).toMatch(/"strong" never lost/);
  expect(leaderboard.entries[1]).toMatchObject({ wins: 1, losses: 3, ties: 1, battles: 5 });
  // middling and weak each won once against the other and tied once: equal, on a mean of 1000.
  for (const entry of leaderboard.entries) {
    expect(entry.rating).toBeCloseTo(1000, 6);
    expect(entry.rank).toBe(1);
  }

  const elo = await server.graphql(LEADERBOARD, { input: { method: 'ELO' } });
  expect(elo.data.leaderboard).toMatchObject({ method: 'ELO', verdictCount: 7, modelCount: 3 });
  const human = await server.graphql(LEADERBOARD, { input: { judges: ['annotator-7'] } });
  expect(human.data.leaderboard.entries).toEqual([]);
  expect(human.data.leaderboard.ratedApart.map((e: any) => [e.model.name, e.wins])).toEqual([
    ['middling', 1],
    ['strong', 0],
  ]);
});

test('re-sending a stored idempotency key answers DUPLICATE and stores nothing', async () => {
  const batch = [
    verdict({ idempotencyKey: 'dup-1', modelA: 'gamma', modelB: 'delta' }),
    verdict({ idempotencyKey: 'dup-2', modelA: 'delta', modelB: 'gamma' }),
  ];
  const first = await server.graphql(RECORD, { input: { verdicts: batch } });
  expect(first.data.recordVerdicts).toMatchObject({ accepted: 2, duplicates: 0 });
  const before = await count('verdicts');

  const again = await server.graphql(RECORD, {
    input: {
      verdicts: [...batch, verdict({ idempotencyKey: 'dup-1', modelA: 'gamma', modelB: 'delta' })],
    },
  });
  expect(again.data.recordVerdicts).toMatchObject({ accepted: 0, duplicates: 3, rejected: 0 });
  const firstIds = first.data.recordVerdicts.results.map((r: any) => r.verdict.id);
  expect(again.data.recordVerdicts.results.map((r: any) => r.verdict.id)).toEqual([
    ...firstIds,
    firstIds[0],
  ]);
  expect(await count('verdicts')).toBe(before);
});

test('a key repeated inside one batch is stored once', async () => {
  const result = await server.graphql(RECORD, {
    input: {
      verdicts: [
        verdict({ idempotencyKey: 'twice' }),
        verdict({ idempotencyKey: 'twice', outcome: 'B_BETTER' }),
      ],
    },
  });
  expect(result.data.recordVerdicts.results.map((r: any) => r.status)).toEqual([
    'ACCEPTED',
    'DUPLICATE',
  ]);
  expect(result.data.recordVerdicts.results[1].verdict).toEqual(
    result.data.recordVerdicts.results[0].verdict,
  );
});

test('the same key under two judges is two verdicts', async () => {
  const result = await server.graphql(RECORD, {
    input: {
      verdicts: [
        verdict({ idempotencyKey: 'shared', judge: 'judge-x' }),
        verdict({ idempotencyKey: 'shared', judge: 'judge-y' }),
      ],
    },
  });
  expect(result.data.recordVerdicts).toMatchObject({ accepted: 2, duplicates: 0 });
});

test('a mixed batch stores the good items and rejects each bad one with a coded error', async () => {
  const before = await count('verdicts');
  const result = await server.graphql(RECORD, {
    input: {
      verdicts: [
        verdict({ idempotencyKey: 'mixed-ok-1' }),
        verdict({ modelB: 'alpha' }),
        verdict({
          outcome: null,
          judgment: 'Assistant A is clearly better.\n\nMy final verdict is [[A>>B]].',
          idempotencyKey: 'mixed-ok-2',
        }),
        verdict({ outcome: null, judgment: 'First I thought [[A>B]], but on reflection [[B>A]].' }),
        verdict({ outcome: null }),
        verdict({ prompt: {} }),
        verdict({ preferenceA: 1.5 }),
        verdict({ judge: '   ' }),
        verdict({ modelA: 'x'.repeat(300) }),
        verdict({ responseA: 'bad \u0000 text' }),
        verdict({ outcome: 'B_BETTER', preferenceA: 0.9 }),
        verdict({ idempotencyKey: 'mixed-ok-3', preferenceA: 0.25, outcome: null }),
      ],
    },
  });
  expect(result.errors).toBeUndefined();
  const payload = result.data.recordVerdicts;
  const codes = payload.results.map((r: any) =>
    r.userErrors.map((e: any) => `${e.code}@${e.field}`),
  );
  expect(codes).toEqual([
    [],
    ['SELF_COMPARISON@modelB'],
    [],
    ['AMBIGUOUS_JUDGMENT@judgment'],
    ['REQUIRED@outcome'],
    ['REQUIRED@prompt'],
    ['OUT_OF_RANGE@preferenceA'],
    ['REQUIRED@judge'],
    ['TOO_LONG@modelA'],
    ['INVALID_TEXT@responseA'],
    ['CONFLICT@preferenceA'],
    [],
  ]);
  expect(payload).toMatchObject({ accepted: 3, rejected: 9, duplicates: 0 });
  expect(payload.results[2].verdict.outcome).toBe('A_MUCH_BETTER');
  expect(payload.results[11].verdict.outcome).toBe('B_BETTER');
  for (const result of payload.results.filter((r: any) => r.status === 'REJECTED')) {
    expect(result.verdict).toBeNull();
    expect(result.userErrors[0].message).toMatch(/but/);
    expect(result.userErrors[0].message).not.toContain('xxxxxxxxxx');
  }
  expect(await count('verdicts')).toBe(before + 3);
});

test('a judge stored as LLM refuses a verdict that calls it HUMAN', async () => {
  await server.graphql(RECORD, {
    input: { verdicts: [verdict({ judge: 'kind-judge', judgeKind: 'LLM' })] },
  });
  const result = await server.graphql(RECORD, {
    input: {
      verdicts: [
        verdict({ judge: 'kind-judge', judgeKind: 'HUMAN' }),
        verdict({ judge: 'kind-judge' }),
      ],
    },
  });
  expect(
    result.data.recordVerdicts.results.map((r: any) => [
      r.status,
      r.userErrors.map((e: any) => e.code),
    ]),
  ).toEqual([
    ['REJECTED', ['JUDGE_KIND_MISMATCH']],
    ['ACCEPTED', []],
  ]);
});

test('prompts and responses are found again, not duplicated', async () => {
  const transcriptAnswer =
    '# Plan\n\n- **first** step\n- second step\n\n```python\n# not a header\nprint(**kwargs)\n```\n';
  const batch = [
    verdict({
      prompt: { text: 'Explain monads.' },
      responseA: transcriptAnswer,
      responseB: 'Short.',
      idempotencyKey: 'p1',
    }),
    verdict({
      prompt: { text: 'Explain monads.', category: 'coding' },
      responseA: transcriptAnswer,
      responseB: 'Short.',
      idempotencyKey: 'p2',
    }),
  ];
  const before = { prompts: await count('prompts'), responses: await count('responses') };
  const result = await server.graphql(RECORD, { input: { verdicts: batch } });
  expect(result.data.recordVerdicts.accepted).toBe(2);
  expect(await count('prompts')).toBe(before.prompts + 1);
  expect(await count('responses')).toBe(before.responses + 2);

  const page = await server.graphql(`{ verdicts(first: 1, filter: { categories: ["coding"] }) {
      nodes { prompt { text category } responseA { headerCount listItemCount boldCount tokenLengthEstimated model { name } } }
    } }`);
  expect(page.data.verdicts.nodes[0]).toEqual({
    prompt: { text: 'Explain monads.', category: 'coding' },
    responseA: {
      headerCount: 1,
      listItemCount: 2,
      boldCount: 1,
      tokenLengthEstimated: true,
      model: { name: 'alpha' },
    },
  });
});

test('texts with quotes, backslashes, braces, commas and NULL are stored exactly as sent', async () => {
  const awkward = ['say "hi" \\ then \\"', '{a,b}', 'NULL', ' padded, ', '', 'ünïcode 🚀\n\ttab'];
  const sent = awkward.map((text, i) =>
    verdict({
      judgment: text,
      idempotencyKey: `awkward ${i} "${text}" \\{}`.trim(),
      preferenceA: 0.51 + i / 13,
      createdAt: `2024-01-02T03:04:05.${String(100 + i)}Z`,
    }),
  );
  const stored = await server.graphql(
    `mutation Record($input: RecordVerdictsInput!) {
      recordVerdicts(input: $input) { accepted results { verdict { judgment idempotencyKey preferenceA createdAt } } }
    }`,
    { input: { verdicts: sent } },
  );
  expect(stored.errors).toBeUndefined();
  expect(stored.data.recordVerdicts.accepted).toBe(awkward.length);
  expect(stored.data.recordVerdicts.results.map((r: any) => r.verdict)).toEqual(
    sent.map((v: any) => ({
      // An empty judgment is no judgment.
      judgment: v.judgment === '' ? null : v.judgment,
      idempotencyKey: v.idempotencyKey,
      preferenceA: v.preferenceA,
      createdAt: v.createdAt,
    })),
  );
});

test('a batch over 5,000 items is refused before any work', async () => {
  const result = await server.graphql(RECORD, {
    input: { verdicts: Array.from({ length: 5001 }, () => verdict()) },
  });
  expect(result.data).toBeUndefined();
  expect(result.errors![0].extensions).toEqual({
    code: 'LIMIT_EXCEEDED',
    limit: 'maxBatchSize',
    max: 5000,
    received: 5001,
  });
  expect(result.errors![0].message).toBe(
    'The number of verdicts in one batch must be at most 5000, but this operation has 5001.',
  );
});

test('a database failure in the middle of a batch stores nothing at all', async () => {
  // A real database error, raised by the server while it inserts the third verdict of the batch.
  await server.database.db.execute(
    sql.raw(`
    CREATE FUNCTION fail_on_marker() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.judgment = 'poison' THEN RAISE EXCEPTION 'injected failure'; END IF;
      RETURN NEW;
    END $$`),
  );
  await server.database.db.execute(
    sql.raw(
      'CREATE TRIGGER fail_on_marker BEFORE INSERT ON verdicts FOR EACH ROW EXECUTE FUNCTION fail_on_marker()',
    ),
  );
  try {
    const tables = ['verdicts', 'models', 'prompts', 'responses', 'judges'] as const;
    const before = await Promise.all(tables.map(count));
    const result = await server.graphql(RECORD, {
      input: {
        verdicts: [
          verdict({
            modelA: 'fresh-1',
            modelB: 'fresh-2',
            judge: 'fresh-judge',
            prompt: { text: 'fresh prompt' },
            responseA: 'fresh answer',
          }),
          verdict({ modelA: 'fresh-3', modelB: 'fresh-2', judge: 'fresh-judge' }),
          verdict({ modelA: 'fresh-1', modelB: 'fresh-3', outcome: 'TIE', judgment: 'poison' }),
          verdict({ modelA: 'fresh-4', modelB: 'fresh-1' }),
        ],
      },
    });
    expect(result.data).toBeNull();
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0].extensions!.code).toBe('DATABASE_ERROR');
    expect(result.errors![0].message).toContain('nothing was stored');
    expect(await Promise.all(tables.map(count))).toEqual(before);
    const fresh = await server.graphql(`{ model(name: "fresh-1") { name } }`);
    expect(fresh.data.model).toBeNull();
  } finally {
    await server.database.db.execute(sql.raw('DROP TRIGGER fail_on_marker ON verdicts'));
    await server.database.db.execute(sql.raw('DROP FUNCTION fail_on_marker()'));
  }
});
