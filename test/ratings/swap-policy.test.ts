import { applySwapPolicy, type PolicyVerdict } from '../../src/ratings';

const v = (
  modelA: number,
  modelB: number,
  outcome: PolicyVerdict['outcome'],
  preferenceA: number | null = null,
): PolicyVerdict => ({ modelA, modelB, outcome, preferenceA });

// Pair 1 agrees (0 wins both games), pair 2 contradicts itself, pair 3 is a one-sided tie, and a lone verdict has no partner.
const consistent = [v(0, 1, 'A>>B'), v(1, 0, 'B>A')];
const inconsistent = [v(0, 2, 'A>B'), v(2, 0, 'A>B')];
const oneSidedTie = [v(1, 2, 'A=B'), v(2, 1, 'B>>A')];
const lone = [v(0, 3, 'B>A')];
const groups = [consistent, inconsistent, oneSidedTie, lone];

test('KEEP_BOTH counts every game', () => {
  expect(applySwapPolicy(groups, 'KEEP_BOTH')).toHaveLength(7);
});

test("MERGE turns each swap pair into one verdict by MT-Bench's rule and keeps lone verdicts", () => {
  expect(applySwapPolicy(groups, 'MERGE')).toEqual([
    v(0, 1, 'A>B'),
    v(0, 2, 'A=B'),
    v(1, 2, 'A=B'),
    v(0, 3, 'B>A'),
  ]);
});

test('DROP_INCONSISTENT leaves out only the pairs that name opposite winners', () => {
  expect(applySwapPolicy(groups, 'DROP_INCONSISTENT')).toEqual([
    ...consistent,
    ...oneSidedTie,
    ...lone,
  ]);
});

test("a soft preference decides the game's winner", () => {
  // In the second game model 1 is A: p = 0.45 means model 0 wins again, p = 0.55 that model 1 does.
  expect(applySwapPolicy([[v(0, 1, 'A>B', 0.7), v(1, 0, 'B>A', 0.45)]], 'MERGE')).toEqual([
    v(0, 1, 'A>B'),
  ]);
  expect(applySwapPolicy([[v(0, 1, 'A>B', 0.7), v(1, 0, 'A>B', 0.55)]], 'MERGE')).toEqual([
    v(0, 1, 'A=B'),
  ]);
});
