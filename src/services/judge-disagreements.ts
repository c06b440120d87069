/**
 * The verdicts behind a disagreement figure: the (prompt, pair) where two judges' majorities
 * differ, as a keyset page ordered by the first judge's verdict id, each linked to a verdict of
 * either judge so a reader can open both battles. Judges are named as in judge-selection.ts.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { queryRows } from '../db/rows';
import type { OutcomeLabel } from '../domain/outcome-labels';
import {
  judgeDisagreements,
  preferenceOf,
  type Disagreement,
  type JudgedVerdict,
} from '../ratings';
import { InvalidRequestError } from './errors';
import { requireKnownJudge } from './judge-quality';
import { selectJudge } from './judge-selection';
import type { Page, PageRequest } from './pages';
import { requireKnownSliceNames } from './slice-names';
import { verdictFilterCondition, type VerdictFilter } from './verdict-filter';

export interface DisagreementRow extends Disagreement {
  /** verdictA's id: the key the page is ordered and resumed by. */
  id: number;
}

async function judgedVerdicts(db: Database, filter: VerdictFilter): Promise<JudgedVerdict[]> {
  const rows = await queryRows<{
    id: number;
    prompt_id: number;
    model_a_id: number;
    model_b_id: number;
    outcome: OutcomeLabel;
    preference_a: number | null;
  }>(
    db,
    sql`
    SELECT v.id, v.prompt_id, v.model_a_id, v.model_b_id, v.outcome, v.preference_a
    FROM verdicts v WHERE ${verdictFilterCondition(filter)}`,
  );
  return rows.map((row) => ({
    id: Number(row.id),
    promptId: row.prompt_id,
    modelAId: row.model_a_id,
    modelBId: row.model_b_id,
    preference: preferenceOf(row.outcome, row.preference_a),
  }));
}

export async function pageOfDisagreements(
  db: Database,
  judgeA: string,
  judgeB: string,
  slice: VerdictFilter,
  request: PageRequest,
): Promise<Page<DisagreementRow>> {
  if (judgeA === judgeB)
    throw new InvalidRequestError(
      'judgeA and judgeB must name two different judges, but both are the same.',
      'judgeB',
    );
  await requireKnownSliceNames(db, slice, 'filter');
  for (const judge of [judgeA, judgeB]) await requireKnownJudge(db, judge);
  const [first, second] = await Promise.all(
    [judgeA, judgeB].map((judge) => judgedVerdicts(db, selectJudge(judge, slice).filter)),
  );
  const after = request.afterId;
  const rest = judgeDisagreements(first, second).filter(
    (found) => after === null || found.verdictA.id > after,
  );
  return {
    rows: rest.slice(0, request.first).map((found) => ({ id: found.verdictA.id, ...found })),
    hasNextPage: rest.length > request.first,
  };
}
