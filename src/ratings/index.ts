/**
 * Verdicts' rating library: pure, deterministic, seeded math over aggregated verdict cells.
 * Imports nothing from db/, graphql/ or services/. Conventions: DESIGN.md §2. See README.md.
 *
 * Public API
 * - outcomes:       OUTCOME_LABELS, OutcomeLabel, scoreOfA, isStrong, isTie, swapLabel, isOutcomeLabel
 * - cells:          aggregateCells(verdicts, { strongVerdictWeight? }): PairCell[]
 *                   canonicalCells(cells): PairCell[] (merged, in (A, B, score, weight) order);
 *                   withCanonicalCells(canonical, extra): the same for a canonical list plus a few
 * - elo:            onlineElo(matches, modelCount, { k?, initialRating?, scale?, base? }): number[]
 *                   expectedScore(ratingA, ratingB, scale?, base?): number
 * - bradley-terry:  fitBradleyTerry(cells, modelCount, BradleyTerryOptions?): BradleyTerryFit
 * - bootstrap:      bootstrapBradleyTerry(cells, modelCount, BootstrapOptions?): BootstrapResult
 * - sandwich:       sandwichBradleyTerry(cells, modelCount, SandwichOptions?): SandwichResult
 * - rated-apart:    separateUnratedModels(cells, modelCount): ModelSeparation (who a plain fit can rate, and why not)
 * - one-sided-bound: upperBoundWithoutWins(opponents, level), lowerBoundWithoutLosses(opponents, level)
 * - clustered:      ClusteredCell (a cell of one prompt); bootstrapClusteredBradleyTerry (resamples
 *                   clusters), clusterSandwichBradleyTerry (CR1 / CR3 cluster-robust covariance)
 * - rating-difference: differenceFromCovariance / differenceFromRounds (R_A − R_B from the joint
 *                   uncertainty), probabilityFromDifference
 * - decision:       decide(interval, margin): Decision; sampleGrowthToDecide(difference, margin, level, power?)
 * - rating-history: ratingHistory(periods, modelCount, RatingHistoryOptions?): a board per cut-off
 *                   (cumulative cells, warm-started fits, sandwich intervals)
 * - ranks:          rankByIntervals(intervals): number[]; rankByRating(ratings): number[]
 * - win-rates:      winRateVersusBaseline(ratings, baseline, { scale?, base? }): number[]
 *                   pairwiseWinRates(cells, ratings, { scale?, base? }): PairWinRate[]
 * - style-control:  fitStyleControlledBradleyTerry(cells: StyleCell[], modelCount, StyleControlOptions?): StyleControlledFit
 *                   aggregateStyleCells(verdicts, { strongVerdictWeight? }): StyleCell[]
 *                   normalisedStyleDifference(countA, countB): number
 * - style-rows:     StyleRowsBuilder (compact typed-array rows), fitStyleRows(rows, options)
 * - style-sandwich: sandwichStyleRows(rows, StyleSandwichOptions?): StyleSandwichResult
 * - style-bootstrap: bootstrapStyleRows(rows, StyleBootstrapOptions?): StyleBootstrapResult
 * - correlation:    spearmanCorrelation(x, y): number; kendallTauB(x, y): number; averageRanks(values): number[]
 * - normal:         normalQuantile(p): number; twoSidedNormalCritical(confidenceLevel): number
 * - random:         createRandom(seed): RandomSource; sampleBinomial(random, n, p); sampleMultinomial(random, n, weights);
 *                   sampleStandardNormal(random)
 * - quantile:       quantileOfSorted(sorted, p, method?); percentileInterval(values, confidenceLevel, method?): Interval
 * - errors:         RatingArgumentError (thrown for invalid arguments: says expected vs received)
 * - preference:     Preference ('A' | 'TIE' | 'B'), PREFERENCES, isPreference
 *                   preferenceOf(label, preferenceA?): Preference; flipPreference(p): Preference
 * - judge-agreement: judgeAgreement(pairs): AgreementReport; cohensKappa(confusion): number | null
 * - majority:       majorityPreference(votes): Preference | null
 * - judge-disagreement: judgeDisagreements(first, second): Disagreement[] (pairs whose majorities differ)
 * - position-bias:  positionBias(verdicts, confidenceLevel?): PositionBiasReport
 * - wilson-interval: wilsonInterval(successes, trials, confidenceLevel?): { lower, upper } | null
 * - reviewer-agreement: compareWithMajority(votes): MajorityComparison[]; reviewerAgreement(votes, confidenceLevel?)
 * - sequential-test: sequentialProbabilityRatioTest(observations, options): SequentialTestResult (Wald's SPRT)
 * - reviewer-flags: flagReviewer(votes, screens?): ReviewerFlagReport; REVIEWER_SCREENS
 * - krippendorff-alpha: krippendorffAlpha(units, level): AlphaReport
 * - swap-consistency: swapConsistency(groups): SwapConsistencyReport; mergeSwapPair(first, secondUnswapped): Preference
 *                   classifySwapPair(first, secondUnswapped): SwapPairKind; pairSwapVerdicts(group): SwapPairing
 * - adaptive-design: designComparisons(cells, modelCount, ComparisonDesignOptions): ComparisonDesign
 *                   designBasis(cells, modelCount, priorSd?) once per board, then designOnBasis(basis, options)
 *                   (the next pairs to judge: greedy A-optimal, placement, ε-exploration, or uniform)
 * - optimal-design: aOptimalPairShares(ratings, options?): OptimalPairShares; designStandardErrors(ratings, verdicts)
 *                   (the best fixed allocation at known ratings: the yardstick of the adaptive design)
 */
// The labels are domain vocabulary; re-exported so a caller of the math needs one import.
export * from '../domain/outcome-labels';
export * from './outcomes';
export {
  aggregateCells,
  canonicalCells,
  withCanonicalCells,
  type AggregateCellsOptions,
  type PairCell,
  type VerdictForCells,
} from './cells';
export { onlineElo, type EloMatch, type OnlineEloOptions } from './elo';
export { DEFAULT_BASE, DEFAULT_INITIAL_RATING, DEFAULT_SCALE, expectedScore } from './elo-scale';
export type { RatingAnchor } from './gauge';
export type { Interval } from './interval';
export {
  FALLBACK_REGULARIZATION,
  fitBradleyTerry,
  type BradleyTerryFit,
  type BradleyTerryOptions,
} from './bradley-terry';
export { bootstrapBradleyTerry, type BootstrapOptions, type BootstrapResult } from './bootstrap';
export {
  sandwichBradleyTerry,
  type SandwichOptions,
  type SandwichResult,
  type WinRateEstimate,
} from './sandwich';
export {
  separateUnratedModels,
  type ApartModel,
  type ApartReason,
  type ModelSeparation,
} from './rated-apart';
export {
  lowerBoundWithoutLosses,
  upperBoundWithoutWins,
  type BoundOpponent,
} from './one-sided-bound';
export {
  profileLikelihoodBradleyTerry,
  type ProfileLikelihoodOptions,
  type ProfileLikelihoodResult,
} from './profile-likelihood';
export {
  profileIntervalsBradleyTerry,
  type ProfileIntervalOptions,
  type ProfileIntervalResult,
} from './profile-intervals';
export type { ClusteredCell } from './clustered-cells';
export { bootstrapClusteredBradleyTerry, type ClusterBootstrapResult } from './cluster-bootstrap';
export {
  clusterSandwichBradleyTerry,
  type ClusterCorrection,
  type ClusterSandwichOptions,
  type ClusterSandwichResult,
} from './cluster-sandwich';
export {
  differenceFromCovariance,
  differenceFromRounds,
  probabilityFromDifference,
  type RatingDifference,
} from './rating-difference';
export { decide, DEFAULT_POWER, sampleGrowthToDecide, type Decision } from './decision';
export { rankByIntervals, rankByRating } from './ranks';
export {
  ratingHistory,
  type RatingHistoryOptions,
  type RatingHistoryPoint,
} from './rating-history';
export {
  pairwiseWinRates,
  winRateVersusBaseline,
  type PairWinRate,
  type WinRateScaleOptions,
} from './win-rates';
export {
  aggregateStyleCells,
  fitStyleControlledBradleyTerry,
  normalisedStyleDifference,
  STYLE_FEATURE_NAMES,
  type StyleCell,
  type StyleCoefficient,
  type StyleControlledFit,
  type StyleControlOptions,
  type VerdictForStyleCells,
} from './style-control';
export { StyleRowsBuilder, type StyleRows } from './style-rows';
export { fitStyleRows } from './style-control';
export {
  sandwichStyleRows,
  type StyleSandwichOptions,
  type StyleSandwichResult,
} from './style-sandwich';
export {
  bootstrapStyleRows,
  type StyleBootstrapOptions,
  type StyleBootstrapResult,
} from './style-bootstrap';
export type { StyleIntervals } from './style-intervals';
export type { SandwichCorrection } from './robust-covariance';
export { averageRanks, kendallTauB, spearmanCorrelation } from './correlation';
export { normalQuantile, twoSidedNormalCritical } from './normal';
export {
  createRandom,
  sampleBinomial,
  sampleMultinomial,
  samplePoisson,
  sampleStandardNormal,
  type RandomSource,
} from './random';
export { percentileInterval, quantileOfSorted, type QuantileMethod } from './quantile';
export { RatingArgumentError } from './errors';
export {
  flipPreference,
  isPreference,
  preferenceOf,
  PREFERENCES,
  type Preference,
} from './preference';
export {
  cohensKappa,
  judgeAgreement,
  type AgreementReport,
  type JudgedPair,
} from './judge-agreement';
export { majorityPreference } from './majority';
export { judgeDisagreements, type Disagreement, type JudgedVerdict } from './judge-disagreement';
export { positionBias, type PositionBiasReport, type PositionedVerdict } from './position-bias';
export { wilsonInterval } from './wilson-interval';
export {
  compareWithMajority,
  reviewerAgreement,
  type MajorityComparison,
  type ReviewerAgreementReport,
  type ReviewerVote,
} from './reviewer-agreement';
export {
  sequentialProbabilityRatioTest,
  type SequentialTestOptions,
  type SequentialTestResult,
} from './sequential-test';
export {
  flagReviewer,
  REVIEWER_SCREENS,
  type FlaggableVote,
  type ReviewerFlagReport,
  type ReviewerScreen,
  type ScreenResult,
} from './reviewer-flags';
export { krippendorffAlpha, type AlphaLevel, type AlphaReport } from './krippendorff-alpha';
export {
  classifySwapPair,
  mergeSwapPair,
  pairSwapVerdicts,
  swapConsistency,
  type SwapConsistencyReport,
  type SwapPairing,
  type SwapPairKind,
  type SwapVerdict,
} from './swap-consistency';
export {
  applySwapPolicy,
  applySwapPolicyToCounts,
  type PolicyRun,
  type PolicyVerdict,
  type SwapPolicy,
} from './swap-policy';
export {
  designUniformComparisons,
  shuffled,
  type CandidateAnswer,
  type DesignedComparison,
} from './uniform-design';
export {
  designBasis,
  designComparisons,
  designOnBasis,
  type ComparisonDesign,
  type DesignBasis,
  type ComparisonDesignOptions,
  type DesignedPair,
  type DesignObjective,
  type DesignReason,
  type DesignStrategy,
} from './adaptive-design';
export {
  aOptimalPairShares,
  designStandardErrors,
  type OptimalDesignOptions,
  type OptimalPairShares,
} from './optimal-design';
