/**
 * Gold items: comparisons whose answer is known, mixed into a review queue so that a reviewer's
 * votes can be checked against them. They are stored like any item, with `gold_outcome` set.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { queryRows } from '../db/rows';
import { excerpt } from '../domain/excerpt';
import type { OutcomeLabel } from '../domain/outcome-labels';
import type { UserError } from '../domain/verdict-record';
import { createRandom } from '../ratings/random';
import type { PlannedComparison } from './review-queue-fillers';

export interface GoldItemRequest {
  promptId: number;
  modelA: string;
  modelB: string;
  /** The known answer, in A/B terms. */
  outcome: OutcomeLabel;
}

type GoldComparison = PlannedComparison & { goldOutcome: OutcomeLabel };

/** Each gold item's answers: the first stored answer of each model to the prompt. */
export async function resolveGoldItems(
  db: Database,
  gold: GoldItemRequest[],
  seed: number,
): Promise<{ ok: true; items: GoldComparison[] } | { ok: false; error: UserError }> {
  if (gold.length === 0) return { ok: true, items: [] };
  const rows = await queryRows<{
    index: number;
    model_a_id: number | null;
    model_b_id: number | null;
    response_a_id: number | null;
    response_b_id: number | null;
  }>(
    db,
    sql`
    SELECT item.index::int AS index, ma.id AS model_a_id, mb.id AS model_b_id,
      (SELECT min(r.id) FROM responses r WHERE r.prompt_id = item.prompt_id AND r.model_id = ma.id) AS response_a_id,
      (SELECT min(r.id) FROM responses r WHERE r.prompt_id = item.prompt_id AND r.model_id = mb.id) AS response_b_id
    FROM unnest(${sql.param(gold.map((g) => g.promptId))}::int[], ${sql.param(gold.map((g) => g.modelA))}::text[],
                ${sql.param(gold.map((g) => g.modelB))}::text[]) WITH ORDINALITY AS item(prompt_id, model_a, model_b, index)
    LEFT JOIN models ma ON ma.name = item.model_a
    LEFT JOIN models mb ON mb.name = item.model_b
    ORDER BY item.index`,
  );
  // Presentation order is drawn from its own stream, apart from the filler's.
  const random = createRandom(seed + 1);
  const items: GoldComparison[] = [];
  for (const row of rows) {
    const i = row.index - 1;
    const at = (field: string) => `input.gold[${i}].${field}`;
    const given = gold[i];
    if (given.modelA === given.modelB)
      return {
        ok: false,
        error: {
          code: 'SAME_MODEL',
          field: at('modelB'),
          message: `${at('modelB')} must differ from modelA.`,
        },
      };
    for (const [side, modelId, responseId] of [
      ['modelA', row.model_a_id, row.response_a_id],
      ['modelB', row.model_b_id, row.response_b_id],
    ] as const) {
      const model = side === 'modelA' ? given.modelA : given.modelB;
      if (modelId === null)
        return {
          ok: false,
          error: {
            code: 'NOT_FOUND',
            field: at(side),
            message: `${at(side)} must name a known model, but ${excerpt(model)} is not stored.`,
          },
        };
      if (responseId === null)
        return {
          ok: false,
          error: {
            code: 'ANSWER_MISSING',
            field: at(side),
            message: `model ${excerpt(model)} has no stored answer to prompt ${given.promptId}.`,
          },
        };
    }
    items.push({
      promptId: given.promptId,
      modelAId: row.model_a_id ?? 0,
      modelBId: row.model_b_id ?? 0,
      responseAId: row.response_a_id ?? 0,
      responseBId: row.response_b_id ?? 0,
      shownFirst: random.nextFloat() < 0.5 ? 'A' : 'B',
      goldOutcome: given.outcome,
    });
  }
  return { ok: true, items };
}
