/**
 * Figures, their targets (issue 7) and the printed table. A figure holds every run's value; the
 * table shows median, min and max and compares one of them with the target.
 */
import type { DriverName } from './databases';

export type FigureId =
  | 'record.sequential'
  | 'record.twoClients'
  | 'import.rate'
  | 'import.peakRss'
  | 'leaderboard.firstAfterLoad'
  | 'leaderboard.cold'
  | 'leaderboard.coldProcess'
  | 'leaderboard.filtered.cold'
  | 'leaderboard.cached.p99'
  | 'leaderboard.cached.rps'
  | 'verdicts.nested.p99'
  | 'verdicts.nested.rps'
  | 'verdicts.pages.p99'
  | 'verdicts.pages.rps'
  | 'elo.cold'
  | 'leaderboard.profile.cold'
  | 'leaderboard.profilePrompt.cold'
  | 'server.rss'
  | 'growth.cold100kTo1m';

export interface Target {
  op: '>=' | '<=';
  value: number;
  /** Only these drivers are held to it (the issue sets targets for PostgreSQL unless it says otherwise). */
  drivers: DriverName[];
  /** The target is stated at this scale; at other scales the comparison is for reference. */
  atScale?: number;
}

export interface FigureSpec {
  title: string;
  unit: string;
  /** Which statistic the target is compared with. */
  compare: 'median' | 'max';
  targets: Target[];
}

const BOTH: DriverName[] = ['pglite', 'postgres'];
const PG: DriverName[] = ['postgres'];
const MILLION = 1_000_000;

export const SPECS: Record<FigureId, FigureSpec> = {
  'record.sequential': {
    title: 'recordVerdicts, 5,000/batch, 1 client',
    unit: 'verdicts/s',
    compare: 'median',
    targets: [
      { op: '>=', value: 25_000, drivers: PG },
      { op: '>=', value: 10_000, drivers: ['pglite'] },
    ],
  },
  'record.twoClients': {
    title: 'recordVerdicts, 5,000/batch, 2 clients',
    unit: 'verdicts/s',
    compare: 'median',
    targets: [],
  },
  'import.rate': {
    title: 'import arena-battles JSONL',
    unit: 'rows/s',
    compare: 'median',
    targets: [
      { op: '>=', value: 100_000, drivers: PG, atScale: MILLION },
      { op: '>=', value: 30_000, drivers: ['pglite'], atScale: MILLION },
    ],
  },
  'import.peakRss': {
    title: 'import peak RSS',
    unit: 'MB',
    compare: 'max',
    targets: [{ op: '<=', value: 300, drivers: BOTH, atScale: MILLION }],
  },
  'leaderboard.firstAfterLoad': {
    title: 'leaderboard BT+100 boot, 1st after load',
    unit: 'ms',
    compare: 'median',
    targets: [{ op: '<=', value: 300, drivers: PG, atScale: MILLION }],
  },
  'leaderboard.cold': {
    title: 'leaderboard BT+100 boot, cold',
    unit: 'ms',
    compare: 'median',
    targets: [{ op: '<=', value: 300, drivers: PG, atScale: MILLION }],
  },
  'leaderboard.coldProcess': {
    title: 'same, first request of a fresh process',
    unit: 'ms',
    compare: 'median',
    targets: [],
  },
  'leaderboard.filtered.cold': {
    title: 'same, 1 judge + 1 category, cold',
    unit: 'ms',
    compare: 'median',
    targets: [{ op: '<=', value: 300, drivers: PG, atScale: MILLION }],
  },
  'leaderboard.cached.p99': {
    title: 'same query repeated, 32 clients: p99',
    unit: 'ms',
    compare: 'median',
    targets: [{ op: '<=', value: 10, drivers: PG }],
  },
  'leaderboard.cached.rps': {
    title: 'same query repeated, 32 clients: req/s',
    unit: 'req/s',
    compare: 'median',
    targets: [{ op: '>=', value: 2000, drivers: PG }],
  },
  'verdicts.nested.p99': {
    title: 'verdicts(first:100) nested, 32 clients: p99',
    unit: 'ms',
    compare: 'median',
    targets: [{ op: '<=', value: 50, drivers: PG }],
  },
  'verdicts.nested.rps': {
    title: 'verdicts(first:100) nested, 32 clients: req/s',
    unit: 'req/s',
    compare: 'median',
    targets: [],
  },
  'verdicts.pages.p99': {
    title: 'same, a different page each request: p99',
    unit: 'ms',
    compare: 'median',
    targets: [],
  },
  'verdicts.pages.rps': {
    title: 'same, a different page each request: req/s',
    unit: 'req/s',
    compare: 'median',
    targets: [],
  },
  'leaderboard.profile.cold': {
    title: 'leaderboard BT, PROFILE intervals, cold',
    unit: 'ms',
    compare: 'median',
    targets: [],
  },
  'leaderboard.profilePrompt.cold': {
    title: 'same, clusterBy PROMPT (CR3-scaled), cold',
    unit: 'ms',
    compare: 'median',
    targets: [],
  },
  'elo.cold': {
    title: 'online Elo, cold',
    unit: 'ms',
    compare: 'median',
    targets: [{ op: '<=', value: 1000, drivers: PG, atScale: MILLION }],
  },
  'server.rss': {
    title: 'server RSS, whole run (max)',
    unit: 'MB',
    compare: 'max',
    targets: [{ op: '<=', value: 500, drivers: PG }],
  },
  'growth.cold100kTo1m': {
    title: 'cold leaderboard growth 100k→1M',
    unit: '×',
    compare: 'median',
    targets: [{ op: '<=', value: 1.5, drivers: PG }],
  },
};

export interface Figure {
  id: FigureId;
  title: string;
  driver: DriverName;
  scale: number;
  unit: string;
  runs: number[];
  /** Per-run details (latency spread, errors, timings…), in the order of `runs`. */
  details: Record<string, unknown>[];
  median: number;
  min: number;
  max: number;
  target: string | null;
  /** PASS/MISS where the issue sets the target; (pass)/(miss) where it is shown for reference; '' without one. */
  status: string;
  notes: string[];
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function makeFigure(
  id: FigureId,
  driver: DriverName,
  scale: number,
  runs: number[],
  details: Record<string, unknown>[] = [],
  notes: string[] = [],
): Figure {
  const spec = SPECS[id];
  const figure: Figure = {
    id,
    title: spec.title,
    driver,
    scale,
    unit: spec.unit,
    runs,
    details,
    median: median(runs),
    min: Math.min(...runs),
    max: Math.max(...runs),
    target: null,
    status: '',
    notes,
  };
  judge(figure);
  return figure;
}

/** Fills target and status; a figure with a failure noted (errors, timeouts) cannot pass. */
export function judge(figure: Figure): void {
  const spec = SPECS[figure.id];
  const target = spec.targets.find((t) => t.drivers.includes(figure.driver)) ?? spec.targets[0];
  if (!target) return;
  const binding =
    target.drivers.includes(figure.driver) &&
    (target.atScale === undefined || target.atScale === figure.scale);
  const value = spec.compare === 'max' ? figure.max : figure.median;
  const failedRuns = figure.details.some((detail) => detail.failed === true);
  const pass =
    Number.isFinite(value) &&
    !failedRuns &&
    (target.op === '>=' ? value >= target.value : value <= target.value);
  figure.target = `${target.op === '>=' ? '≥' : '≤'} ${formatNumber(target.value)}${spec.compare === 'max' ? ' (max)' : ''}${target.atScale ? ` @${scaleLabel(target.atScale)}` : ''}${target.drivers.includes(figure.driver) ? '' : ' (PG)'}`;
  figure.status = binding ? (pass ? 'PASS' : 'MISS') : pass ? '(pass)' : '(miss)';
}

export function scaleLabel(scale: number): string {
  if (scale >= 1_000_000 && scale % 1_000_000 === 0) return `${scale / 1_000_000}M`;
  if (scale >= 1000 && scale % 1000 === 0) return `${scale / 1000}k`;
  return String(scale);
}

function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return '—';
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  return value.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

export function renderTable(figures: Figure[]): string {
  const header = [
    'figure',
    'driver',
    'scale',
    'median',
    'min',
    'max',
    'unit',
    'runs',
    'target',
    'status',
  ];
  const rows = figures.map((f) => [
    f.title,
    f.driver === 'postgres' ? 'PostgreSQL' : 'PGlite',
    scaleLabel(f.scale),
    formatNumber(f.median),
    formatNumber(f.min),
    formatNumber(f.max),
    f.unit,
    String(f.runs.length),
    f.target ?? '',
    f.status,
  ]);
  const widths = header.map((title, i) =>
    Math.max(title.length, ...rows.map((row) => row[i].length)),
  );
  const numeric = new Set([3, 4, 5, 7]);
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (numeric.has(i) ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
