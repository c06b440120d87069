/**
 * `verdicts compare --candidate X --baseline Y [--margin M] [--url …] [--json]`: a release gate
 * for CI. It prints the decision of Query.comparison and exits 0 (BETTER or NON_INFERIOR),
 * 1 (WORSE) or 3 (INCONCLUSIVE); 2 is any failure, as for every command. Against the local
 * database by default, or a running server's API with --url.
 */
import type { Config } from '../config';
import { compareModels, type Comparison } from '../services/comparison';
import { computeLeaderboard } from '../services/leaderboard';
import type { LeaderboardRequest } from '../services/leaderboard-request';
import { HELP_OPTION, helpText, parseArguments, UsageError, type OptionSpec } from './arguments';
import { openMigratedDatabase } from './database';
import { leaderboardInput } from './remote-server';
import {
  FILTER_OPTIONS,
  leaderboardRequestFrom,
  numberOption,
  RANKING_OPTIONS,
} from './slice-options';

const OPTIONS: OptionSpec[] = [
  {
    name: 'candidate',
    kind: 'string',
    valueName: 'model',
    description: 'The model to release (A).',
  },
  {
    name: 'baseline',
    kind: 'string',
    valueName: 'model',
    description: 'The model it must beat or match (B).',
  },
  {
    name: 'margin',
    kind: 'string',
    valueName: 'Elo',
    description: 'Non-inferiority margin in Elo points; default 0.',
  },
  {
    name: 'level',
    kind: 'string',
    valueName: 'p',
    description: 'Level of the interval of the difference; default 0.95.',
  },
  ...RANKING_OPTIONS.filter(
    (option) => option.name !== 'baseline' && option.name !== 'confidence-level',
  ),
  ...FILTER_OPTIONS,
  {
    name: 'url',
    kind: 'string',
    valueName: 'url',
    description: "Ask a running server's GraphQL API (e.g. http://localhost:4000/graphql).",
  },
  {
    name: 'api-key',
    kind: 'string',
    valueName: 'key',
    description: 'API key to send with --url (default: VERDICTS_API_KEY).',
  },
  { name: 'json', kind: 'boolean', description: 'Print the comparison as JSON.' },
  HELP_OPTION,
];

export const COMPARE_USAGE = `${helpText(
  'Usage: verdicts compare --candidate <model> --baseline <model> [options]',
  OPTIONS,
)}

Decision on d = R_candidate − R_baseline and its interval [L, U]: BETTER if L > 0, NON_INFERIOR
if L > −margin (margin > 0), WORSE if U < −margin, else INCONCLUSIVE.
Exit status: 0 BETTER or NON_INFERIOR, 1 WORSE, 3 INCONCLUSIVE, 2 failure.`;

const EXIT_STATUS = { BETTER: 0, NON_INFERIOR: 0, WORSE: 1, INCONCLUSIVE: 3 } as const;

/** What the command prints: the comparison as the API sends it. */
interface ComparisonAnswer {
  modelA: { name: string };
  modelB: { name: string };
  verdicts: number;
  sliceVerdicts: number;
  ratingDifference: { value: number; ciLower: number; ciUpper: number };
  standardError: number;
  probabilityABetter: { value: number; ciLower: number; ciUpper: number };
  decision: keyof typeof EXIT_STATUS;
  margin: number;
  level: number;
  intervalMethod: string;
  clusterBy: string;
  additionalVerdicts: number | null;
  additionalVerdictsNote: string;
  problem: string | null;
}

const QUERY = `query Compare($input: ComparisonInput!) {
  comparison(input: $input) {
    modelA { name } modelB { name } verdicts sliceVerdicts
    ratingDifference { value ciLower ciUpper } standardError
    probabilityABetter { value ciLower ciUpper }
    decision margin level intervalMethod clusterBy additionalVerdicts additionalVerdictsNote problem
  }
}`;

export async function compareCommand(argv: string[], config: Config): Promise<number> {
  const parsed = parseArguments(argv, OPTIONS, 'verdicts compare');
  if (parsed.flag('help')) {
    console.log(COMPARE_USAGE);
    return 0;
  }
  const candidate = parsed.string('candidate');
  const baseline = parsed.string('baseline');
  if (candidate === undefined || baseline === undefined)
    throw new UsageError(
      'verdicts compare needs --candidate <model> and --baseline <model>; see verdicts compare --help.',
    );
  const margin = numberOption('margin', parsed.string('margin'));
  const level = numberOption('level', parsed.string('level'));
  const leaderboard = leaderboardRequestFrom(parsed);
  const url = parsed.string('url');
  const answer =
    url === undefined
      ? await compareLocally(config, { candidate, baseline, margin, level, leaderboard })
      : await compareOverApi(url, parsed.string('api-key') ?? config.apiKey ?? undefined, {
          modelA: candidate,
          modelB: baseline,
          margin,
          level,
          leaderboard: leaderboardInput(leaderboard),
        });
  console.log(parsed.flag('json') ? JSON.stringify(answer, null, 2) : formatComparison(answer));
  return EXIT_STATUS[answer.decision];
}

async function compareLocally(
  config: Config,
  request: {
    candidate: string;
    baseline: string;
    margin?: number;
    level?: number;
    leaderboard: LeaderboardRequest;
  },
): Promise<ComparisonAnswer> {
  const database = await openMigratedDatabase(config, {
    name: 'compare',
    whileServed: 'use --url',
  });
  try {
    const result = await compareModels(
      database.db,
      {
        modelA: request.candidate,
        modelB: request.baseline,
        margin: request.margin,
        level: request.level,
        leaderboard: request.leaderboard,
      },
      (boardRequest) => computeLeaderboard(database.db, boardRequest),
    );
    return asAnswer(result, request.candidate, request.baseline);
  } finally {
    await database.close();
  }
}

function asAnswer(result: Comparison, candidate: string, baseline: string): ComparisonAnswer {
  const { ratingDifference: d, probabilityABetter: p, board } = result;
  return {
    modelA: { name: candidate },
    modelB: { name: baseline },
    verdicts: result.verdicts,
    sliceVerdicts: result.sliceVerdicts,
    ratingDifference: { value: d.value, ciLower: d.lower, ciUpper: d.upper },
    standardError: d.standardError,
    probabilityABetter: { value: p.value, ciLower: p.lower, ciUpper: p.upper },
    decision: result.decision,
    margin: result.margin,
    level: result.level,
    intervalMethod: board.intervalMethod ?? 'NONE',
    clusterBy: board.clusterBy,
    additionalVerdicts: result.additionalVerdicts,
    additionalVerdictsNote: result.additionalVerdictsNote,
    problem: board.problem,
  };
}

async function compareOverApi(
  url: string,
  apiKey: string | undefined,
  input: Record<string, unknown>,
): Promise<ComparisonAnswer> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
      },
      body: JSON.stringify({ query: QUERY, variables: { input } }),
    });
  } catch (error) {
    throw new Error(
      `could not reach ${url}: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  const text = await response.text();
  let body: {
    data?: { comparison?: ComparisonAnswer } | null;
    errors?: { message: string; extensions?: { code?: string } }[];
  };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    throw new Error(
      `${url} answered HTTP ${response.status} with a body that is not JSON: ${JSON.stringify(text.slice(0, 200))}`,
    );
  }
  const error = body.errors?.[0];
  if (error) throw new Error(`${error.extensions?.code ?? 'ERROR'}: ${error.message}`);
  if (!body.data?.comparison)
    throw new Error(`${url} answered HTTP ${response.status} without a comparison.`);
  return body.data.comparison;
}

export function formatComparison(answer: ComparisonAnswer): string {
  const { ratingDifference: d, probabilityABetter: p } = answer;
  const signed = (value: number) => `${value >= 0 ? '+' : ''}${value.toFixed(1)}`;
  const percent = Math.round(answer.level * 1000) / 10;
  const lines = [
    `${answer.decision}: ${answer.modelA.name} − ${answer.modelB.name} = ${signed(d.value)} Elo (${percent}% interval ${signed(d.ciLower)} to ${signed(d.ciUpper)}), margin ${answer.margin}.`,
    `P(${answer.modelA.name} preferred) = ${p.value.toFixed(3)} (${p.ciLower.toFixed(3)} – ${p.ciUpper.toFixed(3)}).`,
    `${answer.verdicts.toLocaleString('en-US')} verdicts between them, ${answer.sliceVerdicts.toLocaleString('en-US')} in the slice; ${answer.intervalMethod.toLowerCase()} intervals by ${answer.clusterBy.toLowerCase()}.`,
  ];
  if (answer.decision === 'INCONCLUSIVE')
    lines.push(
      answer.additionalVerdicts === null
        ? `No number of verdicts is expected to decide it: ${answer.additionalVerdictsNote}.`
        : `About ${answer.additionalVerdicts.toLocaleString('en-US')} more verdicts would decide it (${answer.additionalVerdictsNote}).`,
    );
  if (answer.problem) lines.push(`Note: ${answer.problem}.`);
  return lines.join('\n');
}
