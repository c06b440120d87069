import { krippendorffAlpha } from '../../src/ratings/krippendorff-alpha';
import { RatingArgumentError } from '../../src/ratings/errors';

/**
 * Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: four observers,
 * twelve units, values 1–5, some missing. Unit 12 has a single value and pairs with nothing.
 * Published: α nominal 0.743, ordinal 0.815, interval 0.849 (evalica's test_alpha.py checks the
 * same data's nominal value, 0.7434211).
 */
const WORKED_EXAMPLE = [
  [1, 1, 1],
  [2, 2, 3, 2],
  [3, 3, 3, 3],
  [3, 3, 3, 3],
  [2, 2, 2, 2],
  [1, 2, 3, 4],
  [4, 4, 4, 4],
  [1, 1, 2, 1],
  [2, 2, 2, 2],
  [5, 5, 5],
  [1, 1],
  [3],
];

describe('krippendorffAlpha', () => {
  test.each([
    ['NOMINAL', 0.743],
    ['ORDINAL', 0.815],
    ['INTERVAL', 0.849],
  ] as const)(
    "gives Krippendorff's published %s alpha on his worked example",
    (level, published) => {
      const report = krippendorffAlpha(WORKED_EXAMPLE, level);
      expect(report.alpha).toBeCloseTo(published, 3);
      expect(report).toMatchObject({ pairableUnits: 11, pairableValues: 40 });
    },
  );

  test('matches evalica to seven digits on the nominal example', () => {
    expect(krippendorffAlpha(WORKED_EXAMPLE, 'NOMINAL').alpha).toBeCloseTo(0.7434211, 7);
  });

  test('is 1 for perfect agreement and null when every value is the same', () => {
    expect(
      krippendorffAlpha(
        [
          [1, 1],
          [2, 2, 2],
          [3, 3],
        ],
        'NOMINAL',
      ).alpha,
    ).toBe(1);
    const uniform = krippendorffAlpha(
      [
        [2, 2],
        [2, 2, 2],
      ],
      'ORDINAL',
    );
    expect(uniform).toMatchObject({
      alpha: null,
      pairableUnits: 2,
      pairableValues: 5,
      expectedDisagreement: 0,
    });
  });

  test('leaves out units with one value, and a level or value it cannot read is an error', () => {
    expect(krippendorffAlpha([[1], [2]], 'NOMINAL')).toMatchObject({
      alpha: null,
      pairableUnits: 0,
    });
    expect(() => krippendorffAlpha([[1, Number.NaN]], 'NOMINAL')).toThrow(RatingArgumentError);
    expect(() => krippendorffAlpha([[1, 2]], 'RATIO' as never)).toThrow(
      /'NOMINAL', 'ORDINAL' or 'INTERVAL'/,
    );
  });
});
