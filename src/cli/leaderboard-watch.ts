/**
 * `verdicts leaderboard --watch --url http://host:4000/graphql`: subscribes to a running server's
 * `leaderboardChanged` and prints the table again whenever it changes, until Ctrl-C. The embedded
 * database belongs to the server process, so the CLI reaches it through the API.
 */
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { Config } from '../config';
import type { LeaderboardRequest } from '../services/leaderboard-request';
import { UsageError, type OptionSpec, type ParsedArguments } from './arguments';
import { formatLeaderboard, type LeaderboardTable } from './leaderboard-command';
import {
  describeErrors,
  leaderboardInput,
  REMOTE_BOARD_FIELDS,
  REMOTE_OPTIONS,
} from './remote-server';

export const WATCH_OPTIONS: OptionSpec[] = [
  {
    name: 'watch',
    kind: 'boolean',
    description:
      'Subscribe to a running server (--url) and print the table again whenever it changes.',
  },
  ...REMOTE_OPTIONS,
];

const SUBSCRIPTION = `subscription Watch($input: LeaderboardInput) {
  leaderboardChanged(input: $input) {${REMOTE_BOARD_FIELDS}
  }
}`;

export async function watchLeaderboard(
  parsed: ParsedArguments,
  request: LeaderboardRequest,
  config: Config,
): Promise<number> {
  const url = parsed.options.get('url');
  if (typeof url !== 'string') {
    throw new UsageError(
      'verdicts leaderboard: --watch needs the server: --watch --url http://host:4000/graphql.',
    );
  }
  const key = (parsed.options.get('api-key') as string | undefined) ?? config.apiKey;
  const client = createClient({
    url: webSocketUrl(url),
    webSocketImpl: WebSocket,
    connectionParams: key ? { authorization: `Bearer ${key}` } : {},
    // A server restart is waited out; a refused key (4401) ends the watch at once.
    retryAttempts: 30,
    shouldRetry: () => true,
    retryWait: (retries) =>
      new Promise((resolve) => setTimeout(resolve, Math.min(5000, 500 * 2 ** retries))),
  });
  const json = parsed.options.get('json') === true;
  try {
    await printEvents(client, leaderboardInput(request), json);
    return 0;
  } finally {
    await client.dispose();
  }
}

function webSocketUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(
      `--url must be the server's GraphQL URL (http://host:4000/graphql), but got ${JSON.stringify(url)}.`,
    );
  }
  if (!['http:', 'https:', 'ws:', 'wss:'].includes(parsed.protocol)) {
    throw new UsageError(`--url must be an http(s) or ws(s) URL, but got ${JSON.stringify(url)}.`);
  }
  parsed.protocol = parsed.protocol === 'https:' || parsed.protocol === 'wss:' ? 'wss:' : 'ws:';
  return parsed.toString();
}

/** Resolves on Ctrl-C or SIGTERM; rejects when the subscription fails for good. */
function printEvents(client: Client, input: Record<string, unknown>, json: boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const stop = () => {
      unsubscribe();
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    const finish = (error?: Error) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      if (error) reject(error);
      else resolve();
    };
    const unsubscribe = client.subscribe<{ leaderboardChanged: LeaderboardTable }>(
      { query: SUBSCRIPTION, variables: { input } },
      {
        next: (result) => {
          if (result.errors) {
            finish(new Error(describeErrors(result.errors)));
            return;
          }
          const board = result.data?.leaderboardChanged;
          if (!board) return;
          if (json) console.log(JSON.stringify(board));
          else console.log(`\n${new Date().toISOString()}\n${formatLeaderboard(board)}`);
        },
        error: (error: unknown) => finish(new Error(describeFailure(error))),
        complete: () => finish(),
      },
    );
  });
}

function describeFailure(error: unknown): string {
  if (Array.isArray(error)) return describeErrors(error);
  if (typeof error === 'object' && error !== null && 'code' in error && 'reason' in error) {
    const { code, reason } = error as { code: number; reason: string };
    return `the server closed the connection (${code}${reason ? `: ${reason}` : ''}).`;
  }
  return error instanceof Error ? `cannot reach the server: ${error.message}` : String(error);
}
