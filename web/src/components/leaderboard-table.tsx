/**
 * The leaderboard as a real table: rank by the interval rule, rating with interval, record, win
 * rate vs the baseline; sortable by any column (the sort lives in the URL, `sort` and `dir`).
 */
import type { Leaderboard, LeaderboardEntry } from '../api/types';
import { count, interval, percent, rating } from '../format';
import { ModelLink } from './model-link';
import { isOwnKey } from '../state/url-values';

export type SortKey =
  'rank' | 'model' | 'rating' | 'battles' | 'wins' | 'losses' | 'ties' | 'winRate' | 'rankDelta';

const SORT_VALUES: Record<SortKey, (entry: LeaderboardEntry) => number | string> = {
  rank: (entry) => entry.rank,
  model: (entry) => entry.model.name.toLowerCase(),
  rating: (entry) => entry.rating,
  battles: (entry) => entry.battles,
  wins: (entry) => entry.wins,
  losses: (entry) => entry.losses,
  ties: (entry) => entry.ties,
  winRate: (entry) => entry.winRateVsBaseline ?? -Infinity,
  rankDelta: (entry) => entry.rankDelta ?? 0,
};

export function isSortKey(value: string | null): value is SortKey {
  return isOwnKey(SORT_VALUES, value);
}

/**
 * Sorted by one column; equal values keep the server's order (best rating first). Without a
 * sort the server's order stands: by rating, which the interval rule's ranks need not follow.
 */
export function sortEntries(
  entries: LeaderboardEntry[],
  key: SortKey | null,
  descending: boolean,
): LeaderboardEntry[] {
  if (key === null) return entries;
  const valueOf = SORT_VALUES[key];
  const position = new Map(entries.map((entry, index) => [entry, index]));
  return [...entries].sort((left, right) => {
    const a = valueOf(left);
    const b = valueOf(right);
    const order = a < b ? -1 : a > b ? 1 : 0;
    return (descending ? -order : order) || (position.get(left) ?? 0) - (position.get(right) ?? 0);
  });
}

/** Said at the Rank header; the note under the board (#rank-rule) says it in full. */
const RANK_RULE =
  'Rank = 1 + the number of models whose interval lies wholly above this one: overlapping intervals share a rank.';

/** Columns a phone leaves out, so that rating and interval fit without sideways scrolling. */
const ON_WIDE_SCREENS = new Set<SortKey>([
  'wins',
  'losses',
  'ties',
  'battles',
  'winRate',
  'rankDelta',
]);

export interface LeaderboardTableProps {
  board: Leaderboard;
  entries: LeaderboardEntry[];
  sort: SortKey | null;
  descending: boolean;
  onSort: (key: SortKey, descending: boolean) => void;
  provisional: Set<string>;
}

export function LeaderboardTable({
  board,
  entries,
  sort,
  descending,
  onSort,
  provisional,
}: LeaderboardTableProps) {
  const styled = entries.some(
    (entry) => entry.uncontrolledRating !== null && entry.uncontrolledRating !== undefined,
  );
  const rankDeltas = entries.some(
    (entry) => entry.rankDelta !== null && entry.rankDelta !== undefined,
  );
  const level = `${Math.round(board.confidenceLevel * 100)}%`;
  const header = (key: SortKey, label: string, numeric = true) => {
    const active = sort === key;
    const firstDescending = numeric && key !== 'rank' && key !== 'losses';
    return (
      <th
        scope="col"
        class={`${numeric ? 'num' : ''}${ON_WIDE_SCREENS.has(key) ? ' wide-only' : ''}`}
        aria-sort={active ? (descending ? 'descending' : 'ascending') : 'none'}
        title={key === 'rank' ? RANK_RULE : undefined}
        aria-describedby={key === 'rank' ? 'rank-rule' : undefined}
      >
        <button
          type="button"
          class="sort"
          onClick={() => onSort(key, active ? !descending : firstDescending)}
        >
          {label}
          <span aria-hidden="true">{active ? (descending ? ' ▼' : ' ▲') : ''}</span>
        </button>
        {key === 'rank' && (
          <a
            href="#rank-rule"
            class="explain"
            aria-label="How ranks are counted"
            title={RANK_RULE}
            data-decoration=""
          >
            ?
          </a>
        )}
      </th>
    );
  };

  return (
    <div class="scroll">
      <table class="leaderboard">
        <caption>
          {board.method === 'ELO' ? 'Online Elo' : 'Bradley–Terry'} leaderboard over{' '}
          {count(board.verdictCount)} verdicts, {board.modelCount} models
          {board.intervalMethod !== null
            ? `, ${level} ${board.intervalMethod.toLowerCase()} intervals`
            : ''}
          {board.baseline !== null ? `, win rate vs ${board.baseline}` : ''}.
        </caption>
        <thead>
          <tr>
            {header('rank', 'Rank')}
            {header('model', 'Model', false)}
            {header('rating', styled ? 'Rating (controlled)' : 'Rating')}
            <th scope="col" class="num">
              {level} interval
            </th>
            {styled && (
              <th scope="col" class="num wide-only">
                Uncontrolled
              </th>
            )}
            {rankDeltas && header('rankDelta', 'Rank Δ')}
            {header('wins', 'W')}
            {header('losses', 'L')}
            {header('ties', 'T')}
            {header('battles', 'Battles')}
            {board.baseline !== null && header('winRate', `Win rate vs ${board.baseline}`)}
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => {
            const name = entry.model.name;
            const marked = provisional.has(name);
            return (
              <tr key={name} class={marked ? 'provisional' : ''} data-model={name}>
                <td class="num">{entry.rank}</td>
                <th scope="row">
                  <ModelLink name={name} />
                  {marked && (
                    <span class="badge" title="Few battles or a very wide interval">
                      provisional
                    </span>
                  )}
                </th>
                <td class="num">{rating(entry.rating)}</td>
                <td class="num">
                  {interval(entry.ciLower, entry.ciUpper)}
                  {entry.intervalReliable === false && (
                    <abbr
                      class="unreliable"
                      title={`Interval not backed by the coverage bench: ${entry.intervalReliabilityNote ?? ''}`}
                    >
                      {' '}
                      *
                    </abbr>
                  )}
                </td>
                {styled && <td class="num wide-only">{rating(entry.uncontrolledRating)}</td>}
                {rankDeltas && (
                  <td class="num wide-only">
                    {entry.rankDelta === null || entry.rankDelta === undefined
                      ? '–'
                      : entry.rankDelta > 0
                        ? `+${entry.rankDelta}`
                        : String(entry.rankDelta)}
                  </td>
                )}
                <td class="num wide-only">{count(entry.wins)}</td>
                <td class="num wide-only">{count(entry.losses)}</td>
                <td class="num wide-only">{count(entry.ties)}</td>
                <td class="num wide-only">{count(entry.battles)}</td>
                {board.baseline !== null && (
                  <td class="num wide-only">
                    {percent(entry.winRateVsBaseline)}
                    {entry.winRateVsBaselineLower !== null &&
                      entry.winRateVsBaselineUpper !== null && (
                        <span class="sub">
                          {' '}
                          ({entry.winRateVsBaselineLower.toFixed(1)} –{' '}
                          {entry.winRateVsBaselineUpper.toFixed(1)})
                        </span>
                      )}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
