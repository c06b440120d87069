/**
 * The rows a list of verdicts will ask its loaders for, loaded before the list is returned: the
 * same batched queries the nested resolvers would start, issued up front, so those resolvers find
 * their rows ready and answer in the same tick (common/ready-loader.ts). Only what the query
 * selects is loaded.
 */
import type { GraphQLResolveInfo } from 'graphql';
import type { VerdictRow } from '../../services/catalog';
import { selectsAny } from '../common/selection';
import type { Loaders } from '../context';

/** Where a verdict sits below the connection field: as an edge's node, or in `nodes`. */
const VERDICT_PATHS = [['edges', 'node'], ['nodes']] as const;

function below(...tails: string[][]): string[][] {
  return VERDICT_PATHS.flatMap((head) => tails.map((tail) => [...head, ...tail]));
}

const JUDGE = below(['judge']);
const PROMPT = below(['prompt'], ['responseA', 'prompt'], ['responseB', 'prompt']);
const MODEL = below(['modelA'], ['modelB'], ['responseA', 'model'], ['responseB', 'model']);
const STATS = below(
  ['modelA', 'stats'],
  ['modelB', 'stats'],
  ['responseA', 'model', 'stats'],
  ['responseB', 'model', 'stats'],
);
const RESPONSE = below(['responseA'], ['responseB']);

export async function loadNestedRows(
  loaders: Loaders,
  verdicts: readonly VerdictRow[],
  info: GraphQLResolveInfo,
): Promise<void> {
  if (verdicts.length === 0) return;
  const modelIds = verdicts.flatMap((verdict) => [verdict.modelAId, verdict.modelBId]);
  const responseIds = verdicts
    .flatMap((verdict) => [verdict.responseAId, verdict.responseBId])
    .filter((id): id is number => id !== null);
  await Promise.all([
    selectsAny(info, JUDGE) && loaders.judge.loadMany(verdicts.map((verdict) => verdict.judgeId)),
    selectsAny(info, PROMPT) &&
      loaders.prompt.loadMany(verdicts.map((verdict) => verdict.promptId)),
    selectsAny(info, MODEL) && loaders.model.loadMany(modelIds),
    selectsAny(info, STATS) && loaders.modelStats.loadMany(modelIds),
    selectsAny(info, RESPONSE) && loaders.response.loadMany(responseIds),
  ]);
}
