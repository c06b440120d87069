import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { UserError } from '../verdict/record-verdicts.payload';
import { ReviewQueueStatus, ReviewQueueStrategy } from './review-queue.enums';

@ObjectType({ description: 'Which stored answers a queue drew its items from; null = no filter.' })
export class ReviewSlice {
  @Field(() => [String], { nullable: true, description: 'Only these models.' })
  models?: string[] | null;
  @Field(() => [String], { nullable: true, description: 'Only prompts in these categories.' })
  categories?: string[] | null;
  @Field(() => [String], { nullable: true, description: 'Only prompts with any of these tags.' })
  tags?: string[] | null;
}

@ObjectType({ description: "One reviewer's work on a queue." })
export class ReviewerProgress {
  @Field(() => String, {
    description: 'The reviewer (their verdicts have judge `human:<reviewer>`).',
  })
  reviewer!: string;
  @Field(() => Int, { description: 'Votes cast.' }) votes!: number;
  @Field(() => Int, { description: 'Claims held now, not voted and not expired.' })
  activeClaims!: number;
  @Field(() => Float, {
    nullable: true,
    description: 'Median seconds from claim to vote; null before the first vote.',
  })
  medianSecondsPerVote!: number | null;
  @Field(() => Int, { description: 'Votes on gold items.' }) goldVotes!: number;
  @Field(() => Int, {
    description: 'Gold votes naming the same winner as the gold answer (ties and BOTH_BAD alike).',
  })
  goldAgreements!: number;
}

@ObjectType({ description: 'How far a queue is.' })
export class ReviewQueueProgress {
  @Field(() => Int, { description: 'Items, gold items included.' }) items!: number;
  @Field(() => Int, { description: 'Items with a known answer.' }) goldItems!: number;
  @Field(() => Int, { description: 'Items with all their planned reviews.' })
  completeItems!: number;
  @Field(() => Int, {
    description:
      'Votes cast; may pass votesPlanned by late votes on claims that had expired and were handed on.',
  })
  votes!: number;
  @Field(() => Int, { description: 'Votes planned: items × reviewsPerItem.' })
  votesPlanned!: number;
  @Field(() => Int, { description: 'Claims held now, not voted and not expired.' })
  activeClaims!: number;
  @Field(() => Float, {
    nullable: true,
    description: 'Median seconds from claim to vote over all reviewers; null before any vote.',
  })
  medianSecondsPerVote!: number | null;
  @Field(() => [ReviewerProgress], { description: 'Per reviewer, by name.' })
  reviewers!: ReviewerProgress[];
}

@ObjectType({ description: 'A named, stored plan of comparisons for people to vote on.' })
export class ReviewQueue {
  @Field(() => ID, { description: "The queue's id." }) id!: number;
  @Field(() => String, { description: 'Unique name.' }) name!: string;
  @Field(() => ReviewQueueStatus, { description: 'OPEN, PAUSED or CLOSED.' })
  status!: ReviewQueueStatus;
  @Field(() => ReviewQueueStrategy, { description: 'How the items were chosen.' })
  strategy!: ReviewQueueStrategy;
  @Field(() => ReviewSlice, { description: 'Where the items were drawn from.' })
  slice!: ReviewSlice;
  @Field(() => Int, { description: 'Seed of the item draw and presentation order.' }) seed!: number;
  @Field(() => Int, { description: 'Reviews each item should get, from different reviewers.' })
  reviewsPerItem!: number;
  @Field(() => Int, { description: 'How long a claim reserves its item.' })
  reservationSeconds!: number;
  @Field(() => Date, { description: 'When the queue was created.' }) createdAt!: Date;
}

@ObjectType({ description: 'The queue created, paused, resumed or closed, or why not.' })
export class ReviewQueuePayload {
  @Field(() => ReviewQueue, { nullable: true, description: 'Null when userErrors say why not.' })
  queue!: ReviewQueue | null;
  @Field(() => [UserError], { description: 'Empty on success.' }) userErrors!: UserError[];
}
