import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { present } from '../../domain/invariant';
import { claimReviewItem } from '../../services/review-claims';
import { submitReviewVote } from '../../services/review-votes';
import { badUserInput } from '../common/errors';
import type { Context } from '../context';
import { Prompt } from '../prompt/prompt.type';
import { Verdict } from '../verdict/verdict.type';
import {
  BlindAnswer,
  ClaimReviewItemPayload,
  ReviewClaim,
  ReviewItem,
  SubmitReviewVoteInput,
  SubmitReviewVotePayload,
} from './review-claim.type';
import { REVIEW_VOTE_NAMES } from './review-queue.enums';
import { ReviewQueue } from './review-queue.type';
import { REVIEWER_DESCRIPTION, reviewerOf } from './reviewer';

@Resolver(() => ReviewClaim)
export class ReviewClaimResolver {
  @Mutation(() => ClaimReviewItemPayload, {
    description:
      'Write: reserves the next item of a queue for this reviewer until the reservation expires; a claim already held is returned again.',
  })
  async claimReviewItem(
    @Arg('queue', () => String, { description: "The queue's name." }) queue: string,
    @Arg('reviewer', () => String, { nullable: true, description: REVIEWER_DESCRIPTION })
    reviewer: string | undefined,
    @Ctx() { db, principal }: Context,
  ): Promise<ClaimReviewItemPayload> {
    return await claimReviewItem(
      db,
      queue,
      reviewerOf(principal, reviewer),
      principal?.apiKeyId ?? null,
    );
  }

  @Mutation(() => SubmitReviewVotePayload, {
    description:
      'Write: records the vote on a claim as a HUMAN verdict of judge `human:<reviewer>`; counts once, even after the claim expired.',
  })
  async submitReviewVote(
    @Arg('input', () => SubmitReviewVoteInput, { description: 'The claim and the vote.' })
    input: SubmitReviewVoteInput,
    @Arg('reviewer', () => String, { nullable: true, description: REVIEWER_DESCRIPTION })
    reviewer: string | undefined,
    @Ctx() { db, principal }: Context,
  ): Promise<SubmitReviewVotePayload> {
    if (!/^[1-9][0-9]{0,17}$/.test(input.claim))
      throw badUserInput(
        'input.claim must be a claim id, but got an id of another form.',
        'input.claim',
      );
    return (await submitReviewVote(db, {
      claimId: Number(input.claim),
      vote: REVIEW_VOTE_NAMES[input.vote],
      idempotencyKey: input.idempotencyKey,
      reviewer: reviewerOf(principal, reviewer),
      apiKeyId: principal?.apiKeyId ?? null,
    })) as SubmitReviewVotePayload;
  }

  @FieldResolver(() => ReviewQueue, { description: 'The queue.' })
  async queue(@Root() claim: ReviewClaim, @Ctx() { loaders }: Context): Promise<ReviewQueue> {
    return present(
      await loaders.reviewQueue.load(claim.queueId),
      `queue ${claim.queueId}`,
    ) as ReviewQueue;
  }

  @FieldResolver(() => ReviewItem, { description: 'The item to review.' })
  async item(@Root() claim: ReviewClaim, @Ctx() { loaders }: Context): Promise<ReviewItem> {
    return present(await loaders.reviewItem.load(claim.itemId), `item ${claim.itemId}`);
  }
}

@Resolver(() => ReviewItem)
export class ReviewItemResolver {
  @FieldResolver(() => Prompt, { description: 'The prompt both answers answer.' })
  async prompt(@Root() item: ReviewItem, @Ctx() { loaders }: Context): Promise<Prompt> {
    return present(await loaders.prompt.load(item.promptId), `prompt ${item.promptId}`);
  }

  @FieldResolver(() => BlindAnswer, { description: 'The answer shown first (left, or on top).' })
  first(@Root() item: ReviewItem, @Ctx() context: Context): Promise<BlindAnswer> {
    return blindAnswer(context, item.shownFirst === 'A' ? item.responseAId : item.responseBId);
  }

  @FieldResolver(() => BlindAnswer, { description: 'The answer shown second.' })
  second(@Root() item: ReviewItem, @Ctx() context: Context): Promise<BlindAnswer> {
    return blindAnswer(context, item.shownFirst === 'A' ? item.responseBId : item.responseAId);
  }
}

async function blindAnswer({ loaders }: Context, responseId: number): Promise<BlindAnswer> {
  const response = present(await loaders.response.load(responseId), `response ${responseId}`);
  return { text: response.text };
}

@Resolver(() => SubmitReviewVotePayload)
export class SubmitReviewVotePayloadResolver {
  @FieldResolver(() => Verdict, {
    nullable: true,
    description: 'The HUMAN verdict recorded, which reveals models A and B and shownFirst.',
  })
  async verdict(
    @Root() payload: SubmitReviewVotePayload,
    @Ctx() { loaders }: Context,
  ): Promise<Verdict | null> {
    return payload.verdictId === null ? null : await loaders.verdict.load(payload.verdictId);
  }
}
