/** The leaderboard: the table and the forest plot of the same ratings, plus style coefficients. */
import { LEADERBOARD_QUERY } from '../api/documents';
import type { Leaderboard } from '../api/types';
import { useQuery } from '../api/use-query';
import { ForestPlot } from '../components/forest-plot';
import { isSortKey, LeaderboardTable, sortEntries } from '../components/leaderboard-table';
import {
  PROVISIONAL_MIN_BATTLES,
  PROVISIONAL_WIDTH_FACTOR,
  provisionalModels,
} from '../components/provisional';
import { JudgeKindsNote } from '../components/judge-kinds-note';
import { RatedApartTable } from '../components/rated-apart-table';
import { matchesFind, ModelFilter } from '../components/model-filter';
import { Status } from '../components/status';
import { StyleCoefficientsTable } from '../components/style-coefficients-table';
import { DownloadableTable } from '../components/table-download';
import { clockTime, count } from '../format';
import { leaderboardInput } from '../state/slice';
import type { ViewProps } from './view-props';

export function LeaderboardView({ route, slice, catalog, version, setParams }: ViewProps) {
  const { data, error, loading, stale, updatedAt } = useQuery<{ leaderboard: Leaderboard }>(
    LEADERBOARD_QUERY,
    { input: leaderboardInput(slice) },
    version,
  );
  const board = data?.leaderboard ?? null;
  const sortParam = route.params.get('sort');
  const sort = isSortKey(sortParam) ? sortParam : null;
  const descending = route.params.get('dir') === 'desc';
  const provisional = board === null ? new Set<string>() : provisionalModels(board.entries);
  const find = route.params.get('find') ?? '';
  const shown = (board?.entries ?? []).filter((entry) => matchesFind(entry.model.name, find));
  return (
    <section aria-labelledby="view-title">
      <h2 id="view-title">Leaderboard</h2>
      <Status loading={loading && board === null} error={error} shownFrom={updatedAt} />
      {board !== null && (
        <div class={stale ? 'stale' : ''} data-stale={stale ? 'true' : 'false'}>
          <JudgeKindsNote kinds={board.judgeKinds} slice={slice} catalog={catalog} route={route} />
          {board.problem !== null && (
            <p class="warning" role="note">
              {board.problem}
            </p>
          )}
          {board.styleCoverage && (
            <p
              class={
                board.styleCoverage.verdictsWithStyle < board.styleCoverage.verdictsInSlice
                  ? 'warning'
                  : 'note'
              }
              role="note"
              data-style-coverage
            >
              Style control rates {count(board.styleCoverage.verdictsWithStyle)} of the slice’s{' '}
              {count(board.styleCoverage.verdictsInSlice)} verdicts: only those with both answers’
              style counts.
            </p>
          )}
          {board.intervalUnavailableReason && (
            <p class="warning" role="note">
              No intervals: {board.intervalUnavailableReason}
            </p>
          )}
          <div class="board-tools">
            <ModelFilter
              find={find}
              shown={shown.length}
              total={board.entries.length}
              onFind={(next) => setParams({ find: next })}
            />
            <a href="#forest-plot">Forest plot ↓</a>
            {updatedAt !== null && (
              <span class="note" data-updated={String(updatedAt)}>
                Updated {clockTime(updatedAt)}
                {board.cached ? ' (from the server’s cache)' : ''}
              </span>
            )}
          </div>
          <div class="board-layout" data-ready={loading ? 'false' : 'true'}>
            <DownloadableTable name="leaderboard">
              <LeaderboardTable
                board={board}
                entries={sortEntries(shown, sort, descending)}
                sort={sort}
                descending={descending}
                provisional={provisional}
                onSort={(key, desc) => setParams({ sort: key, dir: desc ? 'desc' : null })}
              />
            </DownloadableTable>
            <ForestPlot
              entries={shown}
              confidenceLevel={board.confidenceLevel}
              provisional={provisional}
            />
          </div>
          <RatedApartTable models={board.ratedApart} confidenceLevel={board.confidenceLevel} />
          <p class="note" id="rank-rule">
            Rank: 1 + the number of models whose interval lies wholly above this one, so models
            whose intervals overlap share a rank, and a rank need not follow the rating order.{' '}
            <span class="badge">provisional</span>: fewer than {PROVISIONAL_MIN_BATTLES} battles, or
            an interval over {PROVISIONAL_WIDTH_FACTOR}× the median width.
          </p>
          <StyleCoefficientsTable coefficients={board.styleCoefficients ?? []} />
        </div>
      )}
    </section>
  );
}
