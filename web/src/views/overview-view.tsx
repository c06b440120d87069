/**
 * Models × categories: each model's rank in each category in one table (Chatbot Arena's
 * overview), every cell linking to that category's leaderboard. One request, one aliased
 * `leaderboard` per category.
 */
import { ModelLink } from '../components/model-link';
import { overviewQuery } from '../api/documents';
import type { JudgeKindCount, Named } from '../api/types';
import { useQuery } from '../api/use-query';
import { JudgeKindsNote } from '../components/judge-kinds-note';
import { Status } from '../components/status';
import { DownloadableTable } from '../components/table-download';
import { count, rating } from '../format';
import { hrefOf } from '../state/location';
import { leaderboardInput, writeSlice } from '../state/slice';
import type { ViewProps } from './view-props';

interface OverviewBoard {
  verdictCount: number;
  /** Asked for on the overall board only. */
  judgeKinds?: JudgeKindCount[];
  entries: { rank: number; rating: number; battles: number; model: Named }[];
}

export function OverviewView({ route, slice, catalog, version }: ViewProps) {
  const categories = catalog?.categories.map((category) => category.name) ?? [];
  const variables: Record<string, unknown> = { all: leaderboardInput(slice) };
  categories.forEach((category, i) => {
    variables[`c${i}`] = leaderboardInput({ ...slice, categories: [category] });
  });
  const { data, error, loading, stale, updatedAt } = useQuery<Record<string, OverviewBoard>>(
    catalog === null ? null : overviewQuery(categories.length),
    variables,
    version,
  );
  const overall = data?.all ?? null;
  const boards = categories.map((_, i) => data?.[`c${i}`] ?? null);
  const link = (category: string | null) =>
    hrefOf(
      'leaderboard',
      writeSlice(new URLSearchParams(), {
        ...slice,
        categories: category === null ? [] : [category],
      }),
    );
  return (
    <section aria-labelledby="view-title">
      <h2 id="view-title">Overview: rank by category</h2>
      <Status loading={loading && overall === null} error={error} shownFrom={updatedAt} />
      {overall !== null && (
        <JudgeKindsNote
          kinds={overall.judgeKinds ?? []}
          slice={slice}
          catalog={catalog}
          route={route}
        />
      )}
      {overall !== null && (
        <p class="legend overview-legend" data-legend="">
          Colours: <span class="swatch better-rank" /> a better rank in the category than overall{' '}
          <span class="swatch worse-rank" /> a worse one; plain link colour, the same rank; – not
          ranked in that category.
        </p>
      )}
      {overall !== null && (
        <DownloadableTable name="overview">
          <div
            class={stale ? 'scroll stale' : 'scroll'}
            data-stale={stale ? 'true' : 'false'}
            data-ready={loading ? 'false' : 'true'}
          >
            <table class="overview">
              <caption>
                Each model's rank overall and in each category (lower is better); a cell links to
                that category's leaderboard.
              </caption>
              <thead>
                <tr>
                  <th scope="col">Model</th>
                  <th scope="col" class="num">
                    <a href={link(null)}>Overall</a>
                    <span class="sub"> {count(overall.verdictCount)}</span>
                  </th>
                  {categories.map((category, i) => (
                    <th scope="col" class="num" key={category}>
                      <a href={link(category)}>{category}</a>
                      <span class="sub"> {count(boards[i]?.verdictCount ?? 0)}</span>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {overall.entries.map((entry) => (
                  <tr key={entry.model.name} data-model={entry.model.name}>
                    <th scope="row">
                      <ModelLink name={entry.model.name} />
                    </th>
                    <td class="num">
                      <a href={link(null)} title={`Rating ${rating(entry.rating)}`}>
                        {entry.rank}
                      </a>
                    </td>
                    {categories.map((category, i) => {
                      const found = boards[i]?.entries.find(
                        (candidate) => candidate.model.name === entry.model.name,
                      );
                      const better = found !== undefined && found.rank < entry.rank;
                      const worse = found !== undefined && found.rank > entry.rank;
                      return (
                        <td
                          key={category}
                          class={`num${better ? ' better' : worse ? ' worse' : ''}`}
                        >
                          {found === undefined ? (
                            <span aria-label="not ranked">–</span>
                          ) : (
                            <a
                              href={link(category)}
                              title={`Rating ${rating(found.rating)} over ${found.battles} battles`}
                            >
                              {found.rank}
                            </a>
                          )}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </DownloadableTable>
      )}
    </section>
  );
}
