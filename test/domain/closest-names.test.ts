import { closestNames, editDistance } from '../../src/domain/closest-names';

const JUDGES = [
  'gpt-4',
  'gpt-4@v1',
  'gpt-4-1106-preview',
  'gpt-3.5-turbo-instruct',
  'llmfao-crowd',
];

test('edit distance counts insertions, deletions and substitutions', () => {
  expect(editDistance('gpt4', 'gpt-4')).toBe(1);
  expect(editDistance('kitten', 'sitting')).toBe(3);
  expect(editDistance('', 'abc')).toBe(3);
  expect(editDistance('same', 'same')).toBe(0);
});

test('a different case comes first, then prefixes, then the nearest by edit distance', () => {
  expect(closestNames('GPT-4', JUDGES)).toEqual(['gpt-4', 'gpt-4@v1', 'gpt-4-1106-preview']);
  expect(closestNames('gpt4', JUDGES)).toEqual(['gpt-4', 'gpt-4@v1', 'gpt-4-1106-preview']);
  expect(closestNames('llmfao', JUDGES, 1)).toEqual(['llmfao-crowd']);
  expect(closestNames('GPT4-1106', JUDGES, 1)).toEqual(['gpt-4-1106-preview']);
  expect(closestNames('gpt-3.5-turbo', JUDGES, 1)).toEqual(['gpt-3.5-turbo-instruct']);
});

test('ties go by code-point order, and nothing known gives nothing', () => {
  expect(closestNames('b', ['c', 'a'])).toEqual(['a', 'c']);
  expect(closestNames('x', [])).toEqual([]);
});

test('a huge value or catalogue costs a bounded amount: both are cut', () => {
  const many = Array.from({ length: 50_000 }, (_, i) => `model-${i}`);
  expect(closestNames('m'.repeat(1_000_000), many)).toHaveLength(3);
});
