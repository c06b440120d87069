import {
  positionBias,
  twoSidedNormalCritical,
  wilsonInterval,
  type PositionedVerdict,
  type Preference,
} from '../../src/ratings';

/** n verdicts with the same preference and the same answer shown first. */
const times = (n: number, preference: Preference, shownFirst: 'A' | 'B'): PositionedVerdict[] =>
  Array.from({ length: n }, () => ({ preference, shownFirst }));

describe('wilsonInterval', () => {
  // Newcombe (1998), "Two-sided confidence intervals for the single proportion: comparison of
  // seven methods", Stat Med 17:857–872, Table II, method 3 (Wilson score, no continuity correction).
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('gives Newcombe’s 95%% interval for %i/%i', (successes, trials, lower, upper) => {
    const interval = wilsonInterval(successes, trials)!;
    expect(interval.lower).toBeCloseTo(lower, 4);
    expect(interval.upper).toBeCloseTo(upper, 4);
  });

  it('is [0, z²/(n+z²)] at 0/n and its mirror at n/n', () => {
    const z2 = twoSidedNormalCritical(0.95) ** 2;
    expect(wilsonInterval(0, 10)).toEqual({ lower: 0, upper: expect.closeTo(z2 / (10 + z2), 12) });
    expect(wilsonInterval(10, 10)).toEqual({ lower: expect.closeTo(10 / (10 + z2), 12), upper: 1 });
    expect(wilsonInterval(0, 10)!.upper).toBeCloseTo(0.2775, 4);
  });

  it('is symmetric about 1/2 and widens with the confidence level', () => {
    const half = wilsonInterval(5, 10)!;
    expect(half.lower + half.upper).toBeCloseTo(1, 12);
    const wide = wilsonInterval(81, 263, 0.99)!;
    expect(wide.lower).toBeLessThan(0.2553);
    expect(wide.upper).toBeGreaterThan(0.3662);
  });

  it('is null without trials', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
  });

  it('rejects impossible counts and confidence levels', () => {
    expect(() => wilsonInterval(11, 10)).toThrow(
      'successes: expected at most trials (10), but received 11',
    );
    expect(() => wilsonInterval(1.5, 10)).toThrow(
      'successes: expected a non-negative safe integer, but received 1.5',
    );
    expect(() => wilsonInterval(1, -1)).toThrow(
      'trials: expected a non-negative safe integer, but received -1',
    );
    expect(() => wilsonInterval(1, 10, 95)).toThrow(
      'confidenceLevel: expected a number in (0, 1), but received 95',
    );
  });
});

describe('positionBias', () => {
  it('counts first-shown wins among decisive verdicts and leaves ties out', () => {
    const verdicts = [
      ...times(3, 'A', 'A'), // A shown first and preferred: first-shown wins
      ...times(2, 'B', 'B'), // B shown first and preferred: first-shown wins
      ...times(1, 'B', 'A'), // second-shown wins
      ...times(4, 'TIE', 'A'),
      ...times(2, 'TIE', 'B'),
    ];
    const report = positionBias(verdicts);
    const interval = wilsonInterval(5, 6)!;
    expect(report).toEqual({
      decisive: 6,
      firstShownWins: 5,
      firstShownWinRate: 5 / 6,
      lower: interval.lower,
      upper: interval.upper,
    });
  });

  it('carries the Wilson interval: 81 first-shown wins of 263 decisive verdicts', () => {
    const verdicts = [
      ...times(50, 'A', 'A'),
      ...times(31, 'B', 'B'),
      ...times(182, 'A', 'B'),
      ...times(9, 'TIE', 'A'),
    ];
    const report = positionBias(verdicts);
    expect(report.decisive).toBe(263);
    expect(report.firstShownWins).toBe(81);
    expect(report.lower).toBeCloseTo(0.2553, 4);
    expect(report.upper).toBeCloseTo(0.3662, 4);
  });

  it('uses the requested confidence level', () => {
    const verdicts = [...times(30, 'A', 'A'), ...times(10, 'A', 'B')];
    const narrow = positionBias(verdicts, 0.8);
    const wide = positionBias(verdicts, 0.99);
    expect(narrow.firstShownWinRate).toBe(0.75);
    expect(wide.lower!).toBeLessThan(narrow.lower!);
    expect(wide.upper!).toBeGreaterThan(narrow.upper!);
  });

  it('has no rate and no interval when every verdict is a tie', () => {
    expect(positionBias(times(3, 'TIE', 'B'))).toEqual({
      decisive: 0,
      firstShownWins: 0,
      firstShownWinRate: null,
      lower: null,
      upper: null,
    });
    expect(positionBias([]).firstShownWinRate).toBeNull();
  });

  it('rejects verdicts without a valid position or preference, naming the verdict', () => {
    const badPosition: PositionedVerdict[] = [
      { preference: 'A', shownFirst: 'A' },
      { preference: 'A', shownFirst: 'C' as 'A' },
    ];
    expect(() => positionBias(badPosition)).toThrow(
      "verdicts[1].shownFirst: expected 'A' or 'B', but received \"C\"",
    );
    expect(() => positionBias([{ preference: 'a' as Preference, shownFirst: 'A' }])).toThrow(
      "verdicts[0].preference: expected a preference 'A', 'TIE' or 'B', but received \"a\"",
    );
    expect(() => positionBias([], 1)).toThrow(
      'confidenceLevel: expected a number in (0, 1), but received 1',
    );
  });
});
