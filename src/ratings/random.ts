import { checkNonNegativeInteger, checkUnitInterval } from './arguments';
import { RatingArgumentError } from './errors';

// Module-level aliases: global lookups are slow inside vm contexts (Jest) and these run per draw.
const { abs, exp, floor, imul, log, log1p, min, sqrt } = Math;

/**
 * A small seeded PRNG and the samplers the bootstrap needs. Same seed → same stream on every
 * platform (only 32-bit integer arithmetic via Math.imul and exact double operations).
 */
export interface RandomSource {
  /** A uniform 32-bit unsigned integer. */
  nextUint32(): number;
  /** A uniform double in [0, 1) with 53 random bits. */
  nextFloat(): number;
}

/**
 * xoshiro128** (Blackman & Vigna 2018, "Scrambled linear pseudorandom number generators"), 128-bit
 * state, period 2^128 − 1. The state is filled from the seed by a Weyl sequence through
 * MurmurHash3's fmix32 finaliser (a 32-bit cousin of Vigna's splitmix64), so nearby seeds give
 * unrelated streams and the state is never all zero.
 */
export function createRandom(seed: number): RandomSource {
  if (!Number.isSafeInteger(seed)) throw new RatingArgumentError('seed', 'a safe integer', seed);
  let weyl = (seed >>> 0) ^ Math.imul(Math.floor(seed / 4294967296) >>> 0, 0x9e3779b1);
  const nextSeedWord = (): number => {
    weyl = (weyl + 0x9e3779b9) | 0;
    let z = weyl;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let s0 = nextSeedWord();
  let s1 = nextSeedWord();
  let s2 = nextSeedWord();
  let s3 = nextSeedWord();
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1;

  const nextUint32 = (): number => {
    const result = imul(rotateLeft(imul(s1, 5), 7), 9) >>> 0;
    const shifted = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= shifted;
    s3 = rotateLeft(s3, 11);
    return result;
  };
  return {
    nextUint32,
    nextFloat: () => ((nextUint32() >>> 5) * 67108864 + (nextUint32() >>> 6)) / 9007199254740992,
  };
}

function rotateLeft(value: number, bits: number): number {
  return (value << bits) | (value >>> (32 - bits));
}

/** A standard normal deviate by Marsaglia's polar method (Marsaglia & Bray 1964). */
export function sampleStandardNormal(random: RandomSource): number {
  for (;;) {
    const u = 2 * random.nextFloat() - 1;
    const v = 2 * random.nextFloat() - 1;
    const radius = u * u + v * v;
    if (radius > 0 && radius < 1) return u * sqrt((-2 * log(radius)) / radius);
  }
}

/** Below this mean (n·min(p, 1−p)) the binomial is drawn by inversion, whose cost grows with the mean. */
const INVERSION_MEAN_LIMIT = 10;

/**
 * Binomial(trials, probability), exact, in O(1) expected time for any trials up to 2^53: the
 * bootstrap draws one per cell per round, so its cost must not grow with the verdicts a cell holds.
 * Means of 10 and above use BTRS, the transformed rejection with squeeze of Hörmann 1993 ("The
 * generation of binomial random variates", J. Stat. Comput. Simul. 46), which accepts ~86% of
 * candidates on the cheap test; smaller means use sequential inversion of the CDF
 * (Kachitvichyanukul & Schmeiser 1988, BINV).
 */
export function sampleBinomial(random: RandomSource, trials: number, probability: number): number {
  checkNonNegativeInteger('trials', trials);
  checkUnitInterval('probability', probability);
  return drawBinomial(random, trials, probability);
}

function drawBinomial(random: RandomSource, trials: number, probability: number): number {
  if (trials === 0 || probability === 0) return 0;
  if (probability === 1) return trials;
  // Both samplers want p ≤ 1/2: Binomial(n, p) = n − Binomial(n, 1 − p).
  if (probability > 0.5) return trials - drawBinomial(random, trials, 1 - probability);
  if (trials * probability < INVERSION_MEAN_LIMIT)
    return binomialByInversion(random, trials, probability);
  return binomialByRejection(random, trials, probability);
}

/** BTRS (Hörmann 1993, algorithm BTRS) for p ≤ 1/2 and n·p ≥ 10; constants are the paper's. */
function binomialByRejection(random: RandomSource, n: number, p: number): number {
  const q = 1 - p;
  const spread = sqrt(n * p * q);
  const b = 1.15 + 2.53 * spread;
  const a = -0.0873 + 0.0248 * b + 0.01 * p;
  const c = n * p + 0.5;
  const squeezeLimit = 0.92 - 4.2 / b;
  const alpha = (2.83 + 5.1 / b) * spread;
  const mode = floor((n + 1) * p);
  // Only the ~14% of candidates that miss the squeeze need these logarithms.
  let logOdds = NaN;
  let logModeMass = NaN;
  for (;;) {
    const u = random.nextFloat() - 0.5;
    let v = random.nextFloat();
    const us = 0.5 - abs(u);
    const k = floor(((2 * a) / us + b) * u + c);
    if (k < 0 || k > n) continue;
    if (us >= 0.07 && v <= squeezeLimit) return k;
    if (logOdds !== logOdds) {
      logOdds = log(p / q);
      logModeMass = logFactorial(mode) + logFactorial(n - mode);
    }
    // The exact test: log of the hat's height against log f(k)/f(mode).
    v = log((v * alpha) / (a / (us * us) + b));
    if (v <= logModeMass - logFactorial(k) - logFactorial(n - k) + (k - mode) * logOdds) return k;
  }
}

/** log(k!): a table below 16, else Stirling's series to the 1/k⁷ term (error below 1e-13 from 16 on). */
function logFactorial(k: number): number {
  if (k < SMALL_LOG_FACTORIALS.length) return SMALL_LOG_FACTORIALS[k];
  const inverse = 1 / k;
  const inverseSquare = inverse * inverse;
  return (
    (k + 0.5) * log(k) -
    k +
    HALF_LOG_TWO_PI +
    inverse *
      (1 / 12 - inverseSquare * (1 / 360 - inverseSquare * (1 / 1260 - inverseSquare / 1680)))
  );
}

const HALF_LOG_TWO_PI = 0.5 * log(2 * Math.PI);
const SMALL_LOG_FACTORIALS: readonly number[] = (() => {
  const table = [0];
  for (let k = 1; k < 16; k += 1) table.push(table[k - 1] + log(k));
  return table;
})();

/** BINV for p ≤ 1/2 and small n·p: walk the pmf by its ratio f(x)/f(x−1) = ((n+1)/x − 1)·p/q. */
function binomialByInversion(random: RandomSource, n: number, p: number): number {
  const q = 1 - p;
  const ratio = p / q;
  const start = exp(n * log1p(-p));
  for (;;) {
    let u = random.nextFloat();
    let mass = start;
    let x = 0;
    while (u > mass) {
      u -= mass;
      x += 1;
      if (x > n) break;
      mass *= ((n + 1) / x - 1) * ratio;
    }
    // Rounding can leave u above the whole pmf; redraw rather than bias the top value.
    if (x <= n) return x;
  }
}

/**
 * Multinomial(trials, weights/Σweights) by conditional binomials: cell i gets
 * Binomial(remaining trials, w_i / Σ_{j≥i} w_j). Exact, O(cells). Suffix sums are
 * precomputed so no probability is formed by subtracting from 1.
 */
export function sampleMultinomial(
  random: RandomSource,
  trials: number,
  weights: ArrayLike<number>,
): number[] {
  checkNonNegativeInteger('trials', trials);
  const suffix = new Float64Array(weights.length + 1);
  for (let index = weights.length - 1; index >= 0; index -= 1) {
    const weight = weights[index];
    if (!(weight >= 0) || !Number.isFinite(weight)) {
      throw new RatingArgumentError(`weights[${index}]`, 'a finite number >= 0', weight);
    }
    suffix[index] = suffix[index + 1] + weight;
  }
  if (trials > 0 && !(suffix[0] > 0)) {
    throw new RatingArgumentError(
      'weights',
      'at least one positive weight when trials > 0',
      weights,
    );
  }
  const draws = new Array<number>(weights.length).fill(0);
  let remaining = trials;
  for (let index = 0; index < weights.length && remaining > 0; index += 1) {
    const weight = weights[index];
    if (weight === 0) continue;
    const drawn =
      weight >= suffix[index]
        ? remaining
        : drawBinomial(random, remaining, min(1, weight / suffix[index]));
    draws[index] = drawn;
    remaining -= drawn;
  }
  return draws;
}

/**
 * Poisson(mean) by inversion (Devroye 1986, §X.3.3): walk the pmf from 0 until the uniform is
 * spent. Exact for mean ≤ 30, where e^−mean stays far from underflow; a larger mean is a sum of
 * Poisson(≤ 30) parts (the Poisson family is closed under sums). Expected cost 1 + mean steps,
 * which is why the Poisson bootstrap over rows of one verdict (mean 1) is about two uniforms a row.
 */
export function samplePoisson(random: RandomSource, mean: number): number {
  if (!(mean >= 0) || !Number.isFinite(mean))
    throw new RatingArgumentError('mean', 'a finite number >= 0', mean);
  let total = 0;
  let left = mean;
  while (left > 0) {
    const part = min(left, 30);
    left -= part;
    let draw = 0;
    let probability = exp(-part);
    let cumulative = probability;
    const uniform = random.nextUint32() / 4294967296;
    // Rounding can leave the cumulative sum a hair below 1; the cap keeps a stray uniform finite.
    while (uniform >= cumulative && draw < 1000) {
      draw += 1;
      probability *= part / draw;
      cumulative += probability;
    }
    total += draw;
  }
  return total;
}
