/**
 * The slice a query looks at. Every listing and ranking query takes the same filter, and this
 * module is the one place that turns it into SQL over `verdicts v`.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { JudgeKindName } from '../domain/verdict-record';

export interface VerdictFilter {
  /** Judge names (every version of each), or `name@version` for one version of one judge. */
  judges?: string[] | null;
  judgeKinds?: JudgeKindName[] | null;
  categories?: string[] | null;
  /** Prompts carrying any of these tags. */
  tags?: string[] | null;
  /** Verdicts between two of these models (the tournament restricted to them). */
  models?: string[] | null;
  /** Verdicts in which this model took part, on either side. */
  model?: string | null;
  since?: Date | null;
  until?: Date | null;
  /** Superseded verdicts stay stored but are left out unless this is true. */
  includeSuperseded?: boolean | null;
  /** Verdicts from one source: `api` or `import:<file>`. */
  provenance?: string | null;
  ids?: number[] | null;
  /** Verdicts on these prompts (by id). */
  promptIds?: number[] | null;
  /** Verdicts this model won, lost or tied (on either side); ties include BOTH_BAD. */
  resultFor?: { model: string; result: ModelResult } | null;
}

export type ModelResult = 'WIN' | 'LOSS' | 'TIE';

/** A boolean SQL condition over the alias `v` (verdicts). */
export function verdictFilterCondition(filter: VerdictFilter): SQL {
  const conditions: SQL[] = [filter.includeSuperseded ? sql`TRUE` : sql`v.superseded_by IS NULL`];
  if (filter.provenance) conditions.push(sql`v.provenance = ${filter.provenance}`);
  if (filter.ids && filter.ids.length > 0)
    conditions.push(sql`v.id = ANY(${sql.param(filter.ids)}::bigint[])`);
  if (filter.promptIds && filter.promptIds.length > 0)
    conditions.push(sql`v.prompt_id = ANY(${sql.param(filter.promptIds)}::bigint[])`);
  conditions.push(
    ...judgeAndModelConditions(filter, sql`v.judge_id`, sql`v.model_a_id`, sql`v.model_b_id`),
  );
  if (filter.categories && filter.categories.length > 0) {
    conditions.push(
      sql`v.prompt_id IN (SELECT id FROM prompts WHERE category = ANY(${sql.param(filter.categories)}::text[]))`,
    );
  }
  if (filter.tags && filter.tags.length > 0) {
    conditions.push(
      sql`v.prompt_id IN (SELECT id FROM prompts WHERE tags && ${sql.param(filter.tags)}::text[])`,
    );
  }
  if (filter.model) {
    conditions.push(sql`(v.model_a_id = (SELECT id FROM models WHERE name = ${filter.model})
                      OR v.model_b_id = (SELECT id FROM models WHERE name = ${filter.model}))`);
  }
  if (filter.resultFor) conditions.push(resultCondition(filter.resultFor));
  if (filter.since)
    conditions.push(sql`v.created_at >= ${filter.since.toISOString()}::timestamptz`);
  if (filter.until) conditions.push(sql`v.created_at < ${filter.until.toISOString()}::timestamptz`);
  return sql.join(conditions, sql` AND `);
}

/** Filters on judges and models, for verdicts or for the counts table alike. */
function judgeAndModelConditions(
  filter: VerdictFilter,
  judgeId: SQL,
  modelAId: SQL,
  modelBId: SQL,
): SQL[] {
  const conditions: SQL[] = [];
  if (filter.judges && filter.judges.length > 0) {
    // A name may itself contain '@' (an annotator's e-mail), so each entry also matches whole.
    const versioned = filter.judges.filter((judge) => judge.includes('@')).map(splitJudgeVersion);
    conditions.push(sql`${judgeId} IN (
      SELECT id FROM judges WHERE name = ANY(${sql.param(filter.judges)}::text[])
      UNION ALL
      SELECT j.id FROM judges j JOIN unnest(${sql.param(versioned.map((j) => j.name))}::text[],
                                          ${sql.param(versioned.map((j) => j.version))}::text[]) AS wanted(name, version)
        ON j.name = wanted.name AND j.version = wanted.version)`);
  }
  if (filter.judgeKinds && filter.judgeKinds.length > 0) {
    conditions.push(
      sql`${judgeId} IN (SELECT id FROM judges WHERE kind::text = ANY(${sql.param(filter.judgeKinds)}::text[]))`,
    );
  }
  if (filter.models && filter.models.length > 0) {
    const models = sql.param(filter.models);
    conditions.push(
      sql`${modelAId} IN (SELECT id FROM models WHERE name = ANY(${models}::text[]))`,
    );
    conditions.push(
      sql`${modelBId} IN (SELECT id FROM models WHERE name = ANY(${models}::text[]))`,
    );
  }
  return conditions;
}

/**
 * The counts table holds judge, category and the two models of every verdict still in the
 * rankings; a filter on anything else (tags, time, source, ids, one model) needs the verdicts.
 */
export function countsCanServe(filter: VerdictFilter): boolean {
  const has = (value: unknown) =>
    value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0);
  return (
    !filter.includeSuperseded &&
    !has(filter.tags) &&
    !has(filter.since) &&
    !has(filter.until) &&
    !has(filter.provenance) &&
    !has(filter.ids) &&
    !has(filter.promptIds) &&
    !has(filter.model) &&
    !has(filter.resultFor)
  );
}

/** The verdicts `model` won, lost or tied, whichever side it was on. */
function resultCondition({ model, result }: { model: string; result: ModelResult }): SQL {
  const id = sql`(SELECT id FROM models WHERE name = ${model})`;
  const asA = { WIN: ['A>>B', 'A>B'], LOSS: ['B>A', 'B>>A'], TIE: ['A=B', 'BOTH_BAD'] }[result];
  const asB = { WIN: ['B>A', 'B>>A'], LOSS: ['A>>B', 'A>B'], TIE: ['A=B', 'BOTH_BAD'] }[result];
  return sql`((v.model_a_id = ${id} AND v.outcome::text = ANY(${sql.param(asA)}::text[]))
           OR (v.model_b_id = ${id} AND v.outcome::text = ANY(${sql.param(asB)}::text[])))`;
}

/** The same filter over the alias `c` (verdict_counts); only for filters countsCanServe accepts. */
export function countsFilterCondition(filter: VerdictFilter): SQL {
  const conditions: SQL[] = [
    sql`c.verdicts <> 0`,
    ...judgeAndModelConditions(filter, sql`c.judge_id`, sql`c.model_a_id`, sql`c.model_b_id`),
  ];
  if (filter.categories && filter.categories.length > 0)
    conditions.push(sql`c.category = ANY(${sql.param(filter.categories)}::text[])`);
  return sql.join(conditions, sql` AND `);
}

function splitJudgeVersion(judge: string): { name: string; version: string } {
  const at = judge.lastIndexOf('@');
  return { name: judge.slice(0, at), version: judge.slice(at + 1) };
}

/** Verdicts between two models (by id), in either order. */
export function pairCondition(a: number, b: number): SQL {
  return sql`((v.model_a_id = ${a} AND v.model_b_id = ${b}) OR (v.model_a_id = ${b} AND v.model_b_id = ${a}))`;
}
