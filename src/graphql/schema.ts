import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { ApiKeyResolver } from './api-key/api-key.resolver';
import { CategoryResolver } from './category/category.resolver';
import { DataVersionResolver } from './data-version/data-version.resolver';
import { HeadToHeadResolver } from './head-to-head/head-to-head.resolver';
import { JudgeQualityResolver } from './judge-quality/judge-quality.resolver';
import { JudgeResolver } from './judge/judge.resolver';
import { LeaderboardEntryResolver, LeaderboardResolver, WinRateResolver } from './leaderboard/leaderboard.resolver';
import { ModelResolver } from './model/model.resolver';
import { PromptResolver } from './prompt/prompt.resolver';
import { ResponseResolver } from './response/response.resolver';
import { VerdictResolver, VerdictResultResolver } from './verdict/verdict.resolver';

export const RESOLVERS = [
  ModelResolver,
  JudgeResolver,
  PromptResolver,
  ResponseResolver,
  VerdictResolver,
  VerdictResultResolver,
  LeaderboardResolver,
  LeaderboardEntryResolver,
  WinRateResolver,
  HeadToHeadResolver,
  JudgeQualityResolver,
  ApiKeyResolver,
  DataVersionResolver,
  CategoryResolver,
] as const;

let cached: Promise<GraphQLSchema> | null = null;

/**
 * Arguments are checked by the services with coded errors, so type-graphql's class-validator
 * integration stays off (its errors would echo the input back).
 */
export function buildVerdictsSchema(): Promise<GraphQLSchema> {
  cached ??= buildSchema({ resolvers: RESOLVERS, validate: false });
  return cached;
}

/** The SDL committed as `schema.graphql`; a test fails when the file is stale. */
export async function printVerdictsSchema(): Promise<string> {
  const header = '# Emitted from the code by `npm run schema:emit`. Do not edit by hand.\n\n';
  return header + printSchema(lexicographicSortSchema(await buildVerdictsSchema())) + '\n';
}
