/**
 * Stores a batch of verdicts in one transaction: finds or creates the models, judges, prompts
 * and responses they name, then inserts the verdicts. Each step is one set-based statement, so
 * a batch costs about ten round trips, not thousands.
 * Invalid items are rejected before the transaction; a database failure stores nothing.
 */
import { sql } from 'drizzle-orm';
import type { Database, Transaction } from '../db/client';
import { queryRows } from '../db/rows';
import {
  findOrCreateJudges,
  findOrCreateModels,
  findOrCreatePrompts,
  findOrCreateResponses,
  judgeKey,
  responseKey,
  responsePairOfKey,
  type Executor,
  type ResponseKeyed,
} from './entity-upsert';
import { linkAnswersOfPairs, linkAnswersOfVerdicts } from './answer-links';
import { recordAudit } from './audit';
import { adjustCounts, bumpDataVersion } from './verdict-count-maintenance';
import type {
  ItemResult,
  RecordVerdictsResult,
  UserError,
  VerdictRecord,
} from '../domain/verdict-record';
import { insertFromArrays, type VerdictInsert, type VerdictRow } from './verdict-insert';
import { validateVerdicts, type ValidResponse, type ValidVerdict } from './verdict-validation';
import { mustGet, present } from '../domain/invariant';
import { excerpt } from '../domain/excerpt';

export const MAX_BATCH_SIZE = 5000;

export interface Actor {
  /** The API key that sends the batch; null for imports and when auth is off. */
  apiKeyId: number | null;
}

/**
 * `insert` writes the resolved rows: the mutation's array insert by default, COPY for the
 * importer; everything before and after it (checks, dedup, counts, results) is the same.
 */
export async function recordVerdicts(
  db: Database,
  records: VerdictRecord[],
  defaultProvenance: string,
  actor: Actor = { apiKeyId: null },
  insert: VerdictInsert = insertFromArrays,
  /** Ids reserved beforehand (reserveVerdictIds), at least one per record; else reserved here. */
  reservedIds?: readonly number[],
): Promise<RecordVerdictsResult> {
  const results: ItemResult[] = records.map((_, index) => ({
    index,
    status: 'REJECTED',
    verdictId: null,
    userErrors: [],
  }));
  const valid: { index: number; verdict: ValidVerdict }[] = [];
  validateVerdicts(records, defaultProvenance).forEach((checked, index) => {
    if (checked.ok) valid.push({ index, verdict: checked.verdict });
    else results[index].userErrors = checked.errors;
  });
  let ambiguousAnswers = 0;
  if (valid.length > 0) {
    ambiguousAnswers = await db.transaction((tx) =>
      storeValid(tx, valid, results, actor, insert, reservedIds),
    );
  }
  return summarize(results, ambiguousAnswers);
}

async function storeValid(
  tx: Transaction,
  items: { index: number; verdict: ValidVerdict }[],
  results: ItemResult[],
  actor: Actor,
  insert: VerdictInsert,
  reservedIds: readonly number[] | undefined,
): Promise<number> {
  // Items refused here create nothing: corrections first (no entity needed), then judges, then
  // the models and prompts of the items still storable. A batch refused whole stores nothing.
  const supersedable = await lockSupersededTargets(
    tx,
    items.flatMap(({ verdict }) => (verdict.supersedes === null ? [] : [verdict.supersedes])),
  );
  const refuse = (index: number, error: UserError) => {
    results[index].userErrors = [error];
    return false;
  };
  const supersedeError = (
    supersedes: number,
    target: 'open' | 'superseded' | 'claimed' | undefined,
  ): UserError => ({
    code: target === undefined ? 'NOT_FOUND' : 'ALREADY_SUPERSEDED',
    field: 'supersedes',
    message:
      target === undefined
        ? `supersedes must name a stored verdict, but verdict ${supersedes} does not exist.`
        : `supersedes must name a verdict that is still in the rankings, but verdict ${supersedes} was already superseded.`,
  });
  const correctable = items.filter(({ index, verdict }) => {
    if (verdict.supersedes === null) return true;
    const target = supersedable.get(verdict.supersedes);
    return target === 'open' || refuse(index, supersedeError(verdict.supersedes, target));
  });
  const judges = await findOrCreateJudges(
    tx,
    correctable.map(({ verdict }) => verdict.judge),
  );
  // Each item's references are looked up once, here and below, and carried with it.
  const storable: { index: number; verdict: ValidVerdict; judgeId: number }[] = [];
  for (const { index, verdict } of correctable) {
    const judge = mustGet(judges, judgeKey(verdict.judge), 'judge');
    const mismatch = judgeKindMismatch(verdict, judge);
    if (mismatch !== null) {
      refuse(index, mismatch);
      continue;
    }
    if (verdict.supersedes !== null) {
      const target = supersedable.get(verdict.supersedes);
      if (target !== 'open') {
        refuse(index, supersedeError(verdict.supersedes, target));
        continue;
      }
      // A later item of the same batch cannot supersede the same verdict again.
      supersedable.set(verdict.supersedes, 'claimed');
    }
    storable.push({ index, verdict, judgeId: judge.id });
  }
  if (storable.length === 0) return 0;
  const modelIds = await findOrCreateModels(
    tx,
    storable.flatMap(({ verdict }) => [verdict.modelA, verdict.modelB]),
  );
  const promptIds = (
    await findOrCreatePrompts(
      tx,
      storable.map(({ verdict }) => verdict.prompt),
    )
  ).ids;
  // Fields listed, not spread: see verdictRow.
  const resolved = storable.map(({ index, verdict, judgeId }) => ({
    index,
    verdict,
    judgeId,
    promptId: mustGet(promptIds, verdict.prompt.dedupKey, 'prompt id'),
    modelAId: mustGet(modelIds, verdict.modelA, 'model id'),
    modelBId: mustGet(modelIds, verdict.modelB, 'model id'),
  }));

  const wantedResponses: ResponseKeyed[] = [];
  for (const { verdict, promptId, modelAId, modelBId } of resolved) {
    if (verdict.responseA)
      wantedResponses.push({ promptId, modelId: modelAId, response: verdict.responseA });
    if (verdict.responseB)
      wantedResponses.push({ promptId, modelId: modelBId, response: verdict.responseB });
  }
  const storedResponses = await findOrCreateResponses(tx, wantedResponses);
  const responseIdOf = (
    promptId: number,
    modelId: number,
    response: ValidResponse | null,
  ): number | null =>
    response === null
      ? null
      : mustGet(
          storedResponses.ids,
          responseKey(promptId, modelId, response.textHash),
          'response id',
        );

  // A key repeated inside the batch is a duplicate of its first occurrence.
  const firstByKey = new Map<string, number>();
  const toInsert: typeof resolved = [];
  const duplicatesInBatch: { index: number; firstIndex: number }[] = [];
  for (const item of resolved) {
    const key = item.verdict.idempotencyKey;
    if (key !== null) {
      const judgeAndKey = `${item.judgeId}\u0000${key}`;
      const seen = firstByKey.get(judgeAndKey);
      if (seen !== undefined) {
        duplicatesInBatch.push({ index: item.index, firstIndex: seen });
        continue;
      }
      firstByKey.set(judgeAndKey, item.index);
    }
    toInsert.push(item);
  }

  // Ids follow the input order (verdicts decided at the same instant keep the source's order),
  // but rows are inserted in key order: concurrent batches with overlapping idempotency keys then
  // wait on each other's unique-index entries in one order, and cannot deadlock.
  const ids =
    reservedIds === undefined
      ? await reserveVerdictIds(tx, toInsert.length)
      : reservedIds.slice(0, toInsert.length);
  if (ids.length < toInsert.length)
    throw new Error(`Invariant failed: ${toInsert.length} verdicts, ${ids.length} ids reserved.`);
  const rows = toInsert.map(({ verdict, judgeId, promptId, modelAId, modelBId }, i) =>
    verdictRow(verdict, {
      id: ids[i],
      judgeId,
      promptId,
      modelAId,
      modelBId,
      responseAId: responseIdOf(promptId, modelAId, verdict.responseA),
      responseBId: responseIdOf(promptId, modelBId, verdict.responseB),
    }),
  );
  const inserted = await insert(
    tx,
    rows.sort((x, y) => x.judgeId - y.judgeId || compareKeys(x.idempotencyKey, y.idempotencyKey)),
    actor.apiKeyId,
  );

  // The insert also adds the rows it stored to verdict_counts, in the same statement.
  const insertedIds = new Set(inserted);
  const storedDuplicates: (typeof toInsert)[number][] = [];
  toInsert.forEach((item, i) => {
    if (insertedIds.has(ids[i])) {
      results[item.index].status = 'ACCEPTED';
      results[item.index].verdictId = ids[i];
    } else {
      storedDuplicates.push(item);
    }
  });
  const existing = await findVerdictIdsByKey(
    tx,
    storedDuplicates.map((item) => ({
      judgeId: item.judgeId,
      key: present(item.verdict.idempotencyKey, 'idempotencyKey'),
    })),
  );
  for (const item of storedDuplicates) {
    results[item.index].status = 'DUPLICATE';
    results[item.index].verdictId =
      existing.get(`${item.judgeId}\u0000${item.verdict.idempotencyKey}`) ?? null;
  }
  for (const { index, firstIndex } of duplicatesInBatch) {
    results[index].status = 'DUPLICATE';
    results[index].verdictId = results[firstIndex].verdictId;
  }

  const corrections = toInsert
    .filter((item) => item.verdict.supersedes !== null && results[item.index].status === 'ACCEPTED')
    .map((item) => ({
      verdict: present(results[item.index].verdictId, 'verdictId'),
      supersedes: present(item.verdict.supersedes, 'supersedes'),
    }));
  if (corrections.length > 0) {
    await adjustCounts(
      tx,
      sql`v.id = ANY(${sql.param(corrections.map((c) => c.supersedes))}::bigint[])`,
      -1,
    );
    await tx.execute(sql`
      UPDATE verdicts v SET superseded_by = item.verdict
      FROM unnest(${sql.param(corrections.map((c) => c.supersedes))}::bigint[], ${sql.param(corrections.map((c) => c.verdict))}::bigint[]) AS item(target, verdict)
      WHERE v.id = item.target`);
    await recordAudit(tx, actor.apiKeyId, 'SUPERSEDE', { corrections });
  }
  const links = await linkSoleAnswers(
    tx,
    rows.filter((row) => insertedIds.has(row.id)),
    storedResponses.created,
  );
  // Corrections take stored verdicts out of the rankings, and answers linked to verdicts stored
  // earlier change what style control reads of them: caches that extend themselves by the inserted
  // verdicts alone must start again after either.
  const kind = corrections.length === 0 && !links.changed ? 'appended' : 'rewritten';
  // Verdicts between answers already stored leave nextComparisons' answer cache standing.
  const answers = storedResponses.created.size === 0 ? 'kept' : 'changed';
  if (insertedIds.size > 0 || links.changed) await bumpDataVersion(tx, inserted, kind, answers);
  return links.ambiguous;
}

/**
 * The row of a checked verdict, given the ids of what it refers to. Every field is listed: on
 * Node 20's V8 an object literal that adds properties after a spread (`{ ...ids, outcome }`) gets
 * a hidden class of its own, so each row cost 5–10 µs to build (2.0 s for 200k timed alone, against
 * 0.05 s listed) and every later read of it was megamorphic (README, "Round VI: object spread on hot paths").
 */
export function verdictRow(
  verdict: ValidVerdict,
  ids: Pick<
    VerdictRow,
    'id' | 'judgeId' | 'promptId' | 'modelAId' | 'modelBId' | 'responseAId' | 'responseBId'
  >,
): VerdictRow {
  return {
    id: ids.id,
    judgeId: ids.judgeId,
    promptId: ids.promptId,
    modelAId: ids.modelAId,
    modelBId: ids.modelBId,
    responseAId: ids.responseAId,
    responseBId: ids.responseBId,
    outcome: verdict.outcome,
    preferenceA: verdict.preferenceA,
    shownFirst: verdict.shownFirst,
    judgment: verdict.judgment,
    idempotencyKey: verdict.idempotencyKey,
    provenance: verdict.provenance,
    createdAt: verdict.createdAt,
  };
}

/** A verdict naming its judge's kind must name the kind the judge is stored with. */
export function judgeKindMismatch(
  verdict: ValidVerdict,
  judge: { kind: 'HUMAN' | 'LLM' },
): UserError | null {
  if (verdict.judge.kind === null || verdict.judge.kind === judge.kind) return null;
  return {
    code: 'JUDGE_KIND_MISMATCH',
    field: 'judgeKind',
    message: `judge ${excerpt(verdict.judge.name)} is stored as ${judge.kind}, but this verdict says ${verdict.judge.kind}.`,
  };
}

/**
 * The answer-linking step (answer-links.ts), separate from the insert: verdicts stored without
 * an answer on a side, and verdicts stored earlier on the (prompt, model) of an answer this
 * batch created. Returns how many of the batch's verdicts stay unlinked for ambiguity.
 */
async function linkSoleAnswers(
  tx: Transaction,
  inserted: VerdictRow[],
  createdResponses: Set<string>,
): Promise<{ ambiguous: number; changed: boolean }> {
  const earlier = await linkAnswersOfPairs(tx, [...createdResponses].map(responsePairOfKey));
  const own = await linkAnswersOfVerdicts(
    tx,
    inserted.filter((row) => row.responseAId === null || row.responseBId === null),
  );
  return { ambiguous: own.ambiguous, changed: earlier.linked + earlier.unlinked > 0 };
}

/** Locks the verdicts to be superseded; each is `open` or `superseded` (absent ids are missing). */
async function lockSupersededTargets(
  tx: Executor,
  ids: number[],
): Promise<Map<number, 'open' | 'superseded' | 'claimed'>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRows<{ id: string | number; superseded_by: string | number | null }>(
    tx,
    sql`
    SELECT id, superseded_by FROM verdicts WHERE id = ANY(${sql.param([...new Set(ids)].sort((a, b) => a - b))}::bigint[]) ORDER BY id FOR UPDATE`,
  );
  return new Map(
    rows.map((row) => [Number(row.id), row.superseded_by === null ? 'open' : 'superseded']),
  );
}

/**
 * `count` new verdict ids, ascending. The sequence named as a constant: `pg_get_serial_sequence`
 * would be looked up once per row. Sequences are not transactional, so ids may be reserved outside
 * the batch's transaction (the importer does, in file order); unused ones leave gaps, as a
 * rollback does.
 */
export async function reserveVerdictIds(
  tx: Pick<Executor, 'execute'>,
  count: number,
): Promise<number[]> {
  if (count === 0) return [];
  const rows = await queryRows<{ id: string | number }>(
    tx,
    sql`
    SELECT nextval('verdicts_id_seq') AS id FROM generate_series(1, ${count})`,
  );
  return rows.map((row) => Number(row.id));
}

async function findVerdictIdsByKey(
  tx: Executor,
  keys: { judgeId: number; key: string }[],
): Promise<Map<string, number>> {
  if (keys.length === 0) return new Map();
  const rows = await queryRows<{ id: string | number; judge_id: number; idempotency_key: string }>(
    tx,
    sql`
    SELECT v.id, v.judge_id, v.idempotency_key FROM verdicts v
    JOIN unnest(${sql.param(keys.map((k) => k.judgeId))}::int[], ${sql.param(keys.map((k) => k.key))}::text[]) AS item(judge_id, key)
      ON v.judge_id = item.judge_id AND v.idempotency_key = item.key`,
  );
  return new Map(
    rows.map((row) => [`${row.judge_id}\u0000${row.idempotency_key}`, Number(row.id)]),
  );
}

/** Code-unit order, the same in every process; keyless verdicts last (they conflict with nothing). */
function compareKeys(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

function summarize(results: ItemResult[], ambiguousAnswers: number): RecordVerdictsResult {
  const count = (status: ItemResult['status']) => results.filter((r) => r.status === status).length;
  return {
    accepted: count('ACCEPTED'),
    duplicates: count('DUPLICATE'),
    rejected: count('REJECTED'),
    ambiguousAnswers,
    results,
  };
}
