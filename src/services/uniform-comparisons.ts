/** The built-in UNIFORM filler of review queues (review-queue-fillers.ts). */
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db/client';
import { queryRows } from '../db/rows';
import { readAnswersVersion } from './verdict-count-maintenance';
import { createRandom } from '../ratings/random';
import { designUniformComparisons, type CandidateAnswer } from '../ratings/uniform-design';
import type { FillRequest, FillResult, ReviewSlice } from './review-queue-fillers';

export async function fillUniformly(db: Database, request: FillRequest): Promise<FillResult> {
  const answers = await candidateAnswers(db, request.slice);
  const design = designUniformComparisons(answers, request.count, createRandom(request.seed));
  return design.comparisons === null
    ? { ok: false, available: design.available }
    : { ok: true, comparisons: design.comparisons };
}

/**
 * One stored answer per (prompt, model) of the slice: the first stored, so a queue filled twice
 * from the same data shows the same answers. Only prompts with a text can be shown to a person.
 */
export async function candidateAnswers(
  db: Pick<Database, 'execute'>,
  slice: ReviewSlice,
): Promise<readonly CandidateAnswer[]> {
  // Every nextComparisons call needs them, and at 100k answers reading them is most of its time.
  // Any write of answers, prompts or models moves the answers version, which is part of the key;
  // verdicts alone do not, so a judge posting votes does not make the next call read them again.
  const version = await readAnswersVersion(db);
  const key = `${version}\u0000${JSON.stringify([slice.models ?? [], slice.categories ?? [], slice.tags ?? []])}`;
  let cache = answerCaches.get(db);
  if (cache === undefined || cache.version !== version) {
    cache = { version, bySlice: new Map() };
    answerCaches.set(db, cache);
  }
  let answers = cache.bySlice.get(key);
  if (answers === undefined) {
    answers = readCandidateAnswers(db, slice);
    // A failed read is not kept; a few slices per version are (oldest out first).
    void answers.catch(() => cache.bySlice.delete(key));
    cache.bySlice.set(key, answers);
    if (cache.bySlice.size > CACHED_SLICES)
      cache.bySlice.delete(cache.bySlice.keys().next().value as string);
  }
  return answers;
}

const CACHED_SLICES = 8;
const answerCaches = new WeakMap<
  object,
  { version: number; bySlice: Map<string, Promise<readonly CandidateAnswer[]>> }
>();

async function readCandidateAnswers(
  db: Pick<Database, 'execute'>,
  slice: ReviewSlice,
): Promise<readonly CandidateAnswer[]> {
  const conditions: SQL[] = [sql`p.text IS NOT NULL`];
  if (slice.models && slice.models.length > 0)
    conditions.push(sql`m.name = ANY(${sql.param(slice.models)}::text[])`);
  if (slice.categories && slice.categories.length > 0)
    conditions.push(sql`p.category = ANY(${sql.param(slice.categories)}::text[])`);
  if (slice.tags && slice.tags.length > 0)
    conditions.push(sql`p.tags && ${sql.param(slice.tags)}::text[]`);
  const rows = await queryRows<{ prompt_id: number; model_id: number; response_id: number }>(
    db,
    sql`
    SELECT DISTINCT ON (r.prompt_id, r.model_id) r.prompt_id, r.model_id, r.id AS response_id
    FROM responses r JOIN prompts p ON p.id = r.prompt_id JOIN models m ON m.id = r.model_id
    WHERE ${sql.join(conditions, sql` AND `)}
    ORDER BY r.prompt_id, r.model_id, r.id`,
  );
  return rows.map((row) => ({
    promptId: row.prompt_id,
    modelId: row.model_id,
    responseId: row.response_id,
  }));
}
