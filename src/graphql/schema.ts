import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema, type PubSub } from 'type-graphql';
import { DateTimeScalar } from './common/date-time.scalar';
import { useFastInputFieldMaps } from './common/fast-input-fields';
import { ApiKeyResolver } from './api-key/api-key.resolver';
import { CategoryResolver } from './category/category.resolver';
import { ComparisonResolver } from './comparison/comparison.resolver';
import { DataVersionResolver } from './data-version/data-version.resolver';
import { HeadToHeadResolver } from './head-to-head/head-to-head.resolver';
import { JudgeQualityResolver } from './judge-quality/judge-quality.resolver';
import { JudgeDisagreementResolver } from './judge-quality/judge-disagreement.resolver';
import { JudgeResolver } from './judge/judge.resolver';
import {
  LeaderboardEntryResolver,
  RatedApartModelResolver,
  LeaderboardResolver,
  WinRateResolver,
} from './leaderboard/leaderboard.resolver';
import { ModelResolver } from './model/model.resolver';
import { ModelHistoryResolver } from './model/model-history.resolver';
import { ModelProfileResolver } from './model/model-profile.resolver';
import { PromptResolver } from './prompt/prompt.resolver';
import { ResponseResolver } from './response/response.resolver';
import { SubscriptionResolver } from './subscriptions/subscription.resolver';
import { VerdictResolver, VerdictResultResolver } from './verdict/verdict.resolver';
import {
  ReviewClaimResolver,
  ReviewItemResolver,
  SubmitReviewVotePayloadResolver,
} from './review-queue/review-claim.resolver';
import { ReviewQueueResolver } from './review-queue/review-queue.resolver';
import { ReviewerQualityResolver } from './judge-quality/reviewer-quality.resolver';
import {
  AnswerMatchResolver,
  PromptSearchHitResolver,
  SearchResolver,
} from './search/search.resolver';
import { NextComparisonsResolver } from './next-comparisons/next-comparisons.resolver';

export const RESOLVERS = [
  ModelResolver,
  ModelHistoryResolver,
  ModelProfileResolver,
  JudgeResolver,
  PromptResolver,
  ResponseResolver,
  VerdictResolver,
  VerdictResultResolver,
  LeaderboardResolver,
  LeaderboardEntryResolver,
  RatedApartModelResolver,
  WinRateResolver,
  HeadToHeadResolver,
  ComparisonResolver,
  JudgeQualityResolver,
  JudgeDisagreementResolver,
  ApiKeyResolver,
  SubscriptionResolver,
  DataVersionResolver,
  CategoryResolver,
  // Review queues (issue 22 §2)
  ReviewQueueResolver,
  ReviewClaimResolver,
  ReviewItemResolver,
  SubmitReviewVotePayloadResolver,
  // Reviewer quality (issue 22 §2)
  ReviewerQualityResolver,
  // Search (issue 23)
  SearchResolver,
  PromptSearchHitResolver,
  AnswerMatchResolver,
  // What to judge next (issue 22 §1)
  NextComparisonsResolver,
] as const;

let cached: Promise<GraphQLSchema> | null = null;

/**
 * type-graphql insists on a PubSub once there are subscriptions, but each of ours builds its own
 * stream (`subscribe`, fed by data-changes.ts across processes); topics are never used.
 */
const NO_TOPICS: PubSub = {
  publish: () => {
    throw new Error('Subscriptions here have no topics; writes reach them through NOTIFY.');
  },
  subscribe: () => {
    throw new Error('Subscriptions here have no topics; each field builds its own stream.');
  },
};

/**
 * Arguments are checked by the services with coded errors, so type-graphql's class-validator
 * integration stays off (its errors would echo the input back).
 */
export function buildVerdictsSchema(): Promise<GraphQLSchema> {
  cached ??= buildSchema({
    resolvers: RESOLVERS,
    validate: false,
    pubSub: NO_TOPICS,
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
  })
    .then(describeRootTypes)
    .then(useFastInputFieldMaps);
  return cached;
}

/** type-graphql names the root types but cannot describe them; Sandbox's Docs panel shows these. */
function describeRootTypes(schema: GraphQLSchema): GraphQLSchema {
  const query = schema.getQueryType();
  const mutation = schema.getMutationType();
  const subscription = schema.getSubscriptionType();
  if (query)
    query.description =
      'Reads: leaderboards, judge quality, review queues, and the stored models, prompts, answers and verdicts.';
  if (mutation)
    mutation.description =
      'Writes: recording, correcting and deleting verdicts, review queues and their votes, and managing API keys.';
  if (subscription)
    subscription.description =
      'Live updates over WebSocket (graphql-ws, same path as queries): leaderboards and new verdicts.';
  return schema;
}

/** The SDL committed as `schema.graphql`; a test fails when the file is stale. */
export async function printVerdictsSchema(): Promise<string> {
  const header = '# Emitted from the code by `npm run schema:emit`. Do not edit by hand.\n\n';
  return header + printSchema(lexicographicSortSchema(await buildVerdictsSchema())) + '\n';
}
