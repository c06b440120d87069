import { logistic } from './elo-scale';
import { choleskyFactorWithJitter, choleskyInverse, sandwichProduct } from './linear-algebra';
import {
  informationAndScoreVariance,
  observedInformation,
  type PairedLogisticProblem,
} from './paired-logistic';

/**
 * The robust (sandwich) covariance V = B·J·B of a paired-logistic estimate, B the inverse observed
 * information and J the sum over verdicts of their score outer products (Huber 1967; White 1980),
 * with the small-sample corrections of linear-model practice carried over to the GLM through its
 * leverages h = w·p(1 − p)·xᵀB·x (Pregibon 1981; MacKinnon & White 1985, HC2 and HC3; Long &
 * Ervin 2000 recommend HC3 below a few hundred observations):
 *   HC0: each verdict's squared residual as is (what White's estimator does);
 *   HC2: divided by 1 − h; HC3: divided by (1 − h)².
 * A verdict's leverage is about (parameters)/(verdicts), so HC0 under-states the variance most
 * where verdicts per model are few. Verdicts of one row share x and p, hence one h per row.
 *
 * The gauge: the model block of I is singular along v = (1…1, 0…0), but J·v = 0 (every design
 * row e_a − e_b + x sums to 0 over the model block), so B = (I + c·vvᵀ)⁻¹ gives exactly the
 * covariance of the estimate with centred strengths (see paired-logistic.ts, newtonDirection).
 */
export type SandwichCorrection = 'HC0' | 'HC2' | 'HC3';

export function robustCovariance(
  problem: PairedLogisticProblem,
  rowCount: Float64Array,
  parameters: Float64Array,
  correction: SandwichCorrection,
  /** The information at `parameters` when the caller has it (the solver's last pass), to skip a pass. */
  knownInformation?: Float64Array,
): Float64Array {
  const { modelCount, featureCount } = problem;
  const size = modelCount + featureCount;
  // HC2/HC3 build their own J from the leverages, so they need only the information.
  const { information, scoreVariance } =
    correction === 'HC0'
      ? informationAndScoreVariance(problem, rowCount, parameters, knownInformation)
      : {
          information: knownInformation
            ? Float64Array.from(knownInformation)
            : observedInformation(problem, parameters),
          scoreVariance: null,
        };
  const bread = gaugedBread(information, modelCount, size);
  const meat =
    scoreVariance ??
    leverageAdjustedScoreVariance(
      problem,
      rowCount,
      parameters,
      bread,
      correction === 'HC0' ? 'HC2' : correction,
    );
  return sandwichProduct(bread, meat, size);
}

/**
 * B = (I + c·vvᵀ)⁻¹, v the model block's ones (see above): the inverse information of the centred
 * estimate. Adds c·vvᵀ to `information` in place.
 */
export function gaugedBread(
  information: Float64Array,
  modelCount: number,
  size: number,
): Float64Array {
  let trace = 0;
  for (let index = 0; index < modelCount; index += 1) trace += information[index * size + index];
  const gauge = modelCount > 0 ? Math.max(trace / modelCount, 1e-12) / modelCount : 0;
  for (let row = 0; row < modelCount; row += 1) {
    for (let column = 0; column < modelCount; column += 1)
      information[row * size + column] += gauge;
  }
  return choleskyInverse(choleskyFactorWithJitter(information, size), size);
}

function leverageAdjustedScoreVariance(
  problem: PairedLogisticProblem,
  rowCount: Float64Array,
  parameters: Float64Array,
  bread: Float64Array,
  correction: 'HC2' | 'HC3',
): Float64Array {
  const { modelCount, featureCount, rowModelA, rowModelB, rowScore, rowMass, rowFeatures } =
    problem;
  const size = modelCount + featureCount;
  const meat = new Float64Array(size * size);
  // A row's design vector x = e_a − e_b + its features, held as its nonzero entries: their
  // columns and values. The leverage loop runs once per verdict row over (2 + features)² entries,
  // indexed: with `for…of` over the columns this function was a third of a 1M-row HC3 sandwich,
  // indexed a quarter. The terms and their order are as before, so the sums are too, to the bit.
  const touchedCount = 2 + featureCount;
  const columns = new Int32Array(touchedCount);
  const values = new Float64Array(touchedCount);
  for (let feature = 0; feature < featureCount; feature += 1)
    columns[2 + feature] = modelCount + feature;
  values[0] = 1;
  values[1] = -1;
  for (let row = 0; row < rowMass.length; row += 1) {
    const count = rowCount[row];
    if (!(rowMass[row] > 0) || !(count > 0)) continue;
    const a = rowModelA[row];
    const b = rowModelB[row];
    const offset = row * featureCount;
    let eta = parameters[a] - parameters[b];
    for (let feature = 0; feature < featureCount; feature += 1)
      eta += parameters[modelCount + feature] * rowFeatures[offset + feature];
    const probability = logistic(eta);
    const weight = rowMass[row] / count;
    columns[0] = a;
    columns[1] = b;
    for (let feature = 0; feature < featureCount; feature += 1)
      values[2 + feature] = rowFeatures[offset + feature];
    let quadratic = 0;
    for (let i = 0; i < touchedCount; i += 1) {
      const rowStart = columns[i] * size;
      const value = values[i];
      for (let j = 0; j < touchedCount; j += 1)
        quadratic += value * bread[rowStart + columns[j]] * values[j];
    }
    // Clamped below 1: a verdict that alone pins a parameter has h → 1 and no residual to speak of.
    const leverage = Math.min(weight * probability * (1 - probability) * quadratic, 0.99);
    const residual = weight * (rowScore[row] - probability);
    const inflation =
      correction === 'HC2' ? 1 / (1 - leverage) : 1 / ((1 - leverage) * (1 - leverage));
    const factor = count * residual * residual * inflation;
    // The model entries are ±1, so a term touching a model column is ±factor·xⱼ either way round:
    // it is added once, to the upper cell, and mirrored below. The cells get the same terms in the
    // same row order as when both halves were written, so the meat is the same to the bit.
    const low = a < b ? a : b;
    const high = a < b ? b : a;
    meat[a * size + a] += factor;
    meat[b * size + b] += factor;
    meat[low * size + high] -= factor;
    const rowA = a * size;
    const rowB = b * size;
    for (let feature = 0; feature < featureCount; feature += 1) {
      const value = values[2 + feature];
      meat[rowA + modelCount + feature] += factor * value;
      meat[rowB + modelCount + feature] += -factor * value;
    }
    for (let i = 2; i < touchedCount; i += 1) {
      const rowStart = columns[i] * size;
      const scaled = factor * values[i];
      for (let j = 2; j < touchedCount; j += 1) meat[rowStart + columns[j]] += scaled * values[j];
    }
  }
  mirrorModelCells(meat, modelCount, size);
  return meat;
}

/** Copies each upper cell that touches a model column to its lower twin. */
function mirrorModelCells(meat: Float64Array, modelCount: number, size: number): void {
  for (let row = 0; row < modelCount; row += 1) {
    for (let column = row + 1; column < size; column += 1)
      meat[column * size + row] = meat[row * size + column];
  }
}
