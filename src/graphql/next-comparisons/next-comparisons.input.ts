import { Field, InputType, Int } from 'type-graphql';
import { LeaderboardInput } from '../leaderboard/leaderboard.input';
import { ComparisonObjectiveTarget, ComparisonStrategy } from './next-comparisons.enums';

@InputType({ description: 'Whose ratings an ADAPTIVE plan tries to pin down.' })
export class ComparisonObjectiveInput {
  @Field(() => ComparisonObjectiveTarget, { description: 'ALL or TOP_K.' })
  target!: ComparisonObjectiveTarget;
  @Field(() => Int, { nullable: true, description: 'The k of TOP_K, 1 to the candidate models.' })
  k?: number;
}

@InputType({ description: 'Which comparisons to do next, for which ranking.' })
export class NextComparisonsInput {
  @Field(() => LeaderboardInput, {
    nullable: true,
    description:
      'The slice the ranking is about; its models (even without verdicts) are the candidates, else every model with a verdict in the slice or an answer to its prompts. Default the whole board.',
  })
  leaderboard?: LeaderboardInput;
  @Field(() => Int, { description: 'How many comparisons, 1 to 1000.' })
  count!: number;
  @Field(() => ComparisonStrategy, {
    nullable: true,
    defaultValue: ComparisonStrategy.ADAPTIVE,
    description: 'ADAPTIVE (default) or UNIFORM.',
  })
  strategy!: ComparisonStrategy;
  @Field(() => Int, {
    nullable: true,
    description:
      'Seed of every random choice; default 0. The same input at the same data version gives the same answer.',
  })
  seed?: number;
  @Field(() => ComparisonObjectiveInput, {
    nullable: true,
    description: 'Default ALL: every rating alike.',
  })
  objective?: ComparisonObjectiveInput;
}
