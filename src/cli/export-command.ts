/** `verdicts export verdicts|leaderboard`: files that re-import to the same leaderboard. */
import type { Config } from '../config';
import { EXPORTED_COLUMNS, exportVerdicts } from '../services/export';
import type { LeaderboardEntry } from '../services/leaderboard';
import { present } from '../domain/invariant';
import { localLeaderboard, mixingNote, type LeaderboardTable } from './leaderboard-command';
import {
  remoteLeaderboard,
  remoteServerFrom,
  remoteVerdicts,
  REMOTE_OPTIONS,
} from './remote-server';
import { HELP_OPTION, helpText, parseArguments, UsageError, type OptionSpec } from './arguments';
import { openMigratedDatabase } from './database';
import {
  FILTER_OPTIONS,
  filterFrom,
  leaderboardRequestFrom,
  RANKING_OPTIONS,
  requireKnownOptionNames,
} from './slice-options';
import { writeRows } from './table-writers';

const OPTIONS: OptionSpec[] = [
  {
    name: 'format',
    kind: 'string',
    valueName: 'jsonl|csv',
    description: 'Output format; default jsonl.',
  },
  {
    name: 'output',
    kind: 'string',
    valueName: 'path',
    description: 'Write to this file instead of standard output.',
  },
  ...FILTER_OPTIONS,
  ...RANKING_OPTIONS,
  ...REMOTE_OPTIONS,
  HELP_OPTION,
];

export const EXPORT_USAGE = helpText(
  'Usage: verdicts export verdicts|leaderboard [options]\n\n' +
    '  verdicts     every verdict in the slice, one row each (re-import with `verdicts import verdicts <file>`)\n' +
    '  leaderboard  one row per model (the ranking options apply)',
  OPTIONS,
);

const LEADERBOARD_COLUMNS = [
  'rank',
  'model',
  'rating',
  'uncontrolled_rating',
  'ci_lower',
  'ci_upper',
  'win_rate_vs_baseline',
  'win_rate_vs_baseline_lower',
  'win_rate_vs_baseline_upper',
  'wins',
  'losses',
  'ties',
  'battles',
] as const;

export async function exportCommand(argv: string[], config: Config): Promise<number> {
  const parsed = parseArguments(argv, OPTIONS, 'verdicts export');
  const [what, ...extra] = parsed.positionals;
  if (parsed.flag('help') || what === undefined) {
    console.log(EXPORT_USAGE);
    return parsed.flag('help') ? 0 : 2;
  }
  if (extra.length > 0)
    throw new UsageError(
      `export: expected one of verdicts or leaderboard, but got ${parsed.positionals.length} words.`,
    );
  const format = (parsed.string('format') ?? 'jsonl').toLowerCase();
  if (format !== 'jsonl' && format !== 'csv')
    throw new UsageError(`--format must be jsonl or csv, but got ${JSON.stringify(format)}.`);
  const output = parsed.string('output');
  if (what !== 'verdicts' && what !== 'leaderboard')
    throw new UsageError(
      `export: expected verdicts or leaderboard, but got ${JSON.stringify(what)}.`,
    );
  const server = remoteServerFrom(parsed, config);
  const database =
    server === null
      ? await openMigratedDatabase(config, { name: 'export', whileServed: 'use --url' })
      : null;
  try {
    let count: number;
    if (what === 'verdicts') {
      const filter = filterFrom(parsed);
      // Checked before the output file is opened: an unknown name writes nothing.
      if (database !== null) await requireKnownOptionNames(database.db, { filter });
      count = await writeRows(
        database === null
          ? remoteVerdicts(present(server, 'server'), filter)
          : exportVerdicts(database.db, filter),
        EXPORTED_COLUMNS,
        format,
        output,
      );
    } else {
      const request = leaderboardRequestFrom(parsed);
      const board: {
        entries: ExportedEntry[];
        ratedApart?: unknown[];
        problem?: string | null;
        judgeKinds?: Parameters<typeof mixingNote>[0];
      } =
        database === null
          ? await remoteLeaderboard(present(server, 'server'), request)
          : await localLeaderboard(database.db, request);
      // On standard error: standard output may be the file itself.
      for (const note of mixingNote(board.judgeKinds)) console.error(note);
      const rows = board.entries.map((entry) => ({
        rank: entry.rank,
        model: entry.model.name,
        rating: entry.rating,
        uncontrolled_rating: entry.uncontrolledRating,
        ci_lower: entry.ciLower,
        ci_upper: entry.ciUpper,
        win_rate_vs_baseline: entry.winRateVsBaseline,
        win_rate_vs_baseline_lower: entry.winRateVsBaselineLower,
        win_rate_vs_baseline_upper: entry.winRateVsBaselineUpper,
        wins: entry.wins,
        losses: entry.losses,
        ties: entry.ties,
        battles: entry.battles,
      }));
      count = await writeRows(rows, [...LEADERBOARD_COLUMNS], format, output);
      // The rows are the rated models; those rated apart are named, never left out silently.
      if ((board.ratedApart?.length ?? 0) > 0 && board.problem)
        console.error(`Note: ${board.problem}.`);
    }
    if (output) console.error(`Wrote ${count.toLocaleString('en-US')} rows to ${output}.`);
    return 0;
  } finally {
    await database?.close();
  }
}

/** What a leaderboard row needs, computed here or sent by a server: a table row, uncontrolled too. */
type ExportedEntry = LeaderboardTable['entries'][number] &
  Pick<LeaderboardEntry, 'uncontrolledRating'>;
