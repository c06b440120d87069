/**
 * Ratings with their intervals, one row per model, best first (the dot-and-interval chart
 * Chatbot Arena and FastChat publish). Drawn as SVG; every row has a title for hover and the
 * table beside it is the text alternative.
 */
import type { LeaderboardEntry } from '../api/types';
import { interval, niceTicks, rating } from '../format';

const ROW_HEIGHT = 18;
const LABEL_WIDTH = 210;
const PLOT_WIDTH = 480;
const TOP = 28;
/** Room under the rows for the bottom axis: its tick labels and the unit. */
const BOTTOM = 40;

export interface ForestPlotProps {
  entries: LeaderboardEntry[];
  confidenceLevel: number;
  provisional: Set<string>;
}

export function ForestPlot({ entries, confidenceLevel, provisional }: ForestPlotProps) {
  if (entries.length === 0) return null;
  const lows = entries.map((entry) =>
    Math.min(entry.ciLower ?? entry.rating, entry.uncontrolledRating ?? entry.rating),
  );
  const highs = entries.map((entry) =>
    Math.max(entry.ciUpper ?? entry.rating, entry.uncontrolledRating ?? entry.rating),
  );
  const low = Math.min(...lows);
  const high = Math.max(...highs);
  const pad = Math.max(5, (high - low) * 0.04);
  const ticks = niceTicks(low - pad, high + pad, 6);
  const domainLow = Math.min(low - pad, ticks[0] ?? low);
  const domainHigh = Math.max(high + pad, ticks[ticks.length - 1] ?? high);
  const x = (value: number) =>
    LABEL_WIDTH + ((value - domainLow) / (domainHigh - domainLow)) * PLOT_WIDTH;
  const rowsEnd = TOP + entries.length * ROW_HEIGHT;
  const height = rowsEnd + BOTTOM;
  const width = LABEL_WIDTH + PLOT_WIDTH + 16;
  const level = `${Math.round(confidenceLevel * 100)}%`;
  const best = entries[0];
  const summary =
    best === undefined ? '' : ` Highest: ${best.model.name} at ${rating(best.rating)}.`;
  return (
    <figure class="chart forest-plot" id="forest-plot" aria-labelledby="forest-caption">
      <figcaption id="forest-caption">
        Ratings with {level} intervals, best first, in rating points (the Elo scale: 400 points more
        is 10:1 odds of winning).{' '}
        <span class="legend">
          <span class="swatch dot" /> rating <span class="swatch bar" /> interval
          {entries.some(
            (entry) => entry.uncontrolledRating !== null && entry.uncontrolledRating !== undefined,
          ) && (
            <>
              {' '}
              <span class="swatch hollow" /> without style control
            </>
          )}
        </span>
      </figcaption>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width={width}
        role="img"
        aria-label={`Forest plot of ${entries.length} models' ratings with ${level} intervals.${summary} The table lists the same values.`}
      >
        <g class="axis">
          {ticks.map((tick) => (
            <g key={tick}>
              <line x1={x(tick)} x2={x(tick)} y1={TOP - 6} y2={rowsEnd + 4} class="grid" />
              <text x={x(tick)} y={TOP - 10} text-anchor="middle">
                {tick}
              </text>
              <text x={x(tick)} y={rowsEnd + 16} text-anchor="middle" data-axis="bottom">
                {tick}
              </text>
            </g>
          ))}
          <line
            x1={LABEL_WIDTH}
            x2={LABEL_WIDTH + PLOT_WIDTH}
            y1={rowsEnd + 4}
            y2={rowsEnd + 4}
            class="baseline"
          />
          <text x={LABEL_WIDTH + PLOT_WIDTH / 2} y={rowsEnd + 34} text-anchor="middle" class="unit">
            Rating (Elo-scale points)
          </text>
        </g>
        {entries.map((entry, index) => {
          const y = TOP + index * ROW_HEIGHT + ROW_HEIGHT / 2;
          const lower = entry.ciLower;
          const upper = entry.ciUpper;
          const uncontrolled = entry.uncontrolledRating;
          const name = entry.model.name;
          return (
            <g
              key={name}
              class={provisional.has(name) ? 'row provisional' : 'row'}
              data-model={name}
            >
              <title>{`${entry.rank}. ${name}: ${rating(entry.rating)} (${level} interval ${interval(lower, upper)})`}</title>
              <text x={LABEL_WIDTH - 8} y={y + 4} text-anchor="end" class="label">
                {name.length > 30 ? `${name.slice(0, 29)}…` : name}
              </text>
              {lower !== null && upper !== null && (
                <line x1={x(lower)} x2={x(upper)} y1={y} y2={y} class="interval" />
              )}
              {uncontrolled !== null && uncontrolled !== undefined && (
                <circle cx={x(uncontrolled)} cy={y} r={3.5} class="uncontrolled" />
              )}
              <circle cx={x(entry.rating)} cy={y} r={4} class="point" />
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
