import {
  aggregateCells,
  createRandom,
  expectedScore,
  normalisedStyleDifference,
  sampleStandardNormal,
  type OutcomeLabel,
  type PairCell,
  type RandomSource,
  type VerdictForCells,
  type VerdictForStyleCells,
} from '../../src/ratings';

/**
 * Seeded simulated tournaments with known ratings, for checking estimators against the truth.
 * Outcomes keep E[score of A] = P_BT(A ≻ B) exactly even with ties: a tie (score 1/2) happens with
 * probability tieShare·2·min(P, 1 − P) and A wins with P − P(tie)/2, so Bradley–Terry with ties
 * scored 1/2 is a consistent estimator of the true ratings (and its likelihood is misspecified,
 * which the sandwich must absorb).
 */
export interface TournamentSettings {
  trueRatings: readonly number[];
  games: number;
  tieShare?: number;
}

export function simulateVerdicts(
  random: RandomSource,
  settings: TournamentSettings,
): VerdictForCells[] {
  const { trueRatings, games } = settings;
  const tieShare = settings.tieShare ?? 0;
  const verdicts: VerdictForCells[] = [];
  for (let game = 0; game < games; game += 1) {
    const modelA = Math.floor(random.nextFloat() * trueRatings.length);
    let modelB = Math.floor(random.nextFloat() * (trueRatings.length - 1));
    if (modelB >= modelA) modelB += 1;
    const winProbability = expectedScore(trueRatings[modelA], trueRatings[modelB]);
    const tieProbability = tieShare * 2 * Math.min(winProbability, 1 - winProbability);
    const draw = random.nextFloat();
    let outcome: OutcomeLabel;
    if (draw < tieProbability) outcome = 'A=B';
    else if (draw < tieProbability + winProbability - tieProbability / 2) outcome = 'A>B';
    else outcome = 'B>A';
    verdicts.push({ modelA, modelB, outcome });
  }
  return verdicts;
}

export function simulateCells(random: RandomSource, settings: TournamentSettings): PairCell[] {
  return aggregateCells(simulateVerdicts(random, settings));
}

/** Ratings 1000 + spread·N(0, 1), re-centred to mean 1000 (the gauge of an unanchored fit). */
export function drawTrueRatings(
  random: RandomSource,
  modelCount: number,
  spread: number,
): number[] {
  const ratings = Array.from({ length: modelCount }, () => spread * sampleStandardNormal(random));
  const mean = ratings.reduce((sum, value) => sum + value, 0) / modelCount;
  return ratings.map((rating) => 1000 + rating - mean);
}

/**
 * Battles whose outcome depends on strength and on answer length: logit P(A ≻ B) =
 * (R_A − R_B)·ln10/400 + lengthEffect·(len_A − len_B)/(len_A + len_B + 1). Each model writes answers
 * around its own typical length, so without style control a verbose model looks stronger than it is.
 * Headers, list items and bold spans are drawn at random and never matter.
 */
export interface StyleTournamentSettings {
  trueRatings: readonly number[];
  typicalLengths: readonly number[];
  lengthEffect: number;
  games: number;
}

export function simulateStyleVerdicts(
  random: RandomSource,
  settings: StyleTournamentSettings,
): VerdictForStyleCells[] {
  const { trueRatings, typicalLengths, lengthEffect, games } = settings;
  const answerStyle = (model: number) => [
    Math.round(typicalLengths[model] * Math.exp(0.3 * sampleStandardNormal(random))),
    Math.floor(random.nextFloat() * 4),
    Math.floor(random.nextFloat() * 8),
    Math.floor(random.nextFloat() * 5),
  ];
  const verdicts: VerdictForStyleCells[] = [];
  for (let game = 0; game < games; game += 1) {
    const modelA = Math.floor(random.nextFloat() * trueRatings.length);
    let modelB = Math.floor(random.nextFloat() * (trueRatings.length - 1));
    if (modelB >= modelA) modelB += 1;
    const styleA = answerStyle(modelA);
    const styleB = answerStyle(modelB);
    const logit =
      ((trueRatings[modelA] - trueRatings[modelB]) * Math.log(10)) / 400 +
      lengthEffect * normalisedStyleDifference(styleA[0], styleB[0]);
    const outcome = random.nextFloat() < 1 / (1 + Math.exp(-logit)) ? 'A>B' : 'B>A';
    verdicts.push({ modelA, modelB, outcome, styleA, styleB });
  }
  return verdicts;
}

export { createRandom };
