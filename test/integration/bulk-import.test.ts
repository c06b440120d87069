/**
 * The importer's COPY path stores what the GraphQL mutation stores: the same verdict rows, the same
 * counts, the same DUPLICATE and REJECTED answers, and text that comes back byte for byte.
 */
import { sql } from 'drizzle-orm';
import type { ImportItem } from '../../src/domain/import-item';
import { queryRows } from '../../src/db/rows';
import { createRandom } from '../../src/ratings';
import { Importer, type ImportSummary } from '../../src/services/importer';
import type { VerdictRecord } from '../../src/domain/verdict-record';
import { startTestServer, type TestServer } from '../support/test-server';

const RECORD =
  'mutation ($input: RecordVerdictsInput!) { recordVerdicts(input: $input) { accepted duplicates rejected } }';
const LEADERBOARD = `query ($input: LeaderboardInput) {
  leaderboard(input: $input) { verdictCount modelCount entries { rank model { name } rating wins losses ties battles } }
}`;
const OUTCOME_NAMES: Record<string, string> = {
  'A>>B': 'A_MUCH_BETTER',
  'A>B': 'A_BETTER',
  'A=B': 'TIE',
  'B>A': 'B_BETTER',
  'B>>A': 'B_MUCH_BETTER',
  BOTH_BAD: 'BOTH_BAD',
};
const HOSTILE = [
  'tab\there',
  'line\nbreak',
  'carriage\r\nreturn',
  'back\\slash',
  '\\N',
  '\\.',
  'trailing\\',
  '\\\\N\\t',
  '"double" and \'single\' quotes, commas, ;semicolons;',
  'ünïcödé — ∑ ≠ 你好',
  'emoji 🦜🏳️‍🌈 and a ZWJ',
  '\u2028separator\u2029',
  'NULL',
];

let mutationSide: TestServer;
let importSide: TestServer;
beforeAll(async () => {
  [mutationSide, importSide] = await Promise.all([startTestServer(), startTestServer()]);
});
afterAll(async () => {
  await Promise.all([mutationSide?.close(), importSide?.close()]);
});

async function importRecords(
  server: TestServer,
  records: VerdictRecord[],
  options: { batchSize?: number; file?: string } = {},
): Promise<ImportSummary> {
  const importer = new Importer(server.database.db, { batchSize: options.batchSize ?? 7 });
  async function* items(): AsyncGenerator<ImportItem> {
    for (const [index, record] of records.entries())
      yield { kind: 'verdict', line: index + 1, record };
  }
  await importer.importItems(options.file ?? 'fixture.jsonl', items());
  return importer.finish();
}

/** A record in the mutation's input shape (outcome names, dates as text; the API sets provenance). */
function asMutationInput(record: VerdictRecord): Record<string, unknown> {
  const { outcome, createdAt, provenance, ...rest } = record;
  return {
    ...rest,
    ...(outcome ? { outcome: OUTCOME_NAMES[outcome] } : {}),
    ...(createdAt ? { createdAt: createdAt.toISOString() } : {}),
  };
}

/** Every stored verdict, by names instead of ids (ids differ between the two databases), provenance aside. */
async function storedVerdicts(server: TestServer): Promise<unknown[]> {
  return queryRows(
    server.database.db,
    sql`
    SELECT j.name AS judge, j.kind, p.dedup_key, p.text AS prompt_text, p.category, ma.name AS model_a, mb.name AS model_b,
           ra.text AS response_a, rb.text AS response_b, v.outcome, v.preference_a, v.shown_first, v.judgment,
           v.idempotency_key, v.created_at::text, v.superseded_by IS NULL AS counted
    FROM verdicts v JOIN judges j ON j.id = v.judge_id JOIN prompts p ON p.id = v.prompt_id
    JOIN models ma ON ma.id = v.model_a_id JOIN models mb ON mb.id = v.model_b_id
    LEFT JOIN responses ra ON ra.id = v.response_a_id LEFT JOIN responses rb ON rb.id = v.response_b_id
    ORDER BY v.id`,
  );
}

async function storedCounts(server: TestServer): Promise<unknown[]> {
  return queryRows(
    server.database.db,
    sql`
    SELECT j.name AS judge, c.category, ma.name AS model_a, mb.name AS model_b, c.outcome, c.preference_a, c.verdicts::int AS verdicts
    FROM verdict_counts c JOIN judges j ON j.id = c.judge_id JOIN models ma ON ma.id = c.model_a_id JOIN models mb ON mb.id = c.model_b_id
    WHERE c.verdicts <> 0
    ORDER BY 1, 2, 3, 4, 5, 6`,
  );
}

/** The counts grouped afresh from the verdicts, in the shape of storedCounts. */
async function recountedCounts(server: TestServer): Promise<unknown[]> {
  return queryRows(
    server.database.db,
    sql`
    SELECT j.name AS judge, COALESCE(p.category, '') AS category, ma.name AS model_a, mb.name AS model_b, v.outcome,
           COALESCE(v.preference_a, -1) AS preference_a, count(*)::int AS verdicts
    FROM verdicts v JOIN judges j ON j.id = v.judge_id JOIN prompts p ON p.id = v.prompt_id
    JOIN models ma ON ma.id = v.model_a_id JOIN models mb ON mb.id = v.model_b_id
    WHERE v.superseded_by IS NULL
    GROUP BY 1, 2, 3, 4, 5, 6
    ORDER BY 1, 2, 3, 4, 5, 6`,
  );
}

/** Seeded records with every optional field in play, some repeated keys, and some invalid ones. */
function mixedRecords(count: number, seed: number): VerdictRecord[] {
  const random = createRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random.nextFloat() * list.length)];
  const models = ['alpha', 'beta', 'gamma', 'delta', 'model\twith tab'];
  return Array.from({ length: count }, (_, i) => {
    const modelA = pick(models);
    let modelB = pick(models);
    while (modelB === modelA) modelB = pick(models);
    const prompt = Math.floor(random.nextFloat() * 12);
    // Every fifth key repeats an earlier one (a key is unique per judge); some verdicts carry none.
    const keyNumber = i % 5 === 4 ? i - 3 : i;
    const record: VerdictRecord = {
      judge: ['judge-a', 'judge-b', 'annotator'][keyNumber % 3],
      judgeKind: 'LLM',
      prompt: {
        externalId: `q${prompt}`,
        text: `Question ${prompt}: ${pick(HOSTILE)}`,
        category: prompt % 3 === 0 ? null : `cat-${prompt % 3}`,
      },
      modelA,
      modelB,
      shownFirst: pick(['A', 'B', null]),
      idempotencyKey: i % 11 === 10 ? null : `key-${keyNumber}`,
      createdAt: new Date(Date.UTC(2025, 0, 1) + i * 1000),
    };
    const style = random.nextFloat();
    if (style < 0.3) record.preferenceA = Math.round(random.nextFloat() * 20) / 20;
    else if (style < 0.5)
      record.judgment = `${pick(HOSTILE)}\nMy final verdict is [[${pick(['A>B', 'B>A', 'A=B', 'A>>B'])}]].`;
    else record.outcome = pick(Object.keys(OUTCOME_NAMES)) as VerdictRecord['outcome'];
    if (random.nextFloat() < 0.3) {
      record.responseA = `Answer of ${modelA}: ${pick(HOSTILE)}`;
      record.responseB = `Answer of ${modelB}: ${pick(HOSTILE)}`;
    }
    // Invalid: a self-comparison, a preference out of range.
    if (i % 17 === 16) record.modelB = record.modelA;
    if (i % 23 === 22)
      Object.assign(record, { preferenceA: 1.5, outcome: undefined, judgment: undefined });
    return record;
  });
}

test('an import stores the same verdicts, counts and leaderboard as the mutation, with the same answers', async () => {
  const records = mixedRecords(300, 7);
  const byMutation = { accepted: 0, duplicates: 0, rejected: 0 };
  for (let start = 0; start < records.length; start += 7) {
    const result = await mutationSide.graphql(RECORD, {
      input: { verdicts: records.slice(start, start + 7).map(asMutationInput) },
    });
    expect(result.errors).toBeUndefined();
    for (const key of ['accepted', 'duplicates', 'rejected'] as const)
      byMutation[key] += result.data.recordVerdicts[key];
  }
  const summary = await importRecords(importSide, records);

  expect(byMutation.accepted).toBeGreaterThan(200);
  expect(byMutation.duplicates).toBeGreaterThan(30);
  expect(byMutation.rejected).toBeGreaterThan(10);
  expect({
    accepted: summary.accepted,
    duplicates: summary.duplicates,
    rejected: summary.rejected,
  }).toEqual(byMutation);
  expect(await storedVerdicts(importSide)).toEqual(await storedVerdicts(mutationSide));
  expect(await storedCounts(importSide)).toEqual(await storedCounts(mutationSide));
  for (const input of [{}, { categories: ['cat-1'] }, { judges: ['judge-a'] }]) {
    const [fromImport, fromMutation] = await Promise.all(
      [importSide, mutationSide].map((side) =>
        side.graphql(LEADERBOARD, { input: { ...input, bootstrapRounds: 0 } }),
      ),
    );
    expect(fromImport.errors).toBeUndefined();
    expect(fromImport.data).toEqual(fromMutation.data);
  }
  // verdict_counts is exactly a recount of the verdicts.
  expect(await storedCounts(importSide)).toEqual(await recountedCounts(importSide));
});

test('keys repeated inside a file, across its batches and across two imports are DUPLICATE, stored once', async () => {
  const record = (key: string, modelA = 'dup-a'): VerdictRecord => ({
    judge: 'dup-judge',
    prompt: { externalId: 'dup-q' },
    modelA,
    modelB: 'dup-b',
    outcome: 'A>B',
    idempotencyKey: key,
  });
  // Batches of 3: k1 repeats inside the first batch, k2 in the second batch, k3 in a later one.
  const records = [
    record('k1'),
    record('k2'),
    record('k1', 'dup-c'),
    record('k3'),
    record('k2'),
    record('k4'),
    record('k3'),
    record('k5'),
  ];
  const first = await importRecords(importSide, records, { batchSize: 3, file: 'dups.jsonl' });
  expect(first).toMatchObject({ accepted: 5, duplicates: 3, rejected: 0 });
  const second = await importRecords(importSide, records, { batchSize: 3, file: 'dups.jsonl' });
  expect(second).toMatchObject({ accepted: 0, duplicates: 8, rejected: 0 });
  const stored = await queryRows<{ key: string; model_a: string; n: number }>(
    importSide.database.db,
    sql`
    SELECT v.idempotency_key AS key, min(m.name) AS model_a, count(*)::int AS n FROM verdicts v
    JOIN judges j ON j.id = v.judge_id JOIN models m ON m.id = v.model_a_id
    WHERE j.name = 'dup-judge' GROUP BY 1 ORDER BY 1`,
  );
  // The first occurrence wins: k1 keeps model A "dup-a", not the repeat's "dup-c".
  expect(stored).toEqual(
    ['k1', 'k2', 'k3', 'k4', 'k5'].map((key) => ({ key, model_a: 'dup-a', n: 1 })),
  );
  expect(await storedCounts(importSide)).toEqual(await recountedCounts(importSide));
});

test('rejected rows are reported with their line numbers, and their valid neighbours are stored', async () => {
  const good = (line: number): VerdictRecord => ({
    judge: 'line-judge',
    prompt: { externalId: `line-q${line}` },
    modelA: 'l1',
    modelB: 'l2',
    outcome: 'A=B',
    idempotencyKey: `line-${line}`,
  });
  const records = [
    good(1),
    { ...good(2), modelB: 'l1' },
    good(3),
    { ...good(4), preferenceA: 2, outcome: null },
    good(5),
  ];
  const summary = await importRecords(importSide, records, { file: 'lines.jsonl' });
  expect(summary).toMatchObject({ accepted: 3, duplicates: 0, rejected: 2 });
  expect(
    summary.problems.map((problem) => [problem.file, problem.line, problem.reason.split(' ')[0]]),
  ).toEqual([
    ['lines.jsonl', 2, 'SELF_COMPARISON'],
    ['lines.jsonl', 4, 'OUT_OF_RANGE'],
  ]);
  const keys = await queryRows<{ key: string }>(
    importSide.database.db,
    sql`SELECT idempotency_key AS key FROM verdicts WHERE idempotency_key LIKE 'line-%' ORDER BY id`,
  );
  expect(keys.map((row) => row.key)).toEqual(['line-1', 'line-3', 'line-5']);
});

test('hostile text in every stored field comes back byte for byte', async () => {
  const records: VerdictRecord[] = HOSTILE.map((text, i) => ({
    judge: `judge ${text} ${i}`,
    prompt: { externalId: `hostile ${text} ${i}`, text: `prompt ${text}` },
    modelA: `model A ${text} ${i}`,
    modelB: `model B ${text} ${i}`,
    responseA: `response ${text}`,
    outcome: 'B>A',
    judgment: text,
    idempotencyKey: `key ${text} ${i}`,
    provenance: `source ${text} ${i}`,
  }));
  const summary = await importRecords(importSide, records, { file: 'hostile.jsonl' });
  expect(summary).toMatchObject({ accepted: HOSTILE.length, rejected: 0 });
  const stored = await queryRows<Record<string, string>>(
    importSide.database.db,
    sql`
    SELECT j.name AS judge, p.external_id, p.text AS prompt_text, ma.name AS model_a, mb.name AS model_b, r.text AS response_a,
           v.judgment, v.idempotency_key, v.provenance
    FROM verdicts v JOIN judges j ON j.id = v.judge_id JOIN prompts p ON p.id = v.prompt_id
    JOIN models ma ON ma.id = v.model_a_id JOIN models mb ON mb.id = v.model_b_id JOIN responses r ON r.id = v.response_a_id
    WHERE v.provenance LIKE 'source %' ORDER BY v.id`,
  );
  expect(stored).toEqual(
    records.map((record) => ({
      judge: record.judge,
      external_id: record.prompt.externalId,
      prompt_text: record.prompt.text,
      model_a: record.modelA,
      model_b: record.modelB,
      response_a: record.responseA,
      judgment: record.judgment,
      idempotency_key: record.idempotencyKey,
      provenance: record.provenance,
    })),
  );
});
