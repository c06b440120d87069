/**
 * What a model's page shows beside its ratings, over a slice: its record per prompt category, the
 * length and markdown of its answers against everyone else's in the same verdicts (the style
 * counts stored at ingestion, domain/style-counts.ts), and its latest verdicts. Three statements,
 * whatever the slice's size; each groups or limits in SQL.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { queryRows } from '../db/rows';
import { InvalidRequestError } from './errors';
import { requireKnownSliceNames } from './slice-names';
import { verdictFilterCondition, type VerdictFilter } from './verdict-filter';
import { modelIdsByNames } from './verdict-counts';

export const MAX_RECENT_VERDICTS = 50;

export interface CategoryRecord {
  /** null for prompts without a category. */
  category: string | null;
  battles: number;
  wins: number;
  losses: number;
  ties: number;
}

export interface AnswerStyle {
  /** Distinct answers with stored text among the slice's verdicts. */
  answers: number;
  /** Means per answer; null without answers. */
  meanTokenLength: number | null;
  meanHeaders: number | null;
  meanListItems: number | null;
  meanBold: number | null;
}

export interface ModelProfile {
  modelId: number;
  categories: CategoryRecord[];
  /** This model's answers. */
  answerStyle: AnswerStyle;
  /** The answers of every other model in the same slice of verdicts. */
  fieldAnswerStyle: AnswerStyle;
  /** Newest first (by decision time, then id). */
  recentVerdictIds: number[];
}

export async function computeModelProfile(
  db: Database,
  model: string,
  filter: VerdictFilter,
  recent: number,
): Promise<ModelProfile> {
  if (!(Number.isInteger(recent) && recent >= 0 && recent <= MAX_RECENT_VERDICTS)) {
    throw new InvalidRequestError(
      `recentVerdicts must be a whole number from 0 to ${MAX_RECENT_VERDICTS}, but got ${recent}.`,
      'recentVerdicts',
    );
  }
  await requireKnownSliceNames(db, { model }, () => 'model');
  await requireKnownSliceNames(db, filter, 'filter');
  const modelId = (await modelIdsByNames(db, [model])).get(model) as number;
  const slice = verdictFilterCondition(filter);
  const [categories, styles, recentRows] = await Promise.all([
    categoryRecords(db, slice, modelId),
    answerStyles(db, slice, modelId),
    queryRows<{ id: string }>(
      db,
      sql`SELECT v.id FROM verdicts v
          WHERE ${slice} AND (v.model_a_id = ${modelId} OR v.model_b_id = ${modelId})
          ORDER BY v.created_at DESC, v.id DESC LIMIT ${recent}`,
    ),
  ]);
  return {
    modelId,
    categories,
    answerStyle: styles.own,
    fieldAnswerStyle: styles.field,
    recentVerdictIds: recentRows.map((row) => Number(row.id)),
  };
}

async function categoryRecords(
  db: Database,
  slice: ReturnType<typeof sql>,
  modelId: number,
): Promise<CategoryRecord[]> {
  // The model's score from its own side: A's labels as they are when it is A, mirrored when B.
  const rows = await queryRows<{ category: string | null; n: string; w: string; l: string }>(
    db,
    sql`
    SELECT p.category, count(*) AS n,
           count(*) FILTER (WHERE (v.model_a_id = ${modelId} AND v.outcome IN ('A>>B', 'A>B'))
                               OR (v.model_b_id = ${modelId} AND v.outcome IN ('B>A', 'B>>A'))) AS w,
           count(*) FILTER (WHERE (v.model_a_id = ${modelId} AND v.outcome IN ('B>A', 'B>>A'))
                               OR (v.model_b_id = ${modelId} AND v.outcome IN ('A>>B', 'A>B'))) AS l
    FROM verdicts v JOIN prompts p ON p.id = v.prompt_id
    WHERE ${slice} AND (v.model_a_id = ${modelId} OR v.model_b_id = ${modelId})
    GROUP BY p.category ORDER BY count(*) DESC, p.category NULLS LAST`,
  );
  return rows.map((row) => {
    const [battles, wins, losses] = [row.n, row.w, row.l].map(Number);
    return { category: row.category, battles, wins, losses, ties: battles - wins - losses };
  });
}

async function answerStyles(
  db: Database,
  slice: ReturnType<typeof sql>,
  modelId: number,
): Promise<{ own: AnswerStyle; field: AnswerStyle }> {
  const rows = await queryRows<{
    own: boolean;
    n: string;
    tokens: number | string | null;
    headers: number | string | null;
    lists: number | string | null;
    bold: number | string | null;
  }>(
    db,
    sql`
    WITH answers AS (
      SELECT v.response_a_id AS id FROM verdicts v WHERE ${slice} AND v.response_a_id IS NOT NULL
      UNION
      SELECT v.response_b_id FROM verdicts v WHERE ${slice} AND v.response_b_id IS NOT NULL
    )
    SELECT r.model_id = ${modelId} AS own, count(*) AS n,
           avg(r.token_length)::float8 AS tokens, avg(r.header_count)::float8 AS headers,
           avg(r.list_item_count)::float8 AS lists, avg(r.bold_count)::float8 AS bold
    FROM answers JOIN responses r ON r.id = answers.id
    GROUP BY 1`,
  );
  const styleOf = (own: boolean): AnswerStyle => {
    const row = rows.find((candidate) => candidate.own === own);
    const mean = (value: number | string | null | undefined) =>
      value === null || value === undefined ? null : Number(value);
    return {
      answers: row ? Number(row.n) : 0,
      meanTokenLength: mean(row?.tokens),
      meanHeaders: mean(row?.headers),
      meanListItems: mean(row?.lists),
      meanBold: mean(row?.bold),
    };
  };
  return { own: styleOf(true), field: styleOf(false) };
}
