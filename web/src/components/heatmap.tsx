/**
 * A models × models matrix as a cell heatmap (FastChat's pairwise figures), rows and columns in
 * rating order. Hover or arrow keys show a cell's value in the readout (one live region rather
 * than a title per cell: 2,500 cells draw faster without them); the whole matrix is also
 * available as a real table for screen readers and copying.
 */
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { ModelLink, modelHref } from './model-link';
import { DownloadButtons, type TableText } from './table-download';

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
  /** How much evidence a cell holds, 0 to 1: its square is drawn that much of full size (√-scaled by the caller). */
  weight?: (row: number, column: number) => number;
  /** What the readout adds after a cell's value, e.g. its battle count. */
  detail?: (row: number, column: number) => string;
  /** A click (or Enter) on a cell. */
  onOpen?: (row: number, column: number) => void;
  /** The file name of the downloads. */
  downloadName: string;
}

const MIN_CELL = 10;
const MAX_CELL = 24;
const LABEL = 170;
/** The smallest square a weighted cell shrinks to, as a share of a full one: still visible. */
const MIN_WEIGHT_SIDE = 0.3;

/** Cells as large as the width allows (a 1920 px screen draws 24 px cells, a phone 10 px). */
function useCellSize(n: number) {
  const ref = useRef<HTMLDivElement>(null);
  const [cell, setCell] = useState(14);
  useLayoutEffect(() => {
    const box = ref.current;
    if (box === null) return undefined;
    const measure = () => {
      const fit = Math.floor((box.clientWidth - LABEL - 4) / Math.max(1, n));
      setCell(Math.max(MIN_CELL, Math.min(MAX_CELL, fit)));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(box);
    return () => observer.disconnect();
  }, [n]);
  return { ref, cell };
}

export function Heatmap({
  id,
  title,
  models,
  value,
  format,
  colour,
  description,
  weight,
  detail,
  onOpen,
  downloadName,
}: HeatmapProps) {
  const [active, setActive] = useState<[number, number] | null>(null);
  const [showTable, setShowTable] = useState(false);
  const n = models.length;
  const { ref, cell: cellSize } = useCellSize(n);
  const size = LABEL + n * cellSize + 4;
  const short = (name: string) => (name.length > 24 ? `${name.slice(0, 23)}…` : name);
  const readout = (() => {
    if (active === null) return 'Hover a cell or focus the chart and use the arrow keys.';
    const [row, column] = active;
    const cell = value(row, column);
    const more = cell === null || detail === undefined ? '' : ` ${detail(row, column)}`;
    return `${models[row] ?? ''} vs ${models[column] ?? ''}: ${cell === null ? 'no value' : format(cell)}${more}`;
  })();
  const read = (): TableText => ({
    header: ['Model', ...models],
    rows: models.map((name, row) => [
      name,
      ...models.map((_, column) => {
        const cell = value(row, column);
        return cell === null ? '' : format(cell);
      }),
    ]),
  });
  const onKey = (event: KeyboardEvent) => {
    const moves: Record<string, [number, number]> = {
      ArrowUp: [-1, 0],
      ArrowDown: [1, 0],
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
    };
    if (event.key === 'Enter' && active !== null && onOpen !== undefined) {
      event.preventDefault();
      onOpen(active[0], active[1]);
      return;
    }
    const move = moves[event.key];
    if (move === undefined || n === 0) return;
    event.preventDefault();
    const [row, column] = active ?? [0, 0];
    const clamp = (at: number) => Math.max(0, Math.min(n - 1, at));
    setActive(active === null ? [0, 1 % n] : [clamp(row + move[0]), clamp(column + move[1])]);
  };
  const cellOf = (event: MouseEvent): [number, number] | null => {
    const target = event.target instanceof Element ? event.target.closest('[data-cell]') : null;
    const cell = target?.getAttribute('data-cell')?.split(',').map(Number);
    return cell !== undefined && cell.length === 2 && cell[0] !== undefined && cell[1] !== undefined
      ? [cell[0], cell[1]]
      : null;
  };
  const onPointer = (event: MouseEvent) => {
    const cell = cellOf(event);
    if (cell !== null) setActive(cell);
  };
  const onClick = (event: MouseEvent) => {
    const cell = cellOf(event);
    if (cell !== null && onOpen !== undefined) onOpen(cell[0], cell[1]);
  };
  const cells = [];
  for (let row = 0; row < n; row += 1) {
    for (let column = 0; column < n; column += 1) {
      const cell = value(row, column);
      if (cell === null) continue;
      const full = cellSize - 1;
      const side =
        weight === undefined
          ? full
          : full * (MIN_WEIGHT_SIDE + (1 - MIN_WEIGHT_SIDE) * weight(row, column));
      const inset = (full - side) / 2;
      cells.push(
        <rect
          key={`${row},${column}`}
          data-cell={`${row},${column}`}
          x={LABEL + column * cellSize + inset}
          y={LABEL + row * cellSize + inset}
          width={side}
          height={side}
          fill={colour(cell)}
        />,
      );
    }
  }
  const highlight =
    active === null ? null : (
      <rect
        class="active-cell"
        x={LABEL + active[1] * cellSize - 1}
        y={LABEL + active[0] * cellSize - 1}
        width={cellSize + 1}
        height={cellSize + 1}
      />
    );
  return (
    <figure class="chart heatmap" id={id} aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>
        <strong>{title}</strong>. {description}
      </figcaption>
      {onOpen !== undefined && (
        <p class="hint">Click a cell, or press Enter on it, to open that pair’s battles.</p>
      )}
      <p class="readout" aria-live="polite">
        {readout}
      </p>
      <div class="scroll" ref={ref}>
        <svg
          viewBox={`0 0 ${size} ${size}`}
          width={size}
          height={size}
          tabIndex={0}
          role="img"
          aria-label={`${title}: ${n} by ${n} heatmap, rows and columns in rating order. ${description} Use the arrow keys to read cells, or open the table below.`}
          onKeyDown={onKey}
          onMouseOver={onPointer}
          onClick={onClick}
          class={onOpen === undefined ? '' : 'openable'}
          onFocus={() => setActive((previous) => previous ?? [0, Math.min(1, n - 1)])}
        >
          {models.map((name, index) => (
            <g key={name}>
              {/* An SVG link: focusable by keyboard like any other, it opens the model's page. */}
              <a href={modelHref(name)} data-model-link={name} class="model-link">
                <title>{name}</title>
                <text
                  x={LABEL - 4}
                  y={LABEL + index * cellSize + cellSize - 4}
                  text-anchor="end"
                  class={active?.[0] === index ? 'label on' : 'label'}
                >
                  {short(name)}
                </text>
              </a>
              <text
                transform={`translate(${LABEL + index * cellSize + cellSize - 4},${LABEL - 4}) rotate(-90)`}
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
      <p>
        <button
          type="button"
          class="link-button"
          aria-expanded={showTable}
          onClick={() => setShowTable(!showTable)}
        >
          {showTable ? 'Hide' : 'Show'} the values as a table
        </button>{' '}
        · <DownloadButtons name={downloadName} read={read} />
      </p>
      {showTable && (
        <div class="scroll">
          <table class="matrix-table">
            <caption>{title} (row vs column)</caption>
            <thead>
              <tr>
                <th scope="col">Model</th>
                {models.map((name) => (
                  <th scope="col" key={name}>
                    <ModelLink name={name} />
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {models.map((name, row) => (
                <tr key={name}>
                  <th scope="row">
                    <ModelLink name={name} />
                  </th>
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
