import { Field, Float, InputType } from 'type-graphql';
import { LeaderboardInput } from '../leaderboard/leaderboard.input';

@InputType({ description: 'Two models to decide between, over a leaderboard slice.' })
export class ComparisonInput {
  @Field(() => String, { description: 'The candidate: the difference is A − B.' })
  modelA!: string;
  @Field(() => String, { description: 'The baseline.' }) modelB!: string;
  @Field(() => LeaderboardInput, {
    nullable: true,
    description:
      'The slice and the fit (method, intervalMethod, clusterBy, …); default the whole board. clusterBy defaults to PROMPT here where it applies (plain Bradley–Terry, KEEP_BOTH), else VERDICT.',
  })
  leaderboard?: LeaderboardInput;
  @Field(() => Float, {
    nullable: true,
    description:
      'Non-inferiority margin in Elo points (≥ 0); default 0. NON_INFERIOR when the lower bound is above −margin.',
  })
  margin?: number;
  @Field(() => Float, {
    nullable: true,
    description:
      'Level of the two-sided interval of the difference; default leaderboard.confidenceLevel, else 0.95.',
  })
  level?: number;
}
