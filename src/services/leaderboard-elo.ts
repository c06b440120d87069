/** Online Elo leaderboards: the verdicts in time order, rated in one streaming pass. */
import type { Database } from '../db/client';
import { onlineElo } from '../ratings';
import { isStrong, scoreOfA } from '../ratings/outcomes';
import type { ResolvedLeaderboardRequest } from './leaderboard-request';
import type { ModelIndex } from './leaderboard-slice';
import { NO_RATINGS, type LeaderboardRatings } from './leaderboard-types';
import { outcomesInTimeOrder } from './verdict-stream';

export async function eloRatings(
  db: Database,
  request: ResolvedLeaderboardRequest,
  index: ModelIndex,
  anchor: { model: number; rating: number } | null,
): Promise<LeaderboardRatings> {
  const ordered = await outcomesInTimeOrder(db, request.filter);
  // One pass: each verdict is rated as the stream yields it, never held in an array.
  function* matches() {
    for (const row of ordered) {
      yield {
        modelA: index.of(row.modelAId),
        modelB: index.of(row.modelBId),
        score: row.preferenceA ?? scoreOfA(row.outcome),
        weight: isStrong(row.outcome) ? request.strongVerdictWeight : 1,
      };
    }
  }
  const ratings = onlineElo(matches(), index.size);
  // Elo has an absolute start (1000), so an anchor is a plain shift of every rating.
  const shift = anchor === null ? 0 : anchor.rating - ratings[anchor.model];
  return {
    ...NO_RATINGS,
    ratings: ratings.map((rating) => rating + shift),
    intervalUnavailableReason:
      'online Elo gives no interval: its ratings depend on the order of the verdicts; use BRADLEY_TERRY',
  };
}
