/**
 * Keyset pages over the lists that grow without bound. A page asks for `first + 1` rows after
 * the last id seen: the extra row tells whether another page exists, and no OFFSET scan is needed.
 */
import { and, arrayOverlaps, asc, eq, gt, inArray, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Database } from '../db/client';
import { auditLog, models, prompts, responses, verdicts } from '../db/schema';
import {
  PROMPT_COLUMNS,
  RESPONSE_COLUMNS,
  type PromptRow,
  type ResponseRow,
  type VerdictRow,
} from './catalog';
import { pairCondition, verdictFilterCondition, type VerdictFilter } from './verdict-filter';
import { requireKnownSliceNames } from './slice-names';

export interface PageRequest {
  first: number;
  afterId: number | null;
}

export interface Page<Row> {
  rows: Row[];
  hasNextPage: boolean;
}

export interface PromptFilter {
  categories?: string[] | null;
  tags?: string[] | null;
  externalIds?: string[] | null;
  /** Only prompts on which these two models (ids) met, in verdicts matching `verdicts`. */
  metBetween?: { modelAId: number; modelBId: number; verdicts: VerdictFilter } | null;
}

export interface ResponseFilter {
  model?: string | null;
  promptExternalId?: string | null;
}

function toPage<Row>(rows: Row[], page: PageRequest): Page<Row> {
  return { rows: rows.slice(0, page.first), hasNextPage: rows.length > page.first };
}

/** The shared filter SQL speaks of `verdicts v`. */
const v = alias(verdicts, 'v');

export async function pageOfVerdicts(
  db: Database,
  filter: VerdictFilter,
  page: PageRequest,
): Promise<Page<VerdictRow>> {
  await requireKnownSliceNames(db, filter, 'filter');
  const after = page.afterId === null ? undefined : gt(v.id, page.afterId);
  const rows = await db
    .select()
    .from(v)
    .where(and(verdictFilterCondition(filter), after))
    .orderBy(asc(v.id))
    .limit(page.first + 1);
  return toPage(rows, page);
}

export async function pageOfPrompts(
  db: Database,
  filter: PromptFilter,
  page: PageRequest,
): Promise<Page<PromptRow>> {
  const conditions: (SQL | undefined)[] = [
    filter.categories?.length ? inArray(prompts.category, filter.categories) : undefined,
    filter.tags?.length ? arrayOverlaps(prompts.tags, filter.tags) : undefined,
    filter.externalIds?.length ? inArray(prompts.externalId, filter.externalIds) : undefined,
    filter.metBetween
      ? sql`${prompts.id} IN (SELECT v.prompt_id FROM verdicts v WHERE ${verdictFilterCondition(filter.metBetween.verdicts)}
                              AND ${pairCondition(filter.metBetween.modelAId, filter.metBetween.modelBId)})`
      : undefined,
    page.afterId === null ? undefined : gt(prompts.id, page.afterId),
  ];
  const rows = await db
    .select(PROMPT_COLUMNS)
    .from(prompts)
    .where(and(...conditions))
    .orderBy(asc(prompts.id))
    .limit(page.first + 1);
  return toPage(rows, page);
}

export async function pageOfResponses(
  db: Database,
  filter: ResponseFilter,
  page: PageRequest,
): Promise<Page<ResponseRow>> {
  const conditions: (SQL | undefined)[] = [
    filter.model
      ? eq(
          responses.modelId,
          sql`(SELECT ${models.id} FROM ${models} WHERE ${models.name} = ${filter.model})`,
        )
      : undefined,
    filter.promptExternalId
      ? eq(
          responses.promptId,
          sql`(SELECT ${prompts.id} FROM ${prompts} WHERE ${prompts.externalId} = ${filter.promptExternalId})`,
        )
      : undefined,
    page.afterId === null ? undefined : gt(responses.id, page.afterId),
  ];
  const rows = await db
    .select(RESPONSE_COLUMNS)
    .from(responses)
    .where(and(...conditions))
    .orderBy(asc(responses.id))
    .limit(page.first + 1);
  return toPage(rows, page);
}

export async function pageOfAuditEntries(
  db: Database,
  page: PageRequest,
): Promise<Page<typeof auditLog.$inferSelect>> {
  const after = page.afterId === null ? undefined : gt(auditLog.id, page.afterId);
  return toPage(
    await db
      .select()
      .from(auditLog)
      .where(after)
      .orderBy(asc(auditLog.id))
      .limit(page.first + 1),
    page,
  );
}
