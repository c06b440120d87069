/**
 * Tables only. Every other module reads the database through these definitions;
 * `drizzle-kit generate` turns changes here into the SQL migrations in `drizzle/`.
 */
import { sql } from 'drizzle-orm';
import { OUTCOME_LABELS } from '../domain/outcome-labels';
import {
  bigint,
  bigserial,
  boolean,
  check,
  customType,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

/**
 * PostgreSQL's text-search document. Stored (a generated column) rather than computed in an
 * expression index: ranking reads it for every match, and recomputing it from the text made a
 * search for a common word 35 times slower (services/prompt-search.ts).
 */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const judgeKind = pgEnum('judge_kind', ['HUMAN', 'LLM']);
// The label order is the one of OUTCOME_LABELS.
export const outcomeLabel = pgEnum('outcome_label', OUTCOME_LABELS);
export const answerPosition = pgEnum('answer_position', ['A', 'B']);
export const keyScope = pgEnum('key_scope', ['read', 'write', 'admin']);

/** API keys: only a SHA-256 hash of the key is stored; `prefix` identifies a key without revealing it. */
export const apiKeys = pgTable('api_keys', {
  id: serial('id').primaryKey(),
  name: text('name').notNull(),
  scope: keyScope('scope').notNull(),
  prefix: text('prefix').notNull().unique('api_keys_prefix_unique'),
  secretHash: text('secret_hash').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
});

/** Who did what to the data, for deletes, corrections and key management. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    apiKeyId: integer('api_key_id').references(() => apiKeys.id),
    action: text('action').notNull(),
    details: jsonb('details').notNull(),
  },
  (table) => [index('audit_log_at_idx').on(table.at)],
);

export const models = pgTable('models', {
  id: serial('id').primaryKey(),
  name: text('name').notNull().unique('models_name_unique'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const prompts = pgTable(
  'prompts',
  {
    id: serial('id').primaryKey(),
    // `ext:<external id>` when the source names the prompt, else `sha256:<hash of the text>`.
    dedupKey: text('dedup_key').notNull(),
    externalId: text('external_id'),
    text: text('text'),
    category: text('category'),
    tags: text('tags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    // Full-text search (services/prompt-search.ts); never read with the row (catalog.ts).
    searchDocument: tsvector('search_document').generatedAlwaysAs(
      sql`to_tsvector('english'::regconfig, coalesce("text", ''))`,
    ),
  },
  (table) => [
    uniqueIndex('prompts_dedup_key_unique').on(table.dedupKey),
    index('prompts_category_idx').on(table.category),
    index('prompts_tags_idx').using('gin', table.tags),
    index('prompts_search_document_idx').using('gin', table.searchDocument),
  ],
);

export const responses = pgTable(
  'responses',
  {
    id: serial('id').primaryKey(),
    promptId: integer('prompt_id')
      .notNull()
      .references(() => prompts.id),
    modelId: integer('model_id')
      .notNull()
      .references(() => models.id),
    text: text('text').notNull(),
    textHash: text('text_hash').notNull(),
    // Reported by the source when known, else estimated (see ingest/style-counts.ts).
    tokenLength: integer('token_length').notNull(),
    tokenLengthEstimated: boolean('token_length_estimated').notNull(),
    charLength: integer('char_length').notNull(),
    headerCount: integer('header_count').notNull(),
    listItemCount: integer('list_item_count').notNull(),
    boldCount: integer('bold_count').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    // Full-text search (services/prompt-search.ts); never read with the row (catalog.ts).
    searchDocument: tsvector('search_document').generatedAlwaysAs(
      sql`to_tsvector('english'::regconfig, "text")`,
    ),
  },
  (table) => [
    uniqueIndex('responses_prompt_model_text_unique').on(
      table.promptId,
      table.modelId,
      table.textHash,
    ),
    index('responses_model_idx').on(table.modelId),
    index('responses_search_document_idx').using('gin', table.searchDocument),
  ],
);

export const judges = pgTable(
  'judges',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    // The judge-prompt / template version; '' when the source does not say.
    version: text('version').notNull().default(''),
    kind: judgeKind('kind').notNull(),
    model: text('model'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('judges_name_version_unique').on(table.name, table.version)],
);

export const verdicts = pgTable(
  'verdicts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    judgeId: integer('judge_id')
      .notNull()
      .references(() => judges.id),
    promptId: integer('prompt_id')
      .notNull()
      .references(() => prompts.id),
    modelAId: integer('model_a_id')
      .notNull()
      .references(() => models.id),
    modelBId: integer('model_b_id')
      .notNull()
      .references(() => models.id),
    responseAId: integer('response_a_id').references(() => responses.id),
    responseBId: integer('response_b_id').references(() => responses.id),
    // True where the source named no answer and the model's one stored answer to the prompt was
    // linked (services/answer-links.ts): such a link is undone when a second answer arrives.
    responseAInferred: boolean('response_a_inferred').notNull().default(false),
    responseBInferred: boolean('response_b_inferred').notNull().default(false),
    outcome: outcomeLabel('outcome').notNull(),
    // A judge that outputs probabilities gives p(A better); when set it is the verdict's score.
    preferenceA: doublePrecision('preference_a'),
    shownFirst: answerPosition('shown_first'),
    judgment: text('judgment'),
    idempotencyKey: text('idempotency_key'),
    provenance: text('provenance').notNull(),
    // The key that wrote it; null for imports and when auth is off.
    apiKeyId: integer('api_key_id').references(() => apiKeys.id),
    // Set when a later verdict corrects this one: it stays stored but leaves the rankings.
    supersededBy: bigint('superseded_by', { mode: 'number' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    check('verdicts_distinct_models', sql`${table.modelAId} <> ${table.modelBId}`),
    check(
      'verdicts_preference_range',
      sql`${table.preferenceA} IS NULL OR (${table.preferenceA} >= 0 AND ${table.preferenceA} <= 1)`,
    ),
    uniqueIndex('verdicts_judge_idempotency_unique').on(table.judgeId, table.idempotencyKey),
    index('verdicts_created_at_idx').on(table.createdAt, table.id),
    index('verdicts_judge_idx').on(table.judgeId, table.id),
    index('verdicts_prompt_idx').on(table.promptId),
    index('verdicts_model_a_idx').on(table.modelAId, table.id),
    index('verdicts_model_b_idx').on(table.modelBId, table.id),
    // The verdicts answer linking works on (services/answer-links.ts): a side unlinked, or
    // linked by inference. When answers arrive, the verdicts to link or unlink are found here, not
    // among every verdict on those prompts: a 5,000-battle batch with answers touches most prompts
    // of a 5,000-prompt pool, so that scan grew with the store (a 1M import did not end in 40 min).
    // Verdicts that name both answers, nearly all of an import with answers, stay out of it. One
    // index for both sides, since a file without answers puts every row in it: a 200k-row import
    // without answers ran at 25–26k rows/s with one index per side and 28.4k with none; with
    // this one, 23.8–30.5k against 27.5–31.0k without it (4 runs each, inside the noise).
    index('verdicts_answer_link_idx')
      .on(table.promptId)
      .where(
        sql`${table.responseAId} IS NULL OR ${table.responseBId} IS NULL OR ${table.responseAInferred} OR ${table.responseBInferred}`,
      ),
    // Only corrected verdicts are looked up by superseded_by (deletion restores them); the
    // others, nearly all, stay out of the index and cost no index insert.
    index('verdicts_superseded_by_idx')
      .on(table.supersededBy)
      .where(sql`${table.supersededBy} IS NOT NULL`),
  ],
);

/**
 * Verdicts aggregated by the dimensions leaderboard filters use, kept in the same transaction as
 * every insert, supersession, deletion and prompt re-categorisation, so a leaderboard reads
 * distinct cells instead of scanning verdicts. Superseded verdicts are not counted. Sentinels
 * instead of NULLs keep the key usable for ON CONFLICT: category '' = none, preference -1 = none.
 */
export const verdictCounts = pgTable(
  'verdict_counts',
  {
    judgeId: integer('judge_id')
      .notNull()
      .references(() => judges.id),
    category: text('category').notNull(),
    modelAId: integer('model_a_id')
      .notNull()
      .references(() => models.id),
    modelBId: integer('model_b_id')
      .notNull()
      .references(() => models.id),
    outcome: outcomeLabel('outcome').notNull(),
    preferenceA: doublePrecision('preference_a').notNull(),
    verdicts: bigint('verdicts', { mode: 'number' }).notNull(),
  },
  (table) => [
    uniqueIndex('verdict_counts_key').on(
      table.judgeId,
      table.category,
      table.modelAId,
      table.modelBId,
      table.outcome,
      table.preferenceA,
    ),
    // A model's record (Model.stats) reads its cells on either side.
    index('verdict_counts_model_a_idx').on(table.modelAId),
    index('verdict_counts_model_b_idx').on(table.modelBId),
  ],
);

/**
 * One row: `version` is bumped by every write transaction, so any server process can tell its
 * cache is stale; `answers_version` by every one except those that only appended verdicts between
 * stored answers, so caches of the stored answers (nextComparisons) outlive a judge's writes.
 */
export const dataVersion = pgTable('data_version', {
  id: integer('id').primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull(),
  answersVersion: bigint('answers_version', { mode: 'number' }).notNull().default(0),
});

// Review queues (issue 22 §2): a stored plan of comparisons people vote on, with claims.
export const reviewQueueStatus = pgEnum('review_queue_status', ['OPEN', 'PAUSED', 'CLOSED']);
export const reviewQueueStrategy = pgEnum('review_queue_strategy', ['UNIFORM', 'ADAPTIVE']);

export const reviewQueues = pgTable('review_queues', {
  id: serial('id').primaryKey(),
  name: text('name').notNull().unique('review_queues_name_unique'),
  // The slice the items were drawn from: { models?, categories?, tags? } (review-queue-slice.ts).
  slice: jsonb('slice').notNull(),
  strategy: reviewQueueStrategy('strategy').notNull(),
  seed: integer('seed').notNull(),
  reviewsPerItem: integer('reviews_per_item').notNull(),
  reservationSeconds: integer('reservation_seconds').notNull(),
  status: reviewQueueStatus('status').notNull().default('OPEN'),
  apiKeyId: integer('api_key_id').references(() => apiKeys.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** One comparison to review: a prompt, the two stored answers and the order they are shown in. */
export const reviewItems = pgTable(
  'review_items',
  {
    id: serial('id').primaryKey(),
    queueId: integer('queue_id')
      .notNull()
      .references(() => reviewQueues.id),
    // Claims hand items out in this order (seeded shuffle of the filler's list).
    position: integer('position').notNull(),
    promptId: integer('prompt_id')
      .notNull()
      .references(() => prompts.id),
    modelAId: integer('model_a_id')
      .notNull()
      .references(() => models.id),
    modelBId: integer('model_b_id')
      .notNull()
      .references(() => models.id),
    responseAId: integer('response_a_id')
      .notNull()
      .references(() => responses.id),
    responseBId: integer('response_b_id')
      .notNull()
      .references(() => responses.id),
    shownFirst: answerPosition('shown_first').notNull(),
    // A gold item's known answer (stored A/B terms); reviewers never see it before voting.
    goldOutcome: outcomeLabel('gold_outcome'),
    // Votes recorded on this item, kept in each vote's transaction (a late vote may pass the quota).
    votes: integer('votes').notNull().default(0),
  },
  (table) => [
    check('review_items_distinct_models', sql`${table.modelAId} <> ${table.modelBId}`),
    uniqueIndex('review_items_queue_position_unique').on(table.queueId, table.position),
  ],
);

/**
 * A reviewer's hold on an item until `expires_at`; a vote turns it into the record of that review
 * (claim and vote times give the time per vote). One row per (item, reviewer): nobody reviews an
 * item twice.
 */
export const reviewClaims = pgTable(
  'review_claims',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    itemId: integer('item_id')
      .notNull()
      .references(() => reviewItems.id),
    reviewer: text('reviewer').notNull(),
    apiKeyId: integer('api_key_id').references(() => apiKeys.id),
    claimedAt: timestamp('claimed_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    votedAt: timestamp('voted_at', { withTimezone: true }),
    voteKey: text('vote_key'),
    // The vote as stored (A/B terms), kept here too so gold checks survive a deleted verdict.
    outcome: outcomeLabel('outcome'),
    // Deleting the verdict (deleteVerdicts) leaves the claim as the record that a vote was cast.
    verdictId: bigint('verdict_id', { mode: 'number' }).references(() => verdicts.id, {
      onDelete: 'set null',
    }),
  },
  (table) => [
    uniqueIndex('review_claims_item_reviewer_unique').on(table.itemId, table.reviewer),
    index('review_claims_reviewer_idx').on(table.reviewer),
  ],
);
