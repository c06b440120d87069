import { RatingArgumentError } from './errors';

function checkPairedSamples(x: readonly number[], y: readonly number[]): void {
  if (x.length !== y.length) {
    throw new RatingArgumentError('y', `an array as long as x (${x.length})`, y);
  }
  [x, y].forEach((values, which) => {
    values.forEach((value, index) => {
      if (!Number.isFinite(value)) {
        throw new RatingArgumentError(
          `${which === 0 ? 'x' : 'y'}[${index}]`,
          'a finite number',
          value,
        );
      }
    });
  });
}

/** Ranks 1..n with ties given the average of the ranks they span (fractional ranking). */
export function averageRanks(values: readonly number[]): number[] {
  const order = values.map((_, index) => index).sort((a, b) => values[a] - values[b]);
  const ranks = new Array<number>(values.length);
  let start = 0;
  while (start < order.length) {
    let end = start;
    while (end + 1 < order.length && values[order[end + 1]] === values[order[start]]) end += 1;
    const averageRank = (start + end) / 2 + 1;
    for (let position = start; position <= end; position += 1) ranks[order[position]] = averageRank;
    start = end + 1;
  }
  return ranks;
}

function pearson(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  const meanX = x.reduce((sum, value) => sum + value, 0) / n;
  const meanY = y.reduce((sum, value) => sum + value, 0) / n;
  let covariance = 0;
  let varianceX = 0;
  let varianceY = 0;
  for (let index = 0; index < n; index += 1) {
    const dx = x[index] - meanX;
    const dy = y[index] - meanY;
    covariance += dx * dy;
    varianceX += dx * dx;
    varianceY += dy * dy;
  }
  return covariance / Math.sqrt(varianceX * varianceY);
}

/**
 * Spearman's rank correlation (Spearman 1904): Pearson's correlation of average ranks, the tie
 * handling of scipy.stats.spearmanr. NaN when fewer than two points or a sample is constant.
 */
export function spearmanCorrelation(x: readonly number[], y: readonly number[]): number {
  checkPairedSamples(x, y);
  if (x.length < 2) return Number.NaN;
  return pearson(averageRanks(x), averageRanks(y));
}

/**
 * Kendall's tau-b (Kendall 1945): (concordant − discordant)/√((n0 − n1)(n0 − n2)) with n1, n2 the
 * pairs tied in x, y. O(n²), which is immaterial for leaderboards of hundreds of models.
 * NaN when fewer than two points or a sample is constant.
 */
export function kendallTauB(x: readonly number[], y: readonly number[]): number {
  checkPairedSamples(x, y);
  let concordant = 0;
  let discordant = 0;
  let tiedX = 0;
  let tiedY = 0;
  let pairs = 0;
  for (let i = 0; i < x.length; i += 1) {
    for (let j = i + 1; j < x.length; j += 1) {
      pairs += 1;
      const dx = Math.sign(x[i] - x[j]);
      const dy = Math.sign(y[i] - y[j]);
      if (dx === 0) tiedX += 1;
      if (dy === 0) tiedY += 1;
      if (dx * dy > 0) concordant += 1;
      else if (dx * dy < 0) discordant += 1;
    }
  }
  const denominator = Math.sqrt((pairs - tiedX) * (pairs - tiedY));
  return denominator > 0 ? (concordant - discordant) / denominator : Number.NaN;
}
