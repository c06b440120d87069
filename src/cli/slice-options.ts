/** The filter and leaderboard options shared by `leaderboard`, `export` and `compare`. */
import type {
  ClusterBy,
  IntervalMethod,
  LeaderboardRequest,
  RankingMethod,
  SwapPolicy,
} from '../services/leaderboard-request';
import type { VerdictFilter } from '../services/verdict-filter';
import type { Database } from '../db/client';
import { requireKnownSliceNames, type ArgumentPath } from '../services/slice-names';
import { UsageError, type OptionSpec, type ParsedArguments } from './arguments';

export const FILTER_OPTIONS: OptionSpec[] = [
  {
    name: 'judge',
    kind: 'list',
    valueName: 'name',
    description: 'Only this judge (all versions) or name@version; repeatable.',
  },
  {
    name: 'judge-kind',
    kind: 'list',
    valueName: 'HUMAN|LLM',
    description: 'Only judges of this kind; repeatable.',
  },
  {
    name: 'category',
    kind: 'list',
    valueName: 'name',
    description: 'Only prompts of this category; repeatable.',
  },
  {
    name: 'tag',
    kind: 'list',
    valueName: 'tag',
    description: 'Only prompts with this tag; repeatable.',
  },
  {
    name: 'model',
    kind: 'list',
    valueName: 'name',
    description: 'Only verdicts between these models; repeatable.',
  },
  {
    name: 'since',
    kind: 'string',
    valueName: 'ISO date',
    description: 'Only verdicts decided at or after this time.',
  },
  {
    name: 'until',
    kind: 'string',
    valueName: 'ISO date',
    description: 'Only verdicts decided before this time.',
  },
];

export const RANKING_OPTIONS: OptionSpec[] = [
  {
    name: 'method',
    kind: 'string',
    valueName: 'BRADLEY_TERRY|ELO',
    description: 'Rating method; default BRADLEY_TERRY.',
  },
  {
    name: 'anchor',
    kind: 'string',
    valueName: 'model=rating',
    description: 'Give this model this rating (default: mean 1000).',
  },
  {
    name: 'baseline',
    kind: 'string',
    valueName: 'model',
    description: 'Report win rates against this model.',
  },
  {
    name: 'strong-verdict-weight',
    kind: 'string',
    valueName: 'n',
    description: 'Weight of >> verdicts; default 1 (Arena-Hard v0.1: 3).',
  },
  {
    name: 'bootstrap-rounds',
    kind: 'string',
    valueName: 'n',
    description: 'Bootstrap rounds for intervals; default 100, 0 for none.',
  },
  { name: 'seed', kind: 'string', valueName: 'n', description: 'Bootstrap seed; default 0.' },
  {
    name: 'confidence-level',
    kind: 'string',
    valueName: 'p',
    description: 'Interval coverage; default 0.95.',
  },
  {
    name: 'interval-method',
    kind: 'string',
    valueName: 'BOOTSTRAP|SANDWICH|PROFILE',
    description:
      'How intervals are computed; default BOOTSTRAP. PROFILE: profile likelihood (with --cluster-by PROMPT, CR3-scaled).',
  },
  {
    name: 'regularization',
    kind: 'string',
    valueName: 'λ',
    description: 'L2 penalty on strengths; default 0.',
  },
  {
    name: 'style-control',
    kind: 'boolean',
    description: 'Control for length and markdown (verdicts with both answers only).',
  },
  {
    name: 'swap-policy',
    kind: 'string',
    valueName: 'KEEP_BOTH|MERGE|DROP_INCONSISTENT',
    description: 'Swap pairs: count both games (default), merge them, or drop contradictory ones.',
  },
  {
    name: 'cluster-by',
    kind: 'string',
    valueName: 'VERDICT|PROMPT',
    description:
      'Independent unit of the intervals: verdicts (default) or prompts (cluster-robust).',
  },
];

export function filterFrom(parsed: ParsedArguments): VerdictFilter {
  const kinds = parsed.list('judge-kind')?.map((kind) => {
    const upper = kind.toUpperCase();
    if (upper !== 'HUMAN' && upper !== 'LLM')
      throw new UsageError(`--judge-kind must be HUMAN or LLM, but got ${JSON.stringify(upper)}.`);
    return upper;
  });
  return {
    judges: parsed.list('judge'),
    judgeKinds: kinds,
    categories: parsed.list('category'),
    tags: parsed.list('tag'),
    models: parsed.list('model'),
    since: dateOption(parsed, 'since'),
    until: dateOption(parsed, 'until'),
  };
}

export function leaderboardRequestFrom(parsed: ParsedArguments): LeaderboardRequest {
  const text = (name: string) => parsed.string(name);
  const method = choiceOption<RankingMethod>('method', text('method'), ['BRADLEY_TERRY', 'ELO']);
  const intervalMethod = choiceOption<IntervalMethod>('interval-method', text('interval-method'), [
    'BOOTSTRAP',
    'SANDWICH',
    'PROFILE',
  ]);
  const swapPolicy = choiceOption<SwapPolicy>('swap-policy', text('swap-policy'), [
    'KEEP_BOTH',
    'MERGE',
    'DROP_INCONSISTENT',
  ]);
  const clusterBy = choiceOption<ClusterBy>('cluster-by', text('cluster-by'), [
    'VERDICT',
    'PROMPT',
  ]);
  let anchor: LeaderboardRequest['anchor'];
  const anchorText = text('anchor');
  if (anchorText !== undefined) {
    const at = anchorText.lastIndexOf('=');
    if (at <= 0)
      throw new UsageError(
        `--anchor must be model=rating (e.g. gpt-4-0314=1000), but got ${JSON.stringify(anchorText)}.`,
      );
    anchor = {
      model: anchorText.slice(0, at),
      rating: requiredNumber('anchor', anchorText.slice(at + 1)),
    };
  }
  return {
    method,
    filter: filterFrom(parsed),
    anchor,
    baseline: text('baseline'),
    strongVerdictWeight: numberOption('strong-verdict-weight', text('strong-verdict-weight')),
    bootstrapRounds: numberOption('bootstrap-rounds', text('bootstrap-rounds')),
    seed: numberOption('seed', text('seed')),
    confidenceLevel: numberOption('confidence-level', text('confidence-level')),
    intervalMethod,
    regularization: numberOption('regularization', text('regularization')),
    styleControl: parsed.flag('style-control'),
    swapPolicy,
    clusterBy,
  };
}

/** The value in upper case when it is one of `choices` (case-insensitive). */
function choiceOption<T extends string>(
  name: string,
  value: string | undefined,
  choices: T[],
): T | undefined {
  if (value === undefined) return undefined;
  const choice = choices.find((candidate) => candidate === value.toUpperCase());
  if (choice === undefined)
    throw new UsageError(
      `--${name} must be ${choices.slice(0, -1).join(', ')} or ${choices.at(-1)}, but got ${JSON.stringify(value)}.`,
    );
  return choice;
}

/** A number option's value, if given; anything `Number` cannot read finitely is a usage error. */
export function numberOption(name: string, value: string | undefined): number | undefined {
  return value === undefined ? undefined : requiredNumber(name, value);
}

function requiredNumber(name: string, value: string): number {
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number))
    throw new UsageError(`--${name} must be a number, but got ${JSON.stringify(value)}.`);
  return number;
}

function dateOption(parsed: ParsedArguments, name: string): Date | undefined {
  const value = parsed.string(name);
  if (value === undefined) return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime()))
    throw new UsageError(`--${name} must be an ISO 8601 date, but got ${JSON.stringify(value)}.`);
  return date;
}

const OPTION_OF_FIELD: Record<string, string> = {
  judges: '--judge',
  categories: '--category',
  tags: '--tag',
  models: '--model',
  baseline: '--baseline',
  'anchor.model': '--anchor',
};

/** The command-line option a slice field came from, for errors about an unknown name. */
export const optionOfField: ArgumentPath = (field) => OPTION_OF_FIELD[field] ?? field;

/** An unknown judge, category, tag or model in the options is an error naming the option. */
export async function requireKnownOptionNames(
  db: Database,
  request: Pick<LeaderboardRequest, 'filter' | 'baseline' | 'anchor'>,
): Promise<void> {
  await requireKnownSliceNames(db, request.filter, optionOfField, {
    baseline: request.baseline,
    anchor: request.anchor?.model,
  });
}
