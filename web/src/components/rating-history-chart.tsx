/**
 * A model's rating over time: one dot per cut-off with its interval as a shaded band, drawn as
 * SVG with the unit and both axes labelled. Cut-offs without a rating leave a gap, never a
 * made-up point; the table below the chart lists every value and the reason for each gap.
 */
import type { ModelHistoryPoint } from '../api/types';
import { interval, niceTicks, rating } from '../format';
import { useWidth } from './use-width';

/** The widest the chart is drawn; narrower boxes (a phone) draw it at their own width. */
const MAX_WIDTH = 720;
const MIN_WIDTH = 280;
const HEIGHT = 280;
const LEFT = 64;
const RIGHT = 40;
const TOP = 16;
const BOTTOM = 52;
/** Room for one date label along the bottom ("2026-02-03" at 11 px, with a gap). */
const DATE_LABEL_WIDTH = 84;

export interface RatingHistoryChartProps {
  model: string;
  points: ModelHistoryPoint[];
  confidenceLevel: number;
}

type RatedPoint = ModelHistoryPoint & { rating: number };

export function RatingHistoryChart({ model, points, confidenceLevel }: RatingHistoryChartProps) {
  const { ref, width: boxWidth } = useWidth<HTMLElement>(MAX_WIDTH);
  const chartWidth = Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, boxWidth));
  const rated = points.filter((point): point is RatedPoint => point.rating !== null);
  const level = `${Math.round(confidenceLevel * 100)}%`;
  if (rated.length === 0)
    return (
      <p class="note" data-history-empty="">
        No cut-off has a rating for {model} yet: {points.at(-1)?.unavailableReason ?? 'no verdicts'}
        .
      </p>
    );
  const lows = rated.map((point) => point.ciLower ?? point.rating);
  const highs = rated.map((point) => point.ciUpper ?? point.rating);
  const pad = Math.max(5, (Math.max(...highs) - Math.min(...lows)) * 0.05);
  const ticks = niceTicks(Math.min(...lows) - pad, Math.max(...highs) + pad, 5);
  const low = Math.min(...lows) - pad;
  const high = Math.max(...highs) + pad;
  const span = high - low || 1;
  const times = points.map((point) => Date.parse(point.cutOff));
  const first = times[0];
  const last = times[times.length - 1];
  const x = (time: number) =>
    last === first
      ? LEFT + (chartWidth - LEFT - RIGHT) / 2
      : LEFT + ((time - first) / (last - first)) * (chartWidth - LEFT - RIGHT);
  const y = (value: number) => TOP + (1 - (value - low) / span) * (HEIGHT - TOP - BOTTOM);
  const plotBottom = HEIGHT - BOTTOM;
  // Runs of consecutive rated cut-offs: the band and the line break where a cut-off has no rating.
  const runs: RatedPoint[][] = [];
  let run: RatedPoint[] = [];
  for (const point of points) {
    if (point.rating === null) {
      if (run.length > 0) runs.push(run);
      run = [];
    } else run.push(point as RatedPoint);
  }
  if (run.length > 0) runs.push(run);
  const at = (point: ModelHistoryPoint) => x(Date.parse(point.cutOff));
  const dateTicks = pickDates(
    points,
    Math.max(2, Math.floor((chartWidth - LEFT - RIGHT) / DATE_LABEL_WIDTH)),
  );
  const latest = rated[rated.length - 1];
  return (
    <figure class="chart history-chart" aria-labelledby="history-caption" ref={ref}>
      <figcaption id="history-caption">
        {model}’s Bradley–Terry rating as of each cut-off, over every verdict before it, in rating
        points (Elo scale), with its {level} sandwich interval.{' '}
        <span class="legend">
          <span class="swatch dot" /> rating <span class="swatch band" /> interval
        </span>
      </figcaption>
      <svg
        viewBox={`0 0 ${chartWidth} ${HEIGHT}`}
        width={chartWidth}
        height={HEIGHT}
        role="img"
        aria-label={`Rating of ${model} at ${points.length} cut-offs; latest ${rating(latest.rating)} (${level} interval ${interval(latest.ciLower, latest.ciUpper)}). The table lists the same values.`}
      >
        <g class="axis">
          {ticks.map((tick) => (
            <g key={tick}>
              <line x1={LEFT} x2={chartWidth - RIGHT} y1={y(tick)} y2={y(tick)} class="grid" />
              <text x={LEFT - 6} y={y(tick) + 4} text-anchor="end" data-axis="left">
                {tick}
              </text>
            </g>
          ))}
          <line
            x1={LEFT}
            x2={chartWidth - RIGHT}
            y1={plotBottom}
            y2={plotBottom}
            class="baseline"
          />
          {dateTicks.map((point) => (
            <text
              key={point.cutOff}
              x={at(point)}
              y={plotBottom + 16}
              text-anchor={dateTicks.length > 1 && point === dateTicks[0] ? 'start' : 'middle'}
              data-axis="bottom"
            >
              {point.cutOff.slice(0, 10)}
            </text>
          ))}
          <text
            x={(LEFT + chartWidth - RIGHT) / 2}
            y={HEIGHT - 8}
            text-anchor="middle"
            class="unit"
          >
            Cut-off (UTC date)
          </text>
          <text
            x={14}
            y={(TOP + plotBottom) / 2}
            text-anchor="middle"
            class="unit"
            transform={`rotate(-90 14 ${(TOP + plotBottom) / 2})`}
          >
            Rating (Elo points)
          </text>
        </g>
        {runs.map((points) => (
          <g key={points[0].cutOff}>
            {points.every((point) => point.ciLower !== null && point.ciUpper !== null) &&
              points.length > 1 && (
                <polygon
                  class="band"
                  points={[
                    ...points.map((point) => `${at(point)},${y(point.ciUpper as number)}`),
                    ...[...points]
                      .reverse()
                      .map((point) => `${at(point)},${y(point.ciLower as number)}`),
                  ].join(' ')}
                />
              )}
            <polyline
              class="line"
              points={points.map((point) => `${at(point)},${y(point.rating)}`).join(' ')}
            />
          </g>
        ))}
        {rated.map((point) => (
          <g key={point.cutOff} data-cut-off={point.cutOff}>
            <title>{`${point.cutOff.slice(0, 10)}: ${rating(point.rating)} (${level} interval ${interval(point.ciLower, point.ciUpper)}), rank ${point.rank ?? '–'} of ${point.ratedModels}`}</title>
            {point.ciLower !== null && point.ciUpper !== null && (
              <line
                x1={at(point)}
                x2={at(point)}
                y1={y(point.ciLower)}
                y2={y(point.ciUpper)}
                class="interval"
              />
            )}
            <circle cx={at(point)} cy={y(point.rating)} r={3.5} class="point" />
          </g>
        ))}
      </svg>
    </figure>
  );
}

/**
 * At most five dates along the bottom (fewer where the width has no room for them), evenly spread
 * over the cut-offs, first and last shown.
 */
function pickDates(points: ModelHistoryPoint[], room: number): ModelHistoryPoint[] {
  const shown = Math.min(5, room);
  if (points.length <= shown) return points;
  const step = (points.length - 1) / (shown - 1);
  return Array.from({ length: shown }, (_, i) => points[Math.round(i * step)]);
}
