import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { computeLeaderboard } from '../../services/leaderboard';
import { badUserInput } from '../common/errors';
import type { Context } from '../context';
import { LeaderboardInput } from './leaderboard.input';
import { Leaderboard } from './leaderboard.type';

@Resolver()
export class LeaderboardResolver {
  @Query(() => Leaderboard, { description: 'Ratings of the models over a slice of verdicts.' })
  async leaderboard(
    @Ctx() { db }: Context,
    @Arg('input', () => LeaderboardInput, { nullable: true }) input?: LeaderboardInput,
  ): Promise<Leaderboard> {
    const { method, strongVerdictWeight, ...filter } = input ?? new LeaderboardInput();
    if (strongVerdictWeight !== undefined && strongVerdictWeight !== null && !(Number.isFinite(strongVerdictWeight) && strongVerdictWeight > 0 && strongVerdictWeight <= 100)) {
      throw badUserInput(`strongVerdictWeight must be a number above 0 and at most 100, but got ${strongVerdictWeight}.`, 'input.strongVerdictWeight');
    }
    return (await computeLeaderboard(db, { method: method ?? 'BRADLEY_TERRY', filter, strongVerdictWeight })) as Leaderboard;
  }
}
