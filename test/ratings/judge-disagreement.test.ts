import { judgeDisagreements, type JudgedVerdict } from '../../src/ratings';

let nextId = 1;
function verdict(
  promptId: number,
  modelAId: number,
  modelBId: number,
  preference: JudgedVerdict['preference'],
): JudgedVerdict {
  return { id: nextId++, promptId, modelAId, modelBId, preference };
}

test('pairs are matched either way round, and each judge counts by its majority', () => {
  const judge = [verdict(1, 1, 2, 'A'), verdict(2, 1, 2, 'A'), verdict(3, 3, 4, 'TIE')];
  // The crowd sees prompt 1 as (2, 1): B there is model 1, so they agree with the judge's A.
  const crowd = [
    verdict(1, 2, 1, 'B'),
    verdict(1, 2, 1, 'B'),
    verdict(1, 1, 2, 'B'),
    // Prompt 2: two votes for model 2 against one for model 1 — a disagreement.
    verdict(2, 1, 2, 'B'),
    verdict(2, 2, 1, 'A'),
    verdict(2, 1, 2, 'A'),
  ];
  const found = judgeDisagreements(judge, crowd);
  expect(found).toHaveLength(1);
  const [only] = found;
  expect(only).toMatchObject({ preferenceA: 'A', preferenceB: 'B', votesA: 1, votesB: 3 });
  expect(only?.verdictA).toBe(judge[1]);
  // The lowest-id verdict that voted with the crowd's majority (model 2).
  expect(only?.verdictB).toBe(crowd[3]);
});

test('preferences are told from verdictA’s side, and a split crowd is a tie', () => {
  const judge = [verdict(5, 9, 7, 'A')];
  const crowd = [verdict(5, 7, 9, 'A'), verdict(5, 7, 9, 'B')];
  const [only] = judgeDisagreements(judge, crowd);
  expect(only).toMatchObject({ preferenceA: 'A', preferenceB: 'TIE', votesB: 2 });
  // No one voted TIE: the crowd's first verdict stands for it.
  expect(only?.verdictB).toBe(crowd[0]);
});

test('pairs only one judge decided, or decided alike, are not listed; the list is in verdictA order', () => {
  const judge = [verdict(9, 1, 2, 'B'), verdict(8, 1, 2, 'B'), verdict(7, 1, 2, 'TIE')];
  const other = [verdict(8, 1, 2, 'A'), verdict(9, 2, 1, 'B'), verdict(7, 1, 2, 'TIE')];
  const found = judgeDisagreements(judge, other);
  expect(found.map((item) => item.verdictA.promptId)).toEqual([9, 8]);
  expect(judgeDisagreements(judge, [])).toEqual([]);
});
