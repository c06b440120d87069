/** The verdicts of one committed batch that match a filter, for the `verdictsRecorded` feed. */
import { asc } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Database } from '../db/client';
import { verdicts } from '../db/schema';
import type { VerdictRow } from './catalog';
import { verdictFilterCondition, type VerdictFilter } from './verdict-filter';

/** The shared filter SQL speaks of `verdicts v`. */
const v = alias(verdicts, 'v');

export async function recordedVerdicts(
  db: Database,
  recordedIds: readonly number[],
  filter: VerdictFilter,
): Promise<VerdictRow[]> {
  const wanted = filter.ids && filter.ids.length > 0 ? new Set(filter.ids) : null;
  const ids = wanted ? recordedIds.filter((id) => wanted.has(id)) : [...recordedIds];
  if (ids.length === 0) return [];
  return db
    .select()
    .from(v)
    .where(verdictFilterCondition({ ...filter, ids }))
    .orderBy(asc(v.id));
}
