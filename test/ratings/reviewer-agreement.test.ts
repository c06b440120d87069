import { compareWithMajority, reviewerAgreement } from '../../src/ratings/reviewer-agreement';
import { sequentialProbabilityRatioTest } from '../../src/ratings/sequential-test';
import type { Preference } from '../../src/ratings/preference';

const vote = (reviewer: string, item: string, preference: Preference) => ({
  reviewer,
  item,
  preference,
});

describe('compareWithMajority', () => {
  test('compares each vote with the majority of the other reviewers only', () => {
    // Item 1: A, A, B. Each A voter sees {A, B}: no majority; the B voter sees {A, A}.
    // Item 2: TIE, TIE, A: a TIE majority is agreed with like any other.
    const votes = [
      vote('ann', '1', 'A'),
      vote('bob', '1', 'A'),
      vote('cat', '1', 'B'),
      vote('ann', '2', 'TIE'),
      vote('bob', '2', 'TIE'),
      vote('cat', '2', 'A'),
      vote('ann', '3', 'B'),
    ];
    expect(compareWithMajority(votes)).toEqual([
      'UNDECIDED',
      'UNDECIDED',
      'DISAGREES',
      'UNDECIDED',
      'UNDECIDED',
      'DISAGREES',
      'ALONE',
    ]);
  });

  test("leaves out all of a reviewer's own votes on the item", () => {
    const votes = [vote('ann', '1', 'A'), vote('ann', '1', 'A'), vote('bob', '1', 'B')];
    expect(compareWithMajority(votes)).toEqual(['DISAGREES', 'DISAGREES', 'DISAGREES']);
  });
});

describe('reviewerAgreement', () => {
  test('counts compared, agreeing, undecided and lone votes per reviewer, with a Wilson interval', () => {
    const votes = [
      ...['1', '2', '3', '4'].flatMap((item) => [vote('bob', item, 'A'), vote('cat', item, 'A')]),
      vote('ann', '1', 'A'),
      vote('ann', '2', 'A'),
      vote('ann', '3', 'B'),
      vote('ann', '5', 'B'),
    ];
    const ann = reviewerAgreement(votes).find((report) => report.reviewer === 'ann');
    expect(ann).toMatchObject({ votes: 4, compared: 3, agreements: 2, undecided: 0, alone: 1 });
    expect(ann?.agreement).toBeCloseTo(2 / 3, 12);
    // Wilson 95%: (2 + 1.92 ± 1.96·√(4/3 + 0.96)) / (3 + 3.84).
    expect(ann?.lower).toBeCloseTo(0.2077, 3);
    expect(ann?.upper).toBeCloseTo(0.9385, 3);
  });
});

describe('sequentialProbabilityRatioTest', () => {
  const options = { nullRate: 0.5, alternativeRate: 0.9, falseAlarmRate: 0.05, missRate: 0.05 };

  test('decides for the alternative at the first observation past ln((1 − β)/α)', () => {
    // Each success adds ln(1.8) = 0.5878: five make 2.939, just short of ln(19) = 2.944; six cross.
    const result = sequentialProbabilityRatioTest(Array(10).fill(true), options);
    expect(result).toMatchObject({ decision: 'ALTERNATIVE', observations: 6, successes: 6 });
    expect(result.upperBound).toBeCloseTo(Math.log(19), 12);
  });

  test('decides for the null at ln(β/(1 − α)) and stays undecided in between', () => {
    // Each failure adds ln(0.2) = −1.609: the second crosses −2.944.
    expect(sequentialProbabilityRatioTest([false, false, false], options)).toMatchObject({
      decision: 'NULL',
      observations: 2,
    });
    expect(sequentialProbabilityRatioTest([true, false], options)).toMatchObject({
      decision: 'UNDECIDED',
      observations: 2,
    });
  });

  test('refuses rates outside (0, 1) or equal hypotheses', () => {
    expect(() => sequentialProbabilityRatioTest([], { ...options, missRate: 0 })).toThrow(
      /missRate/,
    );
    expect(() => sequentialProbabilityRatioTest([], { ...options, alternativeRate: 0.5 })).toThrow(
      /other than nullRate/,
    );
  });
});
