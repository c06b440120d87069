import { Field, Float, Int, ObjectType } from 'type-graphql';
import type { Leaderboard as LeaderboardResult } from '../../services/leaderboard';
import type { VerdictFilter } from '../../services/verdict-filter';
import { ClusterBy, IntervalMethod, JudgeKind, RankingMethod, SwapPolicy } from '../common/enums';
import { RatedApartModel } from './rated-apart.type';

@ObjectType({ description: "One model's row of a leaderboard." })
export class LeaderboardEntry {
  @Field(() => Int, {
    description:
      '1 + the number of models whose interval lies wholly above this one (by rating when there are no intervals).',
  })
  rank!: number;
  modelId!: number;
  @Field(() => Float, {
    description: 'Elo scale (400 points = 10:1 odds); with style control, the controlled rating.',
  })
  rating!: number;
  @Field(() => Float, {
    nullable: true,
    description:
      'With style control: the rating without it (same verdicts, plain Bradley–Terry, Elo scale); null without style control.',
  })
  uncontrolledRating!: number | null;
  @Field(() => Int, {
    nullable: true,
    description:
      'With style control: the rank without control minus the rank with it, both by the interval rule when intervals are given (positive: control moves the model up). Null without style control.',
  })
  rankDelta!: number | null;
  @Field(() => Float, {
    nullable: true,
    description:
      'Lower bound of the rating interval at confidenceLevel (Elo points); null with the reason in Leaderboard.intervalUnavailableReason.',
  })
  ciLower!: number | null;
  @Field(() => Float, {
    nullable: true,
    description:
      'Upper bound of the rating interval at confidenceLevel (Elo points); null with the reason in Leaderboard.intervalUnavailableReason.',
  })
  ciUpper!: number | null;
  @Field(() => Float, { nullable: true, description: '100·P(model ≻ baseline) from the ratings.' })
  winRateVsBaseline!: number | null;
  @Field(() => Float, {
    description:
      'Lower end of the win-rate interval (percent, from the bootstrap); null without one.',
    nullable: true,
  })
  winRateVsBaselineLower!: number | null;
  @Field(() => Float, {
    description:
      'Upper end of the win-rate interval (percent, from the bootstrap); null without one.',
    nullable: true,
  })
  winRateVsBaselineUpper!: number | null;
  @Field(() => Int, { description: 'Verdicts this model won.' }) wins!: number;
  @Field(() => Int, { description: 'Verdicts this model lost.' }) losses!: number;
  @Field(() => Int, { description: 'Ties, including BOTH_BAD.' }) ties!: number;
  @Field(() => Int, { description: 'Verdicts this model took part in.' }) battles!: number;
  @Field(() => Boolean, {
    nullable: true,
    description:
      'Whether the interval can be trusted to hold at confidenceLevel, from the realistic coverage bench (README); false with the reason in intervalReliabilityNote; null without an interval.',
  })
  intervalReliable!: boolean | null;
  @Field(() => String, {
    nullable: true,
    description: 'Why intervalReliable is false (few battles, no finite MLE); null otherwise.',
  })
  intervalReliabilityNote!: string | null;
}

@ObjectType({ description: 'One ordered pair of the win-rate matrix.' })
export class WinRate {
  modelAId!: number;
  modelBId!: number;
  @Field(() => Float, { description: '100·P(A ≻ B) predicted by the ratings.' }) predicted!: number;
  @Field(() => Float, {
    nullable: true,
    description: '100·share of decisive verdicts A won against B (ties left out); null if none.',
  })
  empirical!: number | null;
  @Field(() => Int, { description: 'Verdicts between the two, either way round.' })
  battles!: number;
}

@ObjectType({ description: 'The model and rating the scale was pinned to.' })
export class Anchor {
  @Field(() => String, { description: 'The model pinned to the anchor rating.' }) model!: string;
  @Field(() => Float, { description: 'The rating that model was given (Elo scale).' })
  rating!: number;
}

@ObjectType({
  description: 'How much a style feature sways judges, fitted jointly with the ratings.',
})
export class StyleCoefficient {
  @Field(() => String, {
    description: 'The style feature: token length, headers, list items or bold spans.',
  })
  feature!: string;
  @Field(() => Float, { description: 'Log-odds of A ≻ B per standard deviation of the feature.' })
  coefficient!: number;
  @Field(() => Float, {
    description: 'The same effect in Elo points per standard deviation (coefficient·400/ln 10).',
  })
  eloPointsPerStandardDeviation!: number;
  @Field(() => Float, {
    description:
      'Standard deviation of the normalised difference (x_A − x_B)/(x_A + x_B + 1) over the battles: the unit of one SD.',
  })
  standardDeviation!: number;
  @Field(() => Float, {
    nullable: true,
    description:
      "Lower bound of the coefficient's interval at confidenceLevel, in log-odds per standard deviation (the unit of coefficient); null with the reason in intervalUnavailableReason.",
  })
  ciLower!: number | null;
  @Field(() => Float, {
    nullable: true,
    description:
      "Upper bound of the coefficient's interval, in log-odds per standard deviation; null with the reason in intervalUnavailableReason.",
  })
  ciUpper!: number | null;
  @Field(() => Float, {
    nullable: true,
    description: 'The lower bound (ciLower) in Elo points per standard deviation.',
  })
  eloPointsCiLower!: number | null;
  @Field(() => Float, {
    nullable: true,
    description: 'The upper bound (ciUpper) in Elo points per standard deviation.',
  })
  eloPointsCiUpper!: number | null;
  @Field(() => String, {
    nullable: true,
    description:
      'Why this coefficient has no interval (e.g. the feature never varies, or no interval was asked for); null when it has one.',
  })
  intervalUnavailableReason!: string | null;
}

@ObjectType({
  description:
    'How much of the slice a style-controlled board rests on: style control fits only the verdicts whose two answers are stored with their style counts.',
})
export class StyleCoverage {
  @Field(() => Int, {
    description: "Verdicts of the slice with both answers' style counts: the ones fitted.",
  })
  verdictsWithStyle!: number;
  @Field(() => Int, { description: 'Every verdict of the slice.' })
  verdictsInSlice!: number;
}

@ObjectType({
  description:
    "How many of a slice's verdicts, and how many judges, are of one kind: a board over more than one kind mixes crowd votes with LLM verdicts.",
})
export class JudgeKindCount {
  @Field(() => JudgeKind, { description: 'Human or LLM.' }) kind!: JudgeKind;
  @Field(() => Int, {
    description: "The slice's stored verdicts by judges of this kind (before the swap policy).",
  })
  verdicts!: number;
  @Field(() => Int, { description: 'Distinct judges of this kind (by name) in the slice.' })
  judges!: number;
}

@ObjectType({
  description:
    'Ratings of the models over one slice of verdicts, best first, with the settings that produced them.',
})
export class Leaderboard {
  @Field(() => RankingMethod, { description: 'How the ratings were computed.' })
  method!: RankingMethod;
  @Field(() => SwapPolicy, { description: 'How swap pairs were counted.' }) swapPolicy!: SwapPolicy;
  @Field(() => ClusterBy, {
    description: 'The independent unit of the intervals: VERDICT, or PROMPT (cluster-robust).',
  })
  clusterBy!: ClusterBy;
  @Field(() => Int, {
    nullable: true,
    description: 'With clusterBy PROMPT: the prompts (clusters) in the slice; null otherwise.',
  })
  clusterCount!: number | null;
  @Field(() => Int, {
    description:
      'Verdicts counted (with style control: those with both answers stored; with MERGE: one per swap pair).',
  })
  verdictCount!: number;
  @Field(() => Int, {
    description: 'Models with at least one counted verdict (entries and ratedApart together).',
  })
  modelCount!: number;
  @Field(() => Boolean, {
    description: 'False when no finite Bradley–Terry estimate exists (see problem).',
  })
  mleExists!: boolean;
  @Field(() => String, {
    nullable: true,
    description: 'Why the estimate is not finite, naming the models concerned.',
  })
  problem!: string | null;
  @Field(() => Anchor, {
    description: 'The anchor the ratings were shifted to; null for a mean of 1000.',
    nullable: true,
  })
  anchor!: Anchor | null;
  @Field(() => String, {
    description: 'The model win rates are reported against; null when none was asked for.',
    nullable: true,
  })
  baseline!: string | null;
  @Field(() => IntervalMethod, {
    nullable: true,
    description: 'How ciLower/ciUpper were computed; null when there are none.',
  })
  intervalMethod!: IntervalMethod | null;
  @Field(() => Int, {
    description: 'Bootstrap rounds used for the intervals; 0 when there are none.',
  })
  bootstrapRounds!: number;
  @Field(() => Int, {
    description: 'Seed of the bootstrap; the same input always gives the same output.',
  })
  seed!: number;
  @Field(() => Float, { description: 'Coverage of the intervals, e.g. 0.95.' })
  confidenceLevel!: number;
  @Field(() => [StyleCoefficient], {
    nullable: true,
    description:
      "With style control: the style features' coefficients, fitted jointly with the ratings, with intervals by intervalMethod; null without style control.",
  })
  styleCoefficients!: StyleCoefficient[] | null;
  @Field(() => StyleCoverage, {
    nullable: true,
    description:
      "With style control: how many of the slice's verdicts had both answers' style counts (verdictCount is the former); null without style control.",
  })
  styleCoverage!: StyleCoverage | null;
  @Field(() => String, {
    nullable: true,
    description:
      "Why the entries' ciLower/ciUpper are null (online Elo, bootstrapRounds 0, an empty slice, an anchor absent from every resample); null when intervals are given.",
  })
  intervalUnavailableReason!: string | null;
  @Field(() => [LeaderboardEntry], { description: 'The rated models, best first.' })
  entries!: LeaderboardEntry[];
  @Field(() => [RatedApartModel], {
    description:
      'Models without a finite Bradley–Terry estimate in this slice (never won, never lost, or a group cut off from the rest), in name order; empty for online Elo and with regularization, which rate every model.',
  })
  ratedApart!: RatedApartModel[];
  /** The service's result, for fields built on demand (winRates). */
  result!: LeaderboardResult;
  /** The slice's filter, for fields read on demand (judgeKinds). */
  filter!: VerdictFilter;
  @Field(() => Boolean, {
    description:
      "Served from this server's cache: the data have not changed since it was computed.",
  })
  cached!: boolean;
}
