import { mustGet } from '../domain/invariant';
import { checkNonNegativeInteger } from './arguments';
import type { RandomSource } from './random';

/** One model's stored answer to one prompt: what a comparison is drawn from. */
export interface CandidateAnswer {
  promptId: number;
  modelId: number;
  responseId: number;
}

export interface DesignedComparison {
  promptId: number;
  modelAId: number;
  modelBId: number;
  responseAId: number;
  responseBId: number;
  shownFirst: 'A' | 'B';
}

/**
 * `count` distinct comparisons (prompt, unordered model pair) drawn without replacement: a model
 * pair uniformly among the pairs with an unused common prompt, then one of those prompts
 * uniformly. Uniform over pairs, not over prompts, so that pairs answering many prompts do not
 * crowd out the others (the "uniform random pairs" baseline of Chatbot Arena's sampling
 * discussion, Chiang et al. 2024 §5). Which model is A and which answer is shown first are fair
 * coin flips. Returns null with the number available when fewer than `count` exist.
 * `answers`: at most one per (prompt, model).
 */
export function designUniformComparisons(
  answers: readonly CandidateAnswer[],
  count: number,
  random: RandomSource,
): { comparisons: DesignedComparison[] } | { comparisons: null; available: number } {
  checkNonNegativeInteger('count', count);
  const byModel = new Map<number, Map<number, number>>();
  for (const answer of answers) {
    let prompts = byModel.get(answer.modelId);
    if (!prompts) byModel.set(answer.modelId, (prompts = new Map<number, number>()));
    prompts.set(answer.promptId, answer.responseId);
  }
  const modelIds = [...byModel.keys()].sort((a, b) => a - b);
  const pairs: { first: number; second: number; prompts: Int32Array; used: number }[] = [];
  let available = 0;
  for (let i = 0; i < modelIds.length; i += 1) {
    const first = mustGet(byModel, modelIds[i], 'model');
    for (let j = i + 1; j < modelIds.length; j += 1) {
      const second = mustGet(byModel, modelIds[j], 'model');
      const common = [...first.keys()].filter((prompt) => second.has(prompt)).sort((a, b) => a - b);
      if (common.length === 0) continue;
      pairs.push({
        first: modelIds[i],
        second: modelIds[j],
        prompts: Int32Array.from(common),
        used: 0,
      });
      available += common.length;
    }
  }
  if (available < count) return { comparisons: null, available };

  const pick = (bound: number) => Math.floor(random.nextFloat() * bound);
  const comparisons: DesignedComparison[] = [];
  let active = pairs.length;
  while (comparisons.length < count) {
    const index = pick(active);
    const pair = pairs[index];
    // A partial Fisher–Yates shuffle of the pair's prompts: the unused ones stay after `used`.
    const chosen = pair.used + pick(pair.prompts.length - pair.used);
    const promptId = pair.prompts[chosen];
    pair.prompts[chosen] = pair.prompts[pair.used];
    pair.prompts[pair.used] = promptId;
    pair.used += 1;
    if (pair.used === pair.prompts.length) {
      pairs[index] = pairs[active - 1];
      pairs[active - 1] = pair;
      active -= 1;
    }
    const [modelAId, modelBId] =
      random.nextFloat() < 0.5 ? [pair.first, pair.second] : [pair.second, pair.first];
    comparisons.push({
      promptId,
      modelAId,
      modelBId,
      responseAId: mustGet(mustGet(byModel, modelAId, 'model'), promptId, 'answer'),
      responseBId: mustGet(mustGet(byModel, modelBId, 'model'), promptId, 'answer'),
      shownFirst: random.nextFloat() < 0.5 ? 'A' : 'B',
    });
  }
  return { comparisons };
}

/** The seeded Fisher–Yates shuffle of `items`, a new array. */
export function shuffled<T>(items: readonly T[], random: RandomSource): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random.nextFloat() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}
