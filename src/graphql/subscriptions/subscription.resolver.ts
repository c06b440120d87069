/**
 * The live side of the API, served over WebSocket (graphql-ws) at the GraphQL path. Each field's
 * `subscribe` builds the event stream; the method maps one event to the result, with the
 * context's loaders renewed at the event's data version.
 */
import { Arg, Ctx, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import type { Context } from '../context';
import { Leaderboard } from '../leaderboard/leaderboard.type';
import { LeaderboardInput } from '../leaderboard/leaderboard.input';
import { leaderboardAnswer, leaderboardRequest } from '../leaderboard/leaderboard.resolver';
import { toVerdictFilter, VerdictFilterInput } from '../verdict/verdict-filter.input';
import { leaderboardChanges, type LeaderboardEvent } from './leaderboard-changes';
import { verdictFeed, type RecordedBatch } from './verdict-feed';
import { VerdictsRecordedEvent } from './verdicts-recorded.type';

type SubscribeData = SubscribeResolverData<unknown, Record<string, unknown>, Context>;

export class SubscriptionResolver {
  @Subscription(() => Leaderboard, {
    description:
      'The leaderboard of `leaderboard(input:)`, sent at once and again whenever a write changes it; at most one event per second by default (VERDICTS_WS_COALESCE_MS), so a burst of batches gives one.',
    subscribe: ({ args, context }: SubscribeData) =>
      leaderboardChanges(context, leaderboardRequest(args.input as LeaderboardInput | undefined)),
  })
  leaderboardChanged(
    @Root() event: LeaderboardEvent,
    @Ctx() context: Context,
    @Arg('input', () => LeaderboardInput, {
      nullable: true,
      description: 'The same input as the `leaderboard` query; default all verdicts.',
    })
    input?: LeaderboardInput,
  ): Leaderboard {
    context.renew(event.version);
    const { filter } = leaderboardRequest(input);
    return leaderboardAnswer(event.leaderboard, event.cached, context.loaders, filter);
  }

  @Subscription(() => VerdictsRecordedEvent, {
    description:
      "Each committed batch's new verdicts that match the filter (none sent for a batch without a match), for live feeds.",
    subscribe: ({ args, context }: SubscribeData) =>
      verdictFeed(context, toVerdictFilter(args.filter as VerdictFilterInput | undefined)),
  })
  verdictsRecorded(
    @Root() batch: RecordedBatch,
    @Ctx() context: Context,
    @Arg('filter', () => VerdictFilterInput, {
      nullable: true,
      description: 'Which new verdicts to send; default all.',
    })
    _filter?: VerdictFilterInput,
  ): VerdictsRecordedEvent {
    context.renew(batch.version);
    for (const verdict of batch.verdicts) context.loaders.verdict.prime(verdict.id, verdict);
    return {
      verdicts: batch.verdicts,
      dataVersion: batch.version,
      missedBatches: batch.missedBatches,
    };
  }
}
