/**
 * One model's page (/models/<name>): its rating over time on the slice's leaderboard, its win
 * rate against each opponent, its categories, its answers' length and markdown against the
 * field, and its latest battles. One request (MODEL_PAGE_QUERY); an unknown name shows the
 * API's coded message with the closest names as links.
 */
import { ApiError } from '../api/client';
import { MODEL_PAGE_QUERY } from '../api/documents';
import type { ModelPage } from '../api/types';
import { useQuery } from '../api/use-query';
import { ModelLink, sliceParams } from '../components/model-link';
import { Status } from '../components/status';
import { RatingHistoryChart } from '../components/rating-history-chart';
import { DownloadableTable } from '../components/table-download';
import { count, interval, rating } from '../format';
import { leaderboardInput, verdictFilter, withoutNulls, type Slice } from '../state/slice';
import { AnswerStyleTable, CategoriesTable, OpponentsTable, RecentBattles } from './model-tables';
import type { ViewProps } from './view-props';

/** The history is plain Bradley–Terry with sandwich intervals: only the slice's filters and gauge carry over. */
function historyBoard(slice: Slice): Record<string, unknown> {
  return withoutNulls({
    ...verdictFilter(slice),
    confidenceLevel: slice.level,
    anchor:
      slice.anchor === null ? null : { model: slice.anchor, rating: slice.anchorRating ?? 1000 },
    strongVerdictWeight: slice.strongWeight,
  });
}

/** `closest known models: "a", "b"` in the API's message, as names. */
function suggestedNames(message: string): string[] {
  const list = /closest known models: (.*)\)\.?$/.exec(message)?.[1] ?? '';
  return [...list.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map(
    (match) => JSON.parse(`"${match[1]}"`) as string,
  );
}

export function ModelView({ route, slice, version, setParams }: ViewProps) {
  const model = route.id ?? '';
  const every = route.params.get('every') === 'WEEK' ? 'WEEK' : 'DAY';
  const { data, error, loading, stale, updatedAt } = useQuery<ModelPage>(
    MODEL_PAGE_QUERY,
    {
      model,
      history: { model, leaderboard: historyBoard(slice), interval: every },
      filter: withoutNulls(verdictFilter(slice)),
      board: leaderboardInput(slice),
    },
    version,
  );
  const unknown =
    error instanceof ApiError &&
    error.code === 'BAD_USER_INPUT' &&
    // modelHistory says input.model, modelProfile model: which comes first varies by driver.
    /^(input\.)?model /.test(error.message);
  const params = sliceParams(route.params);
  const history = data?.modelHistory ?? null;
  const latest = history?.points.at(-1) ?? null;
  const level = `${Math.round((history?.confidenceLevel ?? 0.95) * 100)}%`;
  return (
    <section aria-labelledby="view-title" class="model-page">
      <h2 id="view-title">{model}</h2>
      {unknown ? (
        <div class="error" role="alert" data-unknown-model="">
          <p>
            <strong>No such model.</strong> {error.message}
          </p>
          {suggestedNames(error.message).length > 0 && (
            <p>
              Did you mean:{' '}
              {suggestedNames(error.message).map((name, i) => (
                <>
                  {i > 0 && ', '}
                  <ModelLink name={name} />
                </>
              ))}
              ?
            </p>
          )}
        </div>
      ) : (
        <Status loading={loading && data === null} error={error} shownFrom={updatedAt} />
      )}
      {data !== null && history !== null && !unknown && (
        <div
          class={stale ? 'stale' : ''}
          data-stale={stale ? 'true' : 'false'}
          data-ready={loading ? 'false' : 'true'}
        >
          {latest !== null && (
            <p class="model-summary" data-latest="">
              Latest: rating <strong data-latest-rating="">{rating(latest.rating)}</strong> ({level}{' '}
              interval {interval(latest.ciLower, latest.ciUpper)}), rank{' '}
              <strong data-latest-rank="">{latest.rank ?? '–'}</strong> of {latest.ratedModels},
              over {count(latest.battles)} battles of {count(latest.verdicts)} verdicts.
            </p>
          )}
          <h3>Rating over time</h3>
          <p class="board-tools">
            <label>
              Cut-off every{' '}
              <select
                value={every}
                onChange={(event) =>
                  setParams({ every: event.currentTarget.value === 'WEEK' ? 'WEEK' : null })
                }
              >
                <option value="DAY">day</option>
                <option value="WEEK">week</option>
              </select>
            </label>
            <span class="note">
              Plain Bradley–Terry with sandwich intervals, whatever the slice’s method: a bootstrap
              at every cut-off would cost a hundred fits each.
            </span>
          </p>
          <RatingHistoryChart
            model={model}
            points={history.points}
            confidenceLevel={history.confidenceLevel}
          />
          <details>
            <summary>Every cut-off as a table</summary>
            <DownloadableTable name="rating-history">
              <div class="scroll">
                <table data-history="">
                  <thead>
                    <tr>
                      <th scope="col">Cut-off (UTC)</th>
                      <th scope="col" class="num">
                        Rating
                      </th>
                      <th scope="col" class="num">
                        {level} interval
                      </th>
                      <th scope="col" class="num">
                        Rank
                      </th>
                      <th scope="col" class="num">
                        Battles
                      </th>
                      <th scope="col">Note</th>
                    </tr>
                  </thead>
                  <tbody>
                    {history.points.map((point) => (
                      <tr key={point.cutOff} data-cut-off={point.cutOff}>
                        <td>{point.cutOff.slice(0, 10)}</td>
                        <td class="num">{rating(point.rating)}</td>
                        <td class="num">{interval(point.ciLower, point.ciUpper)}</td>
                        <td class="num">
                          {point.rank === null ? '–' : `${point.rank} of ${point.ratedModels}`}
                        </td>
                        <td class="num">{count(point.battles)}</td>
                        <td>{point.unavailableReason ?? ''}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </DownloadableTable>
          </details>
          <h3>Opponents</h3>
          <OpponentsTable model={model} winRates={data.leaderboard.winRates} params={params} />
          <h3>Categories</h3>
          <CategoriesTable categories={data.modelProfile.categories} />
          <h3>Answer length and style</h3>
          <AnswerStyleTable
            model={model}
            own={data.modelProfile.answerStyle}
            field={data.modelProfile.fieldAnswerStyle}
          />
          <h3>Recent battles</h3>
          <RecentBattles
            model={model}
            verdicts={data.modelProfile.recentVerdicts}
            params={params}
          />
        </div>
      )}
    </section>
  );
}
