/** Brute-force references for the profile-likelihood tests: slow, simple, independent of src/. */

export const POINTS_PER_LOG_UNIT = 400 / Math.log(10);
/** The two-sided 95% normal critical value. */
export const Z = 1.959963984540054;

/** The root of a monotone f on [low, high] by bisection. */
export function bisect(f: (x: number) => number, low: number, high: number): number {
  const lowSign = Math.sign(f(low));
  for (let step = 0; step < 200; step += 1) {
    const middle = (low + high) / 2;
    if (Math.sign(f(middle)) === lowSign) low = middle;
    else high = middle;
  }
  return (low + high) / 2;
}
