import { logistic } from './elo-scale';
import { choleskyFactorWithJitter, choleskySolve } from './linear-algebra';

/**
 * The likelihood behind Bradley–Terry (Bradley & Terry 1952) and its contextual form with style
 * features (Chatbot Arena style control): each row is a cell of verdicts between compact models a
 * and b with linear predictor η = β_a − β_b + γ·x, score s in [0, 1] and likelihood mass m
 * (count·weight), contributing m·[s·log σ(η) + (1 − s)·log σ(−η)]. An L2 penalty λ/2·Σβ² applies to
 * the model strengths only.
 *
 * Maximised by Newton's method with a backtracking (Armijo) line search. Why Newton and not MM
 * (Hunter 2004): MM converges linearly and can need thousands of sweeps when strengths are far
 * apart or data are sparse (the published LLMFAO GPT-4 table stopped at a 100-sweep cap without
 * converging), whereas Newton reaches a 1e-10 gradient in a handful of iterations, each costing one
 * pass over the cells plus a (models+features)³/3 Cholesky solve. The likelihood is invariant
 * under adding a constant to every β, so the Hessian is singular along 1; adding c·11ᵀ on the
 * model block fixes that gauge by centring: the step then satisfies Σ d_β = 0 (see the comment
 * in `newtonDirection`), so iterates started centred stay centred.
 */
export interface PairedLogisticProblem {
  /** Models in the compact numbering of the rows (only models that played). */
  modelCount: number;
  featureCount: number;
  rowModelA: Int32Array;
  rowModelB: Int32Array;
  rowScore: Float64Array;
  rowMass: Float64Array;
  /** rowCount × featureCount, row-major; empty when featureCount is 0. */
  rowFeatures: Float64Array;
  /** λ of the penalty λ/2·Σβ² on model strengths (natural-log units). */
  modelRegularization: number;
  /** λ of the penalty λ/2·Σγ² on feature coefficients; 0 when absent. */
  featureRegularization?: number;
}

export interface PairedLogisticSettings {
  /** Converged when every |∂ℓ/∂θ| ≤ max(tolerance, rounding floor); see `roundingFloors`. */
  tolerance: number;
  maxIterations: number;
  /** Initial parameters [β…, γ…]; β is centred before the first step. */
  start: Float64Array;
}

export interface PairedLogisticSolution {
  /** [β_0 … β_{modelCount−1}, γ_0 … γ_{featureCount−1}], β centred on 0. */
  parameters: Float64Array;
  converged: boolean;
  iterations: number;
  /** max |∂ℓ/∂θ| at `parameters`, natural-log units. */
  gradientNorm: number;
  /** The observed information (ridge included) at `parameters`, from the last pass: what a sandwich needs. */
  information: Float64Array;
}

interface Evaluation {
  /** Log-likelihood minus the penalty; NaN when not computed. */
  objective: number;
  gradient: Float64Array;
  /** Negative Hessian of the objective (the observed information, ridge included). */
  information: Float64Array;
}

// Module-level aliases: under a vm context (Jest) every global lookup like `Math` in a hot loop is
// slow, and this loop runs once per cell per iteration.
const { abs, exp, log1p, max } = Math;

const ARMIJO_FRACTION = 1e-4;
const MAX_HALVINGS = 60;

export function maximizePairedLogisticLikelihood(
  problem: PairedLogisticProblem,
  settings: PairedLogisticSettings,
): PairedLogisticSolution {
  const size = problem.modelCount + problem.featureCount;
  const parameters = Float64Array.from(settings.start);
  centreStrengths(parameters, problem.modelCount);
  const floors = roundingFloors(problem);

  let current = evaluate(problem, parameters, true);
  let iterations = 0;
  let converged = isConverged(current.gradient, floors, settings.tolerance);
  while (!converged && iterations < settings.maxIterations) {
    iterations += 1;
    const direction = newtonDirection(current, problem, size);
    let slope = 0;
    for (let index = 0; index < size; index += 1)
      slope += current.gradient[index] * direction[index];

    // Deep in the quadratic phase the predicted gain is below the rounding of the objective, so
    // Armijo cannot see it; the Newton step is then trusted as is and the objective not computed.
    const trustFullStep = !(slope > 1e-12 * (1 + Math.abs(current.objective)));
    let stepLength = 1;
    let trial = addScaled(parameters, direction, stepLength);
    let trialEvaluation = evaluate(problem, trial, !trustFullStep);
    for (let halving = 0; !trustFullStep && halving < MAX_HALVINGS; halving += 1) {
      if (trialEvaluation.objective >= current.objective + ARMIJO_FRACTION * stepLength * slope)
        break;
      stepLength /= 2;
      trial = addScaled(parameters, direction, stepLength);
      trialEvaluation = evaluate(problem, trial, true);
    }
    const moved = trial.some((value, index) => value !== parameters[index]);
    parameters.set(trial);
    // Keep the last known objective when the trusted step skipped it; it only scales the test above.
    current = Number.isNaN(trialEvaluation.objective)
      ? { ...trialEvaluation, objective: current.objective }
      : trialEvaluation;
    converged = isConverged(current.gradient, floors, settings.tolerance);
    if (!moved) break; // the step vanished in rounding: nothing further can improve the fit
  }
  return {
    parameters,
    converged,
    iterations,
    gradientNorm: maxAbs(current.gradient),
    information: current.information,
  };
}

/**
 * Solves (I + c·vvᵀ)·d = g with I the information (negative Hessian incl. the ridge) and v = (1…1, 0…0)
 * over the model block. Because I·v = λ·v, vᵀ(I + c·vvᵀ)d = (λ + c·m)·vᵀd = vᵀg, and vᵀg = −λ·Σβ = 0
 * for centred β: the step keeps the centring. c is the mean diagonal over m so the added
 * eigenvalue is on the scale of the others.
 */
function newtonDirection(
  current: Evaluation,
  problem: PairedLogisticProblem,
  size: number,
): Float64Array {
  return choleskySolve(
    gaugedFactor(current.information, problem.modelCount, size),
    size,
    current.gradient,
  );
}

function gaugedFactor(information: Float64Array, models: number, size: number): Float64Array {
  let trace = 0;
  for (let index = 0; index < models; index += 1) trace += information[index * size + index];
  const gauge = models > 0 ? Math.max(trace / models, 1e-12) / models : 0;
  const system = Float64Array.from(information);
  for (let row = 0; row < models; row += 1) {
    for (let column = 0; column < models; column += 1) system[row * size + column] += gauge;
  }
  return choleskyFactorWithJitter(system, size);
}

/**
 * One pass over the rows. Per row it needs a single exp (and a log1p for the objective), using
 * log σ(−η) = log σ(η) − η so that s·log σ(η) + (1−s)·log σ(−η) = log σ(η) − (1−s)·η.
 */
function evaluate(
  problem: PairedLogisticProblem,
  parameters: Float64Array,
  withObjective: boolean,
): Evaluation {
  const { modelCount, featureCount, rowModelA, rowModelB, rowScore, rowMass, rowFeatures } =
    problem;
  const size = modelCount + featureCount;
  const gradient = new Float64Array(size);
  const information = new Float64Array(size * size);
  let objective = 0;
  for (let row = 0; row < rowMass.length; row += 1) {
    const mass = rowMass[row];
    if (!(mass > 0)) continue;
    const a = rowModelA[row];
    const b = rowModelB[row];
    let eta = parameters[a] - parameters[b];
    const featureOffset = row * featureCount;
    for (let feature = 0; feature < featureCount; feature += 1) {
      eta += parameters[modelCount + feature] * rowFeatures[featureOffset + feature];
    }
    const score = rowScore[row];
    const decay = exp(-abs(eta));
    const probability = eta >= 0 ? 1 / (1 + decay) : decay / (1 + decay);
    if (withObjective) {
      const logProbability = (eta >= 0 ? 0 : eta) - log1p(decay);
      objective += mass * (logProbability - (1 - score) * eta);
    }
    const residual = mass * (score - probability);
    gradient[a] += residual;
    gradient[b] -= residual;
    const curvature = mass * probability * (1 - probability);
    // Only one triangle is written per row (symmetrised after the loop): this loop runs once per
    // verdict row per Newton step, so its writes are the cost of a style-controlled fit.
    information[a * size + a] += curvature;
    information[b * size + b] += curvature;
    information[a * size + b] -= curvature;
    for (let feature = 0; feature < featureCount; feature += 1) {
      const column = modelCount + feature;
      const value = rowFeatures[featureOffset + feature];
      const weighted = curvature * value;
      gradient[column] += residual * value;
      information[a * size + column] += weighted;
      information[b * size + column] -= weighted;
      const rowOffset = column * size + modelCount;
      for (let other = feature; other < featureCount; other += 1) {
        information[rowOffset + other] += weighted * rowFeatures[featureOffset + other];
      }
    }
  }
  symmetrise(information, modelCount, size);
  const lambda = problem.modelRegularization;
  if (lambda > 0) {
    for (let model = 0; model < modelCount; model += 1) {
      objective -= (lambda / 2) * parameters[model] * parameters[model];
      gradient[model] -= lambda * parameters[model];
      information[model * size + model] += lambda;
    }
  }
  const featureLambda = problem.featureRegularization ?? 0;
  if (featureLambda > 0) {
    for (let column = modelCount; column < size; column += 1) {
      objective -= (featureLambda / 2) * parameters[column] * parameters[column];
      gradient[column] -= featureLambda * parameters[column];
      information[column * size + column] += featureLambda;
    }
  }
  return { objective: withObjective ? objective : Number.NaN, gradient, information };
}

/**
 * Completes the information matrix that `evaluate` fills one triangle of: in the model block each
 * pair's entry went to (a, b) in the row's own orientation, so the two halves are summed; the
 * model × feature block was written as (model, feature) rows and the feature block as its upper
 * triangle.
 */
function symmetrise(information: Float64Array, modelCount: number, size: number): void {
  for (let row = 0; row < modelCount; row += 1) {
    for (let column = row + 1; column < modelCount; column += 1) {
      const sum = information[row * size + column] + information[column * size + row];
      information[row * size + column] = sum;
      information[column * size + row] = sum;
    }
    for (let column = modelCount; column < size; column += 1)
      information[column * size + row] = information[row * size + column];
  }
  for (let row = modelCount; row < size; row += 1) {
    for (let column = row + 1; column < size; column += 1)
      information[column * size + row] = information[row * size + column];
  }
}

/**
 * A gradient entry is a sum of cell terms of total magnitude W (the parameter's likelihood mass),
 * so floating point cannot resolve it below about W·ε. The floor 64·ε·W only exceeds the default
 * 1e-10 tolerance beyond ~7 million weighted verdicts on one model.
 */
function roundingFloors(problem: PairedLogisticProblem): Float64Array {
  const { modelCount, featureCount } = problem;
  const mass = new Float64Array(modelCount + featureCount);
  for (let row = 0; row < problem.rowMass.length; row += 1) {
    const rowMass = problem.rowMass[row];
    if (!(rowMass > 0)) continue;
    mass[problem.rowModelA[row]] += rowMass;
    mass[problem.rowModelB[row]] += rowMass;
    for (let feature = 0; feature < featureCount; feature += 1) {
      mass[modelCount + feature] +=
        rowMass * Math.abs(problem.rowFeatures[row * featureCount + feature]);
    }
  }
  return mass.map((value) => 64 * Number.EPSILON * value);
}

function isConverged(gradient: Float64Array, floors: Float64Array, tolerance: number): boolean {
  for (let index = 0; index < gradient.length; index += 1) {
    if (!(abs(gradient[index]) <= max(tolerance, floors[index]))) return false;
  }
  return true;
}

function centreStrengths(parameters: Float64Array, modelCount: number): void {
  if (modelCount === 0) return;
  let sum = 0;
  for (let model = 0; model < modelCount; model += 1) sum += parameters[model];
  const mean = sum / modelCount;
  for (let model = 0; model < modelCount; model += 1) parameters[model] -= mean;
}

function addScaled(base: Float64Array, direction: Float64Array, factor: number): Float64Array {
  const result = new Float64Array(base.length);
  for (let index = 0; index < base.length; index += 1)
    result[index] = base[index] + factor * direction[index];
  return result;
}

function maxAbs(values: Float64Array): number {
  let largest = 0;
  for (const value of values) largest = max(largest, abs(value));
  return largest;
}

/**
 * The observed information (negative Hessian of ℓ, ridge included) and the per-verdict score
 * outer-product sum J = Σ_cells count·(weight·(s − p))²·x·xᵀ at `parameters`, for the sandwich
 * covariance (Huber 1967; White 1980; Freedman 2006). Each verdict of a cell has the same score
 * vector weight·(s − p)·x, so the verdicts are the independent units even though we never expand them.
 */
export function informationAndScoreVariance(
  problem: PairedLogisticProblem,
  rowCount: Float64Array,
  parameters: Float64Array,
  knownInformation?: Float64Array,
): { information: Float64Array; scoreVariance: Float64Array } {
  const { modelCount, featureCount, rowModelA, rowModelB, rowScore, rowMass, rowFeatures } =
    problem;
  const size = modelCount + featureCount;
  const information = knownInformation
    ? Float64Array.from(knownInformation)
    : evaluate(problem, parameters, false).information;
  const scoreVariance = new Float64Array(size * size);
  const design = new Float64Array(size);
  const touched: number[] = [];
  for (let row = 0; row < rowMass.length; row += 1) {
    const count = rowCount[row];
    if (!(rowMass[row] > 0) || !(count > 0)) continue;
    const a = rowModelA[row];
    const b = rowModelB[row];
    let eta = parameters[a] - parameters[b];
    for (let feature = 0; feature < featureCount; feature += 1) {
      eta += parameters[modelCount + feature] * rowFeatures[row * featureCount + feature];
    }
    const perVerdictResidual = (rowMass[row] / count) * (rowScore[row] - logistic(eta));
    const factor = count * perVerdictResidual * perVerdictResidual;
    touched.length = 0;
    design[a] = 1;
    design[b] = -1;
    touched.push(a, b);
    for (let feature = 0; feature < featureCount; feature += 1) {
      design[modelCount + feature] = rowFeatures[row * featureCount + feature];
      touched.push(modelCount + feature);
    }
    for (const i of touched)
      for (const j of touched) scoreVariance[i * size + j] += factor * design[i] * design[j];
    for (const i of touched) design[i] = 0;
  }
  return { information, scoreVariance };
}

/**
 * ∂ℓ/∂θ alone (ridge included) for the masses `rowMass`: one exp per row and no matrix, for
 * refits that reuse a fixed information matrix (style-bootstrap.ts).
 */
export function pairedLogisticGradient(
  problem: PairedLogisticProblem,
  rowMass: Float64Array,
  parameters: Float64Array,
): Float64Array {
  const { modelCount, featureCount, rowModelA, rowModelB, rowScore, rowFeatures } = problem;
  const gradient = new Float64Array(modelCount + featureCount);
  for (let row = 0; row < rowMass.length; row += 1) {
    const mass = rowMass[row];
    if (!(mass > 0)) continue;
    const a = rowModelA[row];
    const b = rowModelB[row];
    const featureOffset = row * featureCount;
    let eta = parameters[a] - parameters[b];
    for (let feature = 0; feature < featureCount; feature += 1) {
      eta += parameters[modelCount + feature] * rowFeatures[featureOffset + feature];
    }
    const decay = exp(-abs(eta));
    const probability = eta >= 0 ? 1 / (1 + decay) : decay / (1 + decay);
    const residual = mass * (rowScore[row] - probability);
    gradient[a] += residual;
    gradient[b] -= residual;
    for (let feature = 0; feature < featureCount; feature += 1) {
      gradient[modelCount + feature] += residual * rowFeatures[featureOffset + feature];
    }
  }
  const lambda = problem.modelRegularization;
  for (let model = 0; lambda > 0 && model < modelCount; model += 1)
    gradient[model] -= lambda * parameters[model];
  const featureLambda = problem.featureRegularization ?? 0;
  for (let column = modelCount; featureLambda > 0 && column < gradient.length; column += 1) {
    gradient[column] -= featureLambda * parameters[column];
  }
  return gradient;
}

/** The Cholesky factor of `information` plus the centring term of newtonDirection. */
export function gaugedInformationFactor(
  problem: PairedLogisticProblem,
  information: Float64Array,
): Float64Array {
  return gaugedFactor(information, problem.modelCount, problem.modelCount + problem.featureCount);
}

/** The observed information (negative Hessian, ridge included) at `parameters`. */
export function observedInformation(
  problem: PairedLogisticProblem,
  parameters: Float64Array,
): Float64Array {
  return evaluate(problem, parameters, false).information;
}
