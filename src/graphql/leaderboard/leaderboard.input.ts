import { Field, Float, InputType, Int } from 'type-graphql';
import { ClusterBy, IntervalMethod, JudgeKind, RankingMethod, SwapPolicy } from '../common/enums';

@InputType({
  description:
    'Pins the rating scale: this model gets this rating (Chatbot Arena: mixtral-8x7b-instruct-v0.1 = 1114).',
})
export class AnchorInput {
  @Field(() => String, { description: 'Name of the model to pin.' }) model!: string;
  @Field(() => Float, { description: 'The rating it gets (Elo scale, e.g. 1000).' })
  rating!: number;
}

@InputType({
  description: 'Which ranking, over which slice of verdicts. Every filter given must hold.',
})
export class LeaderboardInput {
  @Field(() => RankingMethod, {
    description: 'How to rate the models; default BRADLEY_TERRY.',
    nullable: true,
    defaultValue: RankingMethod.BRADLEY_TERRY,
  })
  method!: RankingMethod;
  @Field(() => [String], {
    nullable: true,
    description: 'Judge names (all versions), or `name@version`.',
  })
  judges?: string[];
  @Field(() => [JudgeKind], { description: 'Judges of any of these kinds.', nullable: true })
  judgeKinds?: JudgeKind[];
  @Field(() => [String], { description: 'Prompts in any of these categories.', nullable: true })
  categories?: string[];
  @Field(() => [String], { nullable: true, description: 'Prompts carrying any of these tags.' })
  tags?: string[];
  @Field(() => [String], {
    nullable: true,
    description: 'Rank only these models, on their verdicts against each other.',
  })
  models?: string[];
  @Field(() => Date, { nullable: true, description: 'Verdicts decided at or after this time.' })
  since?: Date;
  @Field(() => Date, { nullable: true, description: 'Verdicts decided before this time.' })
  until?: Date;
  @Field(() => AnchorInput, {
    nullable: true,
    description: 'Without an anchor, ratings are centred on a mean of 1000.',
  })
  anchor?: AnchorInput;
  @Field(() => String, {
    nullable: true,
    description: 'Model to report every win rate against (Arena-Hard: gpt-4-0314).',
  })
  baseline?: string;
  @Field(() => Float, {
    nullable: true,
    description: 'Weight of a `>>` verdict; default 1, Arena-Hard v0.1 used 3.',
  })
  strongVerdictWeight?: number;
  @Field(() => Int, {
    nullable: true,
    description:
      'Bootstrap rounds for the intervals (0 = no intervals); default 100, at most 1000.',
  })
  bootstrapRounds?: number;
  @Field(() => Int, {
    nullable: true,
    description: 'Seed of the bootstrap; default 0. The same input always gives the same output.',
  })
  seed?: number;
  @Field(() => Float, { nullable: true, description: 'Coverage of the intervals; default 0.95.' })
  confidenceLevel?: number;
  @Field(() => IntervalMethod, {
    nullable: true,
    description:
      'BOOTSTRAP (default), SANDWICH (analytic, fast) or PROFILE (profile likelihood; plain Bradley–Terry only).',
  })
  intervalMethod?: IntervalMethod;
  @Field(() => Float, {
    nullable: true,
    description: 'L2 penalty λ/2·Σβ² on strengths (natural-log units); default 0.',
  })
  regularization?: number;
  @Field(() => Boolean, {
    nullable: true,
    description:
      'Control for answer length and markdown (Chatbot Arena style control); only verdicts with both answers stored count.',
  })
  styleControl?: boolean;
  @Field(() => SwapPolicy, {
    nullable: true,
    description:
      'KEEP_BOTH (default), MERGE or DROP_INCONSISTENT; Bradley–Terry without style control only.',
  })
  swapPolicy?: SwapPolicy;
  @Field(() => ClusterBy, {
    nullable: true,
    description:
      'VERDICT (default) or PROMPT: resample or sandwich by prompt, so verdicts on one prompt count as one correlated unit; plain Bradley–Terry with KEEP_BOTH only.',
  })
  clusterBy?: ClusterBy;
}
