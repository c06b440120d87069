import { checkUnitInterval } from './arguments';
import { RatingArgumentError } from './errors';

export interface SequentialTestOptions {
  /** p₀: the rate of a good source (H₀). */
  nullRate: number;
  /** p₁: the rate that should be caught (H₁). */
  alternativeRate: number;
  /** α: chance of deciding H₁ when H₀ holds (a false flag). */
  falseAlarmRate: number;
  /** β: chance of deciding H₀ when H₁ holds (a miss). */
  missRate: number;
}

export interface SequentialTestResult {
  decision: 'ALTERNATIVE' | 'NULL' | 'UNDECIDED';
  /** Observations read: all of them when undecided, else up to the one that decided. */
  observations: number;
  successes: number;
  logLikelihoodRatio: number;
  /** ln((1 − β)/α) and ln(β/(1 − α)): the boundaries of the log-likelihood ratio. */
  upperBound: number;
  lowerBound: number;
}

/**
 * Wald's sequential probability ratio test for a Bernoulli rate (Wald 1945, "Sequential tests of
 * statistical hypotheses", Ann. Math. Statist. 16:117–186): after each observation x the
 * log-likelihood ratio grows by x·ln(p₁/p₀) + (1 − x)·ln((1 − p₁)/(1 − p₀)); the test decides H₁
 * at ln((1 − β)/α) and H₀ at ln(β/(1 − α)), which keeps the error rates at most about α and β.
 * It stops at the first boundary crossed, as Wald's test does.
 */
export function sequentialProbabilityRatioTest(
  observations: Iterable<boolean>,
  options: SequentialTestOptions,
): SequentialTestResult {
  const { nullRate, alternativeRate, falseAlarmRate, missRate } = options;
  for (const [name, value] of Object.entries(options) as [string, number][]) {
    checkUnitInterval(name, value);
    if (value === 0 || value === 1)
      throw new RatingArgumentError(name, 'a rate strictly between 0 and 1', value);
  }
  if (nullRate === alternativeRate)
    throw new RatingArgumentError(
      'alternativeRate',
      `a rate other than nullRate (${nullRate})`,
      alternativeRate,
    );
  const onSuccess = Math.log(alternativeRate / nullRate);
  const onFailure = Math.log((1 - alternativeRate) / (1 - nullRate));
  const upperBound = Math.log((1 - missRate) / falseAlarmRate);
  const lowerBound = Math.log(missRate / (1 - falseAlarmRate));
  let logLikelihoodRatio = 0;
  let count = 0;
  let successes = 0;
  for (const success of observations) {
    count += 1;
    if (success) successes += 1;
    logLikelihoodRatio += success ? onSuccess : onFailure;
    const decision =
      logLikelihoodRatio >= upperBound
        ? 'ALTERNATIVE'
        : logLikelihoodRatio <= lowerBound
          ? 'NULL'
          : null;
    if (decision !== null)
      return {
        decision,
        observations: count,
        successes,
        logLikelihoodRatio,
        upperBound,
        lowerBound,
      };
  }
  return {
    decision: 'UNDECIDED',
    observations: count,
    successes,
    logLikelihoodRatio,
    upperBound,
    lowerBound,
  };
}
