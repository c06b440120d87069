/**
 * Commands that read (`leaderboard`, `export`) can ask a running server over GraphQL with
 * `--url`: the embedded database belongs to the server process, so this is how the CLI reads it
 * while `verdicts serve` runs (and how it reads any remote deployment).
 */
import type { Config } from '../config';
import type { OutcomeLabel } from '../domain/outcome-labels';
import type { ExportedVerdict } from '../services/export';
import type { LeaderboardRequest } from '../services/leaderboard-request';
import type { VerdictFilter } from '../services/verdict-filter';
import { UsageError, type OptionSpec, type ParsedArguments } from './arguments';

export const REMOTE_OPTIONS: OptionSpec[] = [
  {
    name: 'url',
    kind: 'string',
    valueName: 'url',
    description:
      'Ask the server at this GraphQL URL (e.g. http://localhost:4000/graphql) instead of opening the database: works while a server holds the embedded one.',
  },
  {
    name: 'api-key',
    kind: 'string',
    valueName: 'key',
    description: 'API key to send with --url (default: VERDICTS_API_KEY).',
  },
];

export interface RemoteServer {
  url: string;
  apiKey: string | undefined;
}

/** The server named by --url, or null to use the database directly. */
export function remoteServerFrom(parsed: ParsedArguments, config: Config): RemoteServer | null {
  const url = parsed.options.get('url');
  if (typeof url !== 'string') return null;
  let parsedUrl: URL;
  try {
    parsedUrl = new URL(url);
  } catch {
    throw new UsageError(
      `--url must be the server's GraphQL URL (http://host:4000/graphql), but got ${JSON.stringify(url.slice(0, 200))}.`,
    );
  }
  if (parsedUrl.protocol !== 'http:' && parsedUrl.protocol !== 'https:')
    throw new UsageError(
      `--url must be an http(s) URL, but got ${JSON.stringify(url.slice(0, 200))}.`,
    );
  return {
    url,
    apiKey: (parsed.options.get('api-key') as string | undefined) ?? config.apiKey ?? undefined,
  };
}

/** A failure the server reported, with its codes. */
export class RemoteError extends Error {}

export async function queryRemote<Data>(
  server: RemoteServer,
  query: string,
  variables: Record<string, unknown>,
): Promise<Data> {
  let response: Response;
  try {
    response = await fetch(server.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(server.apiKey ? { authorization: `Bearer ${server.apiKey}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
  } catch (error) {
    throw new RemoteError(
      `cannot reach the server at ${server.url}: ${error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error)}.`,
    );
  }
  const body = (await response.json().catch(() => null)) as {
    data?: Data;
    errors?: { message: string; extensions?: { code?: unknown } }[];
  } | null;
  if (body === null)
    throw new RemoteError(
      `the server at ${server.url} answered HTTP ${response.status} without a GraphQL response; is it the GraphQL URL?`,
    );
  if (body.errors && body.errors.length > 0) throw new RemoteError(describeErrors(body.errors));
  if (body.data === undefined || body.data === null)
    throw new RemoteError(
      `the server at ${server.url} answered HTTP ${response.status} with no data.`,
    );
  return body.data;
}

/** GraphQL errors as the CLI prints them: `message (CODE)`, a code that is not a string as ERROR. */
export function describeErrors(
  errors: readonly { message?: string; extensions?: { code?: unknown } }[],
): string {
  return errors
    .map((error) => {
      const code = error.extensions?.code;
      return `${error.message ?? 'error'} (${typeof code === 'string' ? code : 'ERROR'})`;
    })
    .join('; ');
}

/** The API's `LeaderboardInput`: the filter's fields sit beside the ranking options. */
export function leaderboardInput(request: LeaderboardRequest): Record<string, unknown> {
  const { filter, ...options } = request;
  return definedFields({ ...filter, ...options });
}

/** The API's `VerdictFilterInput`. */
export function verdictFilterInput(filter: VerdictFilter): Record<string, unknown> {
  return definedFields({ ...filter });
}

function definedFields(fields: Record<string, unknown>): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined || value === null || value === false) continue;
    input[name] = value instanceof Date ? value.toISOString() : value;
  }
  return input;
}

export const REMOTE_BOARD_FIELDS = `
    method baseline intervalMethod confidenceLevel bootstrapRounds seed verdictCount modelCount problem
    styleCoverage { verdictsWithStyle verdictsInSlice }
    ratedApart { model { name } reason battles }
    judgeKinds { kind verdicts judges }
    entries {
      rank model { name } rating uncontrolledRating ciLower ciUpper winRateVsBaseline winRateVsBaselineLower winRateVsBaselineUpper
      wins losses ties battles intervalReliable
    }`;

const LEADERBOARD = `query CliLeaderboard($input: LeaderboardInput) {
  leaderboard(input: $input) {${REMOTE_BOARD_FIELDS}
  }
}`;

export async function remoteLeaderboard<Board>(
  server: RemoteServer,
  request: LeaderboardRequest,
): Promise<Board> {
  return (
    await queryRemote<{ leaderboard: Board }>(server, LEADERBOARD, {
      input: leaderboardInput(request),
    })
  ).leaderboard;
}

const VERDICTS_PAGE = `query CliExport($filter: VerdictFilterInput, $after: String) {
  verdicts(first: 500, after: $after, filter: $filter) {
    nodes {
      judge { name kind version } prompt { externalId text category tags }
      modelA { name } modelB { name } responseA { text } responseB { text }
      outcome preferenceA shownFirst judgment idempotencyKey createdAt
    }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** The API's outcome names, as the stored labels an export writes. */
const OUTCOME_OF_NAME: Record<string, OutcomeLabel> = {
  A_MUCH_BETTER: 'A>>B',
  A_BETTER: 'A>B',
  TIE: 'A=B',
  B_BETTER: 'B>A',
  B_MUCH_BETTER: 'B>>A',
  BOTH_BAD: 'BOTH_BAD',
};

interface RemoteVerdict {
  judge: { name: string; kind: string; version: string };
  prompt: {
    externalId: string | null;
    text: string | null;
    category: string | null;
    tags: string[];
  };
  modelA: { name: string };
  modelB: { name: string };
  responseA: { text: string } | null;
  responseB: { text: string } | null;
  outcome: string;
  preferenceA: number | null;
  shownFirst: string | null;
  judgment: string | null;
  idempotencyKey: string | null;
  createdAt: string;
}

/** Every verdict of the slice, page by page, in the rows `verdicts export` writes. */
export async function* remoteVerdicts(
  server: RemoteServer,
  filter: VerdictFilter,
): AsyncGenerator<ExportedVerdict> {
  let after: string | null = null;
  for (;;) {
    const page: {
      verdicts: {
        nodes: RemoteVerdict[];
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
      };
    } = await queryRemote(server, VERDICTS_PAGE, { filter: verdictFilterInput(filter), after });
    for (const node of page.verdicts.nodes) {
      yield {
        judge: node.judge.name,
        judge_kind: node.judge.kind,
        judge_version: node.judge.version,
        prompt_id: node.prompt.externalId,
        prompt_text: node.prompt.text,
        category: node.prompt.category,
        tags: node.prompt.tags,
        model_a: node.modelA.name,
        model_b: node.modelB.name,
        response_a: node.responseA?.text ?? null,
        response_b: node.responseB?.text ?? null,
        outcome: OUTCOME_OF_NAME[node.outcome] ?? node.outcome,
        preference_a: node.preferenceA,
        shown_first: node.shownFirst,
        judgment: node.judgment,
        idempotency_key: node.idempotencyKey,
        created_at: node.createdAt,
      };
    }
    if (!page.verdicts.pageInfo.hasNextPage) return;
    after = page.verdicts.pageInfo.endCursor;
  }
}
