import { checkNonNegative } from './arguments';
import { RatingArgumentError } from './errors';
import { checkPreference, PREFERENCES, type Preference } from './preference';

/** One pair both judges decided, oriented the same way for both; `weight` defaults to 1. */
export interface JudgedPair {
  first: Preference;
  second: Preference;
  weight?: number;
}

/**
 * How often two judges agree on the pairs both judged. `pairs` and `pairsWithoutTies` count
 * entries; the confusion matrix and the shares sum their weights (the same thing when every weight
 * is 1). A share is null when the weight it divides by is 0.
 */
export interface AgreementReport {
  pairs: number;
  /** Weighted share of pairs on which both judges give the same 3-way preference. */
  agreement: number | null;
  /** Cohen's kappa on the 3×3 table; null when undefined (no weight, or expected agreement 1). */
  kappa: number | null;
  /** 3×3 summed weights: rows are the first judge's preference, columns the second's, order [A, TIE, B]. */
  confusion: number[][];
  /** Pairs where neither judge said TIE (FastChat MT-Bench "without tie"). */
  pairsWithoutTies: number;
  /** Weighted share of agreement among the pairs without ties. */
  agreementWithoutTies: number | null;
}

const INDEX: Record<Preference, number> = { A: 0, TIE: 1, B: 2 };

/**
 * Agreement between two judges, reported the way FastChat's MT-Bench analysis reports it
 * (lm-sys/FastChat `fastchat/llm_judge/compute_agreement.py`): raw agreement counts a tie against
 * a tie as agreement; "without tie" leaves out every pair in which either judge said tie. Cohen's
 * kappa (Cohen 1960) is added to correct the raw agreement for chance.
 */
export function judgeAgreement(pairs: Iterable<JudgedPair>): AgreementReport {
  const confusion = PREFERENCES.map(() => PREFERENCES.map(() => 0));
  let count = 0;
  let pairsWithoutTies = 0;
  let agreeingWeight = 0;
  let totalWeight = 0;
  let agreeingWeightWithoutTies = 0;
  let totalWeightWithoutTies = 0;
  for (const pair of pairs) {
    const { first, second, weight = 1 } = pair;
    checkPreference(`pairs[${count}].first`, first);
    checkPreference(`pairs[${count}].second`, second);
    checkNonNegative(`pairs[${count}].weight`, weight);
    confusion[INDEX[first]][INDEX[second]] += weight;
    totalWeight += weight;
    if (first === second) agreeingWeight += weight;
    if (first !== 'TIE' && second !== 'TIE') {
      pairsWithoutTies += 1;
      totalWeightWithoutTies += weight;
      if (first === second) agreeingWeightWithoutTies += weight;
    }
    count += 1;
  }
  return {
    pairs: count,
    agreement: totalWeight > 0 ? agreeingWeight / totalWeight : null,
    kappa: cohensKappa(confusion),
    confusion,
    pairsWithoutTies,
    agreementWithoutTies:
      totalWeightWithoutTies > 0 ? agreeingWeightWithoutTies / totalWeightWithoutTies : null,
  };
}

/**
 * Cohen's kappa (Cohen 1960, "A coefficient of agreement for nominal scales"):
 * κ = (p_o − p_e)/(1 − p_e), with p_o the share on the diagonal and p_e = Σ_i r_i·c_i the agreement
 * expected from the row and column marginal shares r_i, c_i alone. Any square table of
 * non-negative counts or weights. Null when the table is empty, or when p_e = 1 (both judges put
 * everything in the same single category), where kappa is 0/0.
 */
export function cohensKappa(confusion: number[][]): number | null {
  const size = Array.isArray(confusion) ? confusion.length : 0;
  if (size === 0)
    throw new RatingArgumentError('confusion', 'a non-empty square matrix', confusion);
  const rowTotals = new Array<number>(size).fill(0);
  const columnTotals = new Array<number>(size).fill(0);
  let diagonal = 0;
  confusion.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== size) {
      throw new RatingArgumentError(
        `confusion[${i}]`,
        `a row of ${size} entries (a square matrix)`,
        row,
      );
    }
    row.forEach((value, j) => {
      if (!Number.isFinite(value) || value < 0) {
        throw new RatingArgumentError(`confusion[${i}][${j}]`, 'a finite number >= 0', value);
      }
      rowTotals[i] += value;
      columnTotals[j] += value;
      if (i === j) diagonal += value;
    });
  });
  const total = rowTotals.reduce((sum, value) => sum + value, 0);
  if (total === 0) return null;
  // p_e = 1 exactly when one category holds all of both marginals; decided on the structure, not
  // on a floating-point comparison of sums accumulated in different orders.
  const rowCategories = rowTotals.flatMap((value, i) => (value > 0 ? [i] : []));
  const columnCategories = columnTotals.flatMap((value, j) => (value > 0 ? [j] : []));
  if (
    rowCategories.length === 1 &&
    columnCategories.length === 1 &&
    rowCategories[0] === columnCategories[0]
  ) {
    return null;
  }
  const observed = diagonal / total;
  const expected = rowTotals.reduce(
    (sum, value, i) => sum + (value / total) * (columnTotals[i] / total),
    0,
  );
  return (observed - expected) / (1 - expected);
}
