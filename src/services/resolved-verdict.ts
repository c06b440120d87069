/**
 * One verdict whose prompt, models and answers are stored rows already (a review vote: the item
 * holds their ids). It takes the verdict store's checks and its judge and insert steps, without
 * looking the other references up by name and text again: three statements (five for a new
 * judge) where recordVerdicts spends a dozen, which is what a voting queue pays per click. Answer
 * links need nothing: both answers are given, so the verdict is stored linked. The caller bumps
 * the data version (`bumpDataVersion(tx, [verdictId], 'appended', 'kept')`) as the last
 * statement of its transaction, after its own writes: the bump locks the one data_version row
 * until commit, so every statement after it would hold up every other writer.
 */
import type { Transaction } from '../db/client';
import { mustGet } from '../domain/invariant';
import type { UserError, VerdictRecord } from '../domain/verdict-record';
import { findOrCreateJudges, judgeKey } from './entity-upsert';
import { insertFromArrays } from './verdict-insert';
import { judgeKindMismatch, reserveVerdictIds, verdictRow } from './verdict-store';
import { validateVerdicts } from './verdict-validation';

export interface StoredReferences {
  promptId: number;
  modelAId: number;
  modelBId: number;
  responseAId: number;
  responseBId: number;
}

export type ResolvedResult =
  | { status: 'ACCEPTED'; verdictId: number }
  | { status: 'DUPLICATE' }
  | { status: 'REJECTED'; userErrors: UserError[] };

/**
 * `record` names what the ids are (it is validated as any posted verdict is: judge, outcome,
 * order, key); its prompt, models and answers are not looked up, the ids are stored.
 */
export async function insertResolvedVerdict(
  tx: Transaction,
  record: VerdictRecord,
  references: StoredReferences,
  provenance: string,
  apiKeyId: number | null,
): Promise<ResolvedResult> {
  const [checked] = validateVerdicts([record], provenance);
  if (!checked.ok) return { status: 'REJECTED', userErrors: checked.errors };
  const verdict = checked.verdict;
  const judges = await findOrCreateJudges(tx, [verdict.judge]);
  const judge = mustGet(judges, judgeKey(verdict.judge), 'judge');
  const mismatch = judgeKindMismatch(verdict, judge);
  if (mismatch !== null) return { status: 'REJECTED', userErrors: [mismatch] };
  const [id] = await reserveVerdictIds(tx, 1);
  const inserted = await insertFromArrays(
    tx,
    [verdictRow(verdict, { id, judgeId: judge.id, ...references })],
    apiKeyId,
  );
  // The key was taken already: a duplicate, which the caller's lock on its claim rules out.
  if (inserted.length === 0) return { status: 'DUPLICATE' };
  return { status: 'ACCEPTED', verdictId: id };
}
