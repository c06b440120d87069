/**
 * Stores a batch of verdicts in one transaction: finds or creates the models, judges, prompts
 * and responses they name, then inserts the verdicts. Each step is one set-based statement
 * (`unnest` of arrays), so a batch of 5,000 costs about ten round trips, not thousands.
 * Invalid items are rejected before the transaction; a database failure stores nothing.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { arrayLiteral } from '../db/array-literal';
import { queryRows } from '../db/rows';
import {
  findOrCreateJudges,
  findOrCreateModels,
  findOrCreatePrompts,
  findOrCreateResponses,
  judgeKey,
  responseKey,
  type Executor,
  type ResponseKeyed,
} from './entity-upsert';
import { recordAudit } from './audit';
import { adjustCounts, bumpDataVersion, countsUpsert } from './verdict-count-maintenance';
import type { ItemResult, RecordVerdictsResult, VerdictRecord } from './verdict-record';
import { validateVerdict, type ValidVerdict } from './verdict-validation';

type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

export const MAX_BATCH_SIZE = 5000;

export interface Actor {
  /** The API key that sends the batch; null for imports and when auth is off. */
  apiKeyId: number | null;
}

export async function recordVerdicts(db: Database, records: VerdictRecord[], defaultProvenance: string, actor: Actor = { apiKeyId: null }): Promise<RecordVerdictsResult> {
  const results: ItemResult[] = records.map((_, index) => ({ index, status: 'REJECTED', verdictId: null, userErrors: [] }));
  const valid: { index: number; verdict: ValidVerdict }[] = [];
  records.forEach((record, index) => {
    const checked = validateVerdict(record, defaultProvenance);
    if (checked.ok) valid.push({ index, verdict: checked.verdict });
    else results[index].userErrors = checked.errors;
  });
  if (valid.length > 0) {
    await db.transaction((tx) => storeValid(tx, valid, results, actor));
  }
  return summarize(results);
}

async function storeValid(tx: Transaction, items: { index: number; verdict: ValidVerdict }[], results: ItemResult[], actor: Actor): Promise<void> {
  const modelIds = await findOrCreateModels(tx, items.flatMap(({ verdict }) => [verdict.modelA, verdict.modelB]));
  const judges = await findOrCreateJudges(tx, items.map(({ verdict }) => verdict.judge));
  const promptIds = (await findOrCreatePrompts(tx, items.map(({ verdict }) => verdict.prompt))).ids;

  const supersedable = await lockSupersededTargets(tx, items.flatMap(({ verdict }) => (verdict.supersedes === null ? [] : [verdict.supersedes])));
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
    if (verdict.supersedes !== null) {
      const target = supersedable.get(verdict.supersedes);
      if (target !== 'open') {
        results[index].userErrors = [{
          code: target === undefined ? 'NOT_FOUND' : 'ALREADY_SUPERSEDED',
          field: 'supersedes',
          message: target === undefined
            ? `supersedes must name a stored verdict, but verdict ${verdict.supersedes} does not exist.`
            : `supersedes must name a verdict that is still in the rankings, but verdict ${verdict.supersedes} was already superseded.`,
        }];
        return false;
      }
      // A later item of the same batch cannot supersede the same verdict again.
      supersedable.set(verdict.supersedes, 'claimed');
    }
    return true;
  });

  const responseIds = (await findOrCreateResponses(tx, storable.flatMap(({ verdict }) => {
    const promptId = promptIds.get(verdict.prompt.dedupKey)!;
    const sides: ResponseKeyed[] = [];
    if (verdict.responseA) sides.push({ promptId, modelId: modelIds.get(verdict.modelA)!, response: verdict.responseA });
    if (verdict.responseB) sides.push({ promptId, modelId: modelIds.get(verdict.modelB)!, response: verdict.responseB });
    return sides;
  }))).ids;
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

  // Ids follow the input order (verdicts decided at the same instant keep the source's order),
  // but rows are inserted in key order: concurrent batches with overlapping idempotency keys then
  // wait on each other's unique-index entries in one order, and cannot deadlock.
  const ids = await reserveVerdictIds(tx, toInsert.length);
  const idOf = new Map(toInsert.map((item, i) => [item, ids[i]]));
  const inKeyOrder = [...toInsert].sort((x, y) => x.judgeId - y.judgeId || compareKeys(x.verdict.idempotencyKey, y.verdict.idempotencyKey));
  const column = (pick: (item: (typeof toInsert)[number]) => number | string | null) => arrayLiteral(inKeyOrder.map(pick));
  // The counts are taken from the rows the INSERT returns, in the same statement: exactly the
  // verdicts stored, without reading them back by id.
  const inserted = toInsert.length === 0 ? [] : await queryRows<{ id: string | number }>(tx, sql`
    WITH inserted AS (
    INSERT INTO verdicts (id, judge_id, prompt_id, model_a_id, model_b_id, response_a_id, response_b_id,
                          outcome, preference_a, shown_first, judgment, idempotency_key, provenance, created_at, api_key_id)
    SELECT id, judge_id, prompt_id, model_a_id, model_b_id, response_a_id, response_b_id,
           outcome::outcome_label, preference_a, shown_first::answer_position, judgment, idempotency_key, provenance,
           COALESCE(created_at, now()), ${actor.apiKeyId}::int
    FROM unnest(
      ${column((i) => idOf.get(i)!)}::bigint[], ${column((i) => i.judgeId)}::int[],
      ${column((i) => promptIds.get(i.verdict.prompt.dedupKey)!)}::int[],
      ${column((i) => modelIds.get(i.verdict.modelA)!)}::int[], ${column((i) => modelIds.get(i.verdict.modelB)!)}::int[],
      ${column((i) => responseIdOf(i.verdict, 'A'))}::int[], ${column((i) => responseIdOf(i.verdict, 'B'))}::int[],
      ${column((i) => i.verdict.outcome)}::text[], ${column((i) => i.verdict.preferenceA)}::float8[],
      ${column((i) => i.verdict.shownFirst)}::text[], ${column((i) => i.verdict.judgment)}::text[],
      ${column((i) => i.verdict.idempotencyKey)}::text[], ${column((i) => i.verdict.provenance)}::text[],
      ${column((i) => i.verdict.createdAt?.toISOString() ?? null)}::timestamptz[]
    ) WITH ORDINALITY AS item(id, judge_id, prompt_id, model_a_id, model_b_id, response_a_id, response_b_id, outcome,
              preference_a, shown_first, judgment, idempotency_key, provenance, created_at, position)
    ORDER BY item.position
    ON CONFLICT (judge_id, idempotency_key) DO NOTHING
    RETURNING id, judge_id, prompt_id, model_a_id, model_b_id, outcome, preference_a
    ), counted AS (${countsUpsert(sql`inserted v`, sql`TRUE`, 1)})
    SELECT id FROM inserted`);

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

  const corrections = toInsert
    .filter((item) => item.verdict.supersedes !== null && results[item.index].status === 'ACCEPTED')
    .map((item) => ({ verdict: results[item.index].verdictId!, supersedes: item.verdict.supersedes! }));
  if (corrections.length > 0) {
    await adjustCounts(tx, sql`v.id = ANY(${sql.param(corrections.map((c) => c.supersedes))}::bigint[])`, -1);
    await tx.execute(sql`
      UPDATE verdicts v SET superseded_by = item.verdict
      FROM unnest(${sql.param(corrections.map((c) => c.supersedes))}::bigint[], ${sql.param(corrections.map((c) => c.verdict))}::bigint[]) AS item(target, verdict)
      WHERE v.id = item.target`);
    await recordAudit(tx, actor.apiKeyId, 'SUPERSEDE', { corrections });
  }
  if (insertedIds.size > 0) await bumpDataVersion(tx);
}

/** Locks the verdicts to be superseded; each is `open` or `superseded` (absent ids are missing). */
async function lockSupersededTargets(tx: Executor, ids: number[]): Promise<Map<number, 'open' | 'superseded' | 'claimed'>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRows<{ id: string | number; superseded_by: string | number | null }>(tx, sql`
    SELECT id, superseded_by FROM verdicts WHERE id = ANY(${sql.param([...new Set(ids)].sort((a, b) => a - b))}::bigint[]) ORDER BY id FOR UPDATE`);
  return new Map(rows.map((row) => [Number(row.id), row.superseded_by === null ? 'open' : 'superseded']));
}

/** The sequence named as a constant: `pg_get_serial_sequence` would be looked up once per row. */
async function reserveVerdictIds(tx: Executor, count: number): Promise<number[]> {
  if (count === 0) return [];
  const rows = await queryRows<{ id: string | number }>(tx, sql`
    SELECT nextval('verdicts_id_seq') AS id FROM generate_series(1, ${count})`);
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

/** Code-unit order, the same in every process; keyless verdicts last (they conflict with nothing). */
function compareKeys(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

function summarize(results: ItemResult[]): RecordVerdictsResult {
  const count = (status: ItemResult['status']) => results.filter((r) => r.status === status).length;
  return { accepted: count('ACCEPTED'), duplicates: count('DUPLICATE'), rejected: count('REJECTED'), results };
}
