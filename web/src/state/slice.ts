/**
 * The slice of verdicts and the ranking options, as they live in the URL: a link reproduces the
 * view exactly. Parameter names are short and stable; defaults are left out of the URL so that
 * the plain address is the default leaderboard. Lists repeat their parameter (`judge=a&judge=b`).
 */
export type RankingMethod = 'BRADLEY_TERRY' | 'ELO';
export type IntervalChoice = 'BOOTSTRAP' | 'SANDWICH' | 'PROFILE' | 'NONE';
export type SwapPolicy = 'KEEP_BOTH' | 'MERGE' | 'DROP_INCONSISTENT';
export type JudgeKind = 'HUMAN' | 'LLM';

export interface Slice {
  method: RankingMethod;
  interval: IntervalChoice;
  /** Bootstrap rounds; null = the server's default (100). */
  rounds: number | null;
  /** Interval coverage; null = the server's default (0.95). */
  level: number | null;
  seed: number | null;
  judges: string[];
  /**
   * Judge kinds; [] = every kind (mixed, written `kind=all`); null = the URL says nothing, and
   * the dashboard's default applies (defaultJudgeKinds).
   */
  judgeKinds: JudgeKind[] | null;
  categories: string[];
  tags: string[];
  models: string[];
  /** `YYYY-MM-DD` (UTC midnight) or a full ISO date-time. */
  since: string | null;
  until: string | null;
  baseline: string | null;
  anchor: string | null;
  anchorRating: number | null;
  strongWeight: number | null;
  swap: SwapPolicy | null;
  styleControl: boolean;
}

export const DEFAULT_SLICE: Slice = {
  method: 'BRADLEY_TERRY',
  interval: 'BOOTSTRAP',
  rounds: null,
  level: null,
  seed: null,
  judges: [],
  judgeKinds: null,
  categories: [],
  tags: [],
  models: [],
  since: null,
  until: null,
  baseline: null,
  anchor: null,
  anchorRating: null,
  strongWeight: null,
  swap: null,
  styleControl: false,
};

/** Every URL parameter the slice owns; views keep their own (sort, matrix, a, b…) beside them. */
export const SLICE_PARAMETERS = [
  'method',
  'interval',
  'rounds',
  'level',
  'seed',
  'judge',
  'kind',
  'category',
  'tag',
  'model',
  'since',
  'until',
  'baseline',
  'anchor',
  'anchorRating',
  'strong',
  'swap',
  'style',
] as const;

function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | null {
  return allowed.find((candidate) => candidate === value) ?? null;
}

function numberOrNull(value: string | null): number | null {
  if (value === null || value.trim() === '') return null;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : null;
}

/** Written for "every kind", so that an empty choice is not mistaken for the default. */
export const ALL_KINDS = 'all';

function parseKinds(values: string[]): JudgeKind[] | null {
  if (values.length === 0) return null;
  if (values.includes(ALL_KINDS)) return [];
  return values.flatMap((kind) => oneOf(kind, ['HUMAN', 'LLM'] as const) ?? []);
}

/**
 * The dashboard opens on human judges alone when the data holds both kinds, the slice `verdicts
 * demo` prints: crowd votes and LLM verdicts are different instruments, and a board pooling them
 * is said so and chosen explicitly (`kind=all`). With one kind only, nothing is mixed.
 */
export function defaultJudgeKinds(kindsInData: readonly JudgeKind[]): JudgeKind[] {
  return kindsInData.includes('HUMAN') && kindsInData.includes('LLM') ? ['HUMAN'] : [];
}

export function parseSlice(params: URLSearchParams): Slice {
  return {
    method: oneOf(params.get('method'), ['BRADLEY_TERRY', 'ELO'] as const) ?? DEFAULT_SLICE.method,
    interval:
      oneOf(params.get('interval'), ['BOOTSTRAP', 'SANDWICH', 'PROFILE', 'NONE'] as const) ??
      DEFAULT_SLICE.interval,
    rounds: numberOrNull(params.get('rounds')),
    level: numberOrNull(params.get('level')),
    seed: numberOrNull(params.get('seed')),
    judges: params.getAll('judge'),
    judgeKinds: parseKinds(params.getAll('kind')),
    categories: params.getAll('category'),
    tags: params.getAll('tag'),
    models: params.getAll('model'),
    since: params.get('since'),
    until: params.get('until'),
    baseline: params.get('baseline'),
    anchor: params.get('anchor'),
    anchorRating: numberOrNull(params.get('anchorRating')),
    strongWeight: numberOrNull(params.get('strong')),
    swap: oneOf(params.get('swap'), ['KEEP_BOTH', 'MERGE', 'DROP_INCONSISTENT'] as const),
    styleControl: params.get('style') === '1',
  };
}

/** Writes the slice into `params` (replacing its own parameters, keeping the others). */
export function writeSlice(params: URLSearchParams, slice: Slice): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const name of SLICE_PARAMETERS) next.delete(name);
  const single: [string, string | number | null, string | number | null][] = [
    ['method', slice.method, DEFAULT_SLICE.method],
    ['interval', slice.interval, DEFAULT_SLICE.interval],
    ['rounds', slice.rounds, null],
    ['level', slice.level, null],
    ['seed', slice.seed, null],
    ['since', slice.since, null],
    ['until', slice.until, null],
    ['baseline', slice.baseline, null],
    ['anchor', slice.anchor, null],
    ['anchorRating', slice.anchor === null ? null : slice.anchorRating, null],
    ['strong', slice.strongWeight, null],
    ['swap', slice.swap, null],
  ];
  for (const [name, value, fallback] of single) {
    if (value !== null && value !== '' && value !== fallback) next.set(name, String(value));
  }
  const kinds =
    slice.judgeKinds === null ? [] : slice.judgeKinds.length === 0 ? [ALL_KINDS] : slice.judgeKinds;
  const lists: [string, string[]][] = [
    ['judge', slice.judges],
    ['kind', kinds],
    ['category', slice.categories],
    ['tag', slice.tags],
    ['model', slice.models],
  ];
  for (const [name, values] of lists) for (const value of values) next.append(name, value);
  if (slice.styleControl) next.set('style', '1');
  return next;
}

/** A day as typed in a date field means that day's start, UTC. */
function dateTime(value: string | null): string | null {
  if (value === null || value === '') return null;
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00.000Z` : value;
}

function listOrNull<T>(values: T[]): T[] | null {
  return values.length > 0 ? values : null;
}

export interface VerdictFilterVariables {
  judges: string[] | null;
  judgeKinds: JudgeKind[] | null;
  categories: string[] | null;
  tags: string[] | null;
  models: string[] | null;
  since: string | null;
  until: string | null;
}

/** The slice's filters, as `VerdictFilterInput`. */
export function verdictFilter(slice: Slice): VerdictFilterVariables {
  return {
    judges: listOrNull(slice.judges),
    judgeKinds: listOrNull(slice.judgeKinds ?? []),
    categories: listOrNull(slice.categories),
    tags: listOrNull(slice.tags),
    models: listOrNull(slice.models),
    since: dateTime(slice.since),
    until: dateTime(slice.until),
  };
}

/** The slice as `LeaderboardInput`; absent options are left to the server's defaults. */
export function leaderboardInput(slice: Slice): Record<string, unknown> {
  const input: Record<string, unknown> = { ...verdictFilter(slice), method: slice.method };
  if (slice.interval === 'NONE') input.bootstrapRounds = 0;
  else {
    input.intervalMethod = slice.interval;
    if (slice.rounds !== null) input.bootstrapRounds = slice.rounds;
  }
  if (slice.level !== null) input.confidenceLevel = slice.level;
  if (slice.seed !== null) input.seed = slice.seed;
  if (slice.baseline !== null) input.baseline = slice.baseline;
  if (slice.anchor !== null)
    input.anchor = { model: slice.anchor, rating: slice.anchorRating ?? 1000 };
  if (slice.strongWeight !== null) input.strongVerdictWeight = slice.strongWeight;
  if (slice.swap !== null) input.swapPolicy = slice.swap;
  if (slice.styleControl) input.styleControl = true;
  return withoutNulls(input);
}

/** `input` without its null values: an option left out takes the server's default. */
export function withoutNulls(input: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== null));
}
