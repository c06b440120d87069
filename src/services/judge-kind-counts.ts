/**
 * How many verdicts and judges of each kind (human, LLM) a slice holds, so that every surface
 * can say when a board mixes crowd votes with LLM verdicts instead of mixing them silently.
 * Read from the counts table when the filter allows (cost grows with distinct cells), else
 * grouped from the verdicts. Judges are counted by name: the versions of one LLM judge are one.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { queryRows } from '../db/rows';
import type { JudgeKindName } from '../domain/verdict-record';
import {
  countsCanServe,
  countsFilterCondition,
  verdictFilterCondition,
  type VerdictFilter,
} from './verdict-filter';

export interface JudgeKindCount {
  kind: JudgeKindName;
  verdicts: number;
  judges: number;
}

/** The kinds present in the slice, humans first; a kind without verdicts is left out. */
export async function countJudgeKinds(
  db: Database,
  filter: VerdictFilter,
): Promise<JudgeKindCount[]> {
  const perJudge = countsCanServe(filter)
    ? sql`SELECT c.judge_id, sum(c.verdicts) AS n FROM verdict_counts c
          WHERE ${countsFilterCondition(filter)} GROUP BY c.judge_id`
    : sql`SELECT v.judge_id, count(*) AS n FROM verdicts v
          WHERE ${verdictFilterCondition(filter)} GROUP BY v.judge_id`;
  const rows = await queryRows<{ kind: JudgeKindName; verdicts: string; judges: string }>(
    db,
    sql`SELECT j.kind, sum(per_judge.n) AS verdicts, count(DISTINCT j.name) AS judges
        FROM (${perJudge}) AS per_judge JOIN judges j ON j.id = per_judge.judge_id
        WHERE per_judge.n > 0
        GROUP BY j.kind ORDER BY j.kind`,
  );
  return rows.map((row) => ({
    kind: row.kind,
    verdicts: Number(row.verdicts),
    judges: Number(row.judges),
  }));
}

/** A sentence for the CLI and the API's readers; null when the slice holds one kind or none. */
export function judgeKindMixture(kinds: readonly JudgeKindCount[]): string | null {
  if (kinds.length < 2) return null;
  const parts = kinds.map(
    (kind) =>
      `${kind.verdicts.toLocaleString('en-US')} ${kind.kind === 'HUMAN' ? 'human' : 'LLM'} verdicts from ${kind.judges.toLocaleString('en-US')} ${kind.judges === 1 ? 'judge' : 'judges'}`,
  );
  return `This board mixes ${parts.join(' and ')}.`;
}
