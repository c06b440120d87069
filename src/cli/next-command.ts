/**
 * `verdicts next --count N [--strategy ADAPTIVE|UNIFORM] [--models a,b] [--url …] [--json]`: the
 * comparisons to judge next (Query.nextComparisons), one line each, or the API's JSON with --json.
 * Against the local database by default, or a running server's API with --url.
 */
import type { Config } from '../config';
import { InvalidRequestError } from '../services/errors';
import { modelsByIds, promptsByIds } from '../services/catalog';
import type { LeaderboardRequest } from '../services/leaderboard-request';
import { suggestComparisons, type SuggestedComparison } from '../services/next-comparisons';
import { HELP_OPTION, helpText, parseArguments, UsageError, type OptionSpec } from './arguments';
import { openMigratedDatabase } from './database';
import { leaderboardInput, queryRemote, REMOTE_OPTIONS, remoteServerFrom } from './remote-server';
import { FILTER_OPTIONS, filterFrom, numberOption, requireKnownOptionNames } from './slice-options';

const OPTIONS: OptionSpec[] = [
  {
    name: 'count',
    kind: 'string',
    valueName: 'n',
    description: 'How many comparisons, 1 to 1000.',
  },
  {
    name: 'strategy',
    kind: 'string',
    valueName: 'ADAPTIVE|UNIFORM',
    description:
      'ADAPTIVE (default): where a verdict helps the ranking most; UNIFORM: random pairs.',
  },
  {
    name: 'models',
    kind: 'string',
    valueName: 'a,b,…',
    description: 'The candidate models, comma-separated (the same as repeating --model).',
  },
  {
    name: 'top',
    kind: 'string',
    valueName: 'k',
    description: 'Spend verdicts on the models that may be in the top k only.',
  },
  {
    name: 'seed',
    kind: 'string',
    valueName: 'n',
    description: 'Seed of every random choice; default 0.',
  },
  ...FILTER_OPTIONS,
  ...REMOTE_OPTIONS,
  { name: 'json', kind: 'boolean', description: 'Print the suggestions as the API sends them.' },
  HELP_OPTION,
];

export const NEXT_USAGE = helpText('Usage: verdicts next --count <n> [options]', OPTIONS);

/** One suggestion as the API sends it (the fields the command asks for). */
interface SuggestionAnswer {
  modelA: { name: string };
  modelB: { name: string };
  prompt: { id: string; externalId: string | null } | null;
  responseA: { id: string } | null;
  responseB: { id: string } | null;
  shownFirst: 'A' | 'B';
  kind: string;
  reason: string;
}

const QUERY = `query Next($input: NextComparisonsInput!) {
  nextComparisons(input: $input) {
    modelA { name } modelB { name } prompt { id externalId }
    responseA { id } responseB { id } shownFirst kind reason
  }
}`;

interface NextRequest {
  leaderboard: LeaderboardRequest;
  count: number;
  strategy: 'ADAPTIVE' | 'UNIFORM';
  seed?: number;
  top?: number;
}

export async function nextCommand(argv: string[], config: Config): Promise<number> {
  const parsed = parseArguments(argv, OPTIONS, 'verdicts next');
  if (parsed.flag('help')) {
    console.log(NEXT_USAGE);
    return 0;
  }
  const count = numberOption('count', parsed.string('count'));
  if (count === undefined)
    throw new UsageError('verdicts next needs --count <n>; see verdicts next --help.');
  const strategy = (parsed.string('strategy') ?? 'ADAPTIVE').toUpperCase();
  if (strategy !== 'ADAPTIVE' && strategy !== 'UNIFORM')
    throw new UsageError(
      `--strategy must be ADAPTIVE or UNIFORM, but got ${JSON.stringify(parsed.string('strategy')?.slice(0, 40))}.`,
    );
  const filter = filterFrom(parsed);
  const listed = parsed
    .string('models')
    ?.split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  if (listed) filter.models = [...(filter.models ?? []), ...listed];
  const request: NextRequest = {
    leaderboard: { filter },
    count,
    strategy,
    seed: numberOption('seed', parsed.string('seed')),
    top: numberOption('top', parsed.string('top')),
  };
  const server = remoteServerFrom(parsed, config);
  const answers =
    server === null
      ? await suggestLocally(config, request)
      : (
          await queryRemote<{ nextComparisons: SuggestionAnswer[] }>(server, QUERY, {
            input: {
              leaderboard: leaderboardInput(request.leaderboard),
              count: request.count,
              strategy: request.strategy,
              seed: request.seed,
              objective:
                request.top === undefined ? undefined : { target: 'TOP_K', k: request.top },
            },
          })
        ).nextComparisons;
  console.log(parsed.flag('json') ? JSON.stringify(answers, null, 2) : formatSuggestions(answers));
  return 0;
}

async function suggestLocally(config: Config, request: NextRequest): Promise<SuggestionAnswer[]> {
  const database = await openMigratedDatabase(config, { name: 'next', whileServed: 'use --url' });
  try {
    const { db } = database;
    // Unknown names are reported by the option that named them (--model, --judge, …).
    await requireKnownOptionNames(db, request.leaderboard);
    let comparisons: SuggestedComparison[];
    try {
      ({ comparisons } = await suggestComparisons(db, {
        leaderboard: request.leaderboard,
        count: request.count,
        strategy: request.strategy,
        seed: request.seed,
        objective: request.top === undefined ? null : { target: 'TOP_K', k: request.top },
      }));
    } catch (error) {
      throw asOptionError(error);
    }
    const models = await modelsByIds(db, [
      ...new Set(comparisons.flatMap((c) => [c.modelAId, c.modelBId])),
    ]);
    const names = new Map(models.flatMap((model) => (model ? [[model.id, model.name]] : [])));
    const promptIds = [
      ...new Set(comparisons.flatMap((c) => (c.promptId === null ? [] : [c.promptId]))),
    ];
    const prompts = new Map(
      (await promptsByIds(db, promptIds)).flatMap((prompt) =>
        prompt ? [[prompt.id, prompt]] : [],
      ),
    );
    const id = (value: number | null) => (value === null ? null : { id: String(value) });
    return comparisons.map((c) => {
      const prompt = c.promptId === null ? undefined : prompts.get(c.promptId);
      return {
        modelA: { name: names.get(c.modelAId) ?? String(c.modelAId) },
        modelB: { name: names.get(c.modelBId) ?? String(c.modelBId) },
        prompt: prompt ? { id: String(prompt.id), externalId: prompt.externalId } : null,
        responseA: id(c.responseAId),
        responseB: id(c.responseBId),
        shownFirst: c.shownFirst,
        kind: c.kind,
        reason: c.reason,
      };
    });
  } finally {
    await database.close();
  }
}

const OPTION_OF_INPUT: Record<string, string> = {
  'input.count': '--count',
  'input.seed': '--seed',
  'input.objective.k': '--top',
  'input.leaderboard': 'the slice',
};

/** The service names API fields (`input.count`); the command names its options. */
function asOptionError(error: unknown): unknown {
  if (!(error instanceof InvalidRequestError)) return error;
  const option = OPTION_OF_INPUT[error.field];
  return option === undefined ? error : new UsageError(error.message.replace(error.field, option));
}

export function formatSuggestions(answers: readonly SuggestionAnswer[]): string {
  return answers
    .map((answer, index) => {
      const prompt = answer.prompt
        ? `prompt ${answer.prompt.externalId ?? `#${answer.prompt.id}`}`
        : 'no prompt';
      const answered =
        answer.responseA && answer.responseB ? 'both answers stored' : 'answers to generate';
      const first = answer.shownFirst === 'A' ? answer.modelA.name : answer.modelB.name;
      return `${index + 1}. ${answer.modelA.name} vs ${answer.modelB.name} on ${prompt} (${answered}; show ${first} first): ${answer.reason}.`;
    })
    .join('\n');
}
