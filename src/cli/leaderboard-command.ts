/** `verdicts leaderboard`: the table a dashboard would show, or the same as JSON. */
import type { Config } from '../config';
import type { Database } from '../db/client';
import type { LeaderboardRequest } from '../services/leaderboard-request';
import {
  computeLeaderboard,
  type Leaderboard,
  type LeaderboardEntry,
} from '../services/leaderboard';
import {
  countJudgeKinds,
  judgeKindMixture,
  type JudgeKindCount,
} from '../services/judge-kind-counts';
import { HELP_OPTION, helpText, parseArguments, type OptionSpec } from './arguments';
import { openMigratedDatabase } from './database';
import {
  FILTER_OPTIONS,
  leaderboardRequestFrom,
  RANKING_OPTIONS,
  requireKnownOptionNames,
} from './slice-options';
import { WATCH_OPTIONS, watchLeaderboard } from './leaderboard-watch';
import { remoteLeaderboard, remoteServerFrom } from './remote-server';

const OPTIONS: OptionSpec[] = [
  ...RANKING_OPTIONS,
  ...FILTER_OPTIONS,
  { name: 'json', kind: 'boolean', description: 'Print the leaderboard as JSON.' },
  ...WATCH_OPTIONS,
  HELP_OPTION,
];

export const LEADERBOARD_USAGE = helpText('Usage: verdicts leaderboard [options]', OPTIONS);

export async function leaderboardCommand(argv: string[], config: Config): Promise<number> {
  const parsed = parseArguments(argv, OPTIONS, 'verdicts leaderboard');
  if (parsed.flag('help')) {
    console.log(LEADERBOARD_USAGE);
    return 0;
  }
  const request = leaderboardRequestFrom(parsed);
  if (parsed.options.get('watch')) return watchLeaderboard(parsed, request, config);
  const server = remoteServerFrom(parsed, config);
  if (server !== null) {
    const board = await remoteLeaderboard<LeaderboardTable>(server, request);
    console.log(parsed.flag('json') ? JSON.stringify(board, null, 2) : formatLeaderboard(board));
    return 0;
  }
  const database = await openMigratedDatabase(config, {
    name: 'leaderboard',
    whileServed: 'use --url',
  });
  try {
    const board = await localLeaderboard(database.db, request);
    console.log(parsed.flag('json') ? JSON.stringify(board, null, 2) : formatLeaderboard(board));
    return 0;
  } finally {
    await database.close();
  }
}

/**
 * The board computed on the database, with the slice's verdicts per judge kind: what
 * `remoteLeaderboard` gets from a server. An unknown name in the options is refused first.
 */
export async function localLeaderboard(db: Database, request: LeaderboardRequest) {
  await requireKnownOptionNames(db, request);
  return {
    ...(await computeLeaderboard(db, request)),
    judgeKinds: await countJudgeKinds(db, request.filter),
  };
}

type TableFields =
  | 'baseline'
  | 'intervalMethod'
  | 'confidenceLevel'
  | 'method'
  | 'bootstrapRounds'
  | 'seed'
  | 'verdictCount'
  | 'modelCount'
  | 'problem'
  | 'styleCoverage';
type EntryFields =
  | 'rank'
  | 'rating'
  | 'ciLower'
  | 'ciUpper'
  | 'winRateVsBaseline'
  | 'winRateVsBaselineLower'
  | 'winRateVsBaselineUpper'
  | 'wins'
  | 'losses'
  | 'ties'
  | 'battles'
  | 'intervalReliable';

/** What the table shows: a leaderboard computed here, or the same fields as the API sends them. */
export type LeaderboardTable = Pick<Leaderboard, TableFields> & {
  entries: (Pick<LeaderboardEntry, EntryFields> & { model: { name: string } })[];
  /** The slice's verdicts per judge kind: the table says so when it mixes human and LLM judges. */
  judgeKinds?: JudgeKindCount[];
};

/** The mixing note under a table, with the options that split the board. */
export function mixingNote(kinds: readonly JudgeKindCount[] | undefined): string[] {
  const mixture = judgeKindMixture(kinds ?? []);
  return mixture === null
    ? []
    : [`Note: ${mixture} Split it with --judge-kind HUMAN or --judge-kind LLM.`];
}

export function formatLeaderboard(board: LeaderboardTable): string {
  const withBaseline = board.baseline !== null;
  const header = [
    'rank',
    'model',
    'rating',
    board.intervalMethod ? `${Math.round(board.confidenceLevel * 100)}% interval` : null,
    withBaseline ? `win % vs ${board.baseline}` : null,
    'W',
    'L',
    'T',
    'battles',
  ].filter((cell): cell is string => cell !== null);
  const rows = board.entries.map((entry) =>
    [
      String(entry.rank),
      entry.model.name,
      entry.rating.toFixed(1),
      board.intervalMethod ? intervalCell(entry) : null,
      withBaseline
        ? `${entry.winRateVsBaseline?.toFixed(2)}${entry.winRateVsBaselineLower !== null ? ` (${entry.winRateVsBaselineLower.toFixed(2)} – ${entry.winRateVsBaselineUpper?.toFixed(2)})` : ''}`
        : null,
      String(entry.wins),
      String(entry.losses),
      String(entry.ties),
      String(entry.battles),
    ].filter((cell): cell is string => cell !== null),
  );
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column].length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) =>
        column === 1 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]),
      )
      .join('  ');
  const method = board.method === 'ELO' ? 'online Elo' : 'Bradley–Terry';
  const intervals =
    board.intervalMethod === 'BOOTSTRAP'
      ? `, ${board.bootstrapRounds} bootstrap rounds (seed ${board.seed})`
      : board.intervalMethod === 'SANDWICH'
        ? ', sandwich intervals'
        : board.intervalMethod === 'PROFILE'
          ? ', profile-likelihood intervals'
          : '';
  const notes = [
    `${method} over ${board.verdictCount.toLocaleString('en-US')} verdicts, ${board.modelCount} models${intervals}.`,
    ...(board.styleCoverage
      ? [
          `Style control: ${board.styleCoverage.verdictsWithStyle.toLocaleString('en-US')} of the slice's ${board.styleCoverage.verdictsInSlice.toLocaleString('en-US')} verdicts had both answers' style counts; only those are rated.`,
        ]
      : []),
    ...(board.problem ? [`Note: ${board.problem}.`] : []),
    ...mixingNote(board.judgeKinds),
    ...intervalNotes(board),
  ];
  return [
    line(header),
    line(widths.map((width) => '-'.repeat(width))),
    ...rows.map(line),
    '',
    ...notes,
  ].join('\n');
}

/** `lower – upper`, starred when the coverage bench says it covers less often than its level. */
function intervalCell(entry: LeaderboardTable['entries'][number]): string {
  if (entry.ciLower === null || entry.ciUpper === null) return 'none';
  const star = entry.intervalReliable === false ? ' *' : '';
  return `${entry.ciLower.toFixed(1)} – ${entry.ciUpper.toFixed(1)}${star}`;
}

/** What the rank column and the stars mean: a table of numbers says how to read them. */
function intervalNotes(board: LeaderboardTable): string[] {
  if (!board.intervalMethod) return [];
  const notes = [
    'Rank: 1 + the number of models whose interval lies wholly above this one, so ranks tie and can skip.',
  ];
  const unreliable = board.entries.filter((entry) => entry.intervalReliable === false).length;
  if (unreliable > 0)
    notes.push(
      `* ${unreliable} of ${board.entries.length} intervals rest on fewer than 50 battles or a slice without a finite estimate: they cover less often than their level (README, "Intervals under skewed sampling and repeated prompts").`,
    );
  return notes;
}
