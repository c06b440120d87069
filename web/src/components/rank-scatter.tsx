/**
 * Two judges' ranks of the same models, one point per model: on the diagonal both rank it alike,
 * above it the second judge ranks it worse. Hover a point for the model; the pairs table and the
 * moves list are the text alternative.
 */
import { niceTicks } from '../format';

const SIZE = 320;
const MARGIN = 44;

export interface RankedTwice {
  model: string;
  rankA: number;
  rankB: number;
}

export function RankScatter({
  models,
  nameA,
  nameB,
}: {
  models: RankedTwice[];
  nameA: string;
  nameB: string;
}) {
  if (models.length === 0) return <p class="note">The two judges rank no model in common.</p>;
  const most = Math.max(...models.map((model) => Math.max(model.rankA, model.rankB)));
  const scale = (rank: number) =>
    MARGIN + ((rank - 1) / Math.max(1, most - 1)) * (SIZE - MARGIN - 10);
  const ticks = [1, ...niceTicks(1, most, 5).filter((tick) => tick > 1 && tick <= most)];
  const end = scale(most);
  return (
    <figure class="chart rank-scatter" aria-labelledby="rank-scatter-caption">
      <figcaption id="rank-scatter-caption">
        Each model’s rank by {nameA} (across) and by {nameB} (down), 1 at the top left; on the
        diagonal both rank it alike.
      </figcaption>
      <svg
        viewBox={`0 0 ${SIZE} ${SIZE}`}
        width={SIZE}
        role="img"
        aria-label={`Scatter plot of ${models.length} models’ ranks by ${nameA} and by ${nameB}.`}
      >
        <line x1={scale(1)} y1={scale(1)} x2={end} y2={end} class="diagonal" />
        {ticks.map((tick) => (
          <g key={tick} class="axis">
            <text x={scale(tick)} y={MARGIN - 8} text-anchor="middle">
              {tick}
            </text>
            <text x={MARGIN - 8} y={scale(tick) + 4} text-anchor="end">
              {tick}
            </text>
          </g>
        ))}
        <text x={(MARGIN + end) / 2} y={12} text-anchor="middle" class="axis-name">
          rank by {nameA.length > 28 ? `${nameA.slice(0, 27)}…` : nameA}
        </text>
        <text
          transform={`translate(10,${(MARGIN + end) / 2}) rotate(-90)`}
          text-anchor="middle"
          class="axis-name"
        >
          rank by {nameB.length > 28 ? `${nameB.slice(0, 27)}…` : nameB}
        </text>
        {models.map((model) => (
          <circle
            key={model.model}
            cx={scale(model.rankA)}
            cy={scale(model.rankB)}
            r={3.5}
            class="point"
            data-model={model.model}
          >
            <title>{`${model.model}: ${model.rankA} by ${nameA}, ${model.rankB} by ${nameB}`}</title>
          </circle>
        ))}
      </svg>
    </figure>
  );
}
