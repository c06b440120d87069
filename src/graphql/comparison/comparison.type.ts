import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { Leaderboard as LeaderboardResult } from '../../services/leaderboard';
import { ClusterBy, IntervalMethod } from '../common/enums';

export enum ComparisonDecision {
  BETTER = 'BETTER',
  NON_INFERIOR = 'NON_INFERIOR',
  WORSE = 'WORSE',
  INCONCLUSIVE = 'INCONCLUSIVE',
}
registerEnumType(ComparisonDecision, {
  name: 'ComparisonDecision',
  description:
    'What the interval [L, U] of d = R_A − R_B says, checked in this order, with margin m ≥ 0.',
  valuesConfig: {
    BETTER: { description: 'L > 0: A is better.' },
    NON_INFERIOR: {
      description: 'L > −m (only with m > 0): A is worse by less than the margin, if at all.',
    },
    WORSE: { description: 'U < −m: A is worse by more than the margin (U < 0 when m = 0).' },
    INCONCLUSIVE: { description: 'None of the above: the interval straddles a threshold.' },
  },
});

@ObjectType({ description: 'An estimate with the bounds of its interval at the given level.' })
export class EstimateInterval {
  @Field(() => Float, { description: 'The point estimate.' }) value!: number;
  @Field(() => Float, { description: 'Lower bound.' }) ciLower!: number;
  @Field(() => Float, { description: 'Upper bound.' }) ciUpper!: number;
}

@ObjectType({ description: 'A decision between model A (candidate) and model B (baseline).' })
export class Comparison {
  modelAId!: number;
  modelBId!: number;
  board!: LeaderboardResult;
  @Field(() => Int, { description: 'Verdicts between A and B in the slice, either way round.' })
  verdicts!: number;
  @Field(() => Int, {
    description: 'Verdicts in the whole slice; the fit, and so the difference, uses them all.',
  })
  sliceVerdicts!: number;
  @Field(() => EstimateInterval, {
    description:
      "R_A − R_B in Elo points, its interval from the ratings' joint covariance (SANDWICH) or joint bootstrap rounds (BOOTSTRAP), never from two separate intervals.",
  })
  ratingDifference!: EstimateInterval;
  @Field(() => Float, {
    description: 'Standard error of the difference the interval implies, (ciUpper − ciLower)/(2z).',
  })
  standardError!: number;
  @Field(() => EstimateInterval, {
    description:
      "P(A's answer preferred to B's) in [0, 1] under Bradley–Terry, the difference's interval mapped through the logistic.",
  })
  probabilityABetter!: EstimateInterval;
  @Field(() => ComparisonDecision, { description: 'See ComparisonDecision.' })
  decision!: ComparisonDecision;
  @Field(() => Float, { description: 'The margin used (Elo points).' }) margin!: number;
  @Field(() => Float, { description: 'The level of the interval.' }) level!: number;
  @Field(() => IntervalMethod, { description: 'How the interval was computed.' })
  intervalMethod!: IntervalMethod;
  @Field(() => ClusterBy, { description: 'The independent unit of the interval.' })
  clusterBy!: ClusterBy;
  @Field(() => Int, {
    nullable: true,
    description:
      'When INCONCLUSIVE: verdicts to add to the slice for 80% power of a decision (see additionalVerdictsNote); 0 when decided; null when the estimate sits on the threshold.',
  })
  additionalVerdicts!: number | null;
  @Field(() => String, { description: 'What additionalVerdicts assumes, or why it is null.' })
  additionalVerdictsNote!: string;
  @Field(() => String, {
    nullable: true,
    description:
      "Why the fit's intervals may mislead (no finite MLE: a model never won or never lost); null when the MLE exists.",
  })
  problem!: string | null;
}
