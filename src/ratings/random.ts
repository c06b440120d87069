import { checkNonNegativeInteger, checkUnitInterval } from './arguments';
import { RatingArgumentError } from './errors';

// Module-level aliases: global lookups are slow inside vm contexts (Jest) and these run per draw.
const { exp, floor, imul, log, log1p, max, min, sqrt } = Math;

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

/**
 * Gamma(shape, 1) for shape ≥ 1 by Marsaglia & Tsang 2000 ("A simple method for generating gamma
 * variables"): exact, rejection rate below 5% for every shape.
 */
export function sampleGamma(random: RandomSource, shape: number): number {
  if (!(shape >= 1) || !Number.isFinite(shape)) throw new RatingArgumentError('shape', 'a finite number >= 1', shape);
  const d = shape - 1 / 3;
  const c = 1 / sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = sampleStandardNormal(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = random.nextFloat();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (log(u) < 0.5 * x * x + d * (1 - v + log(v))) return d * v;
  }
}

/** Beta(a, b) for a, b ≥ 1 as Ga/(Ga + Gb). */
export function sampleBeta(random: RandomSource, a: number, b: number): number {
  const x = sampleGamma(random, a);
  const y = sampleGamma(random, b);
  return x / (x + y);
}

/** Below this mean (n·min(p, 1−p)) the binomial is drawn by inversion, whose cost grows with the mean. */
const INVERSION_MEAN_LIMIT = 30;

/**
 * Binomial(trials, probability), exact, in O(log trials) time for any trials up to 2^53.
 * Large means use the order-statistic split (Knuth, TAOCP Vol. 2, §3.4.1 F; Devroye 1986, X.4):
 * the a-th smallest of n uniforms is Beta(a, n+1−a); if it lands above p, the successes are
 * among the a−1 uniforms below it, each now below p with probability p/X; otherwise a successes
 * are certain and the rest are among the n−a above it. Each split halves n. Small means finish by
 * sequential inversion of the CDF (Kachitvichyanukul & Schmeiser 1988, BINV).
 */
export function sampleBinomial(random: RandomSource, trials: number, probability: number): number {
  checkNonNegativeInteger('trials', trials);
  checkUnitInterval('probability', probability);
  return drawBinomial(random, trials, probability);
}

function drawBinomial(random: RandomSource, trials: number, probability: number): number {
  let successes = 0;
  let sign = 1;
  let n = trials;
  let p = probability;
  for (;;) {
    if (n === 0 || p === 0) return successes;
    if (p === 1) return successes + sign * n;
    if (p > 0.5) {
      // Count failures instead: Binomial(n, p) = n − Binomial(n, 1 − p).
      successes += sign * n;
      sign = -sign;
      p = 1 - p;
    }
    if (n * p < INVERSION_MEAN_LIMIT) return successes + sign * binomialByInversion(random, n, p);
    const order = 1 + floor(n / 2);
    const split = sampleBeta(random, order, n + 1 - order);
    if (split >= p) {
      n = order - 1;
      p = p / split;
    } else {
      successes += sign * order;
      n = n - order;
      p = (p - split) / (1 - split);
    }
    p = min(1, max(0, p));
  }
}

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
 * Binomial(remaining trials, w_i / Σ_{j≥i} w_j). Exact, O(cells · log trials). Suffix sums are
 * precomputed so no probability is formed by subtracting from 1.
 */
export function sampleMultinomial(random: RandomSource, trials: number, weights: ArrayLike<number>): number[] {
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
    throw new RatingArgumentError('weights', 'at least one positive weight when trials > 0', weights);
  }
  const draws = new Array<number>(weights.length).fill(0);
  let remaining = trials;
  for (let index = 0; index < weights.length && remaining > 0; index += 1) {
    const weight = weights[index];
    if (weight === 0) continue;
    const drawn = weight >= suffix[index] ? remaining : drawBinomial(random, remaining, min(1, weight / suffix[index]));
    draws[index] = drawn;
    remaining -= drawn;
  }
  return draws;
}
