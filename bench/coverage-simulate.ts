/**
 * Seeded tournaments with known ratings for the coverage benchmark: uniform random pairings,
 * ratings 1000 + spread·N(0, 1) centred on 1000 (the gauge of an unanchored fit), and ties that
 * keep E[score of A] equal to the model's P(A ≻ B): a tie (score 1/2) has probability
 * tieShare·2·min(P, 1 − P) and A wins with P − P(tie)/2. Style tournaments add answers whose
 * length depends on the model, and a judge that likes length (logit + lengthEffect·Δ).
 */
import {
  aggregateCells,
  normalisedStyleDifference,
  sampleStandardNormal,
  StyleRowsBuilder,
  type PairCell,
  type RandomSource,
  type StyleRows,
} from '../src/ratings';

export function trueRatings(random: RandomSource, models: number, spread: number): number[] {
  const ratings = Array.from({ length: models }, () => spread * sampleStandardNormal(random));
  const mean = ratings.reduce((sum, value) => sum + value, 0) / models;
  return ratings.map((rating) => 1000 + rating - mean);
}

function pairing(random: RandomSource, models: number): [number, number] {
  const a = Math.floor(random.nextFloat() * models);
  let b = Math.floor(random.nextFloat() * (models - 1));
  if (b >= a) b += 1;
  return [a, b];
}

function outcome(
  random: RandomSource,
  winProbability: number,
  tieShare: number,
): 'A>B' | 'A=B' | 'B>A' {
  const tie = tieShare * 2 * Math.min(winProbability, 1 - winProbability);
  const draw = random.nextFloat();
  if (draw < tie) return 'A=B';
  return draw < tie + winProbability - tie / 2 ? 'A>B' : 'B>A';
}

export function plainTournament(
  random: RandomSource,
  ratings: readonly number[],
  games: number,
  tieShare: number,
): PairCell[] {
  const verdicts = [];
  for (let game = 0; game < games; game += 1) {
    const [a, b] = pairing(random, ratings.length);
    const p = 1 / (1 + 10 ** ((ratings[b] - ratings[a]) / 400));
    verdicts.push({ modelA: a, modelB: b, outcome: outcome(random, p, tieShare) });
  }
  return aggregateCells(verdicts);
}

export const LENGTH_EFFECT = 1;

export function styleTournament(
  random: RandomSource,
  ratings: readonly number[],
  games: number,
  tieShare: number,
): StyleRows {
  const models = ratings.length;
  const typicalLength = Array.from(
    { length: models },
    (_, model) => 150 + (900 * model) / Math.max(1, models - 1),
  );
  const answer = (model: number) => [
    Math.round(typicalLength[model] * Math.exp(0.3 * sampleStandardNormal(random))),
    Math.floor(random.nextFloat() * (1 + (model % 4))),
    Math.floor(random.nextFloat() * 8),
    Math.floor(random.nextFloat() * 3),
  ];
  const builder = new StyleRowsBuilder(4, games);
  for (let game = 0; game < games; game += 1) {
    const [a, b] = pairing(random, models);
    const styleA = answer(a);
    const styleB = answer(b);
    const logit =
      ((ratings[a] - ratings[b]) * Math.LN10) / 400 +
      LENGTH_EFFECT * normalisedStyleDifference(styleA[0], styleB[0]);
    const result = outcome(random, 1 / (1 + Math.exp(-logit)), tieShare);
    builder.append(a, b, result === 'A>B' ? 1 : result === 'A=B' ? 0.5 : 0, 1, 1, styleA, styleB);
  }
  return builder.rows(models);
}
