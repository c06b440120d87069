import {
  flipPreference,
  majorityPreference,
  OUTCOME_LABELS,
  preferenceOf,
  swapLabel,
  type OutcomeLabel,
  type Preference,
} from '../../src/ratings';

describe('preferenceOf', () => {
  it.each<[OutcomeLabel, Preference]>([
    ['A>>B', 'A'],
    ['A>B', 'A'],
    ['A=B', 'TIE'],
    ['BOTH_BAD', 'TIE'],
    ['B>A', 'B'],
    ['B>>A', 'B'],
  ])('reduces %s to %s', (label, preference) => {
    expect(preferenceOf(label)).toBe(preference);
    expect(preferenceOf(label, null)).toBe(preference);
  });

  it('lets a soft preference for A decide over the label', () => {
    expect(preferenceOf('B>>A', 0.51)).toBe('A');
    expect(preferenceOf('A>>B', 0.49)).toBe('B');
    expect(preferenceOf('A>B', 0.5)).toBe('TIE');
    expect(preferenceOf('A=B', 1)).toBe('A');
    expect(preferenceOf('A=B', 0)).toBe('B');
  });

  it('agrees with swapLabel: a label and its swap are opposite preferences', () => {
    for (const label of OUTCOME_LABELS) {
      expect(preferenceOf(swapLabel(label))).toBe(flipPreference(preferenceOf(label)));
    }
  });

  it('rejects unknown labels and soft preferences outside [0, 1]', () => {
    expect(() => preferenceOf('A>C' as OutcomeLabel)).toThrow(
      'label: expected an outcome label (A>>B, A>B, A=B, B>A, B>>A, BOTH_BAD), but received "A>C"',
    );
    expect(() => preferenceOf('A>B', 1.5)).toThrow(
      'preferenceA: expected a number in [0, 1], but received 1.5',
    );
    expect(() => preferenceOf('A>B', Number.NaN)).toThrow(
      'preferenceA: expected a number in [0, 1], but received NaN',
    );
  });
});

describe('flipPreference', () => {
  it('swaps A and B and keeps a tie', () => {
    expect(flipPreference('A')).toBe('B');
    expect(flipPreference('B')).toBe('A');
    expect(flipPreference('TIE')).toBe('TIE');
  });

  it('rejects anything but a preference', () => {
    expect(() => flipPreference('tie' as Preference)).toThrow(
      "preference: expected a preference 'A', 'TIE' or 'B', but received \"tie\"",
    );
  });
});

describe('majorityPreference', () => {
  it('is null without votes', () => {
    expect(majorityPreference([])).toBeNull();
  });

  it('takes the preference with the most votes', () => {
    expect(majorityPreference(['A'])).toBe('A');
    expect(majorityPreference(['A', 'B', 'A'])).toBe('A');
    expect(majorityPreference(['B', 'TIE', 'B', 'A'])).toBe('B');
    expect(majorityPreference(['TIE', 'A', 'TIE'])).toBe('TIE');
  });

  it('calls a tie in the vote counts a TIE', () => {
    expect(majorityPreference(['A', 'B'])).toBe('TIE');
    expect(majorityPreference(['A', 'TIE'])).toBe('TIE');
    expect(majorityPreference(['B', 'B', 'TIE', 'TIE', 'A'])).toBe('TIE');
    expect(majorityPreference(['A', 'A', 'B', 'B', 'TIE', 'TIE'])).toBe('TIE');
  });

  it('rejects a vote that is not a preference, naming its index', () => {
    expect(() => majorityPreference(['A', 'left' as Preference])).toThrow(
      "votes[1]: expected a preference 'A', 'TIE' or 'B', but received \"left\"",
    );
  });
});
