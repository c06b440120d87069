/**
 * Predicted win rate, empirical win rate and battle count between every pair, as heatmaps in
 * rating order (row vs column). Which matrix shows is in the URL (`matrix`).
 */
import { MATRICES_QUERY } from '../api/documents';
import type { MatricesBoard } from '../api/types';
import { useQuery } from '../api/use-query';
import { countColour, Heatmap, winRateColour } from '../components/heatmap';
import { JudgeKindsNote } from '../components/judge-kinds-note';
import { Status } from '../components/status';
import { count, percent } from '../format';
import { leaderboardInput } from '../state/slice';
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

export function MatricesView({ route, slice, catalog, version, setParams }: ViewProps) {
  // The matrices need no intervals: the ratings alone predict, and no bootstrap is paid for.
  const input = leaderboardInput({ ...slice, interval: 'NONE' });
  const { data, error, loading } = useQuery<{ leaderboard: MatricesBoard }>(
    MATRICES_QUERY,
    { input },
    version,
  );
  const chosen =
    MATRICES.find((matrix) => matrix.key === route.params.get('matrix')) ?? MATRICES[0];
  const board = data?.leaderboard ?? null;
  const models = board?.entries.map((entry) => entry.model.name) ?? [];
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
      <Status loading={loading && board === null} error={error} />
      {board !== null && (
        <div role="tabpanel" data-ready={loading ? 'false' : 'true'}>
          <JudgeKindsNote kinds={board.judgeKinds} slice={slice} catalog={catalog} route={route} />
          <Heatmap
            id={`matrix-${chosen.key}`}
            title={chosen.label}
            models={models}
            value={value}
            format={isCount ? (cell) => `${count(cell)} battles` : (cell) => percent(cell)}
            colour={isCount ? countColour(maxCount) : winRateColour}
            description={`${chosen.description} ${n} models, ${count(board.verdictCount)} verdicts.`}
          />
        </div>
      )}
    </section>
  );
}
