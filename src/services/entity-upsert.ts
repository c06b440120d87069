/**
 * Find-or-create of the things verdicts refer to (models, judges, prompts, responses), each as
 * one insert of the whole batch (`unnest` of arrays, `ON CONFLICT DO NOTHING`) and one select.
 * Inputs are sorted, so concurrent batches take row locks in the same order and cannot deadlock.
 */
import { sql } from 'drizzle-orm';
import type { Transaction } from '../db/client';
import { arrayLiteral } from '../db/array-literal';
import { queryRows } from '../db/rows';
import { estimateTokenCount, styleCounts } from '../domain/style-counts';
import { adjustCounts, bumpDataVersion } from './verdict-count-maintenance';
import type { ValidResponse, ValidVerdict } from './verdict-validation';
import { mustGet } from '../domain/invariant';
import { compareCodePoints } from '../domain/compare';

export type Executor = Transaction;

export async function findOrCreateModels(
  tx: Executor,
  names: string[],
): Promise<Map<string, number>> {
  // Sorted, so that concurrent batches take row locks in the same order and cannot deadlock.
  const distinct = [...new Set(names)].sort();
  await tx.execute(sql`
    INSERT INTO models (name) SELECT name FROM unnest(${sql.param(distinct)}::text[]) AS item(name) ORDER BY name COLLATE "C"
    ON CONFLICT (name) DO NOTHING`);
  const rows = await queryRows<{ id: number; name: string }>(
    tx,
    sql`
    SELECT id, name FROM models WHERE name = ANY(${sql.param(distinct)}::text[])`,
  );
  return new Map(rows.map((row) => [row.name, row.id]));
}

export interface StoredJudge {
  id: number;
  kind: 'HUMAN' | 'LLM';
}

export function judgeKey(judge: { name: string; version: string }): string {
  return `${judge.name}\u0000${judge.version}`;
}

export async function findOrCreateJudges(
  tx: Executor,
  judges: ValidVerdict['judge'][],
): Promise<Map<string, StoredJudge>> {
  const firstByKey = new Map<string, ValidVerdict['judge']>();
  for (const judge of judges)
    if (!firstByKey.has(judgeKey(judge))) firstByKey.set(judgeKey(judge), judge);
  const distinct = [...firstByKey.values()].sort((a, b) =>
    compareCodePoints(judgeKey(a), judgeKey(b)),
  );
  // Judges are few and come back batch after batch: look first, and insert only what is missing
  // (then read those again, since a concurrent batch may have inserted them first).
  const found = await selectJudges(tx, distinct);
  const missing = distinct.filter((judge) => !found.has(judgeKey(judge)));
  if (missing.length === 0) return found;
  // A judge first seen without a kind is taken to be an LLM: pipelines post most verdicts.
  await tx.execute(sql`
    INSERT INTO judges (name, version, kind, model)
    SELECT name, version, kind::judge_kind, model
    FROM unnest(${sql.param(missing.map((j) => j.name))}::text[], ${sql.param(missing.map((j) => j.version))}::text[],
                ${sql.param(missing.map((j) => j.kind ?? 'LLM'))}::text[],
                ${sql.param(missing.map((j) => j.model))}::text[]) AS item(name, version, kind, model)
    ON CONFLICT (name, version) DO NOTHING`);
  for (const [key, judge] of await selectJudges(tx, missing)) found.set(key, judge);
  return found;
}

async function selectJudges(
  tx: Executor,
  judges: readonly ValidVerdict['judge'][],
): Promise<Map<string, StoredJudge>> {
  const rows = await queryRows<{
    id: number;
    name: string;
    version: string;
    kind: 'HUMAN' | 'LLM';
  }>(
    tx,
    sql`
    SELECT j.id, j.name, j.version, j.kind FROM judges j
    JOIN unnest(${sql.param(judges.map((j) => j.name))}::text[], ${sql.param(judges.map((j) => j.version))}::text[]) AS item(name, version)
      ON j.name = item.name AND j.version = item.version`,
  );
  return new Map(rows.map((row) => [judgeKey(row), { id: row.id, kind: row.kind }]));
}

export interface FoundOrCreated {
  ids: Map<string, number>;
  /** Keys of the rows this call inserted (the others were stored already). */
  created: Set<string>;
}

export async function findOrCreatePrompts(
  tx: Executor,
  prompts: ValidVerdict['prompt'][],
): Promise<FoundOrCreated & { completed: Set<string> }> {
  const merged = new Map<string, ValidVerdict['prompt']>();
  for (const prompt of prompts) {
    const seen = merged.get(prompt.dedupKey);
    if (seen === undefined) merged.set(prompt.dedupKey, prompt);
    else if (adds(seen, prompt)) {
      merged.set(prompt.dedupKey, {
        dedupKey: seen.dedupKey,
        externalId: seen.externalId,
        text: seen.text ?? prompt.text,
        category: seen.category ?? prompt.category,
        tags: [...new Set([...seen.tags, ...prompt.tags])].sort(),
      });
    }
  }
  // Code-unit order (no locale collation: thousands of keys per batch); the INSERT sorts again.
  const distinct = [...merged.values()].sort((a, b) =>
    a.dedupKey < b.dedupKey ? -1 : a.dedupKey > b.dedupKey ? 1 : 0,
  );
  // Most prompts of a batch are stored already: look them up first and insert only the others,
  // instead of an INSERT that checks every one of them against the unique index.
  const rows = await selectPrompts(
    tx,
    distinct.map((p) => p.dedupKey),
  );
  const stored = new Set(rows.map((row) => row.dedup_key));
  const missing = distinct.filter((p) => !stored.has(p.dedupKey));
  const inserted =
    missing.length === 0
      ? []
      : await queryRows<PromptRow>(
          tx,
          sql`
    INSERT INTO prompts (dedup_key, external_id, text, category)
    SELECT dedup_key, external_id, text, category
    FROM unnest(${sql.param(missing.map((p) => p.dedupKey))}::text[], ${sql.param(missing.map((p) => p.externalId))}::text[],
                ${sql.param(missing.map((p) => p.text))}::text[], ${sql.param(missing.map((p) => p.category))}::text[])
         AS item(dedup_key, external_id, text, category)
    ORDER BY dedup_key COLLATE "C"
    ON CONFLICT (dedup_key) DO NOTHING
    RETURNING id, dedup_key, text, category, tags`,
        );
  rows.push(...inserted);
  if (inserted.length < missing.length) {
    // Another transaction stored some of them meanwhile; ON CONFLICT waited for it to commit.
    const created = new Set(inserted.map((row) => row.dedup_key));
    rows.push(
      ...(await selectPrompts(
        tx,
        missing.filter((p) => !created.has(p.dedupKey)).map((p) => p.dedupKey),
      )),
    );
  }
  // A later source may know what an earlier one did not (an import of questions after verdicts).
  const completed = new Set<string>();
  for (const row of rows) {
    const given = mustGet(merged, row.dedup_key, 'merged prompt');
    if (adds(row, given)) {
      const missingTags = given.tags.filter((tag) => !row.tags.includes(tag));
      // A prompt that gains a category moves its verdicts to that category's counts.
      const recategorised = row.category === null && given.category !== null;
      const itsVerdicts = sql`v.prompt_id = ${row.id} AND v.superseded_by IS NULL`;
      if (recategorised) await adjustCounts(tx, itsVerdicts, -1);
      await tx.execute(sql`
        UPDATE prompts SET text = COALESCE(text, ${given.text}), category = COALESCE(category, ${given.category}),
               tags = ${sql.param([...row.tags, ...missingTags].sort())}::text[]
        WHERE id = ${row.id}`);
      if (recategorised) await adjustCounts(tx, itsVerdicts, 1);
      completed.add(row.dedup_key);
    }
  }
  // Category, tags and text feed leaderboard filters: cached leaderboards are stale now.
  if (completed.size > 0) await bumpDataVersion(tx);
  return {
    ids: new Map(rows.map((row) => [row.dedup_key, row.id])),
    created: new Set(inserted.map((row) => row.dedup_key)),
    completed,
  };
}

type PromptFacts = Pick<PromptRow, 'text' | 'category' | 'tags'>;

/** Whether `source` knows something `known` lacks: a text, a category or a tag. */
function adds(known: PromptFacts, source: PromptFacts): boolean {
  return (
    (known.text === null && source.text !== null) ||
    (known.category === null && source.category !== null) ||
    source.tags.some((tag) => !known.tags.includes(tag))
  );
}

interface PromptRow {
  id: number;
  dedup_key: string;
  text: string | null;
  category: string | null;
  tags: string[];
}

function selectPrompts(tx: Executor, dedupKeys: string[]): Promise<PromptRow[]> {
  return queryRows<PromptRow>(
    tx,
    sql`
    SELECT id, dedup_key, text, category, tags FROM prompts WHERE dedup_key = ANY(${arrayLiteral(dedupKeys)}::text[])`,
  );
}

export interface ResponseKeyed {
  promptId: number;
  modelId: number;
  response: ValidResponse;
}

export function responseKey(promptId: number, modelId: number, textHash: string): string {
  return `${promptId}:${modelId}:${textHash}`;
}

/** The (prompt, model) of a `responseKey`. */
export function responsePairOfKey(key: string): { promptId: number; modelId: number } {
  const [promptId, modelId] = key.split(':');
  return { promptId: Number(promptId), modelId: Number(modelId) };
}

export async function findOrCreateResponses(
  tx: Executor,
  wanted: ResponseKeyed[],
): Promise<FoundOrCreated> {
  if (wanted.length === 0) return { ids: new Map(), created: new Set() };
  const byKey = new Map<string, ResponseKeyed>();
  for (const item of wanted)
    byKey.set(responseKey(item.promptId, item.modelId, item.response.textHash), item);
  const distinct = [...byKey.entries()]
    .sort(([a], [b]) => compareCodePoints(a, b))
    .map(([, item]) => item);
  const counts = distinct.map((item) => styleCounts(item.response.text));
  const promptIds = sql.param(distinct.map((item) => item.promptId));
  const modelIds = sql.param(distinct.map((item) => item.modelId));
  const hashes = sql.param(distinct.map((item) => item.response.textHash));
  const inserted = await queryRows<{ prompt_id: number; model_id: number; text_hash: string }>(
    tx,
    sql`
    INSERT INTO responses (prompt_id, model_id, text, text_hash, token_length, token_length_estimated,
                           char_length, header_count, list_item_count, bold_count)
    SELECT * FROM unnest(
      ${promptIds}::int[], ${modelIds}::int[], ${sql.param(distinct.map((item) => item.response.text))}::text[], ${hashes}::text[],
      ${sql.param(distinct.map((item) => item.response.reportedTokens ?? estimateTokenCount(item.response.text)))}::int[],
      ${sql.param(distinct.map((item) => item.response.reportedTokens === null))}::bool[],
      ${sql.param(counts.map((c) => c.charLength))}::int[], ${sql.param(counts.map((c) => c.headerCount))}::int[],
      ${sql.param(counts.map((c) => c.listItemCount))}::int[], ${sql.param(counts.map((c) => c.boldCount))}::int[])
    ON CONFLICT (prompt_id, model_id, text_hash) DO NOTHING
    RETURNING prompt_id, model_id, text_hash`,
  );
  const rows = await queryRows<{
    id: number;
    prompt_id: number;
    model_id: number;
    text_hash: string;
  }>(
    tx,
    sql`
    SELECT r.id, r.prompt_id, r.model_id, r.text_hash FROM responses r
    JOIN unnest(${promptIds}::int[], ${modelIds}::int[], ${hashes}::text[]) AS item(prompt_id, model_id, text_hash)
      ON r.prompt_id = item.prompt_id AND r.model_id = item.model_id AND r.text_hash = item.text_hash`,
  );
  return {
    ids: new Map(
      rows.map((row) => [responseKey(row.prompt_id, row.model_id, row.text_hash), row.id]),
    ),
    created: new Set(
      inserted.map((row) => responseKey(row.prompt_id, row.model_id, row.text_hash)),
    ),
  };
}
