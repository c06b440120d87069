/**
 * Stores a batch of verdicts in one transaction: finds or creates the models, judges, prompts
 * and responses they name, then inserts the verdicts. Each step is one set-based statement
 * (`unnest` of arrays), so a batch of 5,000 costs about ten round trips, not thousands.
 * Invalid items are rejected before the transaction; a database failure stores nothing.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { queryRows } from '../db/rows';
import { estimateTokenCount, styleCounts } from '../ingest/style-counts';
import type { ItemResult, RecordVerdictsResult, VerdictRecord } from './verdict-record';
import { validateVerdict, type ValidResponse, type ValidVerdict } from './verdict-validation';

type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
type Executor = Database | Transaction;

export const MAX_BATCH_SIZE = 5000;

export async function recordVerdicts(db: Database, records: VerdictRecord[], defaultProvenance: string): Promise<RecordVerdictsResult> {
  const results: ItemResult[] = records.map((_, index) => ({ index, status: 'REJECTED', verdictId: null, userErrors: [] }));
  const valid: { index: number; verdict: ValidVerdict }[] = [];
  records.forEach((record, index) => {
    const checked = validateVerdict(record, defaultProvenance);
    if (checked.ok) valid.push({ index, verdict: checked.verdict });
    else results[index].userErrors = checked.errors;
  });
  if (valid.length > 0) {
    await db.transaction((tx) => storeValid(tx, valid, results));
  }
  return summarize(results);
}

async function storeValid(tx: Transaction, items: { index: number; verdict: ValidVerdict }[], results: ItemResult[]): Promise<void> {
  const modelIds = await findOrCreateModels(tx, items.flatMap(({ verdict }) => [verdict.modelA, verdict.modelB]));
  const judges = await findOrCreateJudges(tx, items.map(({ verdict }) => verdict.judge));
  const promptIds = await findOrCreatePrompts(tx, items.map(({ verdict }) => verdict.prompt));

  const storable = items.filter(({ index, verdict }) => {
    const judge = judges.get(judgeKey(verdict.judge))!;
    if (verdict.judge.kind !== null && verdict.judge.kind !== judge.kind) {
      results[index].userErrors = [{
        code: 'JUDGE_KIND_MISMATCH',
        field: 'judgeKind',
        message: `judge "${verdict.judge.name}" is stored as ${judge.kind}, but this verdict says ${verdict.judge.kind}.`,
      }];
      return false;
    }
    return true;
  });

  const responseIds = await findOrCreateResponses(tx, storable.flatMap(({ verdict }) => {
    const promptId = promptIds.get(verdict.prompt.dedupKey)!;
    const sides: ResponseKeyed[] = [];
    if (verdict.responseA) sides.push({ promptId, modelId: modelIds.get(verdict.modelA)!, response: verdict.responseA });
    if (verdict.responseB) sides.push({ promptId, modelId: modelIds.get(verdict.modelB)!, response: verdict.responseB });
    return sides;
  }));
  const responseIdOf = (verdict: ValidVerdict, side: 'A' | 'B'): number | null => {
    const response = side === 'A' ? verdict.responseA : verdict.responseB;
    if (!response) return null;
    const modelId = modelIds.get(side === 'A' ? verdict.modelA : verdict.modelB)!;
    return responseIds.get(responseKey(promptIds.get(verdict.prompt.dedupKey)!, modelId, response.textHash))!;
  };

  // A key repeated inside the batch is a duplicate of its first occurrence.
  const firstByKey = new Map<string, number>();
  const toInsert: { index: number; verdict: ValidVerdict; judgeId: number }[] = [];
  const duplicatesInBatch: { index: number; firstIndex: number }[] = [];
  for (const item of storable) {
    const judgeId = judges.get(judgeKey(item.verdict.judge))!.id;
    const key = item.verdict.idempotencyKey;
    if (key !== null) {
      const seen = firstByKey.get(`${judgeId}\u0000${key}`);
      if (seen !== undefined) {
        duplicatesInBatch.push({ index: item.index, firstIndex: seen });
        continue;
      }
      firstByKey.set(`${judgeId}\u0000${key}`, item.index);
    }
    toInsert.push({ ...item, judgeId });
  }

  const ids = await reserveVerdictIds(tx, toInsert.length);
  const column = <T>(pick: (item: (typeof toInsert)[number]) => T) => sql.param(toInsert.map(pick));
  const inserted = await queryRows<{ id: string | number }>(tx, sql`
    INSERT INTO verdicts (id, judge_id, prompt_id, model_a_id, model_b_id, response_a_id, response_b_id,
                          outcome, preference_a, shown_first, judgment, idempotency_key, provenance, created_at)
    SELECT id, judge_id, prompt_id, model_a_id, model_b_id, response_a_id, response_b_id,
           outcome::outcome_label, preference_a, shown_first::answer_position, judgment, idempotency_key, provenance,
           COALESCE(created_at, now())
    FROM unnest(
      ${sql.param(ids)}::bigint[], ${column((i) => i.judgeId)}::int[],
      ${column((i) => promptIds.get(i.verdict.prompt.dedupKey)!)}::int[],
      ${column((i) => modelIds.get(i.verdict.modelA)!)}::int[], ${column((i) => modelIds.get(i.verdict.modelB)!)}::int[],
      ${column((i) => responseIdOf(i.verdict, 'A'))}::int[], ${column((i) => responseIdOf(i.verdict, 'B'))}::int[],
      ${column((i) => i.verdict.outcome)}::text[], ${column((i) => i.verdict.preferenceA)}::float8[],
      ${column((i) => i.verdict.shownFirst)}::text[], ${column((i) => i.verdict.judgment)}::text[],
      ${column((i) => i.verdict.idempotencyKey)}::text[], ${column((i) => i.verdict.provenance)}::text[],
      ${column((i) => i.verdict.createdAt?.toISOString() ?? null)}::timestamptz[]
    ) AS item(id, judge_id, prompt_id, model_a_id, model_b_id, response_a_id, response_b_id, outcome,
              preference_a, shown_first, judgment, idempotency_key, provenance, created_at)
    ON CONFLICT (judge_id, idempotency_key) DO NOTHING
    RETURNING id`);

  const insertedIds = new Set(inserted.map((row) => Number(row.id)));
  const storedDuplicates: (typeof toInsert)[number][] = [];
  toInsert.forEach((item, i) => {
    if (insertedIds.has(ids[i])) {
      results[item.index].status = 'ACCEPTED';
      results[item.index].verdictId = ids[i];
    } else {
      storedDuplicates.push(item);
    }
  });
  const existing = await findVerdictIdsByKey(tx, storedDuplicates.map((item) => ({ judgeId: item.judgeId, key: item.verdict.idempotencyKey! })));
  for (const item of storedDuplicates) {
    results[item.index].status = 'DUPLICATE';
    results[item.index].verdictId = existing.get(`${item.judgeId}\u0000${item.verdict.idempotencyKey}`) ?? null;
  }
  for (const { index, firstIndex } of duplicatesInBatch) {
    results[index].status = 'DUPLICATE';
    results[index].verdictId = results[firstIndex].verdictId;
  }
}

async function findOrCreateModels(tx: Executor, names: string[]): Promise<Map<string, number>> {
  // Sorted, so that concurrent batches take row locks in the same order and cannot deadlock.
  const distinct = [...new Set(names)].sort();
  await tx.execute(sql`
    INSERT INTO models (name) SELECT name FROM unnest(${sql.param(distinct)}::text[]) AS item(name) ORDER BY name
    ON CONFLICT (name) DO NOTHING`);
  const rows = await queryRows<{ id: number; name: string }>(tx, sql`
    SELECT id, name FROM models WHERE name = ANY(${sql.param(distinct)}::text[])`);
  return new Map(rows.map((row) => [row.name, row.id]));
}

interface StoredJudge {
  id: number;
  kind: 'HUMAN' | 'LLM';
}

function judgeKey(judge: { name: string; version: string }): string {
  return `${judge.name}\u0000${judge.version}`;
}

async function findOrCreateJudges(tx: Executor, judges: ValidVerdict['judge'][]): Promise<Map<string, StoredJudge>> {
  const firstByKey = new Map<string, ValidVerdict['judge']>();
  for (const judge of judges) if (!firstByKey.has(judgeKey(judge))) firstByKey.set(judgeKey(judge), judge);
  const distinct = [...firstByKey.values()].sort((a, b) => judgeKey(a).localeCompare(judgeKey(b)));
  const names = sql.param(distinct.map((j) => j.name));
  const versions = sql.param(distinct.map((j) => j.version));
  // A judge first seen without a kind is taken to be an LLM: pipelines post most verdicts.
  await tx.execute(sql`
    INSERT INTO judges (name, version, kind, model)
    SELECT name, version, kind::judge_kind, model
    FROM unnest(${names}::text[], ${versions}::text[], ${sql.param(distinct.map((j) => j.kind ?? 'LLM'))}::text[],
                ${sql.param(distinct.map((j) => j.model))}::text[]) AS item(name, version, kind, model)
    ON CONFLICT (name, version) DO NOTHING`);
  const rows = await queryRows<{ id: number; name: string; version: string; kind: 'HUMAN' | 'LLM' }>(tx, sql`
    SELECT j.id, j.name, j.version, j.kind FROM judges j
    JOIN unnest(${names}::text[], ${versions}::text[]) AS item(name, version)
      ON j.name = item.name AND j.version = item.version`);
  return new Map(rows.map((row) => [judgeKey(row), { id: row.id, kind: row.kind }]));
}

async function findOrCreatePrompts(tx: Executor, prompts: ValidVerdict['prompt'][]): Promise<Map<string, number>> {
  const merged = new Map<string, ValidVerdict['prompt']>();
  for (const prompt of prompts) {
    const seen = merged.get(prompt.dedupKey);
    merged.set(prompt.dedupKey, seen ? {
      ...seen,
      text: seen.text ?? prompt.text,
      category: seen.category ?? prompt.category,
      tags: [...new Set([...seen.tags, ...prompt.tags])].sort(),
    } : prompt);
  }
  const distinct = [...merged.values()].sort((a, b) => a.dedupKey.localeCompare(b.dedupKey));
  const keys = sql.param(distinct.map((p) => p.dedupKey));
  await tx.execute(sql`
    INSERT INTO prompts (dedup_key, external_id, text, category)
    SELECT dedup_key, external_id, text, category
    FROM unnest(${keys}::text[], ${sql.param(distinct.map((p) => p.externalId))}::text[],
                ${sql.param(distinct.map((p) => p.text))}::text[], ${sql.param(distinct.map((p) => p.category))}::text[])
         AS item(dedup_key, external_id, text, category)
    ORDER BY dedup_key
    ON CONFLICT (dedup_key) DO NOTHING`);
  const rows = await queryRows<{ id: number; dedup_key: string; text: string | null; category: string | null; tags: string[] }>(tx, sql`
    SELECT id, dedup_key, text, category, tags FROM prompts WHERE dedup_key = ANY(${keys}::text[])`);
  // A later source may know what an earlier one did not (an import of questions after verdicts).
  for (const row of rows) {
    const given = merged.get(row.dedup_key)!;
    const missingTags = given.tags.filter((tag) => !row.tags.includes(tag));
    if ((row.text === null && given.text !== null) || (row.category === null && given.category !== null) || missingTags.length > 0) {
      await tx.execute(sql`
        UPDATE prompts SET text = COALESCE(text, ${given.text}), category = COALESCE(category, ${given.category}),
               tags = ${sql.param([...row.tags, ...missingTags].sort())}::text[]
        WHERE id = ${row.id}`);
    }
  }
  return new Map(rows.map((row) => [row.dedup_key, row.id]));
}

interface ResponseKeyed {
  promptId: number;
  modelId: number;
  response: ValidResponse;
}

function responseKey(promptId: number, modelId: number, textHash: string): string {
  return `${promptId}:${modelId}:${textHash}`;
}

async function findOrCreateResponses(tx: Executor, wanted: ResponseKeyed[]): Promise<Map<string, number>> {
  if (wanted.length === 0) return new Map();
  const byKey = new Map<string, ResponseKeyed>();
  for (const item of wanted) byKey.set(responseKey(item.promptId, item.modelId, item.response.textHash), item);
  const distinct = [...byKey.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, item]) => item);
  const counts = distinct.map((item) => styleCounts(item.response.text));
  const promptIds = sql.param(distinct.map((item) => item.promptId));
  const modelIds = sql.param(distinct.map((item) => item.modelId));
  const hashes = sql.param(distinct.map((item) => item.response.textHash));
  await tx.execute(sql`
    INSERT INTO responses (prompt_id, model_id, text, text_hash, token_length, token_length_estimated,
                           char_length, header_count, list_item_count, bold_count)
    SELECT * FROM unnest(
      ${promptIds}::int[], ${modelIds}::int[], ${sql.param(distinct.map((item) => item.response.text))}::text[], ${hashes}::text[],
      ${sql.param(distinct.map((item) => item.response.reportedTokens ?? estimateTokenCount(item.response.text)))}::int[],
      ${sql.param(distinct.map((item) => item.response.reportedTokens === null))}::bool[],
      ${sql.param(counts.map((c) => c.charLength))}::int[], ${sql.param(counts.map((c) => c.headerCount))}::int[],
      ${sql.param(counts.map((c) => c.listItemCount))}::int[], ${sql.param(counts.map((c) => c.boldCount))}::int[])
    ON CONFLICT (prompt_id, model_id, text_hash) DO NOTHING`);
  const rows = await queryRows<{ id: number; prompt_id: number; model_id: number; text_hash: string }>(tx, sql`
    SELECT r.id, r.prompt_id, r.model_id, r.text_hash FROM responses r
    JOIN unnest(${promptIds}::int[], ${modelIds}::int[], ${hashes}::text[]) AS item(prompt_id, model_id, text_hash)
      ON r.prompt_id = item.prompt_id AND r.model_id = item.model_id AND r.text_hash = item.text_hash`);
  return new Map(rows.map((row) => [responseKey(row.prompt_id, row.model_id, row.text_hash), row.id]));
}

async function reserveVerdictIds(tx: Executor, count: number): Promise<number[]> {
  if (count === 0) return [];
  const rows = await queryRows<{ id: string | number }>(tx, sql`
    SELECT nextval(pg_get_serial_sequence('verdicts', 'id')) AS id FROM generate_series(1, ${count})`);
  return rows.map((row) => Number(row.id));
}

async function findVerdictIdsByKey(tx: Executor, keys: { judgeId: number; key: string }[]): Promise<Map<string, number>> {
  if (keys.length === 0) return new Map();
  const rows = await queryRows<{ id: string | number; judge_id: number; idempotency_key: string }>(tx, sql`
    SELECT v.id, v.judge_id, v.idempotency_key FROM verdicts v
    JOIN unnest(${sql.param(keys.map((k) => k.judgeId))}::int[], ${sql.param(keys.map((k) => k.key))}::text[]) AS item(judge_id, key)
      ON v.judge_id = item.judge_id AND v.idempotency_key = item.key`);
  return new Map(rows.map((row) => [`${row.judge_id}\u0000${row.idempotency_key}`, Number(row.id)]));
}

function summarize(results: ItemResult[]): RecordVerdictsResult {
  const count = (status: ItemResult['status']) => results.filter((r) => r.status === status).length;
  return { accepted: count('ACCEPTED'), duplicates: count('DUPLICATE'), rejected: count('REJECTED'), results };
}
