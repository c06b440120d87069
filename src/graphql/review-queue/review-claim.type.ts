import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ItemStatus } from '../common/enums';
import { UserError } from '../verdict/record-verdicts.payload';
import { ReviewVote } from './review-queue.enums';

@ObjectType({ description: 'One answer as a reviewer sees it: no model, no id.' })
export class BlindAnswer {
  @Field(() => String, { description: "The answer's text." }) text!: string;
}

@ObjectType({
  description:
    'A comparison to review, blind: the prompt and the two answers in the order they are shown.',
})
export class ReviewItem {
  @Field(() => ID, { description: "The item's id." }) id!: number;
  @Field(() => Int, { description: 'Place in the queue (0 first).' }) position!: number;
  promptId!: number;
  responseAId!: number;
  responseBId!: number;
  shownFirst!: 'A' | 'B';
}

@ObjectType({ description: "A reviewer's reservation of one item until it expires." })
export class ReviewClaim {
  @Field(() => ID, { description: "The claim's id; a vote names it." }) id!: number;
  @Field(() => String, { description: 'Who holds it.' }) reviewer!: string;
  @Field(() => Date, { description: 'When it was taken.' }) claimedAt!: Date;
  @Field(() => Date, {
    description:
      'When the reservation ends and the item returns to the pool (a vote still counts).',
  })
  expiresAt!: Date;
  @Field(() => Date, { nullable: true, description: 'When it was voted; null before.' })
  votedAt!: Date | null;
  queueId!: number;
  itemId!: number;
}

@ObjectType({ description: 'The claim taken (or still held), or why none could be.' })
export class ClaimReviewItemPayload {
  @Field(() => ReviewClaim, { nullable: true, description: 'Null when userErrors say why.' })
  claim!: ReviewClaim | null;
  @Field(() => [UserError], {
    description:
      'NOT_FOUND, QUEUE_PAUSED, QUEUE_CLOSED, QUEUE_COMPLETE, NOTHING_LEFT_FOR_REVIEWER or ALL_ITEMS_HELD (retry later).',
  })
  userErrors!: UserError[];
}

@InputType({ description: 'A vote on a claimed item.' })
export class SubmitReviewVoteInput {
  @Field(() => ID, { description: 'The claim voted on.' }) claim!: string;
  @Field(() => ReviewVote, { description: 'The vote, in the order the answers were shown.' })
  vote!: ReviewVote;
  @Field(() => String, {
    description:
      'Chosen by the client; resending the same vote with it is a DUPLICATE, not a second vote.',
  })
  idempotencyKey!: string;
}

@ObjectType({ description: 'The stored verdict, which reveals the models, or why not.' })
export class SubmitReviewVotePayload {
  @Field(() => ItemStatus, { description: 'ACCEPTED, DUPLICATE (sent before) or REJECTED.' })
  status!: ItemStatus;
  verdictId!: number | null;
  @Field(() => ReviewClaim, { nullable: true, description: 'The claim, now voted.' })
  claim!: ReviewClaim | null;
  @Field(() => [UserError], {
    description: 'NOT_FOUND, ALREADY_VOTED, OUT_OF_RANGE, or the verdict store’s codes.',
  })
  userErrors!: UserError[];
}
