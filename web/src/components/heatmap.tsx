/**
 * A models × models matrix as a cell heatmap (FastChat's pairwise figures), rows and columns in
 * rating order. Hover or arrow keys show a cell's value in the readout (one live region rather
 * than a title per cell: 2,500 cells draw faster without them); the whole matrix is also
 * available as a real table for screen readers and copying.
 */
import { useState } from 'preact/hooks';

export interface HeatmapProps {
  id: string;
  title: string;
  /** Row and column labels, best first. */
  models: string[];
  /** The value of row i against column j; null where there is none. */
  value: (row: number, column: number) => number | null;
  format: (value: number) => string;
  colour: (value: number) => string;
  /** Sentence read before the values, e.g. what a cell means. */
  description: string;
}

const CELL = 14;
const LABEL = 170;

export function Heatmap({ id, title, models, value, format, colour, description }: HeatmapProps) {
  const [active, setActive] = useState<[number, number] | null>(null);
  const [showTable, setShowTable] = useState(false);
  const n = models.length;
  const size = LABEL + n * CELL + 4;
  const short = (name: string) => (name.length > 24 ? `${name.slice(0, 23)}…` : name);
  const readout = (() => {
    if (active === null) return 'Hover a cell or focus the chart and use the arrow keys.';
    const [row, column] = active;
    const cell = value(row, column);
    return `${models[row] ?? ''} vs ${models[column] ?? ''}: ${cell === null ? 'no value' : format(cell)}`;
  })();
  const onKey = (event: KeyboardEvent) => {
    const moves: Record<string, [number, number]> = {
      ArrowUp: [-1, 0],
      ArrowDown: [1, 0],
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
    };
    const move = moves[event.key];
    if (move === undefined || n === 0) return;
    event.preventDefault();
    const [row, column] = active ?? [0, 0];
    const clamp = (at: number) => Math.max(0, Math.min(n - 1, at));
    setActive(active === null ? [0, 1 % n] : [clamp(row + move[0]), clamp(column + move[1])]);
  };
  const onPointer = (event: MouseEvent) => {
    const target = event.target instanceof Element ? event.target.closest('[data-cell]') : null;
    const cell = target?.getAttribute('data-cell')?.split(',').map(Number);
    if (cell !== undefined && cell.length === 2 && cell[0] !== undefined && cell[1] !== undefined)
      setActive([cell[0], cell[1]]);
  };
  const cells = [];
  for (let row = 0; row < n; row += 1) {
    for (let column = 0; column < n; column += 1) {
      const cell = value(row, column);
      if (cell === null) continue;
      cells.push(
        <rect
          key={`${row},${column}`}
          data-cell={`${row},${column}`}
          x={LABEL + column * CELL}
          y={LABEL + row * CELL}
          width={CELL - 1}
          height={CELL - 1}
          fill={colour(cell)}
        />,
      );
    }
  }
  const highlight =
    active === null ? null : (
      <rect
        class="active-cell"
        x={LABEL + active[1] * CELL - 1}
        y={LABEL + active[0] * CELL - 1}
        width={CELL + 1}
        height={CELL + 1}
      />
    );
  return (
    <figure class="chart heatmap" id={id} aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>
        <strong>{title}</strong>. {description}
      </figcaption>
      <p class="readout" aria-live="polite">
        {readout}
      </p>
      <div class="scroll">
        <svg
          viewBox={`0 0 ${size} ${size}`}
          width={size}
          height={size}
          tabIndex={0}
          role="img"
          aria-label={`${title}: ${n} by ${n} heatmap, rows and columns in rating order. ${description} Use the arrow keys to read cells, or open the table below.`}
          onKeyDown={onKey}
          onMouseOver={onPointer}
          onFocus={() => setActive((previous) => previous ?? [0, Math.min(1, n - 1)])}
        >
          {models.map((name, index) => (
            <g key={name}>
              <text
                x={LABEL - 4}
                y={LABEL + index * CELL + CELL - 4}
                text-anchor="end"
                class={active?.[0] === index ? 'label on' : 'label'}
              >
                {short(name)}
              </text>
              <text
                transform={`translate(${LABEL + index * CELL + CELL - 4},${LABEL - 4}) rotate(-90)`}
                class={active?.[1] === index ? 'label on' : 'label'}
              >
                {short(name)}
              </text>
            </g>
          ))}
          {cells}
          {highlight}
        </svg>
      </div>
      <button
        type="button"
        class="link-button"
        aria-expanded={showTable}
        onClick={() => setShowTable(!showTable)}
      >
        {showTable ? 'Hide' : 'Show'} the values as a table
      </button>
      {showTable && (
        <div class="scroll">
          <table class="matrix-table">
            <caption>{title} (row vs column)</caption>
            <thead>
              <tr>
                <th scope="col">Model</th>
                {models.map((name) => (
                  <th scope="col" key={name}>
                    {name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {models.map((name, row) => (
                <tr key={name}>
                  <th scope="row">{name}</th>
                  {models.map((other, column) => {
                    const cell = value(row, column);
                    return <td key={other}>{cell === null ? '' : format(cell)}</td>;
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </figure>
  );
}

function mix(from: [number, number, number], to: [number, number, number], t: number): string {
  const clamp = Math.max(0, Math.min(1, t));
  const channel = (i: 0 | 1 | 2) => Math.round(from[i] + (to[i] - from[i]) * clamp);
  return `rgb(${channel(0)},${channel(1)},${channel(2)})`;
}

const BLUE: [number, number, number] = [49, 99, 186];
const WHITE: [number, number, number] = [246, 246, 246];
const RED: [number, number, number] = [196, 56, 48];

/** 0–100 win rates: blue below 50, red above. */
export function winRateColour(value: number): string {
  return value < 50 ? mix(BLUE, WHITE, value / 50) : mix(WHITE, RED, (value - 50) / 50);
}

/** Counts on a square-root scale up to `max`. */
export function countColour(max: number): (value: number) => string {
  return (value) => mix(WHITE, [38, 70, 140], max > 0 ? Math.sqrt(value / max) : 0);
}
