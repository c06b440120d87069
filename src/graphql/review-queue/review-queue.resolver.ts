import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import {
  createReviewQueue,
  findReviewQueue,
  listReviewQueues,
  setReviewQueueStatus,
  type QueueStatusName,
} from '../../services/review-queues';
import { badUserInput } from '../common/errors';
import type { Context } from '../context';
import { CreateReviewQueueInput } from './review-queue.input';
import { ReviewQueue, ReviewQueuePayload, ReviewQueueProgress } from './review-queue.type';

const NAME_DESCRIPTION = "The queue's name.";

@Resolver(() => ReviewQueue)
export class ReviewQueueResolver {
  @Query(() => [ReviewQueue], { description: 'Every review queue, oldest first.' })
  async reviewQueues(@Ctx() { db }: Context): Promise<ReviewQueue[]> {
    return (await listReviewQueues(db)) as ReviewQueue[];
  }

  @Query(() => ReviewQueue, {
    nullable: true,
    description: 'One review queue; null when none has the name.',
  })
  async reviewQueue(
    @Arg('name', () => String, { description: NAME_DESCRIPTION }) name: string,
    @Ctx() { db }: Context,
  ): Promise<ReviewQueue | null> {
    return (await findReviewQueue(db, name)) as ReviewQueue | null;
  }

  @Mutation(() => ReviewQueuePayload, {
    description:
      'Admin: creates a review queue and fills it with comparisons at once, in one transaction.',
  })
  async createReviewQueue(
    @Arg('input', () => CreateReviewQueueInput, { description: 'The plan.' })
    input: CreateReviewQueueInput,
    @Ctx() { db, principal }: Context,
  ): Promise<ReviewQueuePayload> {
    const result = await createReviewQueue(
      db,
      {
        name: input.name,
        slice: {
          models: input.slice?.models,
          categories: input.slice?.categories,
          tags: input.slice?.tags,
        },
        strategy: input.strategy,
        items: input.items,
        reviewsPerItem: input.reviewsPerItem,
        reservationSeconds: input.reservationSeconds,
        seed: input.seed,
        gold: (input.gold ?? []).map((gold, index) => ({
          promptId: promptId(gold.prompt, `input.gold[${index}].prompt`),
          modelA: gold.modelA,
          modelB: gold.modelB,
          outcome: gold.outcome,
        })),
      },
      principal?.apiKeyId ?? null,
    );
    return result as ReviewQueuePayload;
  }

  @Mutation(() => ReviewQueuePayload, {
    description: 'Admin: stops handing out items until resumed.',
  })
  pauseReviewQueue(
    @Arg('name', () => String, { description: NAME_DESCRIPTION }) name: string,
    @Ctx() context: Context,
  ): Promise<ReviewQueuePayload> {
    return setStatus(context, name, 'PAUSED');
  }

  @Mutation(() => ReviewQueuePayload, {
    description: 'Admin: hands out items again after a pause.',
  })
  resumeReviewQueue(
    @Arg('name', () => String, { description: NAME_DESCRIPTION }) name: string,
    @Ctx() context: Context,
  ): Promise<ReviewQueuePayload> {
    return setStatus(context, name, 'OPEN');
  }

  @Mutation(() => ReviewQueuePayload, {
    description: 'Admin: closes the queue for good; claims held may still be voted.',
  })
  closeReviewQueue(
    @Arg('name', () => String, { description: NAME_DESCRIPTION }) name: string,
    @Ctx() context: Context,
  ): Promise<ReviewQueuePayload> {
    return setStatus(context, name, 'CLOSED');
  }

  @FieldResolver(() => ReviewQueueProgress, {
    description: 'Items, votes, claims and reviewers now.',
  })
  async progress(
    @Root() queue: ReviewQueue,
    @Ctx() { loaders }: Context,
  ): Promise<ReviewQueueProgress> {
    return loaders.reviewProgress.load(queue.id);
  }
}

async function setStatus(
  { db, principal }: Context,
  name: string,
  status: QueueStatusName,
): Promise<ReviewQueuePayload> {
  return (await setReviewQueueStatus(
    db,
    name,
    status,
    principal?.apiKeyId ?? null,
  )) as ReviewQueuePayload;
}

function promptId(id: string, field: string): number {
  // prompts.id is a Postgres integer: a larger number would reach the database and fail there.
  if (!/^[1-9][0-9]{0,9}$/.test(id) || Number(id) > 2_147_483_647)
    throw badUserInput(`${field} must be a prompt id, but got an id of another form.`, field);
  return Number(id);
}
