/**
 * Predicted win rate, empirical win rate and battle count between every pair, as heatmaps in
 * rating order (row vs column). Which matrix shows is in the URL (`matrix`).
 */
import { MATRICES_QUERY } from '../api/documents';
import type { MatricesBoard } from '../api/types';
import { useQuery } from '../api/use-query';
import { countColour, Heatmap, winRateColour } from '../components/heatmap';
import { ColourLegend } from '../components/colour-legend';
import { JudgeKindsNote } from '../components/judge-kinds-note';
import { Status } from '../components/status';
import { count, percent } from '../format';
import { hrefOf, navigate } from '../state/location';
import { leaderboardInput, writeSlice } from '../state/slice';
import type { ViewProps } from './view-props';

const MATRICES = [
  {
    key: 'predicted',
    label: 'Predicted win rate',
    description: 'Each cell: 100·P(row beats column) from the ratings.',
  },
  {
    key: 'empirical',
    label: 'Empirical win rate',
    description:
      'Each cell: the share of decisive verdicts the row model won against the column model (ties left out).',
  },
  {
    key: 'count',
    label: 'Battle count',
    description: 'Each cell: verdicts between the two models, either way round.',
  },
] as const;

type MatrixKey = (typeof MATRICES)[number]['key'];

/** How many of the best models a matrix shows (`top`); a phone starts with the top 10. */
const TOP_CHOICES = [10, 20, 30] as const;
const PHONE_TOP = 10;

function topOf(param: string | null): number | null {
  if (param === 'all') return null;
  const chosen = Number(param);
  if (TOP_CHOICES.some((choice) => choice === chosen)) return chosen;
  return window.matchMedia('(max-width: 600px)').matches ? PHONE_TOP : null;
}

export function MatricesView({ route, slice, catalog, version, setParams }: ViewProps) {
  // The matrices need no intervals: the ratings alone predict, and no bootstrap is paid for.
  const input = leaderboardInput({ ...slice, interval: 'NONE' });
  const { data, error, loading, stale, updatedAt } = useQuery<{ leaderboard: MatricesBoard }>(
    MATRICES_QUERY,
    { input },
    version,
  );
  const chosen =
    MATRICES.find((matrix) => matrix.key === route.params.get('matrix')) ?? MATRICES[0];
  const board = data?.leaderboard ?? null;
  const top = topOf(route.params.get('top'));
  const ranked = board?.entries.map((entry) => entry.model.name) ?? [];
  const models = top === null ? ranked : ranked.slice(0, top);
  const index = new Map(models.map((name, i) => [name, i]));
  const n = models.length;
  const cells = {
    predicted: new Float64Array(n * n).fill(NaN),
    empirical: new Float64Array(n * n).fill(NaN),
    count: new Float64Array(n * n).fill(NaN),
  };
  let maxCount = 0;
  for (const rate of board?.winRates ?? []) {
    const row = index.get(rate.modelA.name);
    const column = index.get(rate.modelB.name);
    if (row === undefined || column === undefined) continue;
    cells.predicted[row * n + column] = rate.predicted;
    if (rate.empirical !== null) cells.empirical[row * n + column] = rate.empirical;
    if (rate.battles > 0) cells.count[row * n + column] = rate.battles;
    maxCount = Math.max(maxCount, rate.battles);
  }
  const values = cells[chosen.key];
  const value = (row: number, column: number) => {
    const cell = values[row * n + column];
    return cell === undefined || Number.isNaN(cell) ? null : cell;
  };
  const isCount = chosen.key === 'count';
  const battles = (row: number, column: number) => cells.count[row * n + column] || 0;
  const open = (row: number, column: number) => {
    const a = models[row];
    const b = models[column];
    if (a === undefined || b === undefined || a === b) return;
    const params = writeSlice(new URLSearchParams(), slice);
    params.set('a', a);
    params.set('b', b);
    navigate(hrefOf('head-to-head', params));
  };
  return (
    <section aria-labelledby="view-title">
      <h2 id="view-title">Win-rate matrices</h2>
      <div class="tabs" role="tablist" aria-label="Matrix">
        {MATRICES.map((matrix) => (
          <button
            key={matrix.key}
            type="button"
            role="tab"
            aria-selected={matrix.key === chosen.key}
            aria-controls={`matrix-${chosen.key}`}
            onClick={() =>
              setParams({
                matrix: matrix.key === 'predicted' ? null : (matrix.key satisfies MatrixKey),
              })
            }
          >
            {matrix.label}
          </button>
        ))}
      </div>
      <label class="top-models">
        Models shown{' '}
        <select
          name="top"
          value={top === null ? 'all' : String(top)}
          onChange={(event) => setParams({ top: event.currentTarget.value })}
        >
          {TOP_CHOICES.map((choice) => (
            <option key={choice} value={String(choice)}>
              the best {choice}
            </option>
          ))}
          <option value="all">all {ranked.length > 0 ? ranked.length : ''}</option>
        </select>
      </label>
      <Status loading={loading && board === null} error={error} shownFrom={updatedAt} />
      {board !== null && (
        <div
          role="tabpanel"
          class={stale ? 'stale' : ''}
          data-stale={stale ? 'true' : 'false'}
          data-ready={loading ? 'false' : 'true'}
        >
          <JudgeKindsNote kinds={board.judgeKinds} slice={slice} catalog={catalog} route={route} />
          {/* Outside the figure: the figure's one svg is the matrix. */}
          <ColourLegend
            colour={isCount ? countColour(maxCount) : winRateColour}
            low={0}
            high={isCount ? maxCount : 100}
            unit={isCount ? 'battles' : '% win rate of the row model'}
            scaled={
              isCount ? 'square-root scale' : 'blue: the row model loses more, red: it wins more'
            }
            sizeNote={
              chosen.key === 'empirical'
                ? `Square size: battles between the two, from 1 (smallest) to ${count(maxCount)} (full), square-root scale; empty: never met.`
                : chosen.key === 'count'
                  ? 'Empty: never met.'
                  : null
            }
          />
          <Heatmap
            id={`matrix-${chosen.key}`}
            title={chosen.label}
            models={models}
            value={value}
            format={isCount ? (cell) => `${count(cell)} battles` : (cell) => percent(cell)}
            colour={isCount ? countColour(maxCount) : winRateColour}
            description={`${chosen.description} ${n === ranked.length ? `${n} models` : `The best ${n} of ${ranked.length} models`}, ${count(board.verdictCount)} verdicts.`}
            weight={
              chosen.key === 'empirical' && maxCount > 0
                ? (row, column) => Math.sqrt(battles(row, column) / maxCount)
                : undefined
            }
            detail={
              chosen.key === 'empirical'
                ? (row, column) => `over ${count(battles(row, column))} battles`
                : undefined
            }
            onOpen={open}
            downloadName={`matrix-${chosen.key}`}
          />
        </div>
      )}
    </section>
  );
}
