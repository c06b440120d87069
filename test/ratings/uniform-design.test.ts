import { createRandom } from '../../src/ratings/random';
import { designUniformComparisons, type CandidateAnswer } from '../../src/ratings/uniform-design';

/** `models` models answering prompts 0..prompts-1, except where `missing` says. */
function answers(models: number, prompts: number, missing = new Set<string>()): CandidateAnswer[] {
  const list: CandidateAnswer[] = [];
  for (let m = 0; m < models; m += 1)
    for (let p = 0; p < prompts; p += 1)
      if (!missing.has(`${m}:${p}`))
        list.push({ promptId: p, modelId: m, responseId: 1000 * m + p });
  return list;
}

const key = (c: { promptId: number; modelAId: number; modelBId: number }) =>
  `${c.promptId}:${Math.min(c.modelAId, c.modelBId)}:${Math.max(c.modelAId, c.modelBId)}`;

test('comparisons are distinct, use both models’ own answers, and the same seed gives the same draw', () => {
  const pool = answers(5, 6);
  const design = designUniformComparisons(pool, 40, createRandom(7));
  expect(design.comparisons).not.toBeNull();
  const comparisons = design.comparisons ?? [];
  expect(new Set(comparisons.map(key)).size).toBe(40);
  for (const c of comparisons) {
    expect(c.modelAId).not.toBe(c.modelBId);
    expect(c.responseAId).toBe(1000 * c.modelAId + c.promptId);
    expect(c.responseBId).toBe(1000 * c.modelBId + c.promptId);
  }
  expect(designUniformComparisons(pool, 40, createRandom(7))).toEqual(design);
  expect(designUniformComparisons(pool, 40, createRandom(8))).not.toEqual(design);
});

test('only prompts both models answered are used, and asking for more than exist says how many do', () => {
  // Model 2 answered prompt 0 only: its pairs have one common prompt each.
  const missing = new Set(['2:1', '2:2']);
  const pool = answers(3, 3, missing);
  // Pairs (0,1): 3 prompts; (0,2) and (1,2): 1 each.
  expect(designUniformComparisons(pool, 6, createRandom(1))).toEqual({
    comparisons: null,
    available: 5,
  });
  const all = designUniformComparisons(pool, 5, createRandom(1)).comparisons ?? [];
  expect(all.map(key).sort()).toEqual(['0:0:1', '0:0:2', '0:1:2', '1:0:1', '2:0:1']);
});

test('pairs are drawn uniformly, not in proportion to their prompts, and orders are fair coins', () => {
  // Pair (0,1) shares 200 prompts; pairs with model 2 share 200 too, but model 3 answered only
  // prompts 0..19, so its three pairs have 20 each: uniform pairs still give them a sixth each.
  const missing = new Set<string>();
  for (let p = 20; p < 200; p += 1) missing.add(`3:${p}`);
  const pool = answers(4, 200, missing);
  const comparisons = designUniformComparisons(pool, 60, createRandom(3)).comparisons ?? [];
  const withModel3 = comparisons.filter((c) => c.modelAId === 3 || c.modelBId === 3).length;
  // Expected 30 of 60 (3 of 6 pairs); proportional to prompts it would be about 4.
  expect(withModel3).toBeGreaterThan(18);
  expect(withModel3).toBeLessThan(42);
  const shownA = comparisons.filter((c) => c.shownFirst === 'A').length;
  expect(shownA).toBeGreaterThan(15);
  expect(shownA).toBeLessThan(45);
});
