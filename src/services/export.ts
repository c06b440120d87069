/**
 * Verdicts out as flat rows, streamed in keyset pages so an export of millions of verdicts holds
 * one page in memory. The row shape is the one the `verdicts` import format reads back.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { queryRows } from '../db/rows';
import { verdictFilterCondition, type VerdictFilter } from './verdict-filter';

export interface ExportedVerdict {
  judge: string;
  judge_kind: string;
  judge_version: string;
  prompt_id: string | null;
  prompt_text: string | null;
  category: string | null;
  tags: string[];
  model_a: string;
  model_b: string;
  response_a: string | null;
  response_b: string | null;
  outcome: string;
  preference_a: number | null;
  shown_first: string | null;
  judgment: string | null;
  idempotency_key: string | null;
  created_at: string;
}

export const EXPORTED_COLUMNS: (keyof ExportedVerdict)[] = [
  'judge',
  'judge_kind',
  'judge_version',
  'prompt_id',
  'prompt_text',
  'category',
  'tags',
  'model_a',
  'model_b',
  'response_a',
  'response_b',
  'outcome',
  'preference_a',
  'shown_first',
  'judgment',
  'idempotency_key',
  'created_at',
];

const PAGE = 2000;

export async function* exportVerdicts(
  db: Database,
  filter: VerdictFilter,
): AsyncGenerator<ExportedVerdict> {
  let after = 0;
  for (;;) {
    const rows = await queryRows<ExportedVerdict & { id: string | number; created: string | Date }>(
      db,
      sql`
      SELECT v.id, j.name AS judge, j.kind::text AS judge_kind, j.version AS judge_version,
             p.external_id AS prompt_id, p.text AS prompt_text, p.category, p.tags,
             ma.name AS model_a, mb.name AS model_b, ra.text AS response_a, rb.text AS response_b,
             v.outcome::text AS outcome, v.preference_a, v.shown_first::text AS shown_first, v.judgment, v.idempotency_key,
             to_char(v.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS created_at
      FROM verdicts v
      JOIN judges j ON j.id = v.judge_id
      JOIN prompts p ON p.id = v.prompt_id
      JOIN models ma ON ma.id = v.model_a_id
      JOIN models mb ON mb.id = v.model_b_id
      LEFT JOIN responses ra ON ra.id = v.response_a_id
      LEFT JOIN responses rb ON rb.id = v.response_b_id
      WHERE ${verdictFilterCondition(filter)} AND v.id > ${after}
      ORDER BY v.id LIMIT ${PAGE}`,
    );
    for (const { id: _id, created: _created, ...row } of rows) yield row;
    if (rows.length < PAGE) return;
    after = Number(rows[rows.length - 1].id);
  }
}
