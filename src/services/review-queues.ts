/**
 * Review queues: a named, stored plan of comparisons for people to vote on (issue 22 §2). A
 * queue is filled once, at creation, by its strategy's filler; claims (review-claims.ts) hand
 * its items out and votes (review-votes.ts) record them as HUMAN verdicts.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { queryRows } from '../db/rows';
import { closestNames } from '../domain/closest-names';
import { excerpt } from '../domain/excerpt';
import type { UserError } from '../domain/verdict-record';
import { createRandom } from '../ratings/random';
import { shuffled } from '../ratings/uniform-design';
import { recordAudit } from './audit';
import { QUEUE_FILLERS, type QueueStrategyName, type ReviewSlice } from './review-queue-fillers';
import { requireKnownSliceNames } from './slice-names';
import { resolveGoldItems, type GoldItemRequest } from './review-gold-items';

export type QueueStatusName = 'OPEN' | 'PAUSED' | 'CLOSED';

export const QUEUE_BOUNDS = {
  nameLength: 200,
  items: 10_000,
  goldItems: 1_000,
  reviewsPerItem: 100,
  reservationSeconds: 86_400,
} as const;

export interface CreateQueueRequest {
  name: string;
  slice: ReviewSlice;
  strategy: QueueStrategyName;
  items: number;
  reviewsPerItem: number;
  reservationSeconds: number;
  seed: number;
  gold: GoldItemRequest[];
}

export interface QueueRow {
  id: number;
  name: string;
  slice: ReviewSlice;
  strategy: QueueStrategyName;
  seed: number;
  reviewsPerItem: number;
  reservationSeconds: number;
  status: QueueStatusName;
  createdAt: Date;
}

/**
 * The queue's seed feeds three draws, each from its own stream (nearby seeds give unrelated
 * streams, ratings/random.ts): the filler's (seed), the gold items' presentation (seed + 1,
 * review-gold-items.ts) and the order items are handed out in (seed + 2).
 */
const ORDER_STREAM = 2;

export type QueueResult =
  { queue: QueueRow; userErrors: [] } | { queue: null; userErrors: UserError[] };

const refused = (code: string, field: string, message: string): QueueResult => ({
  queue: null,
  userErrors: [{ code, field, message }],
});

export async function createReviewQueue(
  db: Database,
  request: CreateQueueRequest,
  apiKeyId: number | null,
): Promise<QueueResult> {
  const name = request.name.trim();
  const bad = checkBounds({ ...request, name });
  if (bad) return { queue: null, userErrors: [bad] };
  await requireKnownSliceNames(db, request.slice, 'input.slice');
  const filler = QUEUE_FILLERS[request.strategy];
  if (filler === null)
    return refused(
      'STRATEGY_UNAVAILABLE',
      'input.strategy',
      `strategy ${request.strategy} is not available in this build (it comes with nextComparisons); use UNIFORM.`,
    );
  const gold = await resolveGoldItems(db, request.gold, request.seed);
  if (!gold.ok) return { queue: null, userErrors: [gold.error] };
  const filled = await filler(db, {
    slice: request.slice,
    count: request.items,
    seed: request.seed,
  });
  if (!filled.ok)
    return refused(
      'NOT_ENOUGH_COMPARISONS',
      'input.items',
      `input.items asks for ${request.items} comparisons, but the slice holds ${filled.available} distinct (prompt, model pair) comparisons with both answers stored.`,
    );
  // Gold items are mixed in among the others, so a reviewer cannot tell them by their place.
  const ordered = shuffled(
    [...filled.comparisons.map((c) => ({ ...c, goldOutcome: null })), ...gold.items],
    createRandom(request.seed + ORDER_STREAM),
  );
  return db.transaction(async (tx) => {
    const [created] = await queryRows<{ id: number }>(
      tx,
      sql`
      INSERT INTO review_queues (name, slice, strategy, seed, reviews_per_item, reservation_seconds, api_key_id)
      VALUES (${name}, ${JSON.stringify(request.slice)}::jsonb, ${request.strategy}, ${request.seed},
              ${request.reviewsPerItem}, ${request.reservationSeconds}, ${apiKeyId})
      ON CONFLICT (name) DO NOTHING RETURNING id`,
    );
    if (!created)
      return refused(
        'NAME_TAKEN',
        'input.name',
        `a review queue named ${excerpt(name)} exists already.`,
      );
    const column = <K extends keyof (typeof ordered)[number]>(key: K) =>
      sql.param(ordered.map((item) => item[key]));
    await tx.execute(sql`
      INSERT INTO review_items (queue_id, position, prompt_id, model_a_id, model_b_id, response_a_id, response_b_id, shown_first, gold_outcome)
      SELECT ${created.id}, item.position - 1, item.prompt_id, item.model_a_id, item.model_b_id, item.response_a_id, item.response_b_id,
             item.shown_first::answer_position, item.gold_outcome::outcome_label
      FROM unnest(${column('promptId')}::int[], ${column('modelAId')}::int[], ${column('modelBId')}::int[],
                  ${column('responseAId')}::int[], ${column('responseBId')}::int[], ${column('shownFirst')}::text[],
                  ${column('goldOutcome')}::text[])
           WITH ORDINALITY AS item(prompt_id, model_a_id, model_b_id, response_a_id, response_b_id, shown_first, gold_outcome, position)`);
    // Claims walk a queue's open items in position order and stop at the first that fits. Without
    // statistics (PGlite has no autovacuum; PostgreSQL's comes later) the planner expects one item
    // per queue and sorts them all on every claim, which made claiming quadratic in the queue.
    await tx.execute(sql`ANALYZE review_items`);
    await recordAudit(tx, apiKeyId, 'CREATE_REVIEW_QUEUE', {
      id: created.id,
      name,
      items: filled.comparisons.length,
      goldItems: gold.items.length,
    });
    const [queue] = await queuesWhere(tx, sql`q.id = ${created.id}`);
    return { queue, userErrors: [] };
  });
}

function checkBounds(request: CreateQueueRequest): UserError | null {
  const within = (field: keyof typeof QUEUE_BOUNDS, value: number, min: number) =>
    Number.isSafeInteger(value) && value >= min && value <= QUEUE_BOUNDS[field]
      ? null
      : {
          code: 'OUT_OF_RANGE',
          field: `input.${field}`,
          message: `input.${field} must be an integer from ${min} to ${QUEUE_BOUNDS[field]}, but got ${value}.`,
        };
  if (request.name === '' || request.name.length > QUEUE_BOUNDS.nameLength)
    return {
      code: 'OUT_OF_RANGE',
      field: 'input.name',
      message: `input.name must be 1 to ${QUEUE_BOUNDS.nameLength} characters, but got ${request.name === '' ? 'an empty name' : request.name.length}.`,
    };
  if (request.gold.length > QUEUE_BOUNDS.goldItems)
    return {
      code: 'OUT_OF_RANGE',
      field: 'input.gold',
      message: `input.gold must hold at most ${QUEUE_BOUNDS.goldItems} items, but got ${request.gold.length}.`,
    };
  return (
    within('items', request.items, 1) ??
    within('reviewsPerItem', request.reviewsPerItem, 1) ??
    within('reservationSeconds', request.reservationSeconds, 1)
  );
}

export async function setReviewQueueStatus(
  db: Database,
  name: string,
  status: QueueStatusName,
  apiKeyId: number | null,
): Promise<QueueResult> {
  return db.transaction(async (tx) => {
    const [current] = await queryRows<{ id: number; status: QueueStatusName }>(
      tx,
      sql`SELECT id, status FROM review_queues WHERE name = ${name} FOR UPDATE`,
    );
    if (!current) return refused('NOT_FOUND', 'name', await unknownQueueMessage(tx, name));
    // A closed queue stays closed: its progress is the record of a finished round.
    if (current.status === 'CLOSED' && status !== 'CLOSED')
      return refused(
        'QUEUE_CLOSED',
        'name',
        `review queue ${excerpt(name)} is closed; create a new one.`,
      );
    await tx.execute(sql`UPDATE review_queues SET status = ${status} WHERE id = ${current.id}`);
    await recordAudit(tx, apiKeyId, 'SET_REVIEW_QUEUE_STATUS', {
      id: current.id,
      from: current.status,
      to: status,
    });
    const [queue] = await queuesWhere(tx, sql`q.id = ${current.id}`);
    return { queue, userErrors: [] };
  });
}

export function listReviewQueues(db: Pick<Database, 'execute'>): Promise<QueueRow[]> {
  return queuesWhere(db, sql`TRUE`);
}

export async function findReviewQueue(
  db: Pick<Database, 'execute'>,
  name: string,
): Promise<QueueRow | null> {
  const [queue] = await queuesWhere(db, sql`q.name = ${name}`);
  return queue ?? null;
}

export async function queuesWhere(
  db: Pick<Database, 'execute'>,
  where: ReturnType<typeof sql>,
): Promise<QueueRow[]> {
  const rows = await queryRows<{
    id: number;
    name: string;
    slice: ReviewSlice | string;
    strategy: QueueStrategyName;
    seed: number;
    reviews_per_item: number;
    reservation_seconds: number;
    status: QueueStatusName;
    created_at: Date | string;
  }>(db, sql`SELECT q.* FROM review_queues q WHERE ${where} ORDER BY q.id`);
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    // node-postgres parses jsonb; PGlite's raw rows may hand back the text.
    slice: typeof row.slice === 'string' ? (JSON.parse(row.slice) as ReviewSlice) : row.slice,
    strategy: row.strategy,
    seed: row.seed,
    reviewsPerItem: row.reviews_per_item,
    reservationSeconds: row.reservation_seconds,
    status: row.status,
    createdAt: new Date(row.created_at),
  }));
}

/** "no review queue is named …", with the closest names stored (or that there are none). */
export async function unknownQueueMessage(
  db: Pick<Database, 'execute'>,
  name: string,
): Promise<string> {
  const names = (await queryRows<{ name: string }>(db, sql`SELECT name FROM review_queues`)).map(
    (row) => row.name,
  );
  const hint =
    names.length === 0
      ? 'no queues exist yet'
      : `closest: ${closestNames(name, names)
          .map((close) => excerpt(close))
          .join(', ')}`;
  return `no review queue is named ${excerpt(name)} (${hint}).`;
}
