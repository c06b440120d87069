import { Field, ID, InputType, Int } from 'type-graphql';
import { Outcome } from '../common/enums';
import { ReviewQueueStrategy } from './review-queue.enums';

@InputType({
  description: 'Which stored answers to draw items from; every filter given must hold.',
})
export class ReviewSliceInput {
  @Field(() => [String], { nullable: true, description: 'Only these models (known names).' })
  models?: string[];
  @Field(() => [String], { nullable: true, description: 'Only prompts in these categories.' })
  categories?: string[];
  @Field(() => [String], { nullable: true, description: 'Only prompts with any of these tags.' })
  tags?: string[];
}

@InputType({ description: 'A comparison with a known answer, mixed in among the items.' })
export class ReviewGoldItemInput {
  @Field(() => ID, { description: 'The prompt.' }) prompt!: string;
  @Field(() => String, { description: 'Model A (its first stored answer to the prompt is shown).' })
  modelA!: string;
  @Field(() => String, { description: 'Model B.' }) modelB!: string;
  @Field(() => Outcome, { description: 'The known answer, from A’s side.' }) outcome!: Outcome;
}

@InputType({ description: 'A new review queue, filled at once by its strategy.' })
export class CreateReviewQueueInput {
  @Field(() => String, { description: 'Unique name, 1 to 200 characters.' }) name!: string;
  @Field(() => ReviewSliceInput, { nullable: true, description: 'Default: every stored answer.' })
  slice?: ReviewSliceInput;
  @Field(() => ReviewQueueStrategy, {
    nullable: true,
    defaultValue: ReviewQueueStrategy.UNIFORM,
    description: 'How to choose the comparisons; default UNIFORM.',
  })
  strategy!: ReviewQueueStrategy;
  @Field(() => Int, { description: 'Comparisons to hold, 1 to 10,000 (gold items come on top).' })
  items!: number;
  @Field(() => Int, {
    nullable: true,
    defaultValue: 3,
    description: 'Reviews per item, each by a different reviewer, 1 to 100; default 3.',
  })
  reviewsPerItem!: number;
  @Field(() => Int, {
    nullable: true,
    defaultValue: 600,
    description: 'Seconds a claim reserves its item, 1 to 86,400; default 600.',
  })
  reservationSeconds!: number;
  @Field(() => Int, { nullable: true, defaultValue: 0, description: 'Seed; default 0.' })
  seed!: number;
  @Field(() => [ReviewGoldItemInput], {
    nullable: true,
    description: 'Gold items (at most 1,000): comparisons with a known answer.',
  })
  gold?: ReviewGoldItemInput[];
}
