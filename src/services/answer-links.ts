/**
 * Links verdicts to the answers they judged when the source named none (Arena-Hard battle files,
 * `recordVerdicts` without answer texts): a side without an answer gets the model's stored answer
 * to that prompt when there is exactly one. With two or more, which one was judged is unknown, so
 * the side stays unlinked and is counted (DESIGN.md §6: never guess between two answers).
 *
 * Such a link is marked inferred: when a second answer to that prompt by that model arrives, it
 * is undone, since which of the two was judged is then unknown. A link to an answer the source
 * named (its text) is never undone.
 *
 * Set-wise: one UPDATE … FROM per side, joined on (prompt, model) with the uniqueness condition,
 * and one count. Each statement reads only the verdicts with a side unlinked or linked by
 * inference, through a partial index (schema.ts), so its cost follows those verdicts and not
 * every verdict on the batch's prompts. It runs in the caller's transaction, whose data-version
 * bump (and NOTIFY) then covers the change. Two entry points: new verdicts (by id), and new
 * answers (by prompt and model).
 */
import { sql, type SQL } from 'drizzle-orm';
import { arrayLiteral } from '../db/array-literal';
import { queryRows } from '../db/rows';
import type { Executor } from './entity-upsert';

export interface AnswerLinks {
  /** Verdict sides linked now. */
  linked: number;
  /** Inferred links undone now: a second answer arrived. */
  unlinked: number;
  /** Verdicts in scope left with a side unlinked because the model has several answers to the prompt. */
  ambiguous: number;
}

export const NO_ANSWER_LINKS: AnswerLinks = { linked: 0, unlinked: 0, ambiguous: 0 };

type Side = 'a' | 'b';

/**
 * Links the given verdicts (just inserted) to their models' sole answers. Only verdicts on a
 * prompt with any answer can be linked or ambiguous, and an import of a file without answers has
 * none: one look at the batch's distinct prompts then spares three statements over every verdict.
 */
export async function linkAnswersOfVerdicts(
  tx: Executor,
  verdicts: readonly { id: number; promptId: number }[],
): Promise<AnswerLinks> {
  if (verdicts.length === 0) return NO_ANSWER_LINKS;
  const answered = await queryRows<{ prompt_id: number }>(
    tx,
    sql`
    SELECT DISTINCT prompt_id FROM responses
    WHERE prompt_id = ANY(${arrayLiteral([...new Set(verdicts.map((v) => v.promptId))])}::int[])`,
  );
  const prompts = new Set(answered.map((row) => row.prompt_id));
  const linkable = verdicts.filter((v) => prompts.has(v.promptId)).map((v) => v.id);
  if (linkable.length === 0) return NO_ANSWER_LINKS;
  const ids = sql`${arrayLiteral(linkable)}::bigint[]`;
  return linkAnswers(tx, sql`v.id = ANY(${ids})`, () => sql`TRUE`, false);
}

/** Links stored verdicts on these (prompt, model) pairs, whose answers just arrived. */
export async function linkAnswersOfPairs(
  tx: Executor,
  pairs: readonly { promptId: number; modelId: number }[],
): Promise<AnswerLinks> {
  if (pairs.length === 0) return NO_ANSWER_LINKS;
  const promptIds = sql.param(pairs.map((pair) => pair.promptId));
  const modelIds = sql.param(pairs.map((pair) => pair.modelId));
  // The prompt condition first: it finds the candidates by index before the pair test.
  return linkAnswers(
    tx,
    sql`v.prompt_id = ANY(${promptIds}::int[])`,
    (side) =>
      sql`(v.prompt_id, ${modelColumn(side)}) IN (SELECT * FROM unnest(${promptIds}::int[], ${modelIds}::int[]))`,
    true,
  );
}

/**
 * `within` narrows the verdicts (by index); `onSide` says which of them a side's link concerns;
 * `answersArrived`: answers were added, so inferred links may have become ambiguous.
 */
async function linkAnswers(
  tx: Executor,
  within: SQL,
  onSide: (side: Side) => SQL,
  answersArrived: boolean,
): Promise<AnswerLinks> {
  const scope = (side: Side) => sql`${within} AND ${onSide(side)}`;
  let linked = 0;
  let unlinked = 0;
  for (const side of ['a', 'b'] as const) {
    const responseColumn = sql.raw(`response_${side}_id`);
    const inferredColumn = sql.raw(`response_${side}_inferred`);
    const model = modelColumn(side);
    if (answersArrived) {
      const undone = await queryRows<{ id: string | number }>(
        tx,
        sql`
        UPDATE verdicts v SET ${responseColumn} = NULL, ${inferredColumn} = false
        WHERE ${scope(side)} AND v.${inferredColumn}
          AND (SELECT count(*) FROM responses r WHERE r.prompt_id = v.prompt_id AND r.model_id = ${model}) > 1
        RETURNING v.id`,
      );
      unlinked += undone.length;
    }
    const rows = await queryRows<{ id: string | number }>(
      tx,
      sql`
      WITH wanted AS (
        SELECT DISTINCT v.prompt_id, ${model} AS model_id FROM verdicts v
        WHERE ${scope(side)} AND v.${responseColumn} IS NULL
      ), sole AS (
        SELECT r.prompt_id, r.model_id, min(r.id) AS id FROM responses r
        JOIN wanted w ON w.prompt_id = r.prompt_id AND w.model_id = r.model_id
        GROUP BY r.prompt_id, r.model_id
        HAVING count(*) = 1
      )
      UPDATE verdicts v SET ${responseColumn} = sole.id, ${inferredColumn} = true FROM sole
      WHERE ${scope(side)} AND v.${responseColumn} IS NULL
        AND v.prompt_id = sole.prompt_id AND ${model} = sole.model_id
      RETURNING v.id`,
    );
    linked += rows.length;
  }
  return { linked, unlinked, ambiguous: await countAmbiguous(tx, within, onSide) };
}

async function countAmbiguous(
  tx: Executor,
  within: SQL,
  onSide: (side: Side) => SQL,
): Promise<number> {
  // One query per side, so that each is found through the partial index (schema.ts:
  // verdicts_answer_link_idx); UNION counts a verdict ambiguous on both sides once.
  const unlinkedWithSeveral = (side: Side) => sql`
    SELECT v.id FROM verdicts v
    WHERE ${within} AND ${onSide(side)} AND v.${sql.raw(`response_${side}_id`)} IS NULL
      AND (SELECT count(*) FROM responses r WHERE r.prompt_id = v.prompt_id AND r.model_id = ${modelColumn(side)}) > 1`;
  const [row] = await queryRows<{ n: string | number }>(
    tx,
    sql`SELECT count(*) AS n FROM (${unlinkedWithSeveral('a')} UNION ${unlinkedWithSeveral('b')}) AS ambiguous`,
  );
  return Number(row?.n ?? 0);
}

function modelColumn(side: Side): SQL {
  return sql.raw(`v.model_${side}_id`);
}
