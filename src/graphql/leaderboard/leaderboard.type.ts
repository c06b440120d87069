import { Field, Float, Int, ObjectType } from 'type-graphql';
import type { Leaderboard as LeaderboardResult } from '../../services/leaderboard';
import { IntervalMethod, RankingMethod, SwapPolicy } from '../common/enums';

@ObjectType()
export class LeaderboardEntry {
  @Field(() => Int, { description: '1 + the number of models whose interval lies wholly above this one (by rating when there are no intervals).' })
  rank!: number;
  modelId!: number;
  @Field(() => Float, { description: 'Elo scale (400 points = 10:1 odds); with style control, the controlled rating.' }) rating!: number;
  @Field(() => Float, { nullable: true, description: 'With style control: the rating without it (same verdicts, plain Bradley–Terry, Elo scale); null without style control.' })
  uncontrolledRating!: number | null;
  @Field(() => Int, {
    nullable: true,
    description:
      'With style control: the rank without control minus the rank with it, both by the interval rule when intervals are given (positive: control moves the model up). Null without style control.',
  })
  rankDelta!: number | null;
  @Field(() => Float, { nullable: true, description: 'Lower bound of the rating interval at confidenceLevel (Elo points); null with the reason in Leaderboard.intervalUnavailableReason.' })
  ciLower!: number | null;
  @Field(() => Float, { nullable: true, description: 'Upper bound of the rating interval at confidenceLevel (Elo points); null with the reason in Leaderboard.intervalUnavailableReason.' })
  ciUpper!: number | null;
  @Field(() => Float, { nullable: true, description: '100·P(model ≻ baseline) from the ratings.' }) winRateVsBaseline!: number | null;
  @Field(() => Float, { nullable: true }) winRateVsBaselineLower!: number | null;
  @Field(() => Float, { nullable: true }) winRateVsBaselineUpper!: number | null;
  @Field(() => Int) wins!: number;
  @Field(() => Int) losses!: number;
  @Field(() => Int, { description: 'Ties, including BOTH_BAD.' }) ties!: number;
  @Field(() => Int) battles!: number;
}

@ObjectType({ description: 'One ordered pair of the win-rate matrix.' })
export class WinRate {
  modelAId!: number;
  modelBId!: number;
  @Field(() => Float, { description: '100·P(A ≻ B) predicted by the ratings.' }) predicted!: number;
  @Field(() => Float, { nullable: true, description: '100·share of decisive verdicts A won against B (ties left out); null if none.' }) empirical!: number | null;
  @Field(() => Int, { description: 'Verdicts between the two, either way round.' }) battles!: number;
}

@ObjectType()
export class Anchor {
  @Field(() => String) model!: string;
  @Field(() => Float) rating!: number;
}

@ObjectType({ description: 'How much a style feature sways judges, fitted jointly with the ratings.' })
export class StyleCoefficient {
  @Field(() => String) feature!: string;
  @Field(() => Float, { description: 'Log-odds of A ≻ B per standard deviation of the feature.' }) coefficient!: number;
  @Field(() => Float, { description: 'The same effect in Elo points per standard deviation (coefficient·400/ln 10).' }) eloPointsPerStandardDeviation!: number;
  @Field(() => Float, { description: 'Standard deviation of the normalised difference (x_A − x_B)/(x_A + x_B + 1) over the battles: the unit of one SD.' })
  standardDeviation!: number;
  @Field(() => Float, { nullable: true, description: 'Lower bound of the coefficient\'s interval at confidenceLevel, in log-odds per standard deviation (the unit of coefficient); null with the reason in intervalUnavailableReason.' })
  ciLower!: number | null;
  @Field(() => Float, { nullable: true, description: 'Upper bound of the coefficient\'s interval, in log-odds per standard deviation; null with the reason in intervalUnavailableReason.' })
  ciUpper!: number | null;
  @Field(() => Float, { nullable: true, description: 'ciLower in Elo points per standard deviation.' }) eloPointsCiLower!: number | null;
  @Field(() => Float, { nullable: true, description: 'ciUpper in Elo points per standard deviation.' }) eloPointsCiUpper!: number | null;
  @Field(() => String, { nullable: true, description: 'Why this coefficient has no interval (e.g. the feature never varies, or no interval was asked for); null when it has one.' })
  intervalUnavailableReason!: string | null;
}

@ObjectType()
export class Leaderboard {
  @Field(() => RankingMethod) method!: RankingMethod;
  @Field(() => SwapPolicy) swapPolicy!: SwapPolicy;
  @Field(() => Int, { description: 'Verdicts counted (with style control: those with both answers stored; with MERGE: one per swap pair).' }) verdictCount!: number;
  @Field(() => Int) modelCount!: number;
  @Field(() => Boolean, { description: 'False when no finite Bradley–Terry estimate exists (see problem).' }) mleExists!: boolean;
  @Field(() => String, { nullable: true, description: 'Why the estimate is not finite, naming the models concerned.' }) problem!: string | null;
  @Field(() => Anchor, { nullable: true }) anchor!: Anchor | null;
  @Field(() => String, { nullable: true }) baseline!: string | null;
  @Field(() => IntervalMethod, { nullable: true, description: 'How ciLower/ciUpper were computed; null when there are none.' }) intervalMethod!: IntervalMethod | null;
  @Field(() => Int) bootstrapRounds!: number;
  @Field(() => Int) seed!: number;
  @Field(() => Float) confidenceLevel!: number;
  @Field(() => [StyleCoefficient], { nullable: true, description: 'With style control: the style features\' coefficients, fitted jointly with the ratings, with intervals by intervalMethod; null without style control.' })
  styleCoefficients!: StyleCoefficient[] | null;
  @Field(() => String, {
    nullable: true,
    description:
      'Why the entries\' ciLower/ciUpper are null (online Elo, bootstrapRounds 0, an empty slice, an anchor absent from every resample); null when intervals are given.',
  })
  intervalUnavailableReason!: string | null;
  @Field(() => [LeaderboardEntry], { description: 'Best first.' }) entries!: LeaderboardEntry[];
  /** The service's result, for fields built on demand (winRates). */
  result!: LeaderboardResult;
  @Field(() => Boolean, { description: 'Served from this server\'s cache: the data have not changed since it was computed.' }) cached!: boolean;
}
