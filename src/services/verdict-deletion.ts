/**
 * Removing verdicts (a bad import, a misconfigured judge): one transaction that deletes the slice,
 * puts back into the rankings any verdict whose correction is deleted with it, and records who
 * deleted what in the audit log.
 */
import { sql } from 'drizzle-orm';
import { requireKnownSliceNames } from './slice-names';
import type { Database } from '../db/client';
import { queryRows } from '../db/rows';
import { recordAudit } from './audit';
import { adjustCounts, bumpDataVersion } from './verdict-count-maintenance';
import { InvalidRequestError } from './errors';
import { verdictFilterCondition, type VerdictFilter } from './verdict-filter';

export async function deleteVerdicts(
  db: Database,
  filter: VerdictFilter,
  apiKeyId: number | null,
): Promise<number> {
  await requireKnownSliceNames(db, filter, 'filter');
  const { includeSuperseded: _ignored, ...conditions } = filter;
  const given = Object.values(conditions).some(
    (value) =>
      value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0),
  );
  if (!given) {
    throw new InvalidRequestError(
      'deleteVerdicts needs at least one condition (ids, provenance, judges, models, categories, since, until, …), but got none; it never deletes everything by default.',
      'filter',
    );
  }
  const where = verdictFilterCondition({ ...filter, includeSuperseded: true });
  return db.transaction(async (tx) => {
    const doomed = (
      await queryRows<{ id: string | number }>(
        tx,
        sql`SELECT v.id FROM verdicts v WHERE ${where} ORDER BY v.id FOR UPDATE`,
      )
    ).map((row) => Number(row.id));
    if (doomed.length === 0) return 0;
    const ids = sql.param(doomed);
    const restored = (
      await queryRows<{ id: string | number }>(
        tx,
        sql`
      SELECT id FROM verdicts WHERE superseded_by = ANY(${ids}::bigint[]) AND NOT id = ANY(${ids}::bigint[])`,
      )
    ).map((row) => Number(row.id));
    await adjustCounts(tx, sql`v.id = ANY(${ids}::bigint[]) AND v.superseded_by IS NULL`, -1);
    await tx.execute(
      sql`UPDATE verdicts SET superseded_by = NULL WHERE superseded_by = ANY(${ids}::bigint[])`,
    );
    if (restored.length > 0)
      await adjustCounts(tx, sql`v.id = ANY(${sql.param(restored)}::bigint[])`, 1);
    await tx.execute(sql`DELETE FROM verdicts WHERE id = ANY(${ids}::bigint[])`);
    await recordAudit(tx, apiKeyId, 'DELETE_VERDICTS', {
      filter: JSON.parse(JSON.stringify(filter)),
      deleted: doomed.length,
      ids: doomed.slice(0, 1000),
    });
    await bumpDataVersion(tx);
    return doomed.length;
  });
}
