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
import { Status } from '../components/status';
import { count, decimal, rating } from '../format';
import { leaderboardInput } from '../state/slice';
import type { ViewProps } from './view-props';

export function LeaderboardView({ route, slice, catalog, version, setParams }: ViewProps) {
  const { data, error, loading } = useQuery<{ leaderboard: Leaderboard }>(
    LEADERBOARD_QUERY,
    { input: leaderboardInput(slice) },
    version,
  );
  const board = data?.leaderboard ?? null;
  const sortParam = route.params.get('sort');
  const sort = isSortKey(sortParam) ? sortParam : null;
  const descending = route.params.get('dir') === 'desc';
  const provisional = board === null ? new Set<string>() : provisionalModels(board.entries);
  return (
    <section aria-labelledby="view-title">
      <h2 id="view-title">Leaderboard</h2>
      <Status loading={loading && board === null} error={error} />
      {board !== null && (
        <>
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
          <div class="board-layout" data-ready={loading ? 'false' : 'true'}>
            <LeaderboardTable
              board={board}
              entries={sortEntries(board.entries, sort, descending)}
              sort={sort}
              descending={descending}
              provisional={provisional}
              params={route.params}
              onSort={(key, desc) => setParams({ sort: key, dir: desc ? 'desc' : null })}
            />
            <ForestPlot
              entries={board.entries}
              confidenceLevel={board.confidenceLevel}
              provisional={provisional}
            />
          </div>
          <RatedApartTable models={board.ratedApart} confidenceLevel={board.confidenceLevel} />
          <p class="note">
            Rank: 1 + the number of models whose interval lies wholly above this one.{' '}
            <span class="badge">provisional</span>: fewer than {PROVISIONAL_MIN_BATTLES} battles, or
            an interval over {PROVISIONAL_WIDTH_FACTOR}× the median width.
            {board.cached ? ' Served from the server’s cache.' : ''}
          </p>
          {board.styleCoefficients && board.styleCoefficients.length > 0 && (
            <table class="compact">
              <caption>Style coefficients (fitted with the ratings)</caption>
              <thead>
                <tr>
                  <th scope="col">Feature</th>
                  <th scope="col" class="num">
                    Log-odds per SD
                  </th>
                  <th scope="col" class="num">
                    Interval
                  </th>
                  <th scope="col" class="num">
                    Elo points per SD
                  </th>
                </tr>
              </thead>
              <tbody>
                {board.styleCoefficients.map((coefficient) => (
                  <tr key={coefficient.feature}>
                    <th scope="row">{coefficient.feature}</th>
                    <td class="num">{decimal(coefficient.coefficient)}</td>
                    <td class="num">
                      {coefficient.ciLower !== null &&
                      coefficient.ciLower !== undefined &&
                      coefficient.ciUpper !== null &&
                      coefficient.ciUpper !== undefined
                        ? `${decimal(coefficient.ciLower)} – ${decimal(coefficient.ciUpper)}`
                        : '–'}
                    </td>
                    <td class="num">{rating(coefficient.eloPointsPerStandardDeviation)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
