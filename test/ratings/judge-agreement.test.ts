import {
  cohensKappa,
  createRandom,
  judgeAgreement,
  type JudgedPair,
  type Preference,
} from '../../src/ratings';

/** n copies of one judged pair. */
const times = (n: number, first: Preference, second: Preference): JudgedPair[] =>
  Array.from({ length: n }, () => ({ first, second }));

describe('cohensKappa', () => {
  it('gives 0.4 on the standard 2×2 example with raw agreement 0.7', () => {
    // Wikipedia "Cohen's kappa", worked example: 50 grant proposals, both yes 20, A yes/B no 5,
    // A no/B yes 10, both no 15: p_o = 0.7, p_e = 0.5·0.6 + 0.5·0.4 = 0.5, κ = 0.4.
    expect(
      cohensKappa([
        [20, 5],
        [10, 15],
      ]),
    ).toBeCloseTo(0.4, 12);
  });

  it("reproduces Gwet's 3×3 abstractors example", () => {
    // Gwet (2014), Handbook of Inter-Rater Reliability, 4th ed.: two abstractors classify 100
    // pregnancies as ectopic / abnormal intrauterine / normal intrauterine. Published κ = 0.7964094
    // (irrCAC's `cont3x3abstractors`, `kappa2.table`); p_o = 0.89, p_e = 0.4597.
    expect(
      cohensKappa([
        [13, 0, 0],
        [0, 20, 7],
        [0, 4, 56],
      ]),
    ).toBeCloseTo(0.7964094, 7);
  });

  it('is 0 when the table is exactly what independent judges would give', () => {
    // Rows (0.5, 0.3, 0.2) × columns (0.4, 0.4, 0.2) of 100: every cell is the product of its marginals.
    expect(
      cohensKappa([
        [20, 20, 10],
        [12, 12, 6],
        [8, 8, 4],
      ]),
    ).toBeCloseTo(0, 12);
  });

  it('is −1 when two balanced judges always disagree', () => {
    expect(
      cohensKappa([
        [0, 5],
        [5, 0],
      ]),
    ).toBe(-1);
  });

  it('is null for an empty table and when both judges use one and the same category', () => {
    expect(
      cohensKappa([
        [0, 0, 0],
        [0, 0, 0],
        [0, 0, 0],
      ]),
    ).toBeNull();
    expect(
      cohensKappa([
        [0, 0, 0],
        [0, 0.1 + 0.2, 0],
        [0, 0, 0],
      ]),
    ).toBeNull();
  });

  it('is 0, not null, when one judge always says the same but the other does not', () => {
    expect(
      cohensKappa([
        [3, 0, 0],
        [2, 0, 0],
        [5, 0, 0],
      ]),
    ).toBeCloseTo(0, 12);
  });

  it('rejects tables that are not square or hold negative or non-finite entries', () => {
    expect(() => cohensKappa([])).toThrow(
      'confusion: expected a non-empty square matrix, but received an array of length 0',
    );
    expect(() => cohensKappa([[1, 2], [3]])).toThrow(
      'confusion[1]: expected a row of 2 entries (a square matrix), but received an array of length 1',
    );
    expect(() =>
      cohensKappa([
        [1, -1],
        [0, 1],
      ]),
    ).toThrow('confusion[0][1]: expected a finite number >= 0, but received -1');
  });
});

describe('judgeAgreement', () => {
  it('reports agreement, kappa, the confusion matrix and agreement without ties on a hand-counted sample', () => {
    const pairs: JudgedPair[] = [
      { first: 'A', second: 'A' },
      { first: 'A', second: 'B' },
      { first: 'TIE', second: 'TIE' },
      { first: 'TIE', second: 'A' },
      { first: 'B', second: 'B' },
      { first: 'B', second: 'TIE' },
    ];
    // Raw: 3 of 6 agree (the two ties agree). Without ties: (A,A), (A,B), (B,B) remain, 2 agree.
    // Marginals are 2/2/2 on both sides: p_e = 1/3, κ = (1/2 − 1/3)/(2/3) = 1/4.
    expect(judgeAgreement(pairs)).toEqual({
      pairs: 6,
      agreement: 0.5,
      kappa: expect.closeTo(0.25, 12),
      confusion: [
        [1, 0, 1],
        [1, 1, 0],
        [0, 1, 1],
      ],
      pairsWithoutTies: 3,
      agreementWithoutTies: 2 / 3,
    });
  });

  it('gives 1 for perfect agreement', () => {
    const report = judgeAgreement([
      ...times(4, 'A', 'A'),
      ...times(3, 'TIE', 'TIE'),
      ...times(5, 'B', 'B'),
    ]);
    expect(report.agreement).toBe(1);
    expect(report.kappa).toBe(1);
    expect(report.agreementWithoutTies).toBe(1);
    expect(report.pairsWithoutTies).toBe(9);
  });

  it('gives kappa near 0 for two judges who decide independently', () => {
    const random = createRandom(20240601);
    const draw = (): Preference => {
      const u = random.nextFloat();
      return u < 0.45 ? 'A' : u < 0.6 ? 'TIE' : 'B';
    };
    const pairs = Array.from({ length: 20000 }, () => ({ first: draw(), second: draw() }));
    const report = judgeAgreement(pairs);
    // Raw agreement is far from 0 (≈ 0.45² + 0.15² + 0.4² = 0.385) while kappa removes it.
    expect(report.agreement).toBeGreaterThan(0.35);
    expect(Math.abs(report.kappa!)).toBeLessThan(0.02);
  });

  it('has no shares and no kappa without pairs', () => {
    expect(judgeAgreement([])).toEqual({
      pairs: 0,
      agreement: null,
      kappa: null,
      confusion: [
        [0, 0, 0],
        [0, 0, 0],
        [0, 0, 0],
      ],
      pairsWithoutTies: 0,
      agreementWithoutTies: null,
    });
  });

  it('leaves kappa undefined but agreement at 1 when both judges always say A', () => {
    const report = judgeAgreement(times(5, 'A', 'A'));
    expect(report.agreement).toBe(1);
    expect(report.kappa).toBeNull();
  });

  it('has no agreement without ties when every pair holds a tie', () => {
    const report = judgeAgreement([...times(2, 'TIE', 'A'), ...times(1, 'B', 'TIE')]);
    expect(report.pairsWithoutTies).toBe(0);
    expect(report.agreementWithoutTies).toBeNull();
    expect(report.agreement).toBe(0);
  });

  it('counts a pair of weight w like w copies in every share, while `pairs` counts entries', () => {
    const weighted = judgeAgreement([
      { first: 'A', second: 'A', weight: 3 },
      { first: 'A', second: 'B', weight: 1 },
      { first: 'TIE', second: 'B', weight: 2 },
      { first: 'B', second: 'B', weight: 0.5 },
    ]);
    const copies = judgeAgreement([
      ...times(6, 'A', 'A'),
      ...times(2, 'A', 'B'),
      ...times(4, 'TIE', 'B'),
      ...times(1, 'B', 'B'),
    ]);
    expect(weighted.pairs).toBe(4);
    expect(weighted.pairsWithoutTies).toBe(3);
    expect(weighted.confusion).toEqual([
      [3, 0, 1],
      [0, 0, 2],
      [0, 0, 0.5],
    ]);
    expect(weighted.agreement).toBeCloseTo(copies.agreement!, 12);
    expect(weighted.agreement).toBeCloseTo(3.5 / 6.5, 12);
    expect(weighted.kappa).toBeCloseTo(copies.kappa!, 12);
    expect(weighted.agreementWithoutTies).toBeCloseTo(3.5 / 4.5, 12);
  });

  it('rejects invalid preferences and weights, naming the pair', () => {
    expect(() =>
      judgeAgreement([
        { first: 'A', second: 'A' },
        { first: 'A', second: 'C' as Preference },
      ]),
    ).toThrow("pairs[1].second: expected a preference 'A', 'TIE' or 'B', but received \"C\"");
    expect(() => judgeAgreement([{ first: 'A', second: 'B', weight: -1 }])).toThrow(
      'pairs[0].weight: expected a finite number >= 0, but received -1',
    );
  });
});
