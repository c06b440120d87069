import { crowdPrefix, foldedJudgeNames } from '../../web/src/judge-names';

test('a crowd of annotators is one entry with its size; lone names and small crowds stay', () => {
  const crowd = Array.from({ length: 124 }, (_, index) => `llmfao-crowd:${index}`);
  expect(foldedJudgeNames(['gpt-4', ...crowd, 'gpt-3.5-turbo-instruct'])).toEqual([
    'gpt-4',
    '124 llmfao-crowd judges',
    'gpt-3.5-turbo-instruct',
  ]);
  expect(foldedJudgeNames(['human:1', 'human:2', 'gpt-4'])).toEqual([
    'human:1',
    'human:2',
    'gpt-4',
  ]);
  expect(foldedJudgeNames([])).toEqual([]);
});

test('the crowd prefix is the name before a trailing number', () => {
  expect(crowdPrefix('llmfao-crowd:12')).toBe('llmfao-crowd');
  expect(crowdPrefix('rater#3')).toBe('rater');
  expect(crowdPrefix('gpt-4')).toBe('gpt');
  expect(crowdPrefix('gpt-4-turbo')).toBeNull();
});
